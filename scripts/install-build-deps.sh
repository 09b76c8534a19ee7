#!/usr/bin/env bash
# Installs what building CPython with a full stdlib needs (Debian/Ubuntu), when it is missing.
# Tests of CPython skip what a missing library disables; pydebug itself needs only a C toolchain.
set -euo pipefail
# Usage: scripts/install-build-deps.sh [EXTRA_PACKAGE...]
packages=(build-essential pkg-config libssl-dev zlib1g-dev libbz2-dev liblzma-dev libsqlite3-dev
  libffi-dev libreadline-dev libncursesw5-dev libgdbm-dev uuid-dev valgrind xz-utils "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing build dependencies: ${missing[*]}" >&2
$sudo apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
