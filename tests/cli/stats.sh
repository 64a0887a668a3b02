# clio freq, ngrams, collocates and keyness on the sample corpus.
. "$(dirname "$0")/lib.bash"
SAMPLE=data/corpora/stalin-essays

run collocates Stalin $SAMPLE
check_status 0 "collocates"
check_out "node Stalin: 128 hits" "node line"
head -2 "$TMP/out" | tail -1 | grep -Eq '^rank +term +observed +freq +expected +mi +t +ll$' && ok || fail "all three scores"
check_out "   1  joseph             9     9" "joseph first by log-likelihood"
run collocates -f jsonl -n 2 --sort mi Stalin $SAMPLE
check_status 0 "collocates jsonl"
check_out '"term":' "jsonl term"
check_out '"mi":' "jsonl mi"

run freq -n 3 $SAMPLE
check_status 0 "freq"
check_out "   1  stalin     125      28480.3" "freq without stop words"
run freq -f csv -n 2 --all-terms $SAMPLE
check_out "1,the," "stop words kept with --all-terms"

run ngrams -N 3 -n 1 -f csv $SAMPLE
check_status 0 "ngrams"
check_out "1,the soviet union,25" "top trigram"
run ngrams -N 7 $SAMPLE
check_status 2 "n-gram size checked"

run keyness --where doc=01 -n 1 -f csv $SAMPLE
check_status 0 "keyness"
check_out "1,trotsky,37,1," "trotsky is key to the first essay"
run keyness $SAMPLE
check_status 2 "keyness needs a split"

# --where with --top: the subset's own ranking, cut after sorting (the corpus-wide
# rank order put alpha and beta, frequent elsewhere, before the subset's zeta)
mkdir -p "$TMP/where"
printf 'zeta zeta zeta zeta zeta zeta zeta zeta zeta zeta alpha beta.\n' >"$TMP/where/a.txt"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'alpha beta alpha beta gamma. ' ; done >"$TMP/where/b.txt"
printf 'file,year\na.txt,1920\nb.txt,1930\n' >"$TMP/where/metadata.csv"
run freq --all-terms --top 2 --where year=1920 -f csv "$TMP/where"
check_status 0 "freq --where --top"
check_out "1,zeta,10," "the subset's most frequent term first"
check_out_re "^2,(alpha|beta),1," "then one of its single words"
[ "$(grep -c . "$TMP/out")" -eq 3 ] && ok || fail "--top 2 lists two terms"

done_testing
