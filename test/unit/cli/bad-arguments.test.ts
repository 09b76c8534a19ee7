import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import { captureIo } from '../../helpers/cli-io.js'

// Every bad argument fails before any build starts: exit 2 and one line naming the argument.
describe('pydebug run with bad arguments', () => {
  let root: string
  let tarball: string
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-args-'))
    tarball = path.join(root, 'Python-3.11.2.tgz')
    writeFileSync(tarball, 'not really a tarball')
    mkdirSync(path.join(root, 'ext', 'tests'), { recursive: true })
    mkdirSync(path.join(root, 'no-tests'))
  })

  const runWith = async (...args: string[]) => {
    const io = captureIo(root)
    const code = await cli(['run', ...args], io)
    return { code, io }
  }
  const valid = () => ['--python', '3.11.2', '--source', tarball, '--extension', 'ext']

  it.each([
    [['--python', '3.11'], /^pydebug run: --python '3\.11' is not a CPython release version: expected X\.Y\.Z \(e\.g\. 3\.11\.2\)/],
    [['--python', 'latest'], /--python 'latest' is not a CPython release version/],
    [['--variant', 'pydebg'], /--variant 'pydebg' is not a known variant\. Allowed: pydebug, valgrind, .*\. Perhaps you meant 'pydebug'\?$/],
    [['--variant', 'nonsense'], /--variant 'nonsense' is not a known variant\. Allowed: pydebug, [^?]*\.$/],
    [
      ['--source', 'missing.tgz'],
      /--source 'missing\.tgz': no such file or folder \(.*missing\.tgz\)\. Give a CPython source tarball or folder, an http\(s\) URL, or a URL template with \{version\}\.$/,
    ],
    [['--extension', 'nowhere'], /--extension 'nowhere': no such directory/],
    [['--extension', 'no-tests'], /--extension 'no-tests' has no tests\/ folder/],
    [['--fail-on', 'sometimes'], /--fail-on 'sometimes' is not allowed\. Allowed: findings, leaks, new, never\.$/],
    [['--refleak-runs', '3'], /--refleak-runs '3' is not allowed: expected WARMUPS:RUNS/],
    [['--jobs', '0'], /--jobs '0' is not allowed: expected a whole number 1 or more\.$/],
    [['--colour', 'red'], /^pydebug run: Unknown option '--colour'\. Allowed options: --python, --variant, /],
  ])('%j', async (override, expected) => {
    const args = valid()
    for (let index = 0; index < override.length; index += 2) {
      const at = args.indexOf(override[index])
      if (at >= 0) args.splice(at, 2, ...override.slice(index, index + 2))
      else args.push(...override.slice(index, index + 2))
    }
    const { code, io } = await runWith(...args)
    expect(code).toBe(2)
    expect(io.err.trimEnd().split('\n')).toHaveLength(1)
    expect(io.err.trimEnd()).toMatch(expected)
    expect(io.out).toBe('')
  })

  it('requires --python and --extension', async () => {
    expect((await runWith('--extension', 'ext')).io.err).toMatch(/--python is required: a CPython release version X\.Y\.Z/)
    expect((await runWith('--python', '3.11.2', '--source', tarball)).io.err).toMatch(/--extension is required/)
  })

  it('refuses a variant that does not exist in that version, with the reason and the alternative', async () => {
    const { code, io } = await runWith('--python', '3.11.2', '--source', tarball, '--extension', 'ext', '--variant', 'count-allocs')
    expect(code).toBe(2)
    expect(io.err).toMatch(
      /count-allocs is not available on CPython 3\.11: COUNT_ALLOCS was removed in CPython 3\.9.*\(bpo-39489.*Use variant 'trace-refs' instead\./,
    )
  })

  it('names unknown commands and lists the known ones', async () => {
    const io = captureIo(root)
    expect(await cli(['rnu'], io)).toBe(2)
    expect(io.err).toMatch(/^pydebug: unknown command 'rnu'\. Commands: run, build/)
  })
})
