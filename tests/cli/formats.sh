# Structured inputs end to end: TEI, CSV, TSV and JSONL files read as documents with
# metadata, no token from markup, timeline offsets that point into the original file.
. "$(dirname "$0")/lib.bash"
D=tests/data/formats

# documents: a TEI file holds one, the tables and the JSONL one per row / line
run summary -f csv $D/letter-1924.xml $D/congress.csv $D/expulsions.tsv $D/speeches.jsonl
check_status 0 "summary over every format"
for want in "letter-1924.xml,473," "congress.csv#1,40," "congress.csv#2,82," "congress.csv#3,55," \
    "expulsions.tsv#1,56," "expulsions.tsv#2,56," "speeches.jsonl#1,79," "speeches.jsonl#2,87," \
    "speeches.jsonl#3,49,"; do
    check_out "$want" "summary row $want"
done
[ "$(wc -l <"$TMP/out")" -eq 11 ] && ok || fail "header, nine documents, total"

# metadata, ranges, and every token outside the markup
cat >"$TMP/show.lua" <<'LUA'
local clio = require "clio"
local c = assert(clio.open(arg))
for d in c:docs() do
  local keys = {}
  for k in pairs(d.meta) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. d.meta[k] end
  print(("doc %s %d-%d %s"):format(d.name, d.start, d["end"], table.concat(parts, "|")))
  local words, gaps = {}, d:gaps()
  for _, t in ipairs(d:tokens()) do
    words[#words + 1] = t.text
    for _, g in ipairs(gaps) do
      if g.rule ~= "markup" and g.rule ~= "break" and g.rule ~= "reference" then
        print("GAP NAMED " .. g.rule .. " in " .. d.name)
      end
      if g.rule ~= "reference" and t.start < g["end"] and t["end"] > g.start then
        print(("MARKUP TOKEN %q at %d in %s"):format(t.text, t.start, d.name))
      end
    end
  end
  print("tokens " .. d.name .. ": " .. table.concat(words, " "))
end
LUA
run run "$TMP/show.lua" $D/letter-1924.xml $D/congress.csv $D/expulsions.tsv $D/speeches.jsonl
check_status 0 "clio run over every format"
check_out "doc letter-1924.xml 843-1316 author=Lenin, Vladimir Ilyich|date=1924-05-22|idno=letter-1924-01|language=en|title=Letter to the Congress|year=1924" \
    "TEI header metadata"
check_out "doc congress.csv#2 119-201 author=Zinoviev, Grigory|date=1924-05-23|id=c2" "CSV columns"
check_out "doc expulsions.tsv#1 27-83 date=1926-10-23|id=t1" "TSV columns"
check_out "doc speeches.jsonl#1 59-138 id=s1|speaker=Bukharin|year=1928" "JSONL fields"
check_out "doc speeches.jsonl#2 236-323 id=s2|verified=true|year=1929" "JSONL true, null skipped"
grep -q "MARKUP TOKEN" "$TMP/out" && fail "a token inside markup" || ok
grep -q "GAP NAMED" "$TMP/out" && fail "markup gaps are named markup or break" || ok
check_out "tokens letter-1924.xml: Addition Stalin is too rude , and" "TEI text without tags"
check_out "from that post & appointing another man ." "&amp; reads as & (a token)"
check_out "heard the \" testament \" read aloud ." "CSV doubled quotes read once"
check_out "the Politburo . He recanted" "JSON \\n is markup"
check_out "tokens speeches.jsonl#3: 1929 was the year of the great break ." "JSON \\u escapes are markup"
for word in body head p closer dateline when amp 8230 teiHeader u201c nHe; do
    grep '^tokens ' "$TMP/out" | grep -qw -- "$word" && fail "markup word '$word' became a token" || ok
done

# the timeline cites the original bytes of each file
for f in letter-1924.xml congress.csv expulsions.tsv speeches.jsonl; do
    run timeline --format jsonl "$D/$f"
    check_status 0 "timeline over $f"
    [ -s "$TMP/out" ] && ok || fail "$f: no timeline records"
    while IFS= read -r line; do
        start=$(echo "$line" | sed 's/.*"start":\([0-9]*\),"end":\([0-9]*\),"text":"\([^"]*\)".*/\1/')
        end=$(echo "$line" | sed 's/.*"start":\([0-9]*\),"end":\([0-9]*\),"text":"\([^"]*\)".*/\2/')
        text=$(echo "$line" | sed 's/.*"start":\([0-9]*\),"end":\([0-9]*\),"text":"\([^"]*\)".*/\3/')
        got=$(tail -c +$((start + 1)) "$D/$f" | head -c $((end - start)))
        [ "$got" = "$text" ] && ok || fail "$f: bytes $start-$end are '$got', record says '$text'"
    done <"$TMP/out"
done
run timeline --format jsonl $D/letter-1924.xml
check_out '"start":1259,"end":1274,"text":"January 4, 1923","type":"DATE","value":"1923-01-04"' \
    "TEI date inside <date> markup"
run timeline --format jsonl $D/congress.csv
check_out '"start":65,"end":81,"text":"January 21, 1924","type":"DATE","value":"1924-01-21"' "CSV date"
run timeline --format jsonl $D/speeches.jsonl
check_out '"text":"a week later","type":"DATE","value":"1929-11-24","anchor":"1929-11-17"' \
    "JSONL: anchoring across an escaped line break"

# a folder: TEI and JSONL are corpus files; metadata.csv is a sidecar, not a corpus
mkdir "$TMP/box"
cp $D/letter-1924.xml $D/speeches.jsonl "$TMP/box/"
printf 'file,collection\nletter-1924.xml,Lenin papers\nspeeches.jsonl#2,Plenum records\n' \
    >"$TMP/box/metadata.csv"
run run "$TMP/show.lua" "$TMP/box"
check_status 0 "folder with structured files"
check_out "doc letter-1924.xml 843-1316 author=Lenin, Vladimir Ilyich|collection=Lenin papers|" \
    "sidecar metadata joins header metadata"
check_out "doc speeches.jsonl#2 236-323 collection=Plenum records|id=s2|" "sidecar names a JSONL line"
[ "$(grep -c '^doc ' "$TMP/out")" -eq 4 ] && ok || fail "folder: four documents, no sidecar rows"

# malformed inputs are refused with the file, line, column and byte
printf '<TEI>\n<teiHeader/>\n<text>\n<p>Unfinished\n' >"$TMP/open.xml"
run summary "$TMP/open.xml"
check_status 1 "unclosed <text>"
check_err "$TMP/open.xml: XML: <text> never closed at line 3, column 1, byte 19" "unclosed <text> message"
printf '<TEI><text><p rend="x" \n</text></TEI>\n' >"$TMP/tag.xml"
run summary "$TMP/tag.xml"
check_status 1 "tag never closed"
check_err "$TMP/tag.xml: XML: tag never closed by '>' at line 1, column 12, byte 11" "tag message"
printf 'id,text\n1,"fine"\n2,"never closed\n' >"$TMP/q.csv"
run summary "$TMP/q.csv"
check_status 1 "unclosed quote"
check_err "$TMP/q.csv: CSV: quoted field never closed at line 3, column 3, byte 19" "quote message"
printf 'id,body\n1,x\n' >"$TMP/col.csv"
run summary "$TMP/col.csv"
check_status 1 "no text column"
check_err "CSV: the header has no \"text\" column at line 1, column 1, byte 0" "column message"
printf 'id\ttext\n1\tone\n2\n' >"$TMP/ragged.tsv"
run summary "$TMP/ragged.tsv"
check_status 1 "ragged TSV"
check_err "TSV: row has 1 field where the header has 2 at line 3, column 1, byte 14" "ragged message"
printf '{"text":"ok"}\n{"text":"x" "id":2}\n' >"$TMP/bad.jsonl"
run summary "$TMP/bad.jsonl"
check_status 1 "malformed JSONL"
check_err "$TMP/bad.jsonl: JSONL: '\"' where ',' or '}' was expected at line 2, column 13, byte 26" \
    "JSONL message"

# block elements end sentences: the <head> is a sentence of its own
cat >"$TMP/sentences.lua" <<'LUA'
local clio = require "clio"
for d in assert(clio.open(arg)):docs() do
  for _, s in ipairs(d:sentences()) do print("S " .. d:text(s.start, s["end"]):gsub("%s+", " ")) end
end
LUA
run run "$TMP/sentences.lua" $D/letter-1924.xml
check_out_re "^S Addition$" "a TEI <head> ends its sentence"
check_out_re "^S Stalin is too rude, and this defect becomes intolerable in a Secretary-General.$" \
    "the paragraph after it starts a new sentence"

done_testing
