# --sandbox against a hostile script: each way out is tried and refused, and no
# variant of it (a fresh core module, replaced library functions, bytecode, oracles,
# links and "..") reads the secret or writes outside -o. The analyses still work.
. "$(dirname "$0")/lib.bash"

SECRET="$TMP/secret.txt"
echo "not for scripts 7f3a" >"$SECRET"
mkdir -p "$TMP/corpus" "$TMP/results" "$TMP/private" "$TMP/linked"
cp data/corpora/stalin-essays/03-leader-after-lenin.txt "$TMP/corpus/"
echo "private words" >"$TMP/private/p.txt"
ln -s "$SECRET" "$TMP/linked/link.txt"  # links inside an allowed folder, pointing out
ln -s "$TMP/private" "$TMP/linked/dir"
echo "fine words" >"$TMP/linked/fine.txt"
OUT="$TMP/results/result.txt"

# sandboxed SCRIPT-FILE ARGS...: runs it under a watchdog, so that nothing hangs CI
sandboxed() {
    timeout 30 "$CLIO" --sandbox run "$@" >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
}

# escape NAME LUA-CODE [REGEX]: the code must not get out. The run ends with status 1
# and the message REGEX, the secret shows nowhere, nothing is written outside -o.
escape() {
    printf 'local clio = require "clio"\n%s\n' "$2" >"$TMP/escape.lua"
    sandboxed "$TMP/escape.lua" "$TMP/corpus" "$TMP/linked" -o "$OUT"
    local why=
    [ "$STATUS" -eq 1 ] || why="status $STATUS"
    [ -n "${3:-}" ] && ! grep -qE -- "$3" "$TMP/err" && why="$why, no /$3/"
    grep -q "7f3a\|private words" "$TMP/out" "$TMP/err" && why="$why, the secret leaked"
    ls "$TMP" "$TMP/results" | grep -q evil && why="$why, a file was written outside -o"
    [ -e /tmp/clio-sandbox-pwned ] && why="$why, a program ran"
    rm -f "$TMP"/evil* "$TMP"/results/evil*
    if [ -z "$why" ]; then ok; else fail "sandbox let through: $1 ($why)"; fi
}
DENIED="sandbox: reading $SECRET is not allowed \\($TMP/escape.lua:[0-9]+\\)"

# ---- functions that are gone ----
escape "os.execute"      'os.execute("touch /tmp/clio-sandbox-pwned")' "attempt to call a nil value \(field 'execute'\)"
escape "io.popen"        'io.popen("id")'                               "attempt to call a nil value \(field 'popen'\)"
escape "io.input"        "io.input('$SECRET'); print(io.read('a'))"     "attempt to call a nil value \(field 'input'\)"
escape "io.output"       "io.output('$TMP/evil.txt')"                   "attempt to call a nil value \(field 'output'\)"
escape "package.loadlib" 'package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")' "attempt to call a nil value \(field 'loadlib'\)"
escape "debug"           'debug.getregistry()'                          "attempt to index a nil value \(global 'debug'\)"
escape "require debug"   'require("debug").getregistry()'               "module 'debug' not found"
escape "string.dump"     'print(string.dump(print))'                    "attempt to call a nil value \(field 'dump'\)"
escape "os.getenv"       'print(os.getenv("HOME"))'                     "attempt to call a nil value \(field 'getenv'\)"

# ---- reading outside the allowed roots, every route ----
escape "io.open"         "print(io.open('$SECRET'):read('a'))"          "$DENIED"
escape "io.lines"        "for l in io.lines('$SECRET') do print(l) end" "$DENIED"
escape "loadfile"        "loadfile('$SECRET')"                          "sandbox: loading $SECRET is not allowed"
escape "dofile"          "dofile('$SECRET')"                            "sandbox: loading $SECRET is not allowed"
escape "clio.read_file"  "print(clio.read_file('$SECRET'))"             "$DENIED"
escape "clio.open"       "print(clio.open('$SECRET'))"                  "sandbox: reading $SECRET[^ ]* is not allowed"
escape "core.open"       "print(clio.core.open({'$SECRET'}))"           "$DENIED"
escape "core.open metadata" "print(clio.core.open({'$TMP/corpus'}, {metadata = '$SECRET'}))" "$DENIED"
escape "core.listdir"    "print(clio.core.listdir('$TMP'))"             "sandbox: listing $TMP is not allowed"
escape "core.folder_files" "print(clio.core.folder_files('$TMP'))"      "sandbox: listing $TMP is not allowed"
escape "core.index_open" "print(clio.core.index_open('$SECRET'))"       "$DENIED"
escape "a coroutine"     "print(coroutine.wrap(function() return io.open('$SECRET'):read('a') end)())" "$DENIED"
escape "'..' out of a root" "print(io.open('$TMP/corpus/../secret.txt'):read('a'))" "sandbox: reading $TMP/corpus/../secret.txt is not allowed"
escape "a relative path" "print(io.open('../../../../../../../../..$SECRET'):read('a'))" "sandbox: reading [./]+$SECRET is not allowed"
escape "a file link inside a root" "print(io.open('$TMP/linked/link.txt'):read('a'))" "sandbox: reading $TMP/linked/link.txt is not allowed"
escape "a folder link inside a root" "print(io.open('$TMP/linked/dir/p.txt'):read('a'))" "sandbox: reading $TMP/linked/dir/p.txt is not allowed"
escape "a corpus holding links" "local c = assert(clio.open('$TMP/linked')); for d in c:docs() do print(d:text()) end" "sandbox: (reading|listing) $TMP/linked/(link.txt|dir) is not allowed"
escape "listing through a link" "print(table.concat(clio.core.listdir('$TMP/linked/dir'), ' '))" "sandbox: listing $TMP/linked/dir is not allowed"

