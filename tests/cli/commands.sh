# The clio command: --version, --help, list, run, scripts by name, exit codes.
. "$(dirname "$0")/lib.bash"

run --version
check_status 0 "--version"
check_out "clio 0.1.0 (Lua 5.4" "--version"

run --help
check_status 0 "--help"
check_out "clio [LIMITS] run FILE.lua" "--help"
check_out "--sandbox" "--help lists the host options"

run
check_status 2 "no arguments is a usage error"

run list
check_status 0 "list"
check_out "summary" "list shows the bundled summary"
check_out "documents, sentences, tokens" "list shows the description"

run frobnicate
check_status 2 "unknown script"
check_err "unknown script 'frobnicate' (clio list shows them)" "unknown script"

run --frob
check_status 2 "unknown option"

# a user's script, run by file and by name from $CLIO_PATH and the XDG data dir
mkdir -p "$TMP/mine" "$TMP/xdg/clio/scripts"
cat >"$TMP/mine/hello.lua" <<'LUA'
-- hello: greets and counts documents
local clio = require "clio"
local c = assert(clio.open(...))
print("hello " .. #c .. " " .. type(require("lpeg").P))
LUA
cp "$TMP/mine/hello.lua" "$TMP/xdg/clio/scripts/hi.lua"
run run "$TMP/mine/hello.lua" data/corpora/stalin-essays
check_status 0 "run FILE"
check_out "hello 16 " "run FILE"
CLIO_PATH="$TMP/mine" run hello data/corpora/stalin-essays
check_status 0 "script by name from CLIO_PATH"
check_out "hello 16" "script by name from CLIO_PATH"
XDG_DATA_HOME="$TMP/xdg" run hi data/corpora/stalin-essays/03-leader-after-lenin.txt
check_out "hello 1 " "script by name from the XDG data dir"
CLIO_PATH="$TMP/mine" XDG_DATA_HOME="$TMP/xdg" run list
check_out_re "^hello +greets and counts documents$" "list shows user scripts"
check_out_re "^hi +greets and counts documents$" "list shows XDG scripts"

# a script error: traceback with file:line, status 1
cat >"$TMP/broken.lua" <<'LUA'
local x = nil
return x.field
LUA
run run "$TMP/broken.lua"
check_status 1 "script error"
check_err "broken.lua:2: attempt to index a nil value" "script error names file:line"
check_err "stack traceback:" "script error has a traceback"

run help summary
check_status 0 "help NAME"
check_out "usage: clio summary" "help NAME prints the header"

done_testing
