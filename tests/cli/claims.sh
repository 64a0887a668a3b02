# clio claims end to end: groups, verdicts against each other and against the reference,
# formats, a second corpus with its own reference, text reuse.
. "$(dirname "$0")/lib.bash"

run claims --format jsonl --lexicon data/lexicons/soviet-power-struggle.lua --reference data/reference/stalin-chronology.tsv data/corpora/stalin-essays
check_status 0 "claims jsonl"
# when Stalin took power: one conflict group, four documents with their different dates
line=$(grep -F '"event":"take power","subject":"Joseph Stalin"' "$TMP/out")
[ "$(echo "$line" | wc -l)" -eq 1 ] && ok || fail "one take-power group"
echo "$line" | grep -qF '"verdict":"conflict"' && ok || fail "take power is a conflict (TRUE conflict)"
for want in '02-policies-and-the-people.txt' '"value":"192X"' '"mod":"START"' \
    '03-leader-after-lenin.txt' '"rel":"AFTER"' \
    '10-worshiper-of-lenin.txt' '"value":"1928"' '13-rise-as-dictator.txt' '"value":"1929"'; do
    echo "$line" | grep -qF -- "$want" && ok || fail "take power cites $want"
done
# Lenin's death: 1924 and January 1924 agree, consistent with the reference
line=$(grep -F '"event":"die","subject":"Vladimir Lenin"' "$TMP/out")
echo "$line" | grep -qF '"verdict":"agree"' && ok || fail "Lenin's death agrees"
echo "$line" | grep -qF '"value":"1924-01"' && ok || fail "Lenin's death: January 1924"
echo "$line" | grep -qF '"reference_verdict":"consistent"' && ok || fail "Lenin's death consistent"
# Trotsky expelled from the Soviet Union in 1928: contradicts February 1929
line=$(grep -F '"event":"expel from country","subject":"Leon Trotsky"' "$TMP/out")
echo "$line" | grep -qF '"date":"1929-02"' && ok || fail "reference date 1929-02"
echo "$line" | grep -qF '"reference_verdict":"contradicts"' && ok || fail "1928 contradicts the reference"
# granularity and modifiers: "by December 1934" agrees with 1 December 1934
grep -F '"event":"die","subject":"Sergei Kirov"' "$TMP/out" | grep -qF '"reference_verdict":"consistent"' \
    && ok || fail "Kirov: by December 1934 is consistent"
grep -F '"event":"expel from party","subject":"Nikolai Bukharin","object":"politburo"' "$TMP/out" \
    | grep -qF '"reference_verdict":"consistent"' && ok || fail "Bukharin: by the end of 1929 is consistent"
# conflicts: the take-power group is the one true conflict; no false ones
n=$(grep -c '"verdict":"conflict"' "$TMP/out")
[ "$n" -eq 1 ] && ok || fail "exactly one conflict group (take power), got $n"
grep -q '"verdict":"conflict"' <(grep -vF '"event":"take power"' "$TMP/out") \
    && fail "a false conflict" || ok
# irrealis ("wanted to remove Stalin from power") is marked, not judged
grep -F '"event":"remove from post","subject":"Joseph Stalin"' "$TMP/out" | grep -qF '"mood":"irrealis"' \
    && ok || fail "irrealis claim"

run claims --lexicon data/lexicons/soviet-power-struggle.lua --reference data/reference/stalin-chronology.tsv data/corpora/stalin-essays
check_status 0 "claims table"
check_out_re '^take power +Joseph Stalin +conflict' "table: take power conflict"
check_out "1929-02 contradicts" "table: reference column"
check_out "groups: 1 conflict" "table: counts"

run claims --format csv data/corpora/stalin-essays
check_status 0 "claims csv"
check_out "event,subject,object,verdict,doc,start,end,date,polarity" "csv header"

