# Measuring memory: CLIO_MEMSTATS prints the report's memory by stage (and changes
# nothing in the page); bench/peakmem tells a process's own memory from the file pages
# it maps (bench/scale's own_MB and mapped_MB columns).
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS=data/corpora/stalin-essays

run report -q -o "$TMP/plain.html" "$CORPUS"
check_status 0 "report without CLIO_MEMSTATS"
grep -q "^memstats:" "$TMP/err" && fail "no memstats lines without CLIO_MEMSTATS" || ok

CLIO_MEMSTATS=full run report -q -o "$TMP/stats.html" "$CORPUS"
check_status 0 "report with CLIO_MEMSTATS=full"
cmp -s "$TMP/plain.html" "$TMP/stats.html" && ok || fail "CLIO_MEMSTATS changes nothing in the page"
for stage in "documents read" timeline factions claims "search index" page; do
    grep -qE "^memstats: report: $stage +lua +[0-9.]+ MB +own +[0-9.]+ MB +mapped +[0-9.]+ MB +cpu +[0-9.]+ s" "$TMP/err" &&
        ok || fail "a memstats line for the stage '$stage'"
done
grep -qE "^memstats: report: factions .* [0-9]+ documents tagged, [0-9]+ mentions" "$TMP/err" && ok ||
    fail "the factions stage counts what it keeps"
# own memory is read from /proc: a real, positive figure
own=$(sed -n 's/^memstats: report: page .* own *\([0-9.]*\) MB.*/\1/p' "$TMP/err")
awk -v o="$own" 'BEGIN { exit !(o > 0) }' && ok || fail "own memory is positive (got '$own')"

# bench/peakmem: 200 MB allocated is own memory; 64 MB of a file read through mmap is mapped
if command -v python3 >/dev/null && [ -r /proc/self/status ]; then
    python3 "$ROOT/bench/peakmem" -o "$TMP/anon" python3 -c '
import time
b = bytearray(200 << 20)
for i in range(0, len(b), 4096): b[i] = 1
time.sleep(0.5)'
    read -r wall cpu maxrss own mapped <"$TMP/anon"
    [ "$own" -ge $((180 << 10)) ] && [ "$mapped" -lt $((100 << 10)) ] && [ "$maxrss" -ge "$own" ] && ok ||
        fail "peakmem: 200 MB allocated is own memory (own $own KiB, mapped $mapped KiB, maxrss $maxrss KiB)"
    head -c $((64 << 20)) /dev/zero >"$TMP/file"
    python3 "$ROOT/bench/peakmem" -o "$TMP/file.txt" python3 -c '
import mmap, sys, time
with open(sys.argv[1], "rb") as f:
    m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
    s = sum(m[i] for i in range(0, len(m), 4096))
    time.sleep(0.5)' "$TMP/file"
    read -r wall cpu maxrss own mapped <"$TMP/file.txt"
    [ "$mapped" -ge $((60 << 10)) ] && [ "$own" -lt $((60 << 10)) ] && ok ||
        fail "peakmem: a mapped 64 MB file is mapped, not own (own $own KiB, mapped $mapped KiB)"
    python3 "$ROOT/bench/peakmem" -o "$TMP/st" sh -c 'exit 3'
    [ $? -eq 3 ] && ok || fail "peakmem returns the command's status"
else
    echo "skipped the bench/peakmem checks: no python3 or /proc"
fi
done_testing
