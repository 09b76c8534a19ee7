import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { duplicateStaticLibraries, withLevelZeroBytecodeOnly } from '../../../src/plan/install-layout.js'
import { FIXTURES_DIR } from '../../helpers/fixtures.js'

const makefileOf = (version: string) => readFileSync(path.join(FIXTURES_DIR, 'cpython-makefiles', version, 'Makefile.pre.in'), 'utf8')
/** The byte-compiling commands of a Makefile, each joined over its continuation lines. */
const compileCommands = (makefile: string) =>
  makefile
    .replaceAll('\\\n', ' ')
    .split('\n')
    .filter((line) => line.includes('compileall.py') && line.includes('$(DESTDIR)$(LIBDEST)/compileall.py'))
    .map((line) => line.replace(/\s+/g, ' ').trim())

describe('install-time bytecode: optimisation level 0 only (issue 13)', () => {
  it('3.11.2: drops the -O and -OO byte-compilations of the standard library and site-packages, keeps level 0 of both', () => {
    const original = makefileOf('3.11.2')
    expect(compileCommands(original)).toHaveLength(6)
    const { text, changed } = withLevelZeroBytecodeOnly(original)
    expect(changed).toBe(4)
    const kept = compileCommands(text)
    expect(kept).toHaveLength(2)
    expect(kept.every((command) => !/ -OO? /.test(command))).toBe(true)
    expect(kept[0]).toContain("-x 'bad_coding|badsyntax|site-packages|lib2to3/tests/data' $(DESTDIR)$(LIBDEST)")
    expect(kept[1]).toContain('-x badsyntax $(DESTDIR)$(LIBDEST)/site-packages')
    // Nothing else moves: the file is the original less those four commands' lines (5 for the standard library's, 4 for site-packages').
    const removed = original.split('\n').length - text.split('\n').length
    expect(removed).toBe(2 * 5 + 2 * 4)
    expect(text).toContain('-m lib2to3.pgen2.driver $(DESTDIR)$(LIBDEST)/lib2to3/Grammar.txt')
  })

  it('3.13.5: compiles level 0 only, in the same two commands', () => {
    const original = makefileOf('3.13.5')
    const { text, changed } = withLevelZeroBytecodeOnly(original)
    expect(changed).toBe(2)
    const kept = compileCommands(text)
    expect(kept).toHaveLength(2)
    expect(kept.every((command) => command.includes(' -o 0 $(COMPILEALL_OPTS) ') && !command.includes('-o 1'))).toBe(true)
    expect(text.split('\n').length).toBe(original.split('\n').length)
  })

  it('leaves a Makefile it does not know unchanged, and says so', () => {
    const makefile = 'all:\n\t@echo built\ninstall:\n\tsh ../install.sh\n'
    expect(withLevelZeroBytecodeOnly(makefile)).toEqual({ text: makefile, changed: 0 })
  })
})

describe('the second copy of the static library', () => {
  it("pairs LIBPL's libpython with LIBDIR's, and nothing else", () => {
    expect(
      duplicateStaticLibraries([
        'bin/python3.11d',
        'lib/libpython3.11d.a',
        'lib/python3.11/config-3.11d-x86_64-linux-gnu/libpython3.11d.a',
        'lib/python3.11/config-3.11d-x86_64-linux-gnu/Makefile',
        'lib/python3.13t/config-3.13td-x86_64-linux-gnu/libpython3.13td.a',
      ]),
    ).toEqual([{ original: 'lib/libpython3.11d.a', duplicate: 'lib/python3.11/config-3.11d-x86_64-linux-gnu/libpython3.11d.a' }])
  })
})
