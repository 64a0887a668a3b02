# Scale-out without a scheduler: a corpus annotated in parts (clio annotate --part K/N),
# the segments merged (clio merge), and every analysis and the report run from the
# merged store give exactly what one process gives, byte for byte; merge refuses a
# missing, doubled or differently read part.
source "$(dirname "$0")/lib.bash"

CORPUS=data/corpora/stalin-essays
LEX="--lexicon soviet-power-struggle"
export XDG_CACHE_HOME="$TMP/cache"   # the merged run must not lean on a warm cache

for k in 0 1 2 3; do
    run annotate --part $k/4 -o "$TMP/seg" $LEX $CORPUS
    check_status 0 "annotate part $k of 4"
    check_err "part $k of 4:" "annotate says which part it wrote"
done
[ -s "$TMP/seg/part-3-of-4/manifest.tsv" ] && ok || fail "a segment has its manifest"

run merge -o "$TMP/merged" "$TMP/seg"
check_status 0 "merge four parts"
check_err "4 parts, 16 documents" "merge counts parts and documents"

# what a run computed (CLIO_ANNOTATE_STATS=1): from the merged store, no date, mention
# or claim is computed again and no grammar is built
check_loaded_only() {
    grep -q "grammars built 0" "$TMP/err" && ! grep -Eq "computed [^;]*(timex|mentions|claims)" "$TMP/err" &&
        ok || fail "$1: computed again from merged annotations: $(grep annotations: "$TMP/err")"
}
export CLIO_ANNOTATE_STATS=1
for cmd in "timeline" "factions $LEX" "claims $LEX"; do
    CLIO_NO_CACHE=1 "$CLIO" $cmd -f jsonl $CORPUS >"$TMP/single.jsonl" 2>/dev/null
    run $cmd -f jsonl --annotations "$TMP/merged" $CORPUS
    check_status 0 "${cmd%% *} from the merged annotations"
    check_loaded_only "${cmd%% *}"
    [ -s "$TMP/single.jsonl" ] && ok || fail "${cmd%% *}: a single run gives records"
    check_out_equals "$TMP/single.jsonl" "${cmd%% *}: merged run = single run, byte for byte"
done
CLIO_NO_CACHE=1 "$CLIO" report -q $LEX -o "$TMP/single.html" $CORPUS 2>/dev/null
run report -q $LEX --annotations "$TMP/merged" -o "$TMP/merged.html" $CORPUS
check_status 0 "the report from the merged annotations"
check_loaded_only "report"
# the report's own layers (token counts, search tokens) come from the parts too
grep -Eq "loaded [^;]*counts [0-9]+, [^;]*searchtokens 16" "$TMP/err" && ! grep -Eq "computed [^;]*(counts|searchtokens)" "$TMP/err" &&
    ok || fail "report: its counts and search tokens from merged annotations: $(grep annotations: "$TMP/err")"
cmp -s "$TMP/single.html" "$TMP/merged.html" && ok || fail "merged report = single report"

# no lexicon: each part finds what its documents name (the actors layer); the run over
# the merged store joins the names across documents, in order, and finds nothing again
for k in 0 1; do run annotate --part $k/2 -o "$TMP/dseg" $CORPUS; check_status 0 "discovered: part $k of 2"; done
grep -Eq "computed [^;]*actors [0-9]+" "$TMP/err" && ! grep -Eq "computed [^;]*mentions" "$TMP/err" && ok ||
    fail "a part finds its documents' actors and joins nothing: $(grep annotations: "$TMP/err")"
run merge -o "$TMP/dmerged" "$TMP/dseg"
check_status 0 "discovered: merge two parts"
CLIO_NO_CACHE=1 "$CLIO" factions -f jsonl $CORPUS >"$TMP/single.jsonl" 2>/dev/null
run factions -f jsonl --annotations "$TMP/dmerged" $CORPUS
check_status 0 "discovered actors from the merged annotations"
grep -Eq "computed mentions 16; loaded actors 16," "$TMP/err" && ok ||
    fail "the merged run only joins: $(grep annotations: "$TMP/err")"
[ -s "$TMP/single.jsonl" ] && ok || fail "discovered: a single run gives records"
check_out_equals "$TMP/single.jsonl" "discovered actors: merged run = single run, byte for byte"
unset CLIO_ANNOTATE_STATS

# parts are cut by document, balanced by bytes, the same in every process
run annotate --part 4/4 -o "$TMP/x" $CORPUS
check_status 2 "part 4 of 4 does not exist"
check_err "0 <= K < N" "and the message says why"

mkdir -p "$TMP/partial"
cp -r "$TMP/seg/part-0-of-4" "$TMP/seg/part-2-of-4" "$TMP/partial/"
run merge -o "$TMP/m2" "$TMP/partial"
check_status 1 "a missing part"
check_err "missing parts 1, 3 of 4" "is named"

run merge -o "$TMP/m3" "$TMP/seg" "$TMP/seg/part-1-of-4"
check_status 1 "a part given twice"
check_err "part 1 twice" "is named"

run annotate --part 1/4 -o "$TMP/other" --split lines $CORPUS
cp -r "$TMP/seg/part-0-of-4" "$TMP/seg/part-2-of-4" "$TMP/seg/part-3-of-4" "$TMP/other/"
run merge -o "$TMP/m4" "$TMP/other"
check_status 1 "a part that read the corpus otherwise"
check_err "read its corpus otherwise" "is refused"

rm "$TMP/seg/part-3-of-4/manifest.tsv"
run merge -o "$TMP/m5" "$TMP/seg/part-3-of-4"
check_status 1 "a segment whose task did not finish"
check_err "no manifest.tsv" "has no manifest and is refused"

done_testing
