# Annotations computed once and cached (clio.annotate): one report builds the temporal
# grammar once and dates each document once; a second run recomputes nothing; a changed
# lexicon recomputes mentions and claims, not dates; a damaged entry is recomputed.
. "$(dirname "$0")/lib.bash"
SAMPLE=data/corpora/stalin-essays
export CLIO_ANNOTATE_STATS=1   # stderr: what the run computed and what it loaded

run report -q -l soviet-power-struggle -o "$TMP/r1.html" $SAMPLE
check_status 0 "report, cold cache"
check_err "annotations: computed claims 16, counts 16, keyterms 16, mentions 16, narrative 16, searchtokens 16, sentences 16, timex 16;" "each layer of each document computed once"
check_err "grammars built 1" "one temporal grammar for the whole report"

run report -q -l soviet-power-struggle -o "$TMP/r2.html" $SAMPLE
check_status 0 "report, warm cache"
check_err "annotations: computed nothing;" "a second run recomputes nothing"
check_err "grammars built 0" "nor builds the grammar"
cmp -s "$TMP/r1.html" "$TMP/r2.html" && ok || fail "the same page from the cache"

# worker threads read and save the same cache: a second run on two workers computes
# nothing, and neither does a one-thread run after it
export XDG_CACHE_HOME="$TMP/workers-cache"
CLIO_THREADS=2 run claims --lexicon soviet-power-struggle -f jsonl $SAMPLE
check_status 0 "claims on two worker threads, cold"
check_err "computed claims 16" "the workers computed the claims"
cp "$TMP/out" "$TMP/workers1.jsonl"
CLIO_THREADS=2 run claims --lexicon soviet-power-struggle -f jsonl $SAMPLE
check_err "annotations: computed nothing;" "workers load what workers saved"
check_out_equals "$TMP/workers1.jsonl" "the same claims from the cache"
CLIO_THREADS=1 run claims --lexicon soviet-power-struggle -f jsonl $SAMPLE
check_err "annotations: computed nothing;" "one thread loads what the workers saved"
export XDG_CACHE_HOME="$TMP/cache"

# no lexicon: actors are discovered across documents, so their mentions are computed
# again in each run (in order), never written to disk; the dates still come from the cache
entries=$(ls "$XDG_CACHE_HOME/clio/annotations/mentions" | wc -l)
run report -q -o "$TMP/r3.html" $SAMPLE
# (the claims read capitalized names when no lexicon is named, no mentions, and the dates
# of the 10 essays that hold a year; actors 16: what each document names on its own,
# found once and written to disk)
check_err "annotations: computed actors 16, claims 16, mentions 16;" "discovered actors: mentions computed"
check_err "narrative 16, searchtokens 16, sentences 32, timex 26;" "dates from the cache"
check_err "grammars built 0" "no grammar built"
[ "$(ls "$XDG_CACHE_HOME/clio/annotations/mentions" | wc -l)" -eq "$entries" ] && ok ||
    fail "no discovered mentions on disk"

# a lexicon edited: mentions and what reads them, not the dates
cp data/lexicons/soviet-power-struggle.lua "$TMP/lex.lua"
run factions --lexicon "$TMP/lex.lua" -f jsonl $SAMPLE
check_err "loaded narrative 16, sentences 16" "a new lexicon reuses the dates"
check_err "computed mentions 16;" "and tags the mentions"
printf '\n-- edited\n' >>"$TMP/lex.lua"
run claims --lexicon "$TMP/lex.lua" -f jsonl $SAMPLE
check_err "computed claims 16, mentions 16;" "an edited lexicon: mentions and claims again"
check_err "loaded narrative 16, sentences 16, timex 16;" "dates from the cache"

# cached and computed records are the same
run timeline -f jsonl $SAMPLE
cp "$TMP/out" "$TMP/warm.jsonl"
CLIO_NO_CACHE=1 run timeline -f jsonl $SAMPLE
check_err "computed timex 16;" "CLIO_NO_CACHE=1: no cache read"
check_out_equals "$TMP/warm.jsonl" "timeline from the cache = computed"
[ -z "$(find "$XDG_CACHE_HOME/clio/annotations" -newer "$TMP/warm.jsonl" -type f)" ] && ok ||
    fail "CLIO_NO_CACHE=1: no cache written"

# a damaged entry is not trusted: recomputed, and written again
for f in "$XDG_CACHE_HOME"/clio/annotations/timex/*; do head -c 40 "$f" >"$f.cut" && mv "$f.cut" "$f"; done
run timeline -f jsonl $SAMPLE
check_err "computed timex 16;" "damaged entries are recomputed"
check_out_equals "$TMP/warm.jsonl" "the same records after damage"
run timeline -f jsonl $SAMPLE
check_err "computed nothing;" "and cached again"

# a sandboxed run reads and writes no cache, and still dates each document once
before=$(find "$XDG_CACHE_HOME/clio/annotations" -type f | wc -l)
cat >"$TMP/twice.lua" <<'LUA'
local clio = require "clio"
local corpus = assert(clio.open(...))
local a = require "clio.annotate"
print(#clio.timeline.run(corpus, {}).events .. " " .. #clio.timeline.run(corpus, {}).events,
  a.stats.computed.timex, a.stats.loaded.timex)
LUA
run --sandbox run "$TMP/twice.lua" $SAMPLE
check_status 0 "sandboxed library run"
check_out "30 30	16	16" "sandboxed: events twice, dates computed once and kept in memory"
[ "$(find "$XDG_CACHE_HOME/clio/annotations" -type f | wc -l)" -eq "$before" ] && ok || fail "sandboxed: nothing cached"

# the participants' word lists are data of the timex layer: a user's profile that drops
# a name particle dates again, and the participants follow it
printf 'In 1944 Charles de Gaulle entered Paris.\n' >"$TMP/gaulle.txt"
run timeline -f csv "$TMP/gaulle.txt"
check_out "Charles de Gaulle" "participants with the bundled particles"
mkdir -p "$TMP/mine/lang/en"
sed 's/"de", //' data/lang/en/actors.lua >"$TMP/mine/lang/en/actors.lua"
CLIO_PATH="$TMP/mine" run timeline -f csv "$TMP/gaulle.txt"
check_err "computed timex 1;" "an edited profile recomputes the dates"
check_out "Charles; Gaulle; Paris" "and its participants"

done_testing
