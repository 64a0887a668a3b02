# clio report end to end, checked structurally (no browser): every link has one target,
# citations land on highlighted spans holding the file's own bytes, one chart mark per
# timeline event, nothing from outside the page, escaping, atomic -o, every input format.
. "$(dirname "$0")/lib.bash"
CHECK=tests/browser/check_report.lua
STALIN=data/corpora/stalin-essays
REF=data/reference/stalin-chronology.tsv

# check_page FILE [EVENTS]: the structural checks of tests/browser/check_report.lua
check_page() {
    "$CLIO" run "$CHECK" "$@" >"$TMP/check" 2>&1 && ok || { cat "$TMP/check" >&2; fail "structure of $1"; }
}

run report --lexicon soviet-power-struggle --reference "$REF" -o "$TMP/r.html" "$STALIN"
check_status 0 "report on the bundled corpus"
check_out "16 documents" "summary: documents"
check_out "dated events from" "summary: dates"
check_out "actors" "summary: actors"
check_out "1 conflict" "summary: the one true conflict"
check_out "report: $TMP/r.html" "summary: where the file is"
[ -s "$TMP/r.html" ] && ok || fail "the report is written"
events=$("$CLIO" timeline --entries --format jsonl "$STALIN" | wc -l)
check_page "$TMP/r.html" "$events"
for want in '<section class="part" id="overview">' '<div id="tl-main"' '<ol id="timeline-list">' 'id="search-box"' 'id="clio-data"' 'prefers-color-scheme:dark' 'class="am' \
    '<svg id="network"' 'Faction profile per document' 'Dated actions between actors' \
    '<section class="part" id="claims">' 'badge b-conflict' 'take power' 'badge b-consistent' \
    '<section class="part" id="source">' '@media print' 'show-more'; do
    grep -qF -- "$want" "$TMP/r.html" && ok || fail "the page has $want"
done
# conflicts come first among the claims
first=$(grep -o '<div class="claim-group [a-z]*"' "$TMP/r.html" | head -1)
[ "$first" = '<div class="claim-group conflict"' ] && ok || fail "conflicts first (got $first)"
# a known citation: Lenin's death in 1924, document 1, bytes 1855-1859
grep -qF 'href="#d1-1855-1859"' "$TMP/r.html" && ok || fail "the 1924 entry cites d1-1855-1859"
grep -qF 'id="d1-1855-1859" data-s="1855" data-e="1859">1924</mark>' "$TMP/r.html" && ok || fail "d1-1855-1859 highlights 1924"
# one mark per event, a band for a decade, a dot for a day
grep -q '"events":\[\[' "$TMP/r.html" && ok || fail "the page carries the timeline's records"
# no network: no scheme anywhere outside the texts
grep -Eq '(src|href)="(https?:|//|data:|file:)' "$TMP/r.html" && fail "external reference" || ok

# the default output: report.html in the current directory
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$CLIO" report --lexicon soviet-power-struggle "$OLDPWD/$STALIN" >"$TMP/out" 2>"$TMP/err")
STATUS=$?
check_status 0 "report without -o"
[ -s "$TMP/cwd/report.html" ] && ok || fail "report.html in the current directory"
check_out "report.html" "summary names report.html"

# HTML in the sources is escaped; the page still checks
mkdir "$TMP/esc"
printf 'In 1924 Lenin wrote <script>alert("x")</script> & Trotsky answered <b>"no"</b> at once.\nStalin replied in 1925 & 1926.\n' >"$TMP/esc/a.txt"
run report -o "$TMP/esc.html" "$TMP/esc"
check_status 0 "report on markup-like text"
# (the actor mentions' spans taken out first)
sed -e 's/<span class="am[^>]*>//g' -e 's/<\/span>//g' "$TMP/esc.html" >"$TMP/esc-text.html"
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Trotsky answered &lt;b&gt;' "$TMP/esc-text.html" \
    || grep -qF '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Trotsky answered &lt;b&gt;' "$TMP/esc-text.html" \
    && ok || fail "< and & are escaped in the source view"
grep -qF '<script>alert' "$TMP/esc.html" && fail "a source's <script> reached the page" || ok
[ "$(grep -c '<script>' "$TMP/esc.html")" -eq 1 ] && ok || fail "one script element: the page's own"
check_page "$TMP/esc.html"

