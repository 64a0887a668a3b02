# clio index + concord end to end: exact counts on the sample corpus (checked with grep),
# formats, query errors, stale and damaged indexes, a killed build.
. "$(dirname "$0")/lib.bash"
SAMPLE=data/corpora/stalin-essays

# grep -o counts 31 "Trotsky" + 7 "Trotsky’s"; "Trotskyites" is another word
run concord --count Trotsky $SAMPLE
check_status 0 "concord --count"
[ "$(cat "$TMP/out")" = 38 ] && ok || fail "Trotsky: 38 hits"
run concord --count Lenin $SAMPLE
[ "$(cat "$TMP/out")" = 30 ] && ok || fail "Lenin: 12 + 16 Lenin’s + 2 Lenins = 30"

run concord -f jsonl Trotsky $SAMPLE
check_status 0 "concord jsonl"
[ "$(wc -l <"$TMP/out")" -eq 38 ] && ok || fail "one jsonl line per hit"
check_out '{"doc":"01-consolidation-of-power.txt","start":1551,"end":1558,"left":". In 1922 Lenin and","match":"Trotsky","right":"began to communicate about policy","sentence":' "jsonl fields in order"

run concord -f csv -n 2 --sort left '"soviet union"' $SAMPLE
check_status 0 "concord csv"
check_out "doc,start,end,left,match,right,sentence" "csv header"
[ "$(wc -l <"$TMP/out")" -eq 3 ] && ok || fail "--limit 2"

run concord -n 3 Trotsky $SAMPLE
check_status 0 "concord table"
check_out "01-consolidation-of-power.txt:1551" "table names doc:offset"
check_out "In 1922 Lenin and Trotsky began to communicate" "table line"
check_err "38 hits" "table counts hits on stderr"
# the contexts keep the source's spacing: no space between a word and the full stop after it
run concord -w 3 power $SAMPLE
check_out "with little power. Shortly after" "a full stop right after the match"
grep -q "power \." "$TMP/out" && fail "a space before the full stop the source attaches" || ok

run concord 'stalin AND (trotsky' $SAMPLE
check_status 2 "bad query is a usage error"
check_err 'query error at 19: expected ")"' "bad query message"

