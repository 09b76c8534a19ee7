#!/usr/bin/env bash
# The README's first command: a real debug build of CPython 3.11.2 (or a cache hit), the bundled
# leaky extension built against it, its refleak hunt, and the report in pydebug-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-build-deps.sh
source_args=()
if [ -n "${PYDEBUG_SOURCE:-}" ]; then
  source_args=(--source "$PYDEBUG_SOURCE")
elif ! node -e "fetch(process.argv[1], { method: 'HEAD', signal: AbortSignal.timeout(10000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
    https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz; then
  echo "python.org is not reachable: using Debian's copy of the 3.11.2 source tarball" >&2
  source_args=(--source "$(bash scripts/fetch-cpython-source.sh "${XDG_CACHE_HOME:-$HOME/.cache}/pydebug/debian-sources")")
fi
# The example leaks on purpose: findings are the expected result here, not a failure.
node bin/pydebug.mjs run --python 3.11.2 --variant pydebug "${source_args[@]}" \
  --extension examples/leaky --out pydebug-out --fail-on never "$@"
echo
cat pydebug-out/summary.md
