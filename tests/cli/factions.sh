# clio factions end to end: records, identities, dates, citations, views, a second lexicon.
. "$(dirname "$0")/lib.bash"

run factions --lexicon soviet-power-struggle --format jsonl data/corpora/stalin-essays
check_status 0 "factions jsonl"
for want in \
    '"start":2992,"end":2999,"text":"Kamenev","entity":"kamenev","kind":"person","factions":["troika"],"date":"1924","confidence":1,"rule":"alias"' \
    '"start":3004,"end":3012,"text":"Zinoviev","entity":"zinoviev","kind":"person","factions":["troika"],"date":"1924"' \
    '"start":7501,"end":7509,"text":"Bukharin","entity":"bukharin","kind":"person","factions":["right-opposition"],"date":"1929"' \
    '"text":"Ryton","entity":"ryutin","kind":"person","factions":["ryutin-group"],"date":"1932-09","confidence":0.5,"rule":"fuzzy"' \
    '"text":"Lenin’s wife","entity":"krupskaya"' \
    '"text":"Ioseb Besarionis Dze Jugashvili","entity":"stalin"' \
    '"text":"(Wood, 5, 10)","entity":"wood","kind":"source","factions":[]' \
    '"text":"(Wiener & Arnold 199)","entity":"wiener-arnold","kind":"source"' \
    '"text":"(Britannica School, school.eb.com)","entity":"britannica","kind":"source"' \
    '"start":19,"end":25,"text":"Stalin","entity":"stalin","kind":"person"'; do
    check_out "$want" "factions finds $want"
done
# no cited author is an actor
grep -E '"text":"(Wood|Wiener|Arnold|Britannica)[^"]*","entity":"[^"]*","kind":"(person|group|organization)"' "$TMP/out" \
    && fail "a cited author tagged as an actor" || ok
# offsets point into the original file
[ "$(tail -c +2993 data/corpora/stalin-essays/01-consolidation-of-power.txt | head -c 7)" = "Kamenev" ] \
    && ok || fail "offsets point into the file"
# undated mentions carry every membership with its range
check_out '"memberships":[{' "undated: memberships with ranges"
check_out '"from":"1923-01"' "undated: the troika's range"

run factions --lexicon soviet-power-struggle data/corpora/stalin-essays
check_status 0 "factions table"
check_out "mentions (group" "table ends with the counts"

run factions --lexicon soviet-power-struggle --format csv --profile data/corpora/stalin-essays
check_status 0 "profile"
check_out "doc,faction,label,mentions,share" "profile header"
check_out "01-consolidation-of-power.txt,troika," "profile counts the troika"

run factions --lexicon soviet-power-struggle --format csv --cooccurrence data/corpora/stalin-essays
check_status 0 "cooccurrence"
check_out "kamenev,zinoviev," "Kamenev and Zinoviev named together"

run factions --lexicon soviet-power-struggle --format csv --actions data/corpora/stalin-essays
check_status 0 "actions"
check_out "stalin,ally,kamenev,1924,align" "Stalin allies with Kamenev in 1924"
check_out "stalin,expel,trotsky,1928,expel" "Stalin expels Trotsky"
check_out "stalin,remove,ryutin,1932-09,remove" "Stalin moves against Ryutin"

run factions --lexicon soviet-power-struggle --network "$TMP/net.graphml" --network "$TMP/net.csv" data/corpora/stalin-essays
check_status 0 "network files"
grep -qF '<node id="kamenev">' "$TMP/net.graphml" && ok || fail "graphml node"
grep -qF 'directed="true"' "$TMP/net.graphml" && ok || fail "graphml action edge"
grep -qF 'stalin,trotsky,co-occurrence,' "$TMP/net.csv" && ok || fail "csv edges"
ls "$TMP"/net.graphml.tmp-* >/dev/null 2>&1 && fail "temporary file left" || ok

run factions --lexicon soviet-power-struggle --unknown data/corpora/stalin-essays
check_status 0 "unknown"
check_out "Central Executive Committee of the USSR" "unknown lists a name no lexicon knows"
grep -qE '^(Stalin|Trotsky|Kirov|Wood|January) ' "$TMP/out" && fail "unknown lists a known name or a month" || ok

run factions --lexicon soviet-power-struggle --pronouns --format jsonl data/corpora/stalin-essays/08-shoemakers-son.txt
check_status 0 "pronouns"
check_out '"entity":"stalin","kind":"person","factions":["stalinist"],"date":"1945","confidence":0.3,"rule":"pronoun"' "he/his resolved, marked"

run factions --lexicon no-such-lexicon data/corpora/stalin-essays
check_status 1 "missing lexicon"
check_err "lexicon 'no-such-lexicon' not found (looked in" "missing lexicon: every place looked in"

# a user's lexicon by name: from $CLIO_PATH/lexicons and from the user's clio folder
mkdir -p "$TMP/path/lexicons" "$TMP/config/clio/lexicons"
cp data/lexicons/russian-civil-war.lua "$TMP/path/lexicons/my-war.lua"
cp data/lexicons/russian-civil-war.lua "$TMP/config/clio/lexicons/other-war.lua"
CLIO_PATH="$TMP/path" run factions --lexicon my-war --format jsonl data/corpora/stalin-essays
check_status 0 "lexicon from CLIO_PATH"
check_out '"entity":"trotsky"' "lexicon from CLIO_PATH used"
XDG_CONFIG_HOME="$TMP/config" run factions --lexicon other-war.lua --format jsonl data/corpora/stalin-essays
check_status 0 "lexicon from the user folder"
check_out '"entity":"trotsky"' "lexicon from the user folder used"
run factions --lexicon soviet-power-struggle --format yaml data/corpora/stalin-essays
check_status 2 "bad format"

# the second lexicon, on its WikiWars text, with no code change
WW=../shared/eval/wikiwars-dev/13_RussianCivWar.txt
if [ -f "$WW" ]; then
    run factions --lexicon russian-civil-war --format jsonl "$WW"
    check_status 0 "second lexicon"
    check_out '"text":"General Kornilov","entity":"kornilov","kind":"person","factions":["whites"],"date":"1918-04-13"' "Kornilov, White"
    check_out '"text":"Nestor Makhno","entity":"makhno","kind":"person","factions":["blacks","red-black-alliance"],"date":"1920"' "Makhno allied in 1920"
    check_out '"text":"Tomáš Masaryk","entity":"masaryk"' "diacritics"
    check_out '"text":"(Paul Avrich, Gregori Maximoff)","entity":"avrich-maximoff","kind":"source"' "citation"
fi

# a researcher's own lexicon, merged with the bundled one
cat >"$TMP/mine.lua" <<'LUA'
return {
  factions = { { id = "plenum", label = "July plenum" } },
  entities = { { id = "uglanov", name = "Nikolai Uglanov", aliases = { "Uglanov" },
                 memberships = { { "plenum", from = "1928-07", to = "1928-07", source = "Cohen 1973" } } } },
}
LUA
printf 'In July 1928 Uglanov sided with Bukharin against Stalin.\n' >"$TMP/u.txt"
run factions --lexicon soviet-power-struggle --lexicon "$TMP/mine.lua" --format csv "$TMP/u.txt"
check_status 0 "own lexicon"
check_out "Uglanov,uglanov,person,plenum,1928-07" "own lexicon entity at its date"
check_out "Bukharin,bukharin,person,right-opposition,1928-07" "bundled entity alongside"

done_testing
