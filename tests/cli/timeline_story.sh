# clio timeline: story time (the narrative frame, --period, the period metadata column)
# and the temporal grammar in another language given as data only (--lang fr, and a
# user's own profile in their clio folder).
. "$(dirname "$0")/lib.bash"

# French, bundled: data/lang/fr/temporal.lua
cat >"$TMP/fr.txt" <<'EOF'
Le 8 mai 1945, l'Allemagne capitula. En janvier 1924, Lénine mourut. L'année suivante, Trotski perdit son poste. Au printemps 1921, la révolte de Kronstadt fut écrasée. Le 3 mars, la flotte se rendit. Trois ans plus tard, tout avait changé.
EOF
run timeline --lang fr --format tsv "$TMP/fr.txt"
check_status 0 "timeline --lang fr"
for want in "Le 8 mai 1945	DATE	1945-05-08" "janvier 1924	DATE	1924-01" \
    "L'année suivante	DATE	1925" "printemps 1921	DATE	1921-SP" "Le 3 mars	DATE	1921-03-03" \
    "Trois ans plus tard	DATE	1924"; do
    check_out "$want" "French: $want"
done
# the English grammar does not read French months
run timeline --format tsv "$TMP/fr.txt"
grep -qF "1945-05-08" "$TMP/out" && fail "English grammar read a French date" || ok

# a user's profile in their clio folder works like a bundled one: a made-up language
# whose months are numbered words
mkdir -p "$TMP/config/clio/lang/xx"
cp "$(dirname "$0")/../../data/lang/fr/words.lua" "$TMP/config/clio/lang/xx/words.lua"
sed 's/janvier = 1,/janvier = 1, primus = 1,/' "$(dirname "$0")/../../data/lang/fr/temporal.lua" \
    >"$TMP/config/clio/lang/xx/temporal.lua"
printf 'Le 4 primus 1920, rien.\n' >"$TMP/xx.txt"
XDG_CONFIG_HOME="$TMP/config" run timeline --lang xx --format tsv "$TMP/xx.txt"
check_status 0 "timeline --lang xx (user profile)"
check_out "Le 4 primus 1920	DATE	1920-01-04" "a user's temporal profile is read"
run timeline --lang nosuch "$TMP/xx.txt"
[ "$STATUS" -ne 0 ] && ok || fail "an unknown language fails"

# story time: stray years outside the story do not re-date the dates without a year
cat >"$TMP/war.txt" <<'EOF'
In August 1920 the Red Army reached the Vistula. In 1919 the front had moved west, and by March 1920 the Polish offensive was ready. In May 1920 Kiev fell. Documents found in 2004 describe the fighting. It was the largest cavalry battle since 1813. On 18 September the army crossed the Neman, and on 12 October an armistice was signed. The treaty followed in March 1921.
EOF
run timeline --format tsv "$TMP/war.txt"
check_status 0 "timeline on a story with stray years"
check_out "18 September	DATE	1920-09-18" "a stray 2004/1813 does not anchor 18 September"
check_out "12 October	DATE	1920-10-12" "nor 12 October"
check_out "2004	DATE	2004" "the stray year is dated as written"

# --period sets the frame: a date outside it anchors nothing
printf 'The museum opened in 2004. On 18 September the army crossed the river.\n' >"$TMP/short.txt"
run timeline --format tsv "$TMP/short.txt"
check_out "18 September	DATE	2004-09-18" "without a frame the last year anchors"
run timeline --period 1919-1921 --format tsv "$TMP/short.txt"
check_status 0 "--period"
check_out "18 September	DATE	XXXX-09-18" "--period 1919-1921: 2004 anchors nothing"
run timeline --period 1921-1919 "$TMP/short.txt"
check_status 2 "a reversed --period is a usage error"
check_err "ends before it starts" "the reversed period is named"

# ... and so does a `period` metadata column
mkdir -p "$TMP/corpus"
cp "$TMP/short.txt" "$TMP/corpus/short.txt"
printf 'file,period\nshort.txt,1919-1921\n' >"$TMP/corpus/metadata.csv"
run timeline --format tsv "$TMP/corpus"
check_status 0 "period metadata"
check_out "18 September	DATE	XXXX-09-18" "period metadata: 2004 anchors nothing"
printf 'file,period\nshort.txt,soon\n' >"$TMP/corpus/metadata.csv"
run timeline --format tsv "$TMP/corpus"
check_status 1 "bad period metadata fails"
check_err "short.txt: period metadata" "bad period metadata names the document"

# The time of writing: a document's date or year metadata dates what counts from it
# ("last spring", "last March", "two years ago"); the story's dates still anchor the rest
mkdir -p "$TMP/speech"
printf 'The task of the First Congress of 1789 was hard. The banks, which reopened last spring, recovered. What we experienced last March must not return. Two years ago the crisis began. The following year it grew.\n' >"$TMP/speech/address.txt"
run timeline --format tsv "$TMP/speech"
check_out "last spring	DATE	1788-SP" "without a date of writing the story's year anchors"
printf 'file,year\naddress.txt,1934\n' >"$TMP/speech/metadata.csv"
run timeline --format tsv "$TMP/speech"
check_status 0 "year metadata"
check_out "last spring	DATE	1933-SP" "last spring counts from the year of writing"
check_out "last March	DATE	1933-03" "last March too"
check_out "Two years ago	DATE	1932" "and two years ago"
check_out "1789	DATE	1789" "a year written stays as written"
printf 'file,date\naddress.txt,1934-01-03\n' >"$TMP/speech/metadata.csv"
run timeline --format tsv "$TMP/speech"
check_out "last spring	DATE	1933-SP" "a date column gives the time of writing"

done_testing