# ---- the raw module, through package ----
escape "package.loaded reset" "package.loaded['clio.core'] = nil; local core = require 'clio.core'; print(core.open({'$SECRET'}))" "module 'clio.core' not found"
escape "package.preload call" "local core = package.preload['clio.core'](); print(core.open({'$SECRET'}))" "attempt to call a nil value \(field 'clio.core'\)"
escape "searchers: the C loader" "for _, s in ipairs(package.searchers) do print(s('clio.core')) end; package.cpath = '$TMP/?.so'; require 'x'" "module 'x' not found"
escape "package.path"    "package.path = '$TMP/?.txt'; require 'secret'" "module 'secret' not found"
escape "C modules"       'require "lfs"'                                "module 'lfs' not found"
escape "the fresh core still checks" "package.loaded['clio.core'] = nil; local ok, core = pcall(require, 'clio.core'); core = ok and core or clio.core; print(core.open({'$SECRET'}))" "$DENIED"

# ---- checks that hold when the script replaces the library under them ----
REPLACE='string.sub = function() return "" end; string.find = function() return nil end
string.match = function() return nil end; string.gsub = function(s) return s, 0 end
ipairs = function() return function() end end; pairs = ipairs
type = function() return "nil" end; tostring = function() return "" end
getmetatable("").__index = function() return function() return true end end'
escape "replaced string functions: io.open" "$REPLACE; print(io.open('$SECRET'):read('a'))" "$DENIED"
escape "replaced string functions: core.open" "$REPLACE; print(clio.core.open({'$SECRET'}))" "$DENIED"
escape "replaced string functions: writing" "$REPLACE; io.open('$TMP/evil.txt', 'w'):write('x')" "sandbox: writing $TMP/evil.txt is not allowed"
escape "replaced string functions: os.remove" "$REPLACE; os.remove('$SECRET')" "sandbox: removing $SECRET is not allowed"
escape "replaced table functions" "table.sort = function() end; table.concat = function() return '' end; print(io.open('$SECRET'):read('a'))" "$DENIED"

# ---- writing anywhere but -o ----
escape "writing a file"  "assert(io.open('$TMP/evil.txt', 'w'))"       "sandbox: writing $TMP/evil.txt is not allowed"
escape "appending"       "assert(io.open('$TMP/evil.txt', 'a'))"       "sandbox: writing $TMP/evil.txt is not allowed"
escape "r+ on the secret" "assert(io.open('$SECRET', 'r+')):write('x')" "sandbox: writing $SECRET is not allowed"
escape "'..' out of the output folder" "assert(io.open('$TMP/results/../evil.txt', 'w'))" "sandbox: writing $TMP/results/../evil.txt is not allowed"
escape "a temporary name with '..'" "assert(io.open('$OUT.tmp-x/../../evil.txt', 'w'))" "sandbox: writing .* is not allowed"
escape "output elsewhere" "clio.output.open{path = '$TMP/evil.txt', columns = {'a'}}" "sandbox: [a-z]+ $TMP/evil.txt[^ ]* is not allowed \\($TMP/escape.lua:2\\)"
escape "os.remove"       "os.remove('$SECRET')"                        "sandbox: removing $SECRET is not allowed"
escape "os.rename"       "os.rename('$SECRET', '$OUT')"                "sandbox: renaming $SECRET is not allowed"
escape "renaming -o away" "io.open('$OUT', 'w'):close(); os.rename('$OUT', '$TMP/evil.txt')" "sandbox: renaming $TMP/evil.txt is not allowed"
escape "temporary files elsewhere" "print(clio.core.temp_path('$TMP/evil.txt'))" "sandbox: writing $TMP/evil.txt is not allowed"
escape "index elsewhere" "clio.core.index_build(assert(clio.open('$TMP/corpus'))._core, '$TMP/evil.clio')" "sandbox: writing $TMP/evil.clio is not allowed"
[ -f "$SECRET" ] && grep -q 7f3a "$SECRET" && ok || fail "the secret was changed or removed"

