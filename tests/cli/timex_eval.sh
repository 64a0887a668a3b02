# clio timeline scored on WikiWars dev through the command line: fails below the
# levels reached (relaxed F1 0.97, strict F1 0.92, value F1 0.90).
. "$(dirname "$0")/lib.bash"
EVAL=${CLIO_EVAL_DIR:-../shared/eval}
if [ ! -f "$EVAL/timex.py" ] || [ ! -f "$EVAL/wikiwars-dev/gold.tsv" ]; then
    echo "SKIP: no WikiWars eval data at $EVAL (set CLIO_EVAL_DIR)"
    exit 77 # ctest's skip code (tests/CMakeLists.txt): a missing gate shows as skipped
fi
if ! command -v python3 >/dev/null; then
    echo "SKIP: python3 is needed for the scorer"
    exit 77
fi
tests/eval/score-cli.sh "$CLIO" "$EVAL" "$TMP/out.jsonl" >"$TMP/scores" 2>"$TMP/err"
STATUS=$?
cp "$TMP/scores" "$TMP/out"
check_status 0 "timeline + scorer"
cat "$TMP/scores"
figure() { awk -v k="$1" '$1 == k { for (i = 1; i < NF; i++) if ($i == "F1") print $(i + 1) }' "$TMP/scores"; }
at_least() {
    awk -v a="$2" -v b="$3" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }' && ok || fail "$1 F1 $2 < $3"
}
at_least relaxed "$(figure relaxed)" 0.97
at_least strict "$(figure strict)" 0.92
at_least value "$(figure value)" 0.90
done_testing
