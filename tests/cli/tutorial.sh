# The tutorial's script (docs/examples/together.lua), run by name from a user folder.
. "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/xdg/clio/scripts"
cp docs/examples/together.lua "$TMP/xdg/clio/scripts/"
export XDG_DATA_HOME="$TMP/xdg"

run list
check_out_re "^together +sentences in which two words occur together, per document$" "list shows it"

run together Stalin Kamenev data/corpora/stalin-essays
check_status 0 "together by name"
check_out_re "^01-consolidation-of-power.txt +2928 +3093 +Stalin took this opportunity" "first sentence"
check_out "During this time Stalin began to quarrel with Kamenev and Zinoviev." "second sentence"
[ "$(grep -c consolidation "$TMP/out")" -eq 6 ] && ok || fail "six sentences in essay 01"

run together --format jsonl Stalin ally data/corpora/stalin-essays/07-party-machine.txt
check_out '{"doc":"07-party-machine.txt","start":386,"end":542,"sentence":"Stalin?s control' "jsonl, Stalin?s counts as Stalin"

run together Stalin
check_status 2 "too few arguments"

done_testing
