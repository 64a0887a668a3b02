#!/usr/bin/env bash
# Reads that never crash: files cut short while clio reads them, damaged indexes,
# temporary files that killed runs left, symlinks out of a corpus folder.
source "$(dirname "$0")/lib.bash"
cd "$TMP" || exit 1

# a text of about 2.5 MB: mapped, not read (files under 64 KiB are read)
make_big() {
    python3 - "$1" <<'PY'
import random, sys
random.seed(7)
w = ['the', 'war', 'of', 'peace', 'and', 'stalin', 'party', 'moscow', 'soviet', 'treaty']
with open(sys.argv[1], 'w') as f:
    for i in range(40000):
        f.write(' '.join(random.choice(w) for _ in range(12)) + '.\n')
PY
}
no_temporaries() { # DIR WHAT
    local left
    left=$(find "$1" -name '*.tmp-*' | head -3)
    [ -z "$left" ] && ok || fail "$2: temporary files left: $left"
}

# ---- a file cut short under a reader: a clean failure, never SIGBUS ----------------
make_big big.txt
cat >cut_corpus.lua <<'LUA'
local clio = require "clio"
local c = assert(clio.open(arg[1]))
io.open(arg[1], "w"):close() -- another program truncates the file
for d in c:docs() do print(#d:tokens()) end
LUA
run run cut_corpus.lua big.txt
check_status 1 "corpus file cut short before tokens"
check_err "big.txt: changed while being read" "corpus file cut short: names the file"

make_big big.txt
run index big.txt -o big.clio
check_status 0 "index of the big file"
cat >cut_index.lua <<'LUA'
local clio = require "clio"
local ix = assert(clio.index.open(arg[1]))
io.open(arg[1], "w"):close()
print(#ix:freq())
LUA
run run cut_index.lua big.clio
check_status 1 "index cut short under a reader"
check_err "big.clio: changed while being read" "index cut short: names the index"

make_big big.txt
run index big.txt -o big.clio
cat >cut_source.lua <<'LUA'
local clio = require "clio"
local ix = assert(clio.index.open(arg[1]))
local hits = assert(ix:query("stalin"))
ix:sources() -- maps the source
io.open(arg[2], "w"):close()
for _, h in ipairs(hits) do local _ = ix:kwic(h) end
print(#hits)
LUA
# the index's source read after a cut: either refused as changed or a clean failure
run run cut_source.lua big.clio big.txt
[ "$STATUS" -ne 135 ] && [ "$STATUS" -ne 139 ] && ok || fail "source cut short: status $STATUS"

# commands with a file cut at a random moment of their run: status 0 (the cut came
# before or after the read) or 1 with the message, never a signal, never a temporary
mkdir -p cuts
make_big cuts/whole.txt
for cmd in freq summary index; do
    for delay in 0.05 0.2; do
        cat cuts/whole.txt cuts/whole.txt cuts/whole.txt cuts/whole.txt >cuts/big.txt
        out=cuts/out.$cmd
        [ "$cmd" = index ] && out=cuts/big.clio
        ( sleep "$delay"; : >cuts/big.txt ) &
        cutter=$!
        "$CLIO" "$cmd" cuts/big.txt -o "$out" >"$TMP/out" 2>"$TMP/err"
        STATUS=$?
        wait "$cutter"
        if [ "$STATUS" -eq 0 ]; then
            ok
        elif [ "$STATUS" -eq 1 ] && grep -q "changed while being read\|changed since\|is stale" "$TMP/err"; then
            ok
        else
            fail "$cmd with the file cut after ${delay}s: status $STATUS"
        fi
        rm -f cuts/big.txt cuts/out.* cuts/big.clio
        no_temporaries cuts "$cmd cut after ${delay}s"
    done
done

# ---- temporary files that a killed run left: removed by the next write --------------
printf 'one two three\n' >small.txt
sh -c 'exit 0' & dead=$!
wait "$dead"
sleep 100 & live=$!
: >"out.csv.tmp-$dead-7"
: >"out.csv.tmp-$live-7"
: >"out.csv.tmp-notes"
: >"small.clio.tmp-$dead"
run freq small.txt -f csv -o out.csv
check_status 0 "freq -o beside stale temporaries"
[ ! -e "out.csv.tmp-$dead-7" ] && ok || fail "a dead run's -o temporary stays"
[ -e "out.csv.tmp-$live-7" ] && ok || fail "a live run's -o temporary was removed"
[ -e "out.csv.tmp-notes" ] && ok || fail "a file not of clio's naming was removed"
run index small.txt -o small.clio
check_status 0 "index beside a stale temporary"
[ ! -e "small.clio.tmp-$dead" ] && ok || fail "a dead build's temporary stays"
kill "$live" 2>/dev/null
rm -f out.csv.tmp-*

# a run killed while writing -o leaves its temporary; the next write removes it
make_big big.txt
for _ in 1 2 3 4 5 6; do cat big.txt; done >big6.txt
"$CLIO" freq big6.txt -f csv -n 0 -o killed.csv 2>/dev/null &
victim=$!
for _ in $(seq 100); do
    ls killed.csv.tmp-* >/dev/null 2>&1 && break
    sleep 0.02
done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
run freq small.txt -f csv -o killed.csv
check_status 0 "freq -o after a killed run"
no_temporaries . "after a killed -o run"

# ---- a symlink out of a corpus folder: not followed unless asked -------------------
mkdir -p links/corpus/sub links/outside
printf 'alpha words here.\n' >links/corpus/a.txt
printf 'beta words here.\n' >links/corpus/sub/b.txt
printf 'gamma words here.\n' >links/outside/c.txt
ln -s / links/corpus/root
ln -s ../outside links/corpus/out
ln -s "$TMP/links" links/corpus/up
run summary links/corpus -f csv
check_status 0 "a folder holding a symlink to /"
check_out "(all),35,2," "only the folder's own files are read"
grep -q "c.txt" "$TMP/out" && fail "the folder outside was read" || ok
check_err "links/corpus/root: not followed" "the link to / is named"
check_err "links/corpus/out: not followed" "the link out of the folder is named"
check_err "--follow-symlinks" "the warning says how to follow"
rm links/corpus/root links/corpus/up
run summary links/corpus --follow-symlinks -f csv
check_status 0 "--follow-symlinks"
check_out "out/c.txt," "--follow-symlinks reads the linked folder"
run run /dev/stdin <<<'local c = assert(require("clio").open(arg[1])); print(#c, table.concat(c:skipped(), ","))' links/corpus
check_out "2	links/corpus/out" "corpus:skipped() lists the link"

done_testing
