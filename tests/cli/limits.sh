# Script limits: instructions, time and memory, which a script's own pcall cannot swallow.
. "$(dirname "$0")/lib.bash"

cat >"$TMP/spin.lua" <<'LUA'
local n = 0
while true do
  pcall(function() while true do n = n + 1 end end)
end
LUA
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

# within the limits, scripts run as usual
run --max-instructions 500000000 --timeout 60 --max-memory 512 summary -f csv data/corpora/stalin-essays
check_status 0 "a real analysis within limits"
check_out "(all),23828," "its output"

run --max-memory lots summary data
check_status 2 "a bad limit is a usage error"
check_err "--max-memory takes a positive number, not 'lots'" "bad limit message"

done_testing
