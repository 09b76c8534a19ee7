/**
 * pytest projects, for real: examples/leaky-pytest built against CPython 3.11.2 --with-pydebug, its
 * pytest suite run by pytest with pydebug's refleak plugin (python/pydebug_refleak.py), and its
 * unittest twin run by regrtest -R. The same C defects must get the same verdict per test from
 * both: reference deltas exactly equal; memory blocks flagged alike (3.11's regrtest subtracts
 * sys._getquickenedcount(), so its block deltas are noisy: [26, 32, 28] for a leak of 32).
 *
 * pytest: Debian's python3-pytest (pure Python, 7.2.1) works on the debug interpreter when its
 * packages are on PYTHONPATH; a folder of symlinks to them is what the tests pass.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report, TestCaseEntry } from '../../src/report/model.js'
import { pydebug, rawLeakLines, readReport } from '../helpers/leaky.js'
import { validate } from '../helpers/json-schema.js'
import { REPO_ROOT } from '../helpers/spawn.js'
import { debianPytestLib } from '../helpers/debian-pytest.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-pytest-'))
const example = path.join('examples', 'leaky-pytest')
const runArgs = (out: string, ...more: string[]) => [
  'run',
  '--python',
  '3.11.2',
  '--variant',
  'pydebug',
  ...sourceArgs,
  '--extension',
  example,
  '--cache-dir',
  cacheDir,
  '--out',
  out,
  ...more,
]

/** `tests/test_leaky.py::test_leak_refs[3]` and `test_leaky.LeakyTests.test_leak_refs` both name `test_leak_refs`. */
const testFunction = (id: string) =>
  id
    .split(/::|\./)
    .pop()!
    .replace(/\[.*\]$/, '')
const casesOf = (report: Report) =>
  new Map(report.refleaks!.tests.flatMap((test) => test.cases ?? []).map((testCase): [string, TestCaseEntry] => [testFunction(testCase.id), testCase]))
const leak = (testCase: TestCaseEntry | undefined, kind: string) => testCase?.leaks.find((entry) => entry.kind === kind)

describe.sequential('pytest suites: the pytest plugin and regrtest -R agree (CPython 3.11.2, pydebug, examples/leaky-pytest)', () => {
  let pytestReport: Report
  let unittestReport: Report
  let pytestRun: Awaited<ReturnType<typeof pydebug>>
  const pytestOut = path.join(scratch, 'pytest')
  const unittestOut = path.join(scratch, 'unittest')

  beforeAll(async () => {
    const pythonPath = debianPytestLib(scratch)
    const unittestRun = pydebug(runArgs(unittestOut, '--tests', path.join(example, 'unittest-tests')))
    pytestRun = await pydebug(runArgs(pytestOut), { PYTHONPATH: pythonPath })
    await unittestRun
    if (!existsSync(path.join(pytestOut, 'report.json'))) throw new Error(`no report.json; stderr:\n${pytestRun.stderr}`)
    pytestReport = readReport(pytestOut)
    unittestReport = readReport(unittestOut)
  })

  it('chooses pytest for the pytest-style suite and regrtest for its unittest twin, and says why', () => {
    expect(pytestRun.code, pytestRun.stderr).toBe(1)
    expect(pytestReport.refleaks!.runner).toEqual({
      name: 'pytest',
      reason: 'all 2 test files are written for pytest (test_leaky, test_overrun)',
      version: '7.2.1',
    })
    expect(unittestReport.refleaks!.runner).toEqual({
      name: 'regrtest',
      reason: 'no pytest configuration and no pytest-style test file: unittest under regrtest',
    })
    expect(readFileSync(path.join(pytestOut, 'summary.md'), 'utf8')).toContain(
      '| Test runner | pytest 7.2.1: all 2 test files are written for pytest (test\\_leaky, test\\_overrun) |',
    )
  })

  it('gives each test the verdict regrtest gives its twin: the same reference deltas, the same block leak flagged, the clean test clean', () => {
    const pytestCases = casesOf(pytestReport)
    const unittestCases = casesOf(unittestReport)
    expect([...pytestCases.keys()].sort()).toEqual(['test_checked_sum', 'test_leak_blocks', 'test_leak_refs', 'test_overrun'])
    for (const name of ['test_leak_refs', 'test_leak_blocks', 'test_checked_sum']) {
      expect(pytestCases.get(name)!.outcome, name).toBe(unittestCases.get(name)!.outcome)
      expect(leak(pytestCases.get(name), 'references'), name).toEqual(leak(unittestCases.get(name), 'references'))
      expect(leak(pytestCases.get(name), 'memory blocks') !== undefined, name).toBe(leak(unittestCases.get(name), 'memory blocks') !== undefined)
    }
    expect(leak(pytestCases.get('test_leak_refs'), 'references')).toEqual({ kind: 'references', deltas: [3, 3, 3], sum: 9 })
    expect(pytestCases.get('test_checked_sum')).toMatchObject({ outcome: 'passed', leaks: [] })
    // Each verdict exactly as the plugin printed it in the file's log.
    const leakyFile = pytestReport.refleaks!.tests.find((test) => test.name === 'tests/test_leaky.py')!
    expect(leakyFile.cases!.flatMap((testCase) => testCase.leaks)).toEqual(rawLeakLines(path.join(pytestOut, leakyFile.log!)))
  })

  it('reports the same findings, by test, as the unittest twin: the crash with the line that did it, then the two leaks', () => {
    const byTest = (report: Report) => report.findings.map((finding) => [finding.kind, testFunction(finding.case ?? finding.test ?? '')])
    expect(byTest(pytestReport)).toEqual(byTest(unittestReport))
    expect(pytestReport.findings[0]).toMatchObject({
      kind: 'crash',
      test: 'tests/test_overrun.py',
      case: 'tests/test_overrun.py::test_overrun',
      file: 'examples/leaky-pytest/tests/test_overrun.py',
      line: 6,
      function: 'test_overrun',
      log: 'logs/pytest/tests__test_overrun.py.log',
    })
    expect(pytestReport.findings[0].message).toMatch(/^tests\/test_overrun\.py crashed \(SIGABRT\): buffer overrun of 1 byte detected on free/)
  })

  it('writes a report.json that the published JSON Schema accepts', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
    expect(validate(schema, pytestReport)).toEqual([])
  })

  it('says how to provide pytest when the debug interpreter cannot import it', async () => {
    const out = path.join(scratch, 'no-pytest')
    const run = await pydebug(runArgs(out), { PYTHONPATH: '' })
    expect(run.code).toBe(2)
    const report = readReport(out)
    expect(report.status).toBe('error')
    expect(report.error!.message).toMatch(
      /cannot import it \(ModuleNotFoundError: No module named 'pytest'\)\. Install it for the tests with test-requirements: pytest \(CLI: --test-requirements pytest\), or put a folder holding pytest/,
    )
  })
})
