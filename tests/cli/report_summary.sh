# clio report's summary mode (--detail summary, and auto past a size): the page keeps the
# corpus's counts whole, holds only the documents its findings cite plus an even sample,
# caps every list, and says so with the commands for the full detail.
. "$(dirname "$0")/lib.bash"
CHECK=tests/browser/check_report.lua
# many small documents: the bundled essays cut into one per sentence
for f in data/corpora/stalin-essays/*.txt; do sed 's/\. /.\n\n/g' "$f"; printf '\n\n'; done >"$TMP/para.txt"

# auto: a small corpus gets the full page
run report --split blank -o "$TMP/auto.html" "$TMP/para.txt"
check_status 0 "report, detail auto"
ndocs=$(sed -n 's/^\([0-9]*\) documents.*/\1/p' "$TMP/out")
[ "$ndocs" -gt 100 ] && ok || fail "the corpus has many documents (got $ndocs)"
grep -qF 'id="summary-note"' "$TMP/auto.html" && fail "a small corpus gets no summary note" || ok

run report --detail summary --split blank -o "$TMP/s.html" "$TMP/para.txt"
check_status 0 "report --detail summary"
check_out "a summary page:" "the terminal says the page is a summary"
"$CLIO" run "$CHECK" "$TMP/s.html" >"$TMP/check" 2>&1 && ok || { cat "$TMP/check" >&2; fail "summary page structure"; }
for want in 'id="summary-note"' '<b>Summary page.</b> Asked for with <code>--detail summary</code>' \
    '<code>clio report --detail full --split blank '"$TMP"'/para.txt -o full.html</code>' \
    '<code>clio timeline --split blank '"$TMP"'/para.txt</code>' '<code>clio claims --split blank ' \
    '<code>clio concord WORD --split blank '; do
    grep -qF -- "$want" "$TMP/s.html" && ok || fail "the summary page has $want"
done
run report --detail full --split blank -o "$TMP/f.html" "$TMP/para.txt"
check_status 0 "report --detail full"
grep -qF 'id="summary-note"' "$TMP/f.html" && fail "--detail full has no summary note" || ok
run report --detail some -o "$TMP/x.html" "$TMP/para.txt"
[ "$STATUS" -ne 0 ] && grep -qF -- "--detail" "$TMP/err" && ok || fail "an unknown --detail is refused"

# the caps, made small so that they bite on this corpus (they are fields of
# clio.report.summary, as docs/report.md says)
cat >"$TMP/caps.lua" <<'LUA'
local clio = require "clio"
local summary = require "clio.report.summary"
summary.SAMPLE_DOCUMENTS, summary.TABLE_ROWS, summary.ACTORS = 7, 4, 5
summary.LIMITS.citations_per_event, summary.LIMITS.claim_groups, summary.LIMITS.claims_per_group = 1, 2, 1
summary.SEARCH_TOKENS = 300
local path, out = ...
local corpus <close> = assert(clio.open(path, { split = "blank" }))
local page = require("clio.report").build(corpus, { detail = "summary",
  commands = { corpus = "--split blank para.txt", report = "--split blank para.txt -o full.html" } })
local f = assert(io.open(out, "wb")); f:write(page); f:close()
local data = require("cjson").decode(page:match '<script type="application/json" id="clio%-data">(.-)</script>')
local empty = 0
for _, st in ipairs(data.index.streams) do if st == "" then empty = empty + 1 end end
print("docs", #data.docs, "actors", #data.actors, "streams", #data.index.streams, "keyness", #data.keyness,
  "unsearched", empty, "tokens", math.floor(data.index.ntokens))
LUA
"$CLIO" run "$TMP/caps.lua" "$TMP/para.txt" "$TMP/caps.html" >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "report with small caps"
read -r _ pdocs _ pactors _ pstreams _ pkey _ unsearched _ searched_tokens <"$TMP/out"
[ "$unsearched" -gt 0 ] && [ "$unsearched" -lt "$pdocs" ] && ok || fail "the search leaves documents out past its token cap (got $unsearched of $pdocs)"
[ "$searched_tokens" -le 400 ] && ok || fail "the search holds about 300 tokens (got $searched_tokens)"
grep -qE 'over [0-9]+ of those documents \(the sampled ones, then the cited ones up to 300 tokens\)' "$TMP/caps.html" \
    && ok || fail "the note says what the search covers"
