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

done_testing
