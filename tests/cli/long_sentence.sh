# A line of 5 MB without a sentence end: the sentence length cap cuts it into bounded
# windows, says where (file and byte offset), and the analyses still find what is in it.
. "$(dirname "$0")/lib.bash"

line="$TMP/one line.txt"
python3 - "$line" <<'PY'
import sys
words = "the delegates of the provinces spoke at length of harvests and roads and of the old grievances of the towns".split()
out, size, k, half = [], 0, 0, 5 * 1024 * 1024 // 2
placed = False
while size < 5 * 1024 * 1024:
    w = words[k % len(words)]
    k += 1
    if not placed and size >= half:
        w, placed = "in March 1848 the assembly met and", True
    out.append(w)
    size += len(w) + 1
open(sys.argv[1], "w").write(" ".join(out))
PY
middle=$(grep -bo "March 1848" "$line" | cut -d: -f1)

run timeline -f jsonl "$line"
check_status 0 "timeline on a 5 MB line"
check_out '"text":"March 1848","type":"DATE","value":"1848-03"' "the date in the middle of the line is found"
check_out "\"start\":$middle," "at its offset in the file"
check_err "clio: $line: a sentence ran past 1000 tokens or 65536 bytes; cut into windows from byte " \
    "the cut is named with the file"
# the first cut: where the 1001st token starts (words are separated by one space)
first_cut=$(python3 -c "import sys; s=open(sys.argv[1]).read().split(' '); print(sum(len(w)+1 for w in s[:1000]) - 1)" "$line")
check_err "from byte $first_cut" "the note gives the byte offset of the first cut"
sentence=$(grep -F '"text":"March 1848"' "$TMP/out" | sed 's/.*"sentence":{"end":\([0-9]*\),"start":\([0-9]*\)}.*/\1 \2/')
read -r send sstart <<<"$sentence"
[ -n "$send" ] && [ $((send - sstart)) -le 65536 ] && [ "$sstart" -le "$middle" ] && ok ||
    fail "the date's sentence is a bounded window around it: $sentence"

# the Lua API: every sentence within the cap, the cut ones flagged
cat >"$TMP/sentences.lua" <<'LUA'
local clio = require "clio"
local c = assert(clio.open({ arg[1] }, { lang = arg[2] }))
local most_tokens, most_bytes, cut = 0, 0, 0
for _, s in ipairs(c:doc(1):sentences()) do
  most_tokens = math.max(most_tokens, s.ntokens)
  most_bytes = math.max(most_bytes, s["end"] - s.start)
  if s.cut then cut = cut + 1 end
end
print(most_tokens, most_bytes, cut, c._core:sentence_cut(1))
LUA
run run "$TMP/sentences.lua" "$line"
check_status 0 "sentences of the line"
read -r most_tokens most_bytes cut at <"$TMP/out"
[ "$most_tokens" -le 1000 ] && [ "$most_bytes" -le 65536 ] && ok ||
    fail "sentences within the cap: $most_tokens tokens, $most_bytes bytes"
[ "$cut" -gt 800 ] && ok || fail "the line is cut into windows, each flagged: $cut"
[ "$at" = "$first_cut" ] && ok || fail "doc's first cut is at $first_cut: $at"

# the index and a query read the same windows
run index -o "$TMP/line.clio" "$line"
check_status 0 "index of the line"
check_err "cut into windows from byte $first_cut" "index names the cut too"
run concord --index "$TMP/line.clio" -f jsonl '"march 1848"'
check_status 0 "concord in the line"
check_out "\"start\":$middle," "the phrase is found"

# the cap is the language profile's: sentence_limit = {tokens, bytes}
mkdir -p "$TMP/lang/short"
cat >"$TMP/lang/short/words.lua" <<'LUA'
return { base = "en", sentence_limit = { tokens = 50, bytes = 4096 } }
LUA
run run "$TMP/sentences.lua" "$line" "$TMP/lang/short"
check_status 0 "a profile's own cap"
read -r most_tokens most_bytes cut at <"$TMP/out"
[ "$most_tokens" -le 50 ] && [ "$most_tokens" -ge 40 ] && ok || fail "windows of 50 tokens: $most_tokens"
run timeline -f jsonl --lang "$TMP/lang/short" "$line"
check_status 0 "timeline with the profile's cap"
check_err "ran past 50 tokens or 4096 bytes" "the note gives the profile's cap"
check_out '"text":"March 1848"' "the date is found in smaller windows too"

cat >"$TMP/lang/short/words.lua" <<'LUA'
return { base = "en", sentence_limit = { tokens = 0 } }
LUA
run timeline --lang "$TMP/lang/short" "$line"
check_status 1 "a cap of 0 is refused"
check_err "words.lua: sentence_limit.tokens must be a whole number from 1 to 16777216" "naming the file and field"

done_testing
