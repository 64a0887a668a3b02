# Assertions for the command-line tests: source it, call check_* and finish with `done_testing`.
CLIO=${1:?usage: $0 path/to/clio}
PASSED=0
FAILED=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a cache of this test's own: runs start cold and leave nothing in the user's cache
export XDG_CACHE_HOME="$TMP/cache"

# run CMD...: runs clio with the arguments, keeping stdout, stderr and the status.
run() {
    "$CLIO" "$@" >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
}

ok() { PASSED=$((PASSED + 1)); }
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL: $1" >&2
    echo "  stdout: $(head -c 600 "$TMP/out")" >&2
    echo "  stderr: $(head -c 600 "$TMP/err")" >&2
}

check_status() { [ "$STATUS" -eq "$1" ] && ok || fail "$2: status $STATUS, want $1"; }
check_out() { grep -qF -- "$1" "$TMP/out" && ok || fail "$2: stdout lacks '$1'"; }
check_err() { grep -qF -- "$1" "$TMP/err" && ok || fail "$2: stderr lacks '$1'"; }
check_out_re() { grep -qE -- "$1" "$TMP/out" && ok || fail "$2: stdout has no line matching /$1/"; }
check_out_equals() { diff -u "$1" "$TMP/out" >"$TMP/diff" && ok || { cat "$TMP/diff" >&2; fail "$2: stdout differs from $1"; }; }

done_testing() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