# the second corpus, its own reference, no code change
run claims --format jsonl --lexicon data/lexicons/russian-civil-war.lua --reference data/reference/russian-civil-war.tsv data/corpora/russian-civil-war
check_status 0 "second corpus"
line=$(grep -F '"event":"die","subject":"Lavr Kornilov"' "$TMP/out")
echo "$line" | grep -qF '"verdict":"conflict"' && ok || fail "Kornilov 1918 vs 1919: TRUE conflict"
echo "$line" | grep -qF '"reference_verdict":"contradicts"' && ok || fail "Kornilov 1919 contradicts"
grep -F '"event":"execute","subject":"Alexander Kolchak"' "$TMP/out" | grep -qF '"verdict":"agree"' \
    && ok || fail "Kolchak's execution: February 1920 and 1920 agree"
grep -F '"event":"take power","subject":"Alexander Kolchak"' "$TMP/out" | grep -qF '"reference_verdict":"consistent"' \
    && ok || fail "Kolchak took power: consistent"
[ "$(grep -c '"verdict":"conflict"' "$TMP/out")" -eq 1 ] && ok || fail "second corpus: one conflict"

# text reuse: a copied excerpt, both spans
mkdir -p "$TMP/reuse"
cp data/corpora/stalin-essays/03-leader-after-lenin.txt "$TMP/reuse/a.txt"
printf 'My essay. Joseph Stalin became leader of the USSR after Lenin’s death in 1924. Lenin had a government of abstemious communist government. The end.\n' >"$TMP/reuse/b.txt"
run claims --reuse --format jsonl "$TMP/reuse"
check_status 0 "reuse"
check_out '"start_a":0,"end_a":128' "reuse: span in a"
check_out '"start_b":10,"end_b":138' "reuse: span in b"

# errors
printf 'event\tsubject\n' >"$TMP/bad.tsv"
run claims --reference "$TMP/bad.tsv" data/corpora/stalin-essays
check_status 1 "bad reference"
check_err "lacks the column 'object'" "bad reference message"
# reference chronologies are validated: file, line, column, the known names
printf 'event\tsubject\tobject\tdate\tsource\ndie\tLenin\t\t21 January 1924\tService (2004)\n' >"$TMP/date.tsv"
run claims --reference "$TMP/date.tsv" data/corpora/stalin-essays
check_status 1 "a reference date that is not ISO"
check_err "date.tsv:2:12: '21 January 1924' is not a TIMEX date value" "bad date: line and column"
printf 'event\tsubject\tobject\tdate\tsource\ndies\tLenin\t\t1924-01\tService (2004)\n' >"$TMP/event.tsv"
run claims --reference "$TMP/event.tsv" data/corpora/stalin-essays
check_status 1 "an unknown reference event"
check_err "event.tsv:2:1: unknown event 'dies'" "unknown event: line and column"
check_err "assassinate, attack, battle, besiege" "unknown event: the known names"
# the Soviet events need the Soviet pack: named with its lexicon, or with --predicates
run claims --lexicon data/lexicons/russian-civil-war.lua --reference data/reference/stalin-chronology.tsv data/corpora/stalin-essays
check_status 1 "Soviet reference rows without the Soviet pack"
check_err "stalin-chronology.tsv:4:1: unknown event 'first stroke'" "the pack's events are not general"
run claims --predicates en --predicates soviet-power-struggle --reference data/reference/stalin-chronology.tsv data/corpora/stalin-essays
check_status 0 "--predicates names a pack"
# the mod column is optional
printf 'event\tsubject\tobject\tdate\tsource\ndie\tLenin\t\t1924-01-21\tService (2004)\n' >"$TMP/nomod.tsv"
run claims --lexicon data/lexicons/soviet-power-struggle.lua --reference "$TMP/nomod.tsv" data/corpora/stalin-essays
check_status 0 "a reference without the mod column"
check_out_re '^die +Vladimir Lenin +agree' "Lenin's death without mod"
check_out "1924-01-21 consistent" "judged without mod"
check_out_re "^[0-9]+ claims left ungrouped: [0-9]+ told by one document only" "the ungrouped claims and why"

run claims --format xml data/corpora/stalin-essays
check_status 2 "bad format"

done_testing
