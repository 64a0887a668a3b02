# clio timeline on worker threads: the same bytes out for any --threads, $CLIO_THREADS,
# and inline (no threads) under --sandbox and the limits.
. "$(dirname "$0")/lib.bash"
# every run computes its dates: a cached annotation would hide the threads' work
export CLIO_NO_CACHE=1

SAMPLE=data/corpora/stalin-essays

# same_for_threads NAME ARGS...: timeline with --threads 1 and each of $MORE (2 and 3
# unless set) gives one output
same_for_threads() {
    local name=$1
    shift
    run timeline "$@" --threads 1
    check_status 0 "$name, one thread"
    cp "$TMP/out" "$TMP/want"
    [ -s "$TMP/want" ] && ok || fail "$name: output with one thread"
    for n in ${MORE:-2 3}; do
        run timeline "$@" --threads "$n"
        check_status 0 "$name, $n threads"
        check_out_equals "$TMP/want" "$name: $n threads give the bytes of one"
    done
}

# the sample folder: sixteen documents
same_for_threads "sample jsonl" -f jsonl "$SAMPLE"
check_out '"text":"September 1928","type":"DATE","value":"1928-09"' "dates found with threads"
check_out '"text":"The following year","type":"DATE","value":"1927","anchor":"1926"' \
    "relative dates anchored with threads"
cp "$TMP/want" "$TMP/sample.jsonl"
[ "$(wc -l <"$TMP/sample.jsonl")" -gt 50 ] && ok || fail "the sample has many expressions"
MORE=2 same_for_threads "sample table" "$SAMPLE"
check_out "dated events" "table view with threads"
MORE=2 same_for_threads "sample csv with --all" -f csv --all "$SAMPLE"
MORE=2 same_for_threads "sample entries" -f jsonl --entries "$SAMPLE"
MORE=2 same_for_threads "sample --scan-all" -f jsonl --scan-all "$SAMPLE"
check_out_equals "$TMP/sample.jsonl" "--scan-all with threads: the records of the candidates"
MORE=2 same_for_threads "sample with a reference time" -f jsonl --reference-time 1930-06 "$SAMPLE"

