# require "clio" from Debian's stock lua5.4, with the module built beside build/clio.
. "$(dirname "$0")/lib.bash"

if [ -n "${CLIO_SANITIZED:-}" ]; then
    echo "skipped: this build uses AddressSanitizer, whose runtime a plain lua5.4 does not load"
    done_testing
    exit
fi
if ! command -v lua5.4 >/dev/null; then
    echo "skipped: lua5.4 is not installed (tools/setup.sh installs it)"
    done_testing
    exit
fi
BUILD_DIR=$(dirname "$CLIO")
LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$BUILD_DIR/lua/?.so;;" lua5.4 -e '
  local clio = require "clio"
  local c = assert(clio.open("data/corpora/stalin-essays"))
  local st = c:stats()
  print("docs " .. #c .. " tokens " .. st.tokens .. " gaps " .. st.gaps)
  print("fold " .. clio.fold("Lenin’s"))
  local e = require("clio.timex").new():extract("In September 1928 Bukharin wrote.")
  print("date " .. e[1].text)
  -- worker states find lpeg and clio.core through package.cpath here (no preload)
  package.path = "tests/lua/fixtures/?.lua;" .. package.path
  local pool = clio.parallel.pool("parallel_job", "reverse", { threads = 2 })
  for i = 1, 3 do pool:submit("job" .. i) end
  local got = {}
  for i = 1, 3 do got[i] = pool:take() end
  print("workers " .. pool.threads .. " " .. table.concat(got, " "))
  pool:close()
' >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "stock lua5.4 loads clio"
want=$("$CLIO" summary -f csv data/corpora/stalin-essays | awk -F, '$1 == "(all)" { print "tokens " $4 " gaps " $6 }')
check_out "docs 16 $want" "the module counts what the clio command counts"
check_out "fold lenin's" "fold through the module"
check_out "date September 1928" "timex through the module"
check_out "workers 2 1boj|4 2boj|4 3boj|4" "worker threads from stock lua5.4"

done_testing
