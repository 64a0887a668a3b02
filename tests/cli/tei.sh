# TEI through expat, end to end: references read as their characters (tokens, concord,
# timeline text), attributes never text, notes out of the narrative and kept as marks,
# the edition's <date when> as the timeline's value, names written as entities found by
# factions, and refusals (malformed XML, a billion laughs) naming line, column and byte.
. "$(dirname "$0")/lib.bash"
F=tests/data/tei/plenum-1927.xml

# a DTD entity gives the tokens of its text; don&#8217;t is one token
run freq "$F"
check_status 0 "freq over a TEI file"
for term in joseph stalin "don't"; do
    grep -qE "^ *[0-9]+  $term " "$TMP/out" && ok || fail "freq: no term '$term'"
done
for bad in don 8217 x2014 x201c amp foot when trotsky\; ; do
    grep -qE "^ *[0-9]+  $bad " "$TMP/out" && fail "freq: markup or a split word '$bad' is a term" || ok
done
run concord --count Stalin "$F"
[ "$(cat "$TMP/out")" = 1 ] && ok || fail "concord finds the name an entity stands for"
# KWIC lines cite: no tags, references as their characters
run concord Stalin "$F"
check_out "the twelfth of November Joseph Stalin spoke—and the party" "KWIC cites the TEI text"
run concord "don't" "$F"
check_out "said they don’t care. In 1928" "KWIC: a reference inside a word, a block boundary as a space"
# a note is not narrative
run concord --count Bukharin "$F"
[ "$(cat "$TMP/out")" = 0 ] && ok || fail "a note's words are not in the narrative"

# the timeline: the edition's <date when> is the value; no markup, attribute or reference
# in the cited text; a reference reads as its character
run timeline --format jsonl "$F"
check_status 0 "timeline over a TEI file"
check_out '"text":"the twelfth of November","type":"DATE","value":"1927-11-12"' \
    "<date when> gives the value of the date inside it"
check_out '"participants":["Joseph Stalin"]' "participants read the entity's text"
run timeline --entries --format jsonl "$F"
check_out '"clause":"On the twelfth of November Joseph Stalin spoke—"' "clause cited without markup"
check_out 'banners reading “Down with the kulak” & sang' "references cited as their characters"
for bad in 'when=' '&#' '&amp;' '&stalin;' '<' 'foot' 'Bukharin'; do
    grep -qF -- "$bad" "$TMP/out" && fail "timeline text holds '$bad'" || ok
done
printf '<TEI><text><p>In 1927&#x2014;the year of the split&#x2014;Trotsky left.</p></text></TEI>\n' \
    >"$TMP/dash.xml"
run timeline "$TMP/dash.xml"
check_out_re '^1927 +In 1927—the year of the split— ' "&#x2014; reads as — in the event's text"

# marks from Lua: the note as its layer, names with their @ref, offsets into the file
cat >"$TMP/marks.lua" <<'LUA'
local clio = require "clio"
for doc in clio.open(arg):docs() do
  for _, m in ipairs(doc:marks()) do
    print(("%s %d-%d %s [%s]"):format(m.kind, m.start, m["end"], m.value, doc:cite(m.start, m["end"])))
  end
  for _, t in ipairs(doc:tokens()) do
    if t.text:find("&", 1, true) and t.term ~= "&" then print("RAW TOKEN " .. t.text) end
  end
end
LUA
run run "$TMP/marks.lua" "$F"
check_status 0 "doc:marks()"
check_out "date 490-513 1927-11-12 [the twelfth of November]" "date mark: value and range"
check_out "persName 591-598 #trotsky [Trotsky]" "persName mark with its @ref"
check_out_re "^note [0-9]+-[0-9]+ Editor's note: Bukharin was absent that day. \[\]$" \
    "the note's text is its mark's value, never cited as narrative"
grep -q "RAW TOKEN" "$TMP/out" && fail "a token's text shows a reference's bytes" || ok
got=$(tail -c +491 "$F" | head -c 23)
[ "$got" = "the twelfth of November" ] && ok || fail "mark offsets: bytes 490-513 are '$got'"

# factions: a lexicon name written as an entity is a mention spanning the reference
run factions --lexicon soviet-power-struggle --format jsonl "$F"
check_status 0 "factions over a TEI file"
check_out '"text":"Joseph Stalin"' "factions reads the entity's text"

# refusals name the file, line, column and byte
printf '<TEI>\n<text><p>Marx & Engels</p></text></TEI>\n' >"$TMP/amp.xml"
run summary "$TMP/amp.xml"
check_status 1 "a bare &"
check_err "$TMP/amp.xml: XML: '&' starts no reference (write &amp; for a literal &) at line 2, column 15, byte 20" \
    "bare & message"
printf '<TEI>\n<text>\n<p>one\n<p>two</text></TEI>\n' >"$TMP/bad.xml"
run summary "$TMP/bad.xml"
check_status 1 "mismatched tag"
check_err "$TMP/bad.xml: XML: </text> where <p> (byte 20) should be closed at line 4, column 7, byte 26" \
    "mismatched tag message"
{
    printf '<!DOCTYPE lolz [<!ENTITY l0 "lol">'
    for i in 1 2 3 4 5 6 7 8 9; do
        printf '<!ENTITY l%d "' "$i"
        for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&l%d;' $((i - 1)); done
        printf '">'
    done
    printf ']>\n<TEI><text><p>&l9;</p></text></TEI>\n'
} >"$TMP/lol.xml"
start=$(date +%s)
run summary "$TMP/lol.xml"
check_status 1 "billion laughs"
check_err "XML: entity expansion refused" "billion laughs message"
check_err "at line 2, column" "billion laughs: where"
[ $(($(date +%s) - start)) -lt 20 ] && ok || fail "billion laughs took $(($(date +%s) - start)) s"
# an external entity is never read
printf '<!DOCTYPE TEI [<!ENTITY pw SYSTEM "/etc/passwd">]>\n<TEI><text><p>x &pw; y</p></text></TEI>\n' \
    >"$TMP/ext.xml"
run freq "$TMP/ext.xml"
check_status 0 "an external entity is a gap"
grep -q "root" "$TMP/out" && fail "an external entity was read" || ok

done_testing