# the excerpts joined by blank lines into one file, read as documents (--split blank)
# and as one document of sixteen paragraphs
for f in "$SAMPLE"/*.txt; do cat "$f"; printf '\n\n'; done >"$TMP/joined.txt"
same_for_threads "joined --split blank" -f jsonl --split blank "$TMP/joined.txt"
cp "$TMP/want" "$TMP/joined.jsonl"
[ "$(wc -l <"$TMP/out")" -eq "$(wc -l <"$TMP/sample.jsonl")" ] && ok \
    || fail "--split blank finds as many expressions as the folder"

# twenty copies in one document (480 KB): several jobs, pieces of the document in
# each, anchoring carried from job to job
for i in $(seq 20); do cat "$TMP/joined.txt"; done >"$TMP/big.txt"
same_for_threads "480 KB document" -f jsonl "$TMP/big.txt"
cp "$TMP/want" "$TMP/big1.jsonl"
[ "$(wc -l <"$TMP/out")" -eq $((20 * $(wc -l <"$TMP/sample.jsonl"))) ] && ok \
    || fail "twenty copies, twenty times the expressions"
check_out '"text":"The following year","type":"DATE","value":"1927","anchor":"1926"' \
    "anchoring in a large document"
MORE=3 same_for_threads "480 KB document, table" "$TMP/big.txt"
MORE=2 same_for_threads "480 KB in documents" -f tsv --split blank "$TMP/big.txt"

# a grammar extension reaches the workers
{ cat "$TMP/joined.txt"; printf 'Bukharin spoke at the July plenum against Stalin.\n'; } >"$TMP/plenum.txt"
MORE=2 same_for_threads "--grammar" -f jsonl --grammar tests/data/grammar/plenum.lua "$TMP/plenum.txt"
check_out '"text":"the July plenum","type":"DATE","value":"1928-07"' "the user rule fires on a worker"

# a grammar file that fails only in a worker state: the run ends with its message
cat >"$TMP/main-only.lua" <<'LUA'
if not package.loaded["clio.cli"] then error("this grammar loads only in the main state", 0) end
return function(tagger) end
LUA
run timeline -f jsonl --grammar "$TMP/main-only.lua" --threads 1 "$SAMPLE"
check_status 0 "a main-state grammar, inline"
check_out_equals "$TMP/sample.jsonl" "a grammar that adds nothing"
run timeline -f jsonl --grammar "$TMP/main-only.lua" --threads 2 "$SAMPLE"
check_status 1 "a grammar failing in a worker"
check_err "clio: this grammar loads only in the main state" "the worker's message"
grep -q "traceback" "$TMP/err" && fail "a worker's failure shows a traceback" || ok

# --threads takes 1 to 64
for bad in 0 x 65 -1 1.5 ''; do
    run timeline -f jsonl --threads "$bad" "$SAMPLE"
    check_status 2 "--threads '$bad'"
    check_err "--threads" "--threads '$bad' is named in the message"
    [ -s "$TMP/out" ] && fail "--threads '$bad' printed records" || ok
done
run timeline -f jsonl --threads 64 "$SAMPLE"
check_status 0 "--threads 64"
check_out_equals "$TMP/sample.jsonl" "64 threads"

# --scan-all (every sentence, in blocks cut at paragraph breaks) on one document of
# paragraphs, with threads: the records of the candidates
run timeline -f jsonl --threads 1 "$TMP/joined.txt"
cp "$TMP/out" "$TMP/joined-one.jsonl"
run timeline -f jsonl --scan-all --threads 2 "$TMP/joined.txt"
check_status 0 "--scan-all --threads 2 on paragraphs"
check_out_equals "$TMP/joined-one.jsonl" "--scan-all --threads 2: the records of the candidates"

# $CLIO_THREADS sets the default, at any size (as --threads does)
CLIO_THREADS=2 run timeline -f jsonl "$SAMPLE"
check_status 0 "CLIO_THREADS=2"
check_out_equals "$TMP/sample.jsonl" "CLIO_THREADS=2"
# past 4 MB in one document: candidates in more than one block of the core, and the
# default thread count used
for i in $(seq 9); do cat "$TMP/big.txt"; done >"$TMP/huge.txt"
[ "$(wc -c <"$TMP/huge.txt")" -gt $((4 << 20)) ] && ok || fail "huge.txt is over 4 MiB"
run timeline -f jsonl --threads 1 "$TMP/huge.txt"
check_status 0 "4.3 MB, one thread"
cp "$TMP/out" "$TMP/huge1.jsonl"
[ "$(wc -l <"$TMP/out")" -eq $((180 * $(wc -l <"$TMP/sample.jsonl"))) ] && ok \
    || fail "180 copies, 180 times the expressions"
CLIO_THREADS=2 run timeline -f jsonl "$TMP/huge.txt"
check_status 0 "CLIO_THREADS=2 on 4.3 MB"
check_out_equals "$TMP/huge1.jsonl" "CLIO_THREADS=2 on 4.3 MB: the bytes of one thread"

cat >"$TMP/threads.lua" <<'LUA'
local clio = require "clio"
local pool = clio.parallel.pool("clio.timeline_job", "run")
local p, why = clio.core.pool("clio.timeline_job", "run", 2)
print(clio.parallel.threads(), pool.threads, p and "pool" or why)
LUA
cpus=$(getconf _NPROCESSORS_ONLN)
[ "$cpus" -gt 64 ] && cpus=64
defaults() { [ "$cpus" -gt 1 ] && echo "$cpus	$cpus	pool" || echo "1	1	pool"; }
for case in "2:2	2	pool" "1:1	1	pool" "5:5	5	pool" "500:64	64	pool" "0:$(defaults)" \
    "junk:$(defaults)" "7.9:7	7	pool"; do
    CLIO_THREADS=${case%%:*} run run "$TMP/threads.lua"
    check_status 0 "CLIO_THREADS=${case%%:*} in a script"
    [ "$(cat "$TMP/out")" = "${case#*:}" ] && ok \
        || fail "CLIO_THREADS=${case%%:*}: want '${case#*:}'"
done

# confined runs: no worker states (they would escape the sandbox and the limits), the
# jobs run inline, and the output is the same
for host in --sandbox "--timeout 120" "--max-memory 4000" "--max-instructions 100000000000"; do
    # shellcheck disable=SC2086
    CLIO_THREADS=5 run $host run "$TMP/threads.lua"
    check_status 0 "$host: a script"
    check_out "1	no worker threads under --sandbox or a limit" "$host: core.pool refuses, inline"
    # shellcheck disable=SC2086
    run $host timeline -f jsonl --threads 3 "$SAMPLE"
    check_status 0 "$host timeline"
    check_out_equals "$TMP/sample.jsonl" "$host timeline: the same output"
done
run --sandbox timeline -f jsonl --split blank "$TMP/joined.txt" --threads 2
check_status 0 "--sandbox timeline --split blank"
check_out_equals "$TMP/joined.jsonl" "--sandbox --split blank: the same output"
run --sandbox timeline -f jsonl "$TMP/big.txt"
check_status 0 "--sandbox timeline on 480 KB"
check_out_equals "$TMP/big1.jsonl" "--sandbox on 480 KB: the same output"

done_testing
