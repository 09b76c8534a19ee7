/**
 * The valgrind variant runs what its name says: each test file once under memcheck, with
 * CPython's suppressions, and each error in the user's code is a finding that names the test, the
 * kind and the C line. `pydebug run` for real on examples/defects (CPython 3.11.2 built
 * `--with-pydebug --without-pymalloc --with-valgrind`, shared through the build cache folder).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pydebug, readReport } from '../helpers/leaky.js'
import { validate } from '../helpers/json-schema.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-valgrind-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const DEFECTS = path.join(REPO_ROOT, 'examples', 'defects')

/** The line of defects.c holding `text` inside the C function `name`: the expectations follow the C code. */
function lineIn(name: string, text: string): number {
  const lines = readFileSync(path.join(DEFECTS, 'defects.c'), 'utf8').split('\n')
  const start = lines.findIndex((line) => line.startsWith(`${name}(`))
  const offset = lines.slice(start).findIndex((line) => line.includes(text))
  if (start < 0 || offset < 0) throw new Error(`${text} not found in ${name}() of examples/defects/defects.c`)
  return start + offset + 1
}

describe.sequential('the valgrind variant runs memcheck (CPython 3.11.2, examples/defects)', () => {
  it('without valgrind: stops before building anything, and says how to install it', async () => {
    const out = path.join(scratch, 'no-valgrind')
    const result = await pydebug(
      [
        'run',
        '--python',
        '3.11.2',
        '--variant',
        'valgrind',
        ...sourceArgs,
        '--extension',
        DEFECTS,
        '--cache-dir',
        path.join(scratch, 'empty-cache'),
        '--out',
        out,
      ],
      { PATH: path.join(scratch, 'no-such-bin') },
    )
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(
      /^status: error \(the valgrind variant runs each test file under valgrind memcheck, but valgrind is not installed .*sudo apt-get install valgrind/m,
    )
    const report = readReport(out)
    expect(report.status).toBe('error')
    expect(report.error?.message).toContain('valgrind is not installed (or not on PATH)')
    expect(report.interpreter).toBeUndefined()
  })

  it("names the uninitialised branch's test, kind and C line; only the memory errors are memcheck's findings", async () => {
    const out = path.join(scratch, 'defects')
    const result = await pydebug([
      'run',
      '--python',
      '3.11.2',
      '--variant',
      'valgrind',
      ...sourceArgs,
      '--extension',
      DEFECTS,
      '--cache-dir',
      cacheDir,
      '--out',
      out,
    ])
    if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
    const report = readReport(out)
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
    expect(result.code).toBe(1)
    expect(report.cell?.variant).toBe('valgrind')

    const memcheck = report.findings.filter((finding) => finding.pass === 'memcheck')
    expect(memcheck.find((finding) => finding.test === 'test_uninitialised')).toMatchObject({
      kind: 'uninitialised-value',
      case: 'test_uninitialised.UninitialisedTests.test_uninitialised_branch',
      function: 'uninitialised_branch',
      file: 'examples/defects/defects.c',
      // gcc -O0 computes the comparison with setg, no branch: memcheck sees the branch on it in PyLong_FromLong, called here.
      line: lineIn('uninitialised_branch', 'PyLong_FromLong(result)'),
    })
    // The one-byte overrun of a malloc'd buffer is memcheck's too (ASan's in the asan variant); nothing else is.
    expect(memcheck.find((finding) => finding.test === 'test_heap_overflow')).toMatchObject({
      kind: 'invalid-write',
      function: 'heap_overflow',
      file: 'examples/defects/defects.c',
      line: lineIn('heap_overflow', "buffer[16] = 'x'"),
    })
    expect(memcheck.map((finding) => finding.test).sort()).toEqual(['test_heap_overflow', 'test_uninitialised'])
    // The refleak hunt still ran, without valgrind: the lost list is its finding.
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'reference-leak', test: 'test_object_leak' }))

    const section = report.memcheck!
    expect(section.files.map((file) => file.name)).toEqual([
      'test_clean',
      'test_data_race',
      'test_heap_overflow',
      'test_object_leak',
      'test_signed_overflow',
      'test_uninitialised',
    ])
    expect(
      section.files.every((file) => file.outcome === 'passed' && file.processes.length >= 1 && file.processes.every((process) => process.state === 'FINISHED')),
    ).toBe(true)
    expect(['install', 'source-tarball']).toContain(section.suppressions.origin)
    expect(section.files[0].command).toContain(`--suppressions=${section.suppressions.file}`)
    expect(section.files[0].command).toContain('--leak-check=full')
    // One XML file per process, next to each file's regrtest log.
    expect(readdirSync(path.join(out, 'logs', 'valgrind')).filter((name) => /^test_uninitialised\.\d+\.xml$/.test(name))).toHaveLength(
      section.files.find((file) => file.name === 'test_uninitialised')!.processes.length,
    )

    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8')
    expect(summary).toMatch(/\| Memcheck \| valgrind-[\d.]+ on 6 test files \(\d+ processes\): \d+ errors in the extension's code/)
    expect(summary).toContain('`test_uninitialised.UninitialisedTests.test_uninitialised_branch` | uninitialised value: ')
  })
})
