# clio lexicon draft (a starter lexicon from discovered actors, read back as written),
# strict lexicon validation, and clio factions with no lexicon.
. "$(dirname "$0")/lib.bash"

printf 'In 1944 General Charles de Gaulle entered Paris. De Gaulle'"'"'s government met in Paris; de Gaulle spoke.\nIn 1946 Georges Bidault led the government. Bidault resigned in 1946.\n' >"$TMP/fr.txt"

run factions --format jsonl "$TMP/fr.txt"
check_status 0 "factions without a lexicon"
check_err "no lexicon named: actors discovered" "says no lexicon was used"
check_out '"text":"De Gaulle","entity":"charles-de-gaulle","kind":"person","factions":[]' "De Gaulle joins Charles de Gaulle, no side"
check_out '"text":"Bidault","entity":"georges-bidault"' "a surname alone joins the full name"
grep -q '"entity":"gaulle"' "$TMP/out" && fail "a last word alone as a name" || ok

run lexicon draft "$TMP/fr.txt" -o "$TMP/draft.lua"
check_status 0 "lexicon draft"
grep -qF 'aliases = { "Charles de Gaulle", "De Gaulle", "de Gaulle" }' "$TMP/draft.lua" && ok || fail "draft aliases"
grep -qF 'mentioned = { "1944", "1944" }' "$TMP/draft.lua" && ok || fail "draft dates of mention"
grep -qF 'memberships = {} }' "$TMP/draft.lua" && ok || fail "draft leaves sides to fill in"
cp "$TMP/draft.lua" "$TMP/draft.orig"
run factions --lexicon "$TMP/draft.lua" --format jsonl "$TMP/fr.txt"
check_status 0 "the draft reads back"
check_out '"text":"De Gaulle","entity":"charles-de-gaulle","kind":"person"' "the draft's aliases match"
cmp -s "$TMP/draft.lua" "$TMP/draft.orig" && ok || fail "the draft is unchanged"

lex() { printf 'return {\n  factions = { { id = "reds", from = "1918", to = "1920" } },\n  entities = {\n    { id = "lenin", name = "Vladimir Lenin",\n      %s },\n  },\n}\n' "$1" >"$TMP/bad.lua"; }
lex 'alias = { "Lenin" }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_status 1 "unknown key refused"
check_err "bad.lua:5: entity lenin: unknown key 'alias' — did you mean 'aliases'?" "file, line, nearest key"
lex 'aliases = { "Lenin" }, membership = { { "reds" } }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_err "unknown key 'membership' — did you mean 'memberships'?" "membership typo"
lex 'aliases = { "Lenin" }, memberships = { { "redz", from = "1918" } }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_err "unknown faction 'redz' — did you mean 'reds'?" "faction typo"
lex 'aliases = { "Lenin" }, memberships = { { "reds", from = "1920", to = "1918" } }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_err "from 1920 is after to 1918" "reversed dates"
lex 'aliases = { "Lenin" }, memberships = { { "reds", from = "13 April 1918" } }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_err "dates are YYYY, YYYY-MM or YYYY-MM-DD" "unparseable date"
lex 'aliases = { { "Lenin", from = "1918-13" } }'
run factions --lexicon "$TMP/bad.lua" "$TMP/fr.txt"
check_status 1 "a month 13 refused"

# a lexicon far from the corpus's period is named as such
run factions --lexicon russian-civil-war "$TMP/fr.txt"
check_status 0 "lexicon of another period"
check_err "most dates of 1 document(s) fall outside it: fr.txt (1944–1946)" "period warning"

# a lexicon's all-common-word alias stays out of a history of another country
mkdir -p "$TMP/alg"
printf 'In 1945 the communist movement and the party grew in the cities.\n' >"$TMP/alg/a.txt"
printf 'In 1954 the FLN rose in Algeria. The Communist Party of Algeria hesitated and the party split; Stalin was dead. The Communist Party later joined.\n' >"$TMP/alg/b.txt"
run factions --lexicon soviet-power-struggle --format jsonl "$TMP/alg"
check_status 0 "Soviet lexicon on Algeria"
grep -qF '"entity":"communist-party"' "$TMP/out" && fail "Communist Party of Algeria made the Soviet party" || ok
check_out '"text":"Stalin","entity":"stalin"' "a distinctive name still found"

# a lexicon named by the corpus's metadata, without the option
mkdir -p "$TMP/meta"
cp data/corpora/stalin-essays/01-consolidation-of-power.txt "$TMP/meta/a.txt"
printf 'file,lexicon\na.txt,soviet-power-struggle\n' >"$TMP/meta/metadata.csv"
run factions --format jsonl "$TMP/meta"
check_status 0 "lexicon from metadata"
check_out '"entity":"kamenev","kind":"person","factions":["troika"]' "the metadata's lexicon gives sides"
grep -qF "no lexicon named" "$TMP/err" && fail "metadata lexicon: no discovery note" || ok

# the report says when no lexicon was named
run report -o "$TMP/r.html" "$TMP/fr.txt"
check_status 0 "report without a lexicon"
check_err "no lexicon named" "report: note on stderr"
grep -qF "No lexicon was named" "$TMP/r.html" && ok || fail "report: note in the page"
grep -qF "Charles de Gaulle" "$TMP/r.html" && ok || fail "report: discovered full names"

done_testing
