# clio timeline end to end on the sample corpus: values, anchoring, traps, formats.
. "$(dirname "$0")/lib.bash"

run timeline --format jsonl data/corpora/stalin-essays
check_status 0 "timeline jsonl"
for want in \
    '"start":790,"end":794,"text":"1922","type":"DATE","value":"1922"' \
    '"text":"the early 1920’s","type":"DATE","value":"192X","mod":"START"' \
    '"text":"the late 1920s","type":"DATE","value":"192X","mod":"END"' \
    '"text":"September 1928","type":"DATE","value":"1928-09"' \
    '"text":"January 1924","type":"DATE","value":"1924-01"' \
    '"text":"the end of 1929","type":"DATE","value":"1929","mod":"END"' \
    '"text":"December 1934","type":"DATE","value":"1934-12"' \
    '"text":"the 20th century","type":"DATE","value":"19"' \
    '"text":"twenty-nine years","type":"DURATION","value":"P29Y"' \
    '"text":"The following year","type":"DATE","value":"1927","anchor":"1926"'; do
    check_out "$want" "timeline finds $want"
done
# offsets point into the original file
line=$(grep -F '"text":"September 1928"' "$TMP/out")
start=$(echo "$line" | sed 's/^{"doc":"[^"]*","start":\([0-9]*\).*/\1/')
[ "$(tail -c +$((start + 1)) data/corpora/stalin-essays/09-left-and-right-opposition.txt | head -c 14)" = "September 1928" ] \
    && ok || fail "offsets point into the file"
# traps: citations, counts and anniversaries are not dates
for trap in '"text":"199"' '"text":"5"' '"text":"10"' '"text":"3"' '"text":"10th' '"text":"five'; do
    grep -qF -- "$trap" "$TMP/out" && fail "trap tagged: $trap" || ok
done

run timeline data/corpora/stalin-essays
check_status 0 "timeline table"
check_out "01-consolidation-of-power.txt:1855-1859; 03-leader-after-lenin.txt:65-69" \
    "the death of Lenin in 1924 is one entry citing two documents"
check_out "dated events" "table ends with the counts"

run timeline --format csv --reference-time 1930-06 data/corpora/stalin-essays/11-jugashvili.txt
check_status 0 "timeline csv with a reference time"
check_out "doc,start,end,text,type,value,mod,bound,anchor,sentence,participants" "csv header"
run timeline --reference-time yesterday data/corpora/stalin-essays
check_status 2 "bad reference time"

# a researcher's grammar extension, without touching the bundled files
cat >"$TMP/ext.lua" <<'LUA'
local lpeg = require "lpeg"
return function(tagger)
  tagger:add_rule {
    name = "plenum",
    pattern = lpeg.C(lpeg.P("the July plenum")),
    normalize = function() return { type = "DATE", value = "1928-07" } end,
  }
end
LUA
printf 'Bukharin spoke at the July plenum against Stalin.\n' >"$TMP/plenum.txt"
run timeline --format jsonl --grammar "$TMP/ext.lua" "$TMP/plenum.txt"
check_status 0 "timeline with --grammar"
check_out '"text":"the July plenum","type":"DATE","value":"1928-07"' "user rule fires"

# candidate sentences change nothing: the same records as scanning everything
run timeline --format jsonl data/corpora/stalin-essays
cp "$TMP/out" "$TMP/candidates.jsonl"
run timeline --format jsonl --scan-all data/corpora/stalin-essays
check_status 0 "timeline --scan-all"
check_out_equals "$TMP/candidates.jsonl" "candidate sentences give the same records"
# --split blank: paragraphs as documents, offsets still into the file
run timeline --format jsonl --split blank data/corpora/stalin-essays/09-left-and-right-opposition.txt
check_status 0 "timeline --split blank"
check_out '"text":"September 1928","type":"DATE","value":"1928-09"' "split documents keep file offsets"

# the span fixes: phrases after of/after end where the main clause begins
run timeline --format jsonl data/corpora/stalin-essays
check_out '"text":"a year of Trotsky’s expulsion from the Soviet Union","type":"DURATION","value":"P1Y"' "of-phrase ends at its noun phrase"
check_out '"text":"days of his assassination","type":"DURATION","value":"PXD"' "of-phrase stops before the next clause"
check_out '"text":"Decades after his death","type":"DURATION","value":"PXDE"' "vague offset from an event is a duration"

# a grammar file whose rule declares its trigger words keeps the candidate filter
printf 'Nothing here.\n\nBukharin spoke at the July plenum against Stalin.\n' >"$TMP/plenum2.txt"
run timeline --format jsonl --grammar tests/data/grammar/plenum.lua "$TMP/plenum2.txt"
check_status 0 "timeline with a rule that declares triggers"
check_out '"text":"the July plenum","type":"DATE","value":"1928-07"' "rule with triggers fires"

done_testing
