/**
 * What pydebug leaves out of CPython's `make install`, so that cache entries are smaller and
 * installs faster (issue 13), without removing anything a test, an extension build or CPython's
 * own test suite needs:
 *
 * - bytecode for optimisation levels 1 and 2 (`*.opt-1.pyc`, `*.opt-2.pyc`): 95 MB of a 331 MB
 *   3.11 debug prefix, and two of the install's three byte-compilations of the standard library.
 *   Debug runs never use `-O`; `python -O` still works and writes its bytecode on first import.
 * - the second copy of the static library: `make install` copies libpython into both LIBDIR
 *   (`lib/`) and LIBPL (`lib/pythonX.Y/config-X.Y.../`); the second becomes a hard link to the
 *   first, so both paths (pkg-config's and python-config's) still work, and tar stores it once.
 */

/**
 * The recipe lines of CPython's Makefile that byte-compile at install, reduced to optimisation
 * level 0. 3.12 and later compile all levels in one run (`compileall.py -o 0 -o 1 -o 2`); up to
 * 3.11 each level is its own command (`python -Wi -O compileall.py`, `-OO`), and those commands are
 * dropped. A Makefile with neither shape is returned unchanged (`changed` 0), so a future layout
 * costs time, never correctness.
 */
export function withLevelZeroBytecodeOnly(makefile: string): { readonly text: string; readonly changed: number } {
  const lines = makefile.split('\n')
  const kept: string[] = []
  let changed = 0
  for (let start = 0; start < lines.length; ) {
    // A recipe command continues over lines that end with a backslash: judge it whole.
    let end = start
    while (end < lines.length - 1 && lines[end].endsWith('\\')) end++
    const command = lines.slice(start, end + 1)
    const joined = command.join(' ')
    if (joined.includes('compileall.py')) {
      if (/\s-OO?\s/.test(joined)) {
        changed++
        start = end + 1
        continue
      }
      if (joined.includes('-o 0 -o 1 -o 2')) {
        changed++
        kept.push(...command.map((line) => line.replace('-o 0 -o 1 -o 2', '-o 0')))
        start = end + 1
        continue
      }
    }
    kept.push(...command)
    start = end + 1
  }
  return { text: kept.join('\n'), changed }
}

/** A static library `make install` put in two places: the second becomes a link to the first. */
export interface DuplicateLibrary {
  readonly original: string
  readonly duplicate: string
}

/**
 * The LIBPL copies of LIBDIR's `libpython*.a`, from the prefix's file paths (relative, `/`
 * separated). The caller links them only after checking that the two files are identical.
 */
export function duplicateStaticLibraries(paths: readonly string[]): DuplicateLibrary[] {
  const inLibDir = new Set(paths.filter((file) => /^lib\/libpython[^/]*\.a$/.test(file)))
  return paths
    .map((file) => /^lib\/python[^/]+\/config-[^/]+\/(libpython[^/]*\.a)$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && inLibDir.has(`lib/${match[1]}`))
    .map((match) => ({ original: `lib/${match[1]}`, duplicate: match[0] }))
}
