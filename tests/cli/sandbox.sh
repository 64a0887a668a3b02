# --sandbox: each way out is tried and refused; the analyses themselves still work.
. "$(dirname "$0")/lib.bash"

SECRET="$TMP/secret.txt"
echo "not for scripts" >"$SECRET"
mkdir -p "$TMP/corpus" "$TMP/results"
cp data/corpora/stalin-essays/03-leader-after-lenin.txt "$TMP/corpus/"

escape() { # escape NAME LUA-CODE: the code must fail inside the sandbox
    printf 'local clio = require "clio"\n%s\n' "$2" >"$TMP/escape.lua"
    run --sandbox run "$TMP/escape.lua" "$TMP/corpus" -o "$TMP/results/result.txt"
    if [ "$STATUS" -ne 0 ] && grep -qE "$3" "$TMP/err"; then ok; else fail "sandbox let through: $1"; fi
}

escape "os.execute"      'os.execute("touch /tmp/pwned")'                    "attempt to call a nil value \(field 'execute'\)"
escape "io.popen"        'io.popen("id")'                                   "attempt to call a nil value \(field 'popen'\)"
escape "package.loadlib" 'package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")' "attempt to call a nil value \(field 'loadlib'\)"
escape "debug"           'debug.getregistry()'                              "attempt to index a nil value \(global 'debug'\)"
escape "reading a file"  "assert(io.open('$SECRET'))"                       "sandbox: reading $SECRET is not allowed"
escape "io.lines"        "for l in io.lines('$SECRET') do end"              "sandbox: reading $SECRET is not allowed"
escape "loadfile"        "loadfile('$SECRET')"                              "sandbox: loading $SECRET is not allowed"
escape "dofile"          "dofile('$SECRET')"                                "sandbox: loading $SECRET is not allowed"
escape "clio.read_file"  "assert(clio.read_file('$SECRET'))"                "sandbox: reading $SECRET is not allowed"
escape "clio.open"       "assert(clio.open('$SECRET'))"                     "sandbox: reading $SECRET is not allowed"
escape "core.open"       "clio.core.open({'$SECRET'})"                      "sandbox: reading $SECRET is not allowed"
escape "core.listdir"    "clio.core.listdir('$TMP')"                        "sandbox: listing $TMP is not allowed"
escape "core.folder_files" "clio.core.folder_files('$TMP')"                 "sandbox: listing $TMP is not allowed"
escape "worker threads"  "assert(clio.core.pool('clio.timeline_job', 'run', 2))" "no worker threads under --sandbox or a limit"
escape "writing a file"  "assert(io.open('$TMP/evil.txt', 'w'))"            "sandbox: writing $TMP/evil.txt is not allowed"
escape "output elsewhere" "clio.output.open{path = '$TMP/evil.txt', columns = {'a'}}" "sandbox: writing $TMP/evil.txt[^ ]* is not allowed \\($TMP/escape.lua:2\\)"
escape "os.remove"       "os.remove('$SECRET')"                             "sandbox: removing $SECRET is not allowed"
escape "os.rename"       "os.rename('$SECRET', '$TMP/results/result.txt')"      "sandbox: renaming $SECRET is not allowed"
escape "index elsewhere" "clio.core.index_build(assert(clio.open('$TMP/corpus'))._core, '$TMP/evil.clio')" "sandbox: writing $TMP/evil.clio is not allowed"
escape "index reading"   "clio.core.index_open('$SECRET')"                  "sandbox: reading $SECRET is not allowed"
escape "binary chunk"    'load(string.dump(function() end), "x", "b")'      "sandbox: loading a binary chunk"
escape "require a file"  "package.path = '$TMP/?.txt'; require 'secret'"    "module 'secret' not found"
escape "C modules"       'require "lfs"'                                    "module 'lfs' not found"
[ -e /tmp/pwned ] && fail "os.execute ran" || ok
[ -f "$SECRET" ] && ok || fail "the secret was removed"
ls "$TMP" | grep -q evil && fail "a file was written outside -o" || ok

# what the sandbox allows: the corpus named, clio's own data, the -o file
cat >"$TMP/fine.lua" <<'LUA'
local clio = require "clio"
local opts, paths = clio.cli.parse({ ... }, { options = clio.cli.output_options })
local corpus = assert(clio.open(paths))
local out <close> = clio.output.open { format = "csv", path = opts.output, columns = { "doc", "tokens" } }
for d in corpus:docs() do out:write { doc = d.name, tokens = #d:tokens() } end
assert(clio.read_file(clio.data_path("lang/en/words.lua")))
local lpeg = require "lpeg"
assert(lpeg.match(lpeg.P "ab", "abc") == 3)
LUA
run --sandbox run "$TMP/fine.lua" "$TMP/corpus" -o "$TMP/results/result.csv"
check_status 0 "allowed work in the sandbox"
grep -q "03-leader-after-lenin.txt,103" "$TMP/results/result.csv" && ok || fail "the -o file was written"

run --sandbox index "$TMP/corpus" -o "$TMP/results/c.clio"
check_status 0 "an index written to -o in the sandbox"
run --sandbox concord Lenin --index "$TMP/results/c.clio"
check_status 0 "the index named by an argument is readable"
check_out "03-leader-after-lenin.txt:46" "concordance from it"
run --sandbox timeline -f jsonl -o "$TMP/results/t.jsonl" data/corpora/stalin-essays
check_status 0 "a bundled analysis in the sandbox"
[ "$(wc -l <"$TMP/results/t.jsonl")" -gt 20 ] && ok || fail "timeline output in the sandbox"

done_testing