[ "$pdocs" -gt 0 ] && [ "$pdocs" -lt "$ndocs" ] && ok || fail "the page holds some of the $ndocs documents (got $pdocs)"
[ "$pstreams" = "$pdocs" ] && [ "$pkey" = "$pdocs" ] && ok || fail "one search stream and one keyness list per page document"
[ "$pactors" -le 5 ] && ok || fail "at most 5 actors (got $pactors)"
rows=$(grep -o '<tr><td class="n">[0-9]*</td><td><a href="#doc-' "$TMP/caps.html" | wc -l)
[ "$rows" -eq 4 ] && ok || fail "the corpus table lists 4 documents (got $rows)"
groups=$(grep -o '<div class="claim-group ' "$TMP/caps.html" | wc -l)
[ "$groups" -le 2 ] && [ "$groups" -ge 1 ] && ok || fail "at most 2 claim groups (got $groups)"
grep -qF '"first 4 of' "$TMP/caps.html" && fail "no stray note" || ok
grep -qE 'The first 2 of [0-9]+ groups \(conflicts first\)' "$TMP/caps.html" && ok || fail "the claims say they are capped"
grep -qE '<li>the documents the page holds: the [0-9]+ cited by what it shows and [0-9]+ more sampled evenly, '"$pdocs"' of '"$ndocs"' ' "$TMP/caps.html" \
    && ok || fail "the note counts the page's documents"
grep -qF 'each with at most 1 source links' "$TMP/caps.html" && ok || fail "the note gives the links cap"
grep -qE 'The table lists 4 of the [0-9]+ documents' "$TMP/caps.html" && ok || fail "the table says it is capped"
# each timeline entry lists one source link, then how many more
awk '/<ol id="timeline-list">/,/<\/ol>/' "$TMP/caps.html" | grep -o '<li id="ev-[0-9]*">.*' | sed 's/<li id="ev-/\n&/g' |
    awk '/<li id="ev-/ { n = gsub(/class="cite"/, "&"); if (n > 1) bad++ } END { exit bad > 0 }' && ok || fail "at most one link per event"
grep -qF '+ ' "$TMP/caps.html" && grep -qE '<span class="muted small">\+ [0-9]+ more</span>' "$TMP/caps.html" && ok || fail "an event says how many more sources"
"$CLIO" run "$CHECK" "$TMP/caps.html" >"$TMP/check" 2>&1 && ok || { cat "$TMP/check" >&2; fail "capped page structure"; }
# the factions set every document's mentions aside in a scratch file under $TMPDIR:
# nothing is left there after the run, and a folder where none can be made is named
mkdir -p "$TMP/scratch"
TMPDIR="$TMP/scratch" run report --detail summary --split blank -o "$TMP/scr.html" "$TMP/para.txt"
check_status 0 "report with TMPDIR set"
cmp -s "$TMP/scr.html" "$TMP/s.html" && ok || fail "the same page whatever TMPDIR is"
[ -z "$(ls -A "$TMP/scratch")" ] && ok || fail "no scratch file left behind: $(ls -A "$TMP/scratch")"
TMPDIR="$TMP/no-such-folder" run report --detail summary --split blank -o "$TMP/noscr.html" "$TMP/para.txt"
[ "$STATUS" -ne 0 ] && grep -qF "clio: cannot make a scratch file in $TMP/no-such-folder: No such file or directory (set TMPDIR" "$TMP/err" \
    && ok || fail "an unusable TMPDIR is named (status $STATUS: $(tail -2 "$TMP/err"))"
[ ! -e "$TMP/noscr.html" ] && ! ls "$TMP" | grep -q "noscr.html.tmp" && ok || fail "no page, no partial page"
done_testing
