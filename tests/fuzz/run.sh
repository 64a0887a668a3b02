#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/, ASan + UBSan) and runs each
# for SECONDS (default 60), two at a time, starting from the committed seeds; new
# corpus entries go to build-fuzz/corpus/<target>/ (not committed), crashes to
# build-fuzz/crashes/<target>/. Exits non-zero when any target found a crash.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#   FUZZ_JOBS=2 (targets at once), FUZZ_RUNS=N (stop each after N executions, SECONDS
#   still the cap), FUZZ_SEED=N (a fixed seed: the same inputs in the same order, so a
#   shorter run on a slower machine tries a prefix of a longer one), FUZZ_BUILD=dir,
#   CC=clang-14
set -uo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
shift || true
BUILD=${FUZZ_BUILD:-build-fuzz}
JOBS=${FUZZ_JOBS:-2}
CC=${CC:-clang-14}
command -v "$CC" >/dev/null || CC=clang
ALL="utf8 tokenize clean table tei rows jsonl query index regex index_lua index_merge codec"
TARGETS=${*:-$ALL}

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    CC=$CC cmake -S . -B "$BUILD" -DCLIO_FUZZ=ON -DCLIO_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
fi
cmake --build "$BUILD" -j "$(nproc)" --target fuzz >/dev/null || {
    cmake --build "$BUILD" --target fuzz; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
    local t=$1 corpus=$BUILD/corpus/$1 crashes=$BUILD/crashes/$1
    mkdir -p "$corpus" "$crashes"
    local dict=() start
    start=$(date +%s)
    [ -f tests/fuzz/dict/$t.dict ] && dict=(-dict=tests/fuzz/dict/$t.dict)
    "$BUILD/tests/fuzz/fuzz_$t" "$corpus" tests/fuzz/seeds/"$t" "${dict[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
        >"$BUILD/fuzz-$t.log" 2>&1
    local rc=$?
    local execs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD/fuzz-$t.log" | grep -o '[0-9]*$')
    if [ $rc -eq 0 ]; then
        echo "fuzz $t: ok, ${execs:-?} executions in $(($(date +%s) - start))s"
    else
        echo "fuzz $t: FAILED (status $rc), input in $crashes/; log $BUILD/fuzz-$t.log:"
        grep -E 'ERROR|SUMMARY|invariant|runtime error' "$BUILD/fuzz-$t.log" | head -5
    fi
    return $rc
}

status=0
running=0
for t in $TARGETS; do
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done
exit $status
