# Language profiles end to end: --lang picks the word lists, a user's profile works like
# a bundled one, a bad profile is refused with its file and field.
. "$(dirname "$0")/lib.bash"

printf "L'armée rouge entra dans la ville. Le 8 mai 1945, la guerre s'acheva. Les soldats de l'armée rentrèrent.\n" >"$TMP/fr.txt"

# French stop words: "la", "de", "les" are left out with --lang fr, kept with English
run freq --lang fr -f tsv --top 0 "$TMP/fr.txt"
check_status 0 "freq --lang fr"
grep -qP '\tla\t' "$TMP/out" && fail "French stop word 'la' listed" || ok
check_out "guerre" "content word listed"
run freq -f tsv --top 0 "$TMP/fr.txt"
check_out "	la	" "English profile keeps 'la'"

# French elisions are tokens of their own: l'armée -> l' + armée (clitics are counted
# with --kinds clitic); the English profile keeps l'armée whole
run freq --lang fr --all-terms --kinds word,clitic -f tsv --top 0 "$TMP/fr.txt"
check_status 0 "freq --lang fr clitics"
check_out_re "^[0-9]+	l'	2	" "l' counted twice"
check_out_re "^[0-9]+	armée	2	" "armée counted apart from its article"
run freq --all-terms --kinds word,clitic -f tsv --top 0 "$TMP/fr.txt"
check_out "	l'armée	" "English keeps l'armée whole"
run concord --lang fr -f tsv "armée" "$TMP/fr.txt"
check_status 0 "concord --lang fr"
[ "$(wc -l <"$TMP/out")" -eq 3 ] && ok || fail "two concordance lines for armée (and a header)"
run summary --lang fr -f csv "$TMP/fr.txt"
check_out "fr.txt,108,3," "three French sentences"

# a user's profile under $CLIO_PATH/lang/CODE, used by code
mkdir -p "$TMP/mine/lang/xx"
printf 'return { base = "fr", stopwords = { "guerre" } }\n' >"$TMP/mine/lang/xx/words.lua"
CLIO_PATH="$TMP/mine" run freq --lang xx -f tsv --top 0 "$TMP/fr.txt"
check_status 0 "user profile by code"
grep -qP '\tguerre\t' "$TMP/out" && fail "user stop word 'guerre' listed" || ok
check_out "	la	" "the user's stopwords replace the base list"

# unknown and malformed profiles
run freq --lang zz "$TMP/fr.txt"
check_status 1 "unknown profile"
check_err "language profile 'zz' not found" "names the code"
printf 'return { stopwords = "la" }\n' >"$TMP/mine/lang/xx/words.lua"
CLIO_PATH="$TMP/mine" run freq --lang xx "$TMP/fr.txt"
check_status 1 "malformed profile"
check_err "lang/xx/words.lua: stopwords must be a list of words" "names file and field"

# a broken data file of each kind in the user's clio folder: exit 1, the file and line,
# no traceback
CONF="$TMP/config/clio"
mkdir -p "$CONF/lang/bw" "$CONF/lang/bt" "$CONF/lexicons" "$CONF/predicates"
broken='return {\n  oops = = 1 }\n'
printf "$broken" >"$CONF/lang/bw/words.lua"
printf 'return {}\n' >"$CONF/lang/bt/words.lua"
printf "$broken" >"$CONF/lang/bt/temporal.lua"
printf "$broken" >"$CONF/lexicons/broken.lua"
printf "$broken" >"$CONF/predicates/broken.lua"
for case in "lang/bw/words.lua:freq --lang bw" "lang/bt/temporal.lua:timeline --lang bt" \
    "lexicons/broken.lua:factions --lexicon broken" "predicates/broken.lua:claims --predicates broken"; do
    # shellcheck disable=SC2086
    XDG_CONFIG_HOME="$TMP/config" run ${case#*:} "$TMP/fr.txt"
    check_status 1 "broken ${case%%:*}"
    check_err "$CONF/${case%%:*}:2:" "broken ${case%%:*}: file and line"
    grep -q "stack traceback" "$TMP/err" && fail "broken ${case%%:*}: a traceback" || ok
done

done_testing