# -o is atomic: a failed run leaves the old file and no temporary one
echo "OLD" >"$TMP/keep.html"
run report --reference "$TMP/missing.tsv" -o "$TMP/keep.html" "$STALIN"
check_status 1 "a missing reference fails"
check_err "missing.tsv" "the message names the file"
[ "$(cat "$TMP/keep.html")" = "OLD" ] && ok || fail "the old report is kept"
printf 'event\tsubject\n' >"$TMP/badref.tsv"
run report --reference "$TMP/badref.tsv" -o "$TMP/keep.html" "$STALIN"
check_status 1 "a bad reference fails"
[ "$(cat "$TMP/keep.html")" = "OLD" ] && ok || fail "the old report is kept after a bad reference"
printf 'good text\n\377\376 bad bytes\n' >"$TMP/bad.txt"
run report -o "$TMP/keep.html" "$TMP/bad.txt"
check_status 1 "invalid UTF-8 fails"
[ "$(cat "$TMP/keep.html")" = "OLD" ] && ok || fail "the old report is kept after a failed read"
ls "$TMP" | grep -q 'keep.html.tmp' && fail "a temporary file is left behind" || ok
run report -o "$TMP/no/such/dir/r.html" "$STALIN"
check_status 1 "an unwritable output fails"
run report -o - "$STALIN"
check_status 2 "-o - is a usage error"

# repaired bytes: shown as U+FFFD, counted in the overview
run report --repair -o "$TMP/rep.html" "$TMP/bad.txt"
check_status 0 "report with --repair"
grep -q '<b style="color:#c62828">' "$TMP/rep.html" && ok || fail "repaired sequences shown in the overview"
check_page "$TMP/rep.html"

# every input format: TEI, CSV, TSV, JSONL (several documents in one file)
for f in tests/data/formats/*; do
    run report -o "$TMP/fmt.html" "$f"
    check_status 0 "report on $f"
    check_page "$TMP/fmt.html"
done

# a second corpus with its own lexicon and reference
run report --lexicon russian-civil-war --reference data/reference/russian-civil-war.tsv -o "$TMP/rcw.html" \
    data/corpora/russian-civil-war
check_status 0 "report on the Russian Civil War corpus"
check_page "$TMP/rcw.html"

# crossing spans: the inner one is closed and reopened, its id on its first byte
cat >"$TMP/cross.lua" <<'LUA'
local source = require "clio.report.source"
local text = "abcdefghij"
local doc = { read = function(a, b) return text:sub(a + 1, b) end }
local items = {
  { s = 1, e = 6, open = '<mark id="A">', cont = '<mark data-cont="A">', close = "</mark>", key = "A" },
  { s = 4, e = 9, open = '<mark id="B">', cont = '<mark data-cont="B">', close = "</mark>", key = "B" },
  { s = 2, e = 3, open = '<mark id="C">', cont = '<mark data-cont="C">', close = "</mark>", key = "C" },
}
local out = {}
source._render_range(doc, 0, 10, items, out)
io.write(table.concat(out), "\n")
LUA
run run "$TMP/cross.lua"
check_out 'a<mark id="A">b<mark id="C">c</mark>d<mark id="B">ef</mark></mark><mark data-cont="B">ghi</mark>j' \
    "crossing spans nest and continue"

# a second report on an unchanged corpus computes nothing (its token counts, search
# index postings and distinctive terms are cached layers too) and writes the same page, byte for byte
export XDG_CACHE_HOME=$TMP/warm-cache
CLIO_ANNOTATE_STATS=1 run report -q --lexicon soviet-power-struggle -o "$TMP/cold.html" "$STALIN"
check_status 0 "report with an empty cache"
check_err "computed claims 16, counts 16, keyterms 16, mentions 16, narrative 16, searchtokens 16, sentences 16, timex 16;" \
    "the first report computes every layer"
CLIO_ANNOTATE_STATS=1 run report -q --lexicon soviet-power-struggle -o "$TMP/warm.html" "$STALIN"
check_status 0 "report with a warm cache"
check_err "annotations: computed nothing; loaded claims 16, counts 16, keyterms 16, mentions 16, searchtokens 16," \
    "the second report computes nothing, the report's own layers included"
cmp -s "$TMP/cold.html" "$TMP/warm.html" && ok || fail "cold and warm pages are byte-identical"
unset XDG_CACHE_HOME

done_testing