# ---- bytecode: only text chunks load ----
BIN='string.char(27) .. "Lua" .. string.char(0x54, 0, 0x19, 0x93, 13, 10, 0x1a, 10, 4, 8, 8)'
escape "load, binary mode" "print(load($BIN, 'x', 'b'))"                "sandbox: loading a binary chunk x is not allowed"
escape "load, default mode" "assert(load($BIN))"                        "attempt to load a binary chunk"
escape "load, a reader"  "local s = $BIN; assert(load(function() local x = s; s = nil; return x end))" "attempt to load a binary chunk"
timeout 30 "$CLIO" run /dev/stdin <<LUA >/dev/null 2>&1
local f = assert(io.open("$TMP/corpus/chunk.luac", "wb"))
f:write(string.dump(function() print("bytecode ran") end)); f:close()
LUA
escape "loadfile of bytecode" "assert(loadfile('$TMP/corpus/chunk.luac'))()" "attempt to load a binary chunk"
escape "dofile of bytecode" "dofile('$TMP/corpus/chunk.luac')"          "attempt to load a binary chunk"
sandboxed "$TMP/corpus/chunk.luac" -o "$OUT"
[ "$STATUS" -eq 1 ] && grep -q "attempt to load a binary chunk" "$TMP/err" && ! grep -q "bytecode ran" "$TMP/out" && ok ||
    fail "a bytecode script is refused"
rm -f "$TMP/corpus/chunk.luac"

# ---- oracles: a refused path tells nothing, whether it exists or not ----
for route in "clio.core.realpath" "clio.core.stat"; do
    escape "$route of an existing file" "print($route('$SECRET'))" "$DENIED"
    cp "$TMP/err" "$TMP/err-exists"
    escape "$route of a missing file" "print($route('$TMP/no-such-file'))" "sandbox: reading $TMP/no-such-file is not allowed"
    sed "s#$TMP/no-such-file#X#" "$TMP/err" >"$TMP/err-missing"
    sed "s#$SECRET#X#" "$TMP/err-exists" | diff -q - "$TMP/err-missing" >/dev/null && ok || fail "$route: existing and missing files differ"
done
printf 'print(package.searchpath("secret", "%s/?.txt"), package.searchpath("nothing", "%s/?.txt"))\n' "$TMP" "$TMP" >"$TMP/oracle.lua"
sandboxed "$TMP/oracle.lua" "$TMP/corpus" -o "$OUT"
grep -q "secret.txt" "$TMP/out" && fail "package.searchpath finds files outside the roots" || ok

# ---- getmetatable: no userdata's metatable (no __gc to call twice) ----
escape "a corpus's metatable" "local c = clio.open('$TMP/corpus'); local mt = getmetatable(c._core); mt.__gc(c._core)" "attempt to index a nil value \(local 'mt'\)"

# ---- an index the script wrote (it could name any file) is read by the policy ----
timeout 60 "$CLIO" index "$TMP/private" -o "$OUT" >/dev/null 2>&1
escape "an index of its own naming files outside" "local ix = assert(clio.index.open('$OUT')); print(ix:text(1))" "sandbox: reading $TMP/private/p.txt is not allowed"
rm -f "$OUT"

# ---- what the sandbox allows: the corpus named, clio's own data, the -o file ----
cat >"$TMP/fine.lua" <<'LUA'
local clio = require "clio"
local opts, paths = clio.cli.parse({ ... }, { options = clio.cli.output_options })
local corpus = assert(clio.open(paths))
local out <close> = clio.output.open { format = "csv", path = opts.output, columns = { "doc", "tokens" } }
for d in corpus:docs() do out:write { doc = d.name, tokens = #d:tokens() } end
assert(clio.read_file(clio.data_path("lang/en/words.lua")))
local lpeg = require "lpeg"
assert(lpeg.match(lpeg.P "ab", "abc") == 3)
assert(io.open(paths[1] .. "/no-such-file") == nil) -- missing inside a root: plain nil
assert(load("return 1 + 1")() == 2)
assert(loadfile(paths[1] .. "/mod.lua", "t", { x = 41 })() == 42) -- text chunks, an env
assert(loadfile(paths[1] .. "/mod.lua", "t")() == 1)
assert(dofile(paths[1] .. "/mod.lua") == 1)
LUA
echo 'return (x or 0) + 1' >"$TMP/corpus/mod.lua"
sandboxed "$TMP/fine.lua" "$TMP/corpus" -o "$TMP/results/result.csv"
check_status 0 "allowed work in the sandbox"
grep -q "03-leader-after-lenin.txt,103" "$TMP/results/result.csv" && ok || fail "the -o file was written"
rm "$TMP/corpus/mod.lua"

run --sandbox index "$TMP/corpus" -o "$TMP/results/c.clio"
check_status 0 "an index written to -o in the sandbox"
run --sandbox concord Lenin --index "$TMP/results/c.clio"
check_status 0 "the index named by an argument is readable, and its sources"
check_out "03-leader-after-lenin.txt:46" "concordance from it"
run --sandbox timeline -f jsonl -o "$TMP/results/t.jsonl" data/corpora/stalin-essays
check_status 0 "a bundled analysis in the sandbox"
[ "$(wc -l <"$TMP/results/t.jsonl")" -gt 20 ] && ok || fail "timeline output in the sandbox"

run --sandbox report "$TMP/corpus" -o "$TMP/results/r.html"
check_status 0 "the report in the sandbox"
[ -s "$TMP/results/r.html" ] && ! ls "$TMP/results" | grep -q "tmp-" && ok || fail "report written, no temporaries left"

done_testing
