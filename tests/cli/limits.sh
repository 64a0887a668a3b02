# Script limits: instructions, time and memory, which a script's own pcall cannot swallow.
. "$(dirname "$0")/lib.bash"

cat >"$TMP/spin.lua" <<'LUA'
local n = 0
while true do
  pcall(function() while true do n = n + 1 end end)
end
LUA
run() { # the harness's run, under a watchdog of its own
    timeout 30 "$CLIO" "$@" >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
}
run --max-instructions 2000000 run "$TMP/spin.lua"
check_status 1 "instruction limit"
check_err "clio: instruction limit of 2000000 exceeded at $TMP/spin.lua:3" "names the limit and the line"

start=$(date +%s%N)
run --timeout 0.3 run "$TMP/spin.lua"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_status 1 "timeout"
check_err "clio: time limit of 0.3 s exceeded at $TMP/spin.lua:" "names the limit"
[ "$elapsed_ms" -lt 5000 ] && ok || fail "timeout stops the script ($elapsed_ms ms)"

cat >"$TMP/hog.lua" <<'LUA'
local t = {}
for i = 1, 1e9 do
  local ok = pcall(function() t[#t + 1] = string.rep("x", 4096) .. i end)
end
LUA
run --max-memory 16 run "$TMP/hog.lua"
check_status 1 "memory limit"
check_err "clio: memory limit of 16 MB exceeded" "names the memory limit"
check_err "hog.lua:" "and the script line"

cat >"$TMP/coro.lua" <<'LUA'
local co = coroutine.wrap(function() while true do end end)
co()
LUA
run --max-instructions=100000 run "$TMP/coro.lua"
check_status 1 "limits reach coroutines"
check_err "instruction limit of 100000 exceeded at $TMP/coro.lua:1" "coroutine line"

# ---- work the count hook never sees: the watchdog ends it, status 1, its message ----
# stopped LUA-CODE NAME LIMIT-ARGS... : the run ends within 10 s with status 1 and the
# documented message of the limit, the -o file's temporaries are gone.
stopped() {
    local code=$1 name=$2; shift 2
    mkdir -p "$TMP/results"
    printf '%s\n' "$code" >"$TMP/case.lua"
    local start=$(date +%s%N)
    timeout 20 "$CLIO" "$@" run "$TMP/case.lua" -o "$TMP/results/out.csv" >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
    local ms=$(( ($(date +%s%N) - start) / 1000000 ))
    local why=
    [ "$STATUS" -eq 1 ] || why="status $STATUS"
    [ "$ms" -lt 10000 ] || why="$why, took $ms ms"
    grep -qE "^clio: $LIMIT_MESSAGE" "$TMP/err" || why="$why, no /$LIMIT_MESSAGE/"
    ls "$TMP/results" | grep -q "tmp-" && why="$why, temporaries left: $(ls "$TMP/results")"
    rm -rf "$TMP/results"
    if [ -z "$why" ]; then ok; else fail "$name ($why)"; fi
}
OPEN_OUTPUT='local clio = require "clio"
local out = clio.output.open { format = "csv", path = arg[2], columns = { "a" } }
out:write { a = 1 }'

LIMIT_MESSAGE="(time limit of 1 s|instruction limit of 100000) exceeded"
stopped 'xpcall(function() while true do end end, function() while true do end end)' \
    "a message handler that loops" --timeout 1 --max-instructions 100000
LIMIT_MESSAGE="time limit of 1 s exceeded"
stopped 'setmetatable({}, { __gc = function() while true do end end }); collectgarbage()' \
    "a __gc that loops, on collectgarbage()" --timeout 1
stopped 'setmetatable({}, { __gc = function() while true do end end })' \
    "a __gc that loops, at exit" --timeout 1
stopped "$OPEN_OUTPUT"'
print(string.rep("a", 20000):find(".-.-.-.-b"))' \
    "backtracking inside string.find, with an -o file open" --timeout 1
stopped 'local lpeg = require "lpeg"
local g = { "S1", S41 = lpeg.P "a" }
for i = 1, 40 do g["S" .. i] = lpeg.V("S" .. i + 1) * "x" + lpeg.V("S" .. i + 1) * "y" end
print(lpeg.match(lpeg.P(g), "az"))' "an LPeg grammar that backtracks exponentially" --timeout 1
stopped 'local co = coroutine.wrap(function() return string.rep("a", 20000):find(".-.-.-.-b") end)
co()' "backtracking inside a coroutine" --timeout 1
stopped "$OPEN_OUTPUT"'
while true do pcall(string.rep("a", 5000).find, string.rep("a", 5000), ".-.-.-b") end' \
    "pcall around C work in a loop, with an -o file open" --timeout 1

LIMIT_MESSAGE="instruction limit of 100000 exceeded"
stopped 'xpcall(function() while true do end end, function() while true do end end)' \
    "--max-instructions in a looping message handler" --max-instructions 100000
stopped 'local n = 0
xpcall(function() while true do n = n + 1 end end, function(e) for i = 1, 1e12 do n = n + i end return e end)' \
    "--max-instructions in a long message handler" --max-instructions 100000
stopped 'while true do xpcall(function() while true do end end, function(e) return e end) end' \
    "--max-instructions with xpcall in a loop" --max-instructions 100000
stopped 'pcall(debug.sethook); while true do end' "debug.sethook cannot remove the limits" --max-instructions 100000

LIMIT_MESSAGE="memory limit of 64 MB exceeded"
stopped 'print(pcall(string.rep, "x", 2^27))' "pcall cannot swallow --max-memory" --max-memory 64
stopped 'print(pcall(string.rep, "x", 2^27)); while true do end' \
    "--max-memory is final, even before an endless loop" --max-memory 64 --max-instructions 100000000000
stopped 'local keep = {}
setmetatable({}, { __gc = function() keep[1] = string.rep("x", 2^27) end })' \
    "a __gc that allocates past --max-memory at exit" --max-memory 64
stopped 'local keep = {}
setmetatable({}, { __gc = function() keep[1] = string.rep("x", 2^27) end }); collectgarbage()
print("after")' "a __gc that allocates past --max-memory on collectgarbage()" --max-memory 64

# within the limits, scripts run as usual
run --max-instructions 500000000 --timeout 60 --max-memory 512 summary -f csv data/corpora/stalin-essays
check_status 0 "a real analysis within limits"
check_out "(all),23828," "its output"

run --max-memory lots summary data
check_status 2 "a bad limit is a usage error"
check_err "--max-memory takes a positive number, not 'lots'" "bad limit message"

done_testing
