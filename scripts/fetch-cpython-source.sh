#!/usr/bin/env bash
# Usage: scripts/fetch-cpython-source.sh DEST_DIR [VERSION]    (VERSION: 3.11.2, the default, or 3.13.5)
# Prints the path of CPython VERSION's source tarball as Debian's source package ships it (the
# .orig tarball: upstream's sources, not checked here to be python.org's file byte for byte; its
# SHA-256 is in src/catalog/source-checksums.ts as Debian's archive lists it). For machines that
# reach a Debian mirror but not python.org; elsewhere pydebug downloads from python.org itself.
# The mirror is the one the machine's apt sources already use: this script names no host.
set -euo pipefail
dest=${1:?usage: $0 DEST_DIR [VERSION]}
version=${2:-3.11.2}
case "$version" in
  3.11.2) package=python3.11/bookworm suite=bookworm tarball="python3.11_3.11.2.orig.tar.gz" ;;
  3.13.5) package=python3.13/trixie suite=trixie tarball="python3.13_3.13.5.orig.tar.xz" ;;
  *) echo "$0: no Debian source package is known for CPython $version (known: 3.11.2, 3.13.5)" >&2; exit 2 ;;
esac
if [ -s "$dest/$tarball" ]; then echo "$dest/$tarball"; exit 0; fi
mkdir -p "$dest"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! apt-cache showsrc "${package%/*}" 2>/dev/null | grep -q "^Version: $version-"; then
  # The machine's own Debian mirror, read from its apt sources: no host is written here.
  mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { echo "$0: no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list" >&2; exit 1; }
  $sudo tee "/etc/apt/sources.list.d/pydebug-cpython-src-$suite.sources" >/dev/null <<SRC
Types: deb-src
URIs: $mirror
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $sudo apt-get update -q >&2
fi
(cd "$dest" && apt-get source --download-only "$package" >&2)
[ -s "$dest/$tarball" ] || { echo "no $dest/$tarball after apt-get source $package" >&2; exit 1; }
echo "$dest/$tarball"
