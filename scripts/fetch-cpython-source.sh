#!/usr/bin/env bash
# Usage: scripts/fetch-cpython-source.sh DEST_DIR
# Prints the path of CPython 3.11.2's pristine source tarball, fetched from Debian's source
# packages (the orig tarball is upstream's, byte for byte). For machines that reach Debian but
# not python.org; elsewhere pydebug downloads from python.org itself.
set -euo pipefail
dest=${1:?usage: $0 DEST_DIR}
tarball="$dest/python3.11_3.11.2.orig.tar.gz"
if [ -s "$tarball" ]; then echo "$tarball"; exit 0; fi
mkdir -p "$dest"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! apt-cache showsrc python3.11 2>/dev/null | grep -q '^Version: 3.11.2'; then
  $sudo tee /etc/apt/sources.list.d/pydebug-cpython-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $sudo apt-get update -q >&2
fi
(cd "$dest" && apt-get source --download-only python3.11/bookworm >&2)
[ -s "$tarball" ] || { echo "no $tarball after apt-get source" >&2; exit 1; }
echo "$tarball"
