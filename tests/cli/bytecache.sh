# The cache of compiled chunks (lua/bytecache.c): entries only for files under clio's
# home, replaced when a source changes, ignored when damaged, never written for a
# confined script or a file written in the last 2 s; errors name the source's lines.
. "$(dirname "$0")/lib.bash"

HOME_COPY=$TMP/home
mkdir -p "$HOME_COPY/scripts"
cp -r "$(dirname "$0")/../../lua" "$HOME_COPY/"
cat >"$HOME_COPY/scripts/hello.lua" <<'LUA'
-- hello: a greeting
print("hello " .. (... or "nobody"))
LUA
cat >"$HOME_COPY/scripts/broken.lua" <<'LUA'
-- broken: fails on its third line
local x = 1
error("on purpose " .. x)
LUA
cat >"$TMP/outside.lua" <<'LUA'
print("outside")
LUA
touch -d '1 minute ago' "$HOME_COPY/scripts/"*.lua "$TMP/outside.lua"
find "$HOME_COPY/lua" -name '*.lua' -exec touch -d '1 minute ago' {} +
export CLIO_HOME=$HOME_COPY XDG_CACHE_HOME=$TMP/cache
entries() { find "$TMP/cache/clio/lua" -name '*.luac' 2>/dev/null | wc -l; }

run hello Ada
check_status 0 "first run, from source"
check_out "hello Ada" "first run"
n=$(entries)
[ "$n" -ge 3 ] && ok || fail "entries for main, clio and the script: $n"

run hello Ada
check_out "hello Ada" "second run, from the cache"
[ "$(entries)" -eq "$n" ] && ok || fail "no new entries on the second run: $(entries)"

run run "$TMP/outside.lua"
check_out "outside" "a script outside the home"
[ "$(entries)" -eq "$n" ] && ok || fail "files outside the home are not cached"

# the same size, new contents: the entry no longer matches and is replaced
sed -i 's/hello /HELLO /' "$HOME_COPY/scripts/hello.lua"
touch -d '30 seconds ago' "$HOME_COPY/scripts/hello.lua"
run hello Ada
check_out "HELLO Ada" "an edited script is read again"
[ "$(entries)" -eq "$n" ] && ok || fail "its entry is replaced, not added to"

# damaged entries are read past: a bad header, bad bytecode (Lua would run it as it is)
for f in "$TMP/cache/clio/lua/"*.luac; do printf 'garbage' | dd of="$f" bs=1 seek=20 conv=notrunc 2>/dev/null; done
run hello Ada
check_status 0 "damaged headers"
check_out "HELLO Ada" "damaged headers fall back to the sources"
run hello Ada
for f in "$TMP/cache/clio/lua/"*.luac; do
    size=$(stat -c %s "$f")
    printf '\377\377\377\377' | dd of="$f" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
done
run hello Ada
check_status 0 "damaged bytecode"
check_out "HELLO Ada" "damaged bytecode falls back to the sources"
for f in "$TMP/cache/clio/lua/"*.luac; do : >"$f"; done
run hello Ada
check_out "HELLO Ada" "empty entries fall back to the sources"

# errors from a cached chunk name the source file and line, as from the source
run broken
check_status 1 "a failing script"
check_err "broken.lua:3: on purpose 1" "from source: file and line"
run broken
check_err "broken.lua:3: on purpose 1" "from the cache: the same file and line"

# a file written just now is not cached (the same clock tick could hide a rewrite)
echo 'print("fresh")' >"$HOME_COPY/scripts/fresh.lua"
before=$(entries)
run fresh
check_out "fresh" "a fresh script runs"
[ "$(entries)" -eq "$before" ] && ok || fail "a file written in the last 2 s is not cached"

# confined scripts read sources only and write nothing
rm -rf "$TMP/cache"
run --sandbox hello Ada
check_out "HELLO Ada" "sandboxed"
run --max-instructions 100000000 hello Ada
check_out "HELLO Ada" "limited"
[ "$(entries)" -eq 0 ] && ok || fail "no cache for a confined script: $(entries)"
CLIO_NO_CACHE=1 run hello Ada
check_out "HELLO Ada" "CLIO_NO_CACHE"
[ "$(entries)" -eq 0 ] && ok || fail "CLIO_NO_CACHE writes nothing: $(entries)"

done_testing