# an index file beside the corpus, found by itself; refused when stale, --rebuild
cp -r $SAMPLE "$TMP/c"
run index "$TMP/c"
check_status 0 "clio index"
[ -f "$TMP/c.clio" ] && ok || fail "PATH.clio written"
run index --check "$TMP/c.clio"
check_status 0 "index --check"
check_out "ok (16 documents" "check says ok"
run concord --count Trotsky "$TMP/c"
[ "$(cat "$TMP/out")" = 38 ] && ok || fail "concord reads PATH.clio"
printf 'Trotsky again.\n' >>"$TMP/c/02-policies-and-the-people.txt"
run concord --count Trotsky "$TMP/c"
check_status 1 "stale index refused"
check_err "index $TMP/c.clio is stale: $TMP/c/02-policies-and-the-people.txt: changed since the index $TMP/c.clio was built (size was 878 bytes, now 893) (--rebuild rebuilds it)" "stale message names file and reason"
run concord --count --rebuild Trotsky "$TMP/c"
check_status 0 "--rebuild"
[ "$(cat "$TMP/out")" = 39 ] && ok || fail "rebuilt index sees the new text"
# a file new in the folder makes its index stale too (a hidden file is no corpus file)
printf 'Trotsky in a hidden file.\n' >"$TMP/c/.notes.txt"
run concord --count Trotsky "$TMP/c"
[ "$(cat "$TMP/out")" = 39 ] && ok || fail "a hidden file changes nothing"
mkdir -p "$TMP/c/later"
printf 'Trotsky in exile.\n' >"$TMP/c/later/exile.txt"
run concord --count Trotsky "$TMP/c"
check_status 1 "a new file in the folder: stale"
check_err "index $TMP/c.clio is stale: $TMP/c/later/exile.txt is new in $TMP/c (--rebuild rebuilds it)" "the message names the new file"
run concord --count --rebuild Trotsky "$TMP/c"
[ "$(cat "$TMP/out")" = 40 ] && ok || fail "rebuilt with the new file"
run concord --count Trotsky "$TMP/c"
check_status 0 "fresh again after the rebuild"
rm -r "$TMP/c/later" "$TMP/c/.notes.txt"
run concord --count --rebuild Trotsky "$TMP/c"
[ "$(cat "$TMP/out")" = 39 ] && ok || fail "a removed file: rebuilt without it"
# an index kept anywhere (-o) knows the folders it read: a file added to one makes it
# stale for --index, for `clio index --check` and for clio.index.open
run index "$TMP/c" -o "$TMP/elsewhere.clio"
check_status 0 "an index written elsewhere"
run concord --count --index "$TMP/elsewhere.clio" Trotsky
check_status 0 "fresh"
printf 'Trotsky, added later.\n' >"$TMP/c/17-added.txt"
run concord --count --index "$TMP/elsewhere.clio" Trotsky
check_status 1 "--index: a file added to its folder makes it stale"
check_err "index $TMP/elsewhere.clio is stale: $TMP/c/17-added.txt is new in $TMP/c" "--index: the new file named"
run index --check "$TMP/elsewhere.clio"
check_status 1 "index --check sees the new file"
check_err "$TMP/c/17-added.txt is new in $TMP/c" "index --check names it"
printf 'local ix, err = require("clio").index.open(...)\nprint(ix, err)\n' >"$TMP/open.lua"
run run "$TMP/open.lua" "$TMP/elsewhere.clio"
check_out "nil	index $TMP/elsewhere.clio is stale: $TMP/c/17-added.txt is new in $TMP/c" "clio.index.open refuses it"
rm "$TMP/c/17-added.txt"
run concord --count --index "$TMP/elsewhere.clio" Trotsky
check_status 0 "the file removed again: fresh"
rm "$TMP/c/03-leader-after-lenin.txt"
run index --check "$TMP/elsewhere.clio"
check_status 1 "a removed file: stale"
check_err "03-leader-after-lenin.txt" "the removed file named"
cp $SAMPLE/03-leader-after-lenin.txt "$TMP/c/"
# the index records how it read the corpus: read another way, it is stale
run index --split blank --no-rules "$TMP/c"
check_status 0 "an index built with --split blank --no-rules"
run concord --count Trotsky "$TMP/c"
check_status 1 "read without them: stale"
check_err "index $TMP/c.clio is stale: built with split=blank rules=none, read with split=none rules=default (--rebuild rebuilds it)" "the message names the options"
run concord --count --split blank --no-rules Trotsky "$TMP/c"
check_status 0 "read the same way: fresh"
run concord --count --index "$TMP/c.clio" Trotsky
check_status 0 "named with --index, the index is taken as built"
run concord --count --rebuild Trotsky "$TMP/c"
check_status 0 "--rebuild with the options of the command"
run concord --count Trotsky "$TMP/c"
check_status 0 "fresh for them after the rebuild"

# a damaged index is refused with a message
cp "$TMP/c.clio" "$TMP/bad.clio"
printf '\x55' | dd of="$TMP/bad.clio" bs=1 seek=5000 conv=notrunc 2>/dev/null
run index --check "$TMP/bad.clio"
check_status 1 "damaged index refused"
check_err "damaged index: checksum mismatch in the block at byte 4096" "damage message"
head -c 3000 "$TMP/c.clio" >"$TMP/short.clio"
run concord --index "$TMP/short.clio" Trotsky
check_status 1 "truncated index refused"
check_err "not a clio index" "truncated message"

# a killed build leaves the previous index as it was
big="$TMP/big.txt"
for _ in $(seq 400); do cat $SAMPLE/*.txt; done >"$big"
run index "$big" -o "$TMP/k.clio"
cp "$TMP/k.clio" "$TMP/k.before"
printf 'Trotsky.\n' >>"$big"
"$CLIO" index "$big" -o "$TMP/k.clio" 2>/dev/null &
pid=$!
sleep 0.05
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
cmp -s "$TMP/k.clio" "$TMP/k.before" && ok || fail "killed build changed the index"
run index --check "$TMP/k.clio"
check_err "is stale" "the old index still opens (and knows it is stale)"
run index "$big" -o "$TMP/k.clio"
check_status 0 "the next build"
ls "$TMP" | grep -q 'k.clio.tmp-' && fail "the killed build's temporary file is left" || ok

# an index built from relative paths answers from any working folder
"$CLIO" index data/corpora/stalin-essays -o "$TMP/rel.clio" >/dev/null 2>&1
CLIO_ABS=$(cd "$(dirname "$CLIO")" && pwd)/$(basename "$CLIO")
(cd "$TMP" && "$CLIO_ABS" concord --count --index rel.clio Trotsky) >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "an index opened from another folder"
check_out "38" "finds its sources by absolute path"

done_testing
