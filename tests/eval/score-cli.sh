#!/bin/sh
# Scores `clio timeline` on WikiWars dev through the command line, as a user runs it.
#   tests/eval/score-cli.sh CLIO EVAL_DIR [OUT.jsonl] [-- extra timeline options]
# Runs CLIO timeline --format jsonl on EVAL_DIR/wikiwars-dev/*.txt, turns each
# record's `doc` (the path given) into the file name without folder and .txt, as
# gold.tsv names documents, and prints timex.py's figures.
set -e
clio=${1:?usage: score-cli.sh CLIO EVAL_DIR [OUT.jsonl] [-- options]}
eval_dir=${2:?usage: score-cli.sh CLIO EVAL_DIR [OUT.jsonl] [-- options]}
shift 2
out=
if [ $# -gt 0 ] && [ "$1" != "--" ]; then out=$1; shift; fi
[ "$1" = "--" ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$clio" timeline --format jsonl "$@" "$eval_dir"/wikiwars-dev/*.txt >"$tmp/raw.jsonl"
sed 's|^{"doc":"\([^"]*/\)\{0,1\}\([^"/]*\)\.txt"|{"doc":"\2"|' "$tmp/raw.jsonl" >"$tmp/out.jsonl"
[ -n "$out" ] && cp "$tmp/out.jsonl" "$out"
python3 "$eval_dir/timex.py" score "$eval_dir/wikiwars-dev/gold.tsv" "$tmp/out.jsonl"
