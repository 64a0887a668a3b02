#!/bin/sh
# Installs what clio needs to build and test from Debian's packages: with apt-get
# when run as root, otherwise prints the exact command to run. Safe to run again.
set -eu

PACKAGES="build-essential cmake pkg-config liblua5.4-dev lua5.4 lua-lpeg lua-lpeg-dev \
libutf8proc-dev libpcre2-dev libexpat1-dev libcriterion-dev lua-cjson python3"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "clio needs these Debian packages:$missing" >&2
    echo "run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "setup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
