/**
 * A "CPython source tarball" whose configure, make and make install take a second: the install
 * puts this machine's python3 into the prefix (a link), with a few data files beside it, which is
 * enough for the real build step (cache keys, records, manifests, the probe) without building
 * CPython. Its cell is a release build (a custom variant with no configure arguments), so a release
 * python3 passes its checks. (It was the ref-debug cell until 3.11+ refused ref-debug, gh-89279.)
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parsePythonVersion } from '../../src/catalog/python-version.js'
import type { VariantSpec } from '../../src/catalog/variants.js'
import { planCell } from '../../src/plan/cell.js'
import { spawnAsync } from './spawn.js'

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' })
/** This machine's python3, which the fake install links to; undefined when there is none. */
export const systemPython: string | undefined = probe.status === 0 ? probe.stdout.trim() : undefined

/** A plain release build, as a user's custom variant: what this machine's python3 is. */
export const RELEASE_VARIANT: VariantSpec = { name: 'release', summary: 'a release build (test stand-in)', configureArgs: [], custom: true }

const planned = planCell(parsePythonVersion('3.11.2')!, RELEASE_VARIANT)
if (!planned.ok) throw new Error(planned.refusal.reason)
/** The cell the fake tarball builds: 3.11.2 release. */
export const FAKE_CELL = planned.cell

/** The data files the fake install writes (relative to the prefix), with their content. */
export const FAKE_INSTALLED_FILES: Readonly<Record<string, string>> = {
  'lib/python3.11/fake_module.py': `# a module of the fake install\n${'VALUE = 1\n'.repeat(2000)}`,
  'include/python3.11/Python.h': "/* the fake install's header */\n",
}

export interface FakeSourceOptions {
  /** Shell run by configure before it writes the Makefile (e.g. a sleep). */
  readonly configurePrelude?: string
  /** make's `all` recipe lines (default: one echo). */
  readonly makeAll?: readonly string[]
  /** The tarball's file name (default Python-3.11.2.tgz). */
  readonly fileName?: string
  /** More files of the source tree (paths relative to it), e.g. C files make compiles (`cc -c $(srcdir)/part.c`: the Makefile sets srcdir). */
  readonly sourceFiles?: Readonly<Record<string, string>>
  /** Shell make install runs after it wrote the fake install, with "$prefix" set; install stops at the first failing command, as make's does. */
  readonly installCommands?: string
}

/** Writes the fake source tree under `root` and returns the path of its .tgz (in `root`); the tree is fakeSourceFolderOf(tarball). */
export async function makeFakeCpythonTarball(root: string, options: FakeSourceOptions = {}): Promise<string> {
  if (!systemPython) throw new Error('no python3 on this machine')
  const treeRoot = path.join(root, `tree-${options.fileName ?? 'Python-3.11.2.tgz'}`)
  // Built out of tree, as pydebug builds CPython: configure finds the rest of the tree from where it lives.
  const tree = path.join(treeRoot, 'Python-3.11.2')
  mkdirSync(tree, { recursive: true })
  const makeAll = (options.makeAll ?? ['@echo built']).map((line) => `\\t${line.replaceAll("'", "'\\''")}\\n`).join('')
  writeFileSync(
    path.join(tree, 'configure'),
    `#!/bin/sh\necho "checking for the fake compiler... yes"\n${options.configurePrelude ?? ''}\nfor arg in "$@"; do case "$arg" in --prefix=*) echo "\${arg#--prefix=}" > prefix.txt;; esac; done\nsrcdir=$(dirname "$0")\nprintf 'srcdir = %s\\nall:\\n${makeAll}install:\\n\\tsh %s/install.sh\\n' "$srcdir" "$srcdir" > Makefile\n`,
  )
  chmodSync(path.join(tree, 'configure'), 0o755)
  const writes = Object.entries(FAKE_INSTALLED_FILES)
    .map(([file, content]) => `mkdir -p "$prefix/${path.dirname(file)}"\ncat > "$prefix/${file}" <<'PYDEBUG_EOF'\n${content}PYDEBUG_EOF\n`)
    .join('')
  for (const [file, content] of Object.entries(options.sourceFiles ?? {})) writeFileSync(path.join(tree, file), content)
  writeFileSync(
    path.join(tree, 'install.sh'),
    `set -e\nprefix=$(cat prefix.txt)\nmkdir -p "$prefix/bin"\nln -s '${systemPython}' "$prefix/bin/python3"\n${writes}${options.installCommands ?? ''}\n`,
  )
  // Where a source folder says its version (plan/source.ts): a folder source is checked against it.
  mkdirSync(path.join(tree, 'Include'), { recursive: true })
  writeFileSync(path.join(tree, 'Include', 'patchlevel.h'), '#define PY_MINOR_VERSION        11\n#define PY_VERSION              "3.11.2"\n')
  const tarball = path.join(root, options.fileName ?? 'Python-3.11.2.tgz')
  const packed = await spawnAsync(['tar', '-czf', tarball, '-C', treeRoot, 'Python-3.11.2'])
  if (packed.code !== 0) throw new Error(`tar: ${packed.stderr}`)
  return tarball
}

/**
 * A fake configure that behaves as autoconf's does with --cache-file: it reads the file, fails
 * as autoconf fails on a cache made with other precious variables, and writes its results back.
 */
export const CONFIGURE_WITH_CACHE = `
for arg in "$@"; do case "$arg" in --cache-file=*) cache="\${arg#--cache-file=}";; esac; done
if [ -z "$cache" ]; then echo "no --cache-file given" >&2; exit 3; fi
if [ -s "$cache" ]; then
  echo "configure: loading cache $cache"
  if grep -q stale "$cache"; then echo "configure: error: \\\`CC' has changed since the previous run:" >&2; exit 1; fi
fi
echo "ac_cv_fake_check=\${ac_cv_fake_check=yes}" >> "$cache"
`

/** The unpacked fake source folder a makeFakeCpythonTarball tarball was made from (a `source` folder, as a user's unpacked release or checkout). */
export function fakeSourceFolderOf(tarball: string): string {
  return path.join(path.dirname(tarball), `tree-${path.basename(tarball)}`, 'Python-3.11.2')
}
