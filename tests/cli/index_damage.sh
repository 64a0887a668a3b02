#!/usr/bin/env bash
# A damaged index is refused in every read path, never half-read: bits flipped one at a
# time (positions from a fixed seed, spread over the header, every section and the
# checksum table) must leave each command either with the undamaged answer (the
# damaged block was never read) or with status 1 and a one-line message naming the
# index: never a different answer with status 0, never a traceback or a signal.
HERE=$(cd "$(dirname "$0")/../.." && pwd)
source "$(dirname "$0")/lib.bash"
cd "$TMP" || exit 1
cat "$HERE"/data/corpora/stalin-essays/0[1-4]*.txt >text.txt
run index text.txt -o good.clio
check_status 0 "index of the sample"

FLIPS=${CLIO_DAMAGE_FLIPS:-120}
[ -n "${CLIO_SANITIZED:-}" ] && FLIPS=40
python3 - "$CLIO" good.clio "$FLIPS" <<'PY' >"$TMP/report"
import os, random, subprocess, sys
clio, good, flips = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(good, 'rb').read()
commands = [
    ['freq', '-n', '30'],
    ['concord', 'party'],
    ['concord', 'lenin OR stalin', '--sort', 'left'],
    ['ngrams', '-n', '2'],
    ['collocates', 'party'],
]
def run(idx, cmd):
    p = subprocess.run([clio, cmd[0], '--index', idx] + cmd[1:] + ['text.txt'],
                       capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace')
want = {}
for cmd in commands:
    rc, out, err = run(good, cmd)
    if rc != 0:
        print('BAD undamaged', cmd, rc, err[:300]); sys.exit(0)
    want[tuple(cmd)] = out
rng = random.Random(16)
bad = refused = same = 0
for k in range(flips):
    bit = rng.randrange(len(data) * 8)
    damaged = bytearray(data)
    damaged[bit // 8] ^= 1 << (bit % 8)
    with open('bad.clio', 'wb') as f:
        f.write(damaged)
    cmd = commands[k % len(commands)]
    rc, out, err = run('bad.clio', cmd)
    if rc == 0 and out == want[tuple(cmd)]:
        same += 1
    elif rc == 1 and 'bad.clio' in err and 'traceback' not in err and len(err.strip().splitlines()) == 1:
        refused += 1
    else:
        bad += 1
        print('BAD bit %d (byte %d) %s: status %d, stderr %r, stdout %r' %
              (bit, bit // 8, ' '.join(cmd), rc, err[:200], out[:120]))
print('flips %d: %d refused, %d same answer, %d bad' % (flips, refused, same, bad))
PY
cat "$TMP/report"
grep -q '^BAD' "$TMP/report" && fail "damaged indexes answered wrongly or crashed" || ok
grep -q '^flips' "$TMP/report" && ok || fail "the flips did not run"
grep -Eq ' [1-9][0-9]* refused' "$TMP/report" && ok || fail "no flip was refused: the test hits nothing"

done_testing
