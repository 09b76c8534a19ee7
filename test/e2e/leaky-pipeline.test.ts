/**
 * The walking skeleton, for real: CPython 3.11.2 --with-pydebug built from source out of tree
 * (or restored from the build cache folder), examples/leaky built against it, regrtest -R and
 * -X showrefcount on its tests, and the report checked against the raw regrtest lines.
 *
 * Source: PYDEBUG_TEST_SOURCE (a tarball path or URL; .ci/run fetches Debian's copy of the
 * upstream tarball), else python.org. Cache: PYDEBUG_TEST_CACHE_DIR, else .cache/e2e.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/model.js'
import { exampleConstant, pydebug, rawLeakLines, readReport } from '../helpers/leaky.js'
import { REPO_ROOT, spawnAsync } from '../helpers/spawn.js'
import { validate } from '../helpers/json-schema.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-'))
const pydebugCli = (...args: string[]) => pydebug(args)
const runArgs = (out: string) => [
  'run',
  '--python',
  '3.11.2',
  '--variant',
  'pydebug',
  ...sourceArgs,
  '--extension',
  'examples/leaky',
  '--cache-dir',
  cacheDir,
  '--out',
  out,
]

describe.sequential('pydebug run on examples/leaky (CPython 3.11.2, pydebug)', () => {
  const firstOut = path.join(scratch, 'first')
  let first: Awaited<ReturnType<typeof pydebugCli>>
  let report: Report

  beforeAll(async () => {
    first = await pydebugCli(...runArgs(firstOut))
    if (!existsSync(path.join(firstOut, 'report.json'))) throw new Error(`no report.json; stderr:\n${first.stderr}`)
    report = readReport(firstOut)
  })

  it('builds (or restores) a real debug interpreter and exits 1 because the example leaks', () => {
    expect(first.code, first.stderr).toBe(1)
    expect(report).toMatchObject({
      schema: 1,
      status: 'findings',
      cell: { id: 'cp311-pydebug', python: '3.11.2', variant: 'pydebug', abiFlags: 'd', extensionAbi: 'cp311d' },
    })
    expect(report.interpreter).toMatchObject({ abiflags: 'd', soabi: 'cpython-311d-x86_64-linux-gnu' })
    expect(report.interpreter!.sysVersion).toMatch(/^3\.11\.2 /)
    expect(first.stderr).toMatch(report.interpreter!.cacheHit === 'none' ? /is not cached: building it/ : /restored from the local cache/)
    expect(first.stdout).toMatch(/^status: findings$/m)
  })

  it('names the leaking test and reports the references it leaks per run exactly as regrtest measured them', () => {
    const leakedRefs = exampleConstant('LEAKED_REFS_PER_RUN')
    const testLeaky = report.refleaks!.tests.find((test) => test.name === 'test_leaky')!
    expect(testLeaky.outcome).toBe('leaked')
    const refsCase = testLeaky.cases!.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_leak_refs')!
    expect(refsCase.outcome).toBe('leaked')
    const refsLeak = refsCase.leaks.find((leak) => leak.kind === 'references')!
    expect(refsLeak.deltas).toEqual([leakedRefs, leakedRefs, leakedRefs])
    expect(refsLeak.sum).toBe(3 * leakedRefs)
    expect(rawLeakLines(path.join(firstOut, refsCase.log))).toContainEqual({ kind: 'references', deltas: refsLeak.deltas, sum: refsLeak.sum })

    const finding = report.findings.find((candidate) => candidate.case === refsCase.id && candidate.kind === 'reference-leak')
    expect(finding?.message).toBe(
      `${refsCase.id} leaked ${leakedRefs} references per run (deltas [${leakedRefs}, ${leakedRefs}, ${leakedRefs}], sum=${3 * leakedRefs})`,
    )
  })

  it('reports the clean test as clean and the block leak with the numbers regrtest printed', () => {
    const cases = report.refleaks!.tests.find((test) => test.name === 'test_leaky')!.cases!
    const clean = cases.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_checked_sum')!
    expect(clean).toMatchObject({ outcome: 'passed', leaks: [] })
    expect(report.findings.some((finding) => finding.case === clean.id)).toBe(false)

    // 3.11's block count is noisy: the report must carry regrtest's own numbers, whatever they are.
    const blocks = cases.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_leak_blocks')!
    expect(blocks.leaks).toEqual(rawLeakLines(path.join(firstOut, blocks.log)))
    const blockLeak = blocks.leaks.find((leak) => leak.kind === 'memory blocks')
    expect(blockLeak, 'leak_blocks(32) per run is flagged by regrtest').toBeDefined()
    expect(blockLeak!.deltas.every((delta) => delta >= 1)).toBe(true)
  })

  it('reports the overrun as a crash caught by the debug allocator hooks, with the line that did it, and the other files still ran', () => {
    const overrun = report.refleaks!.tests.find((test) => test.name === 'test_overrun')!
    expect(overrun).toMatchObject({ outcome: 'crashed', result: 'crashed (Exit code -6)', fatalError: '_PyMem_DebugRawFree: bad trailing pad byte' })
    expect(report.findings[0]).toEqual({
      kind: 'crash',
      test: 'test_overrun',
      // The test function faulthandler named, with its class from regrtest's case listing.
      case: 'test_overrun.OverrunTests.test_overrun',
      function: 'test_overrun',
      pass: 'refleak',
      message: 'test_overrun crashed (Exit code -6): buffer overrun of 1 byte detected on free in examples/leaky/tests/test_overrun.py:9',
      detail:
        'Exit code -6 · buffer overrun of 1 byte detected on free in examples/leaky/tests/test_overrun.py:9 · Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte',
      log: 'logs/refleak.log',
      file: 'examples/leaky/tests/test_overrun.py',
      line: 9,
    })
    expect(report.refleaks!.state).toBe('FAILURE')
  })

  it('reads every line of the refleak log: regrtest, the debug-hook dump and the fatal error', () => {
    const refleakLog = report.logs.find((log) => log.kind === 'regrtest-refleak')!
    expect(refleakLog.unparsed.count).toBe(0)
    expect(refleakLog.parsed!.kinds).toEqual(['regrtest', 'pymalloc-debug', 'fault'])
    expect(report.problems!.find((problem) => problem.kind === 'buffer-overrun')).toMatchObject({
      severity: 'error',
      test: 'test_overrun',
      file: 'examples/leaky/tests/test_overrun.py',
      line: 9,
      log: 'logs/refleak.log',
    })
  })

  it('writes a report.json that the published JSON Schema accepts', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
    expect(validate(schema, report)).toEqual([])
  })

  it('runs each test file once under -X showrefcount and keeps the totals printed at exit', () => {
    const files = report.showrefcount!.files
    expect(files.map((file) => file.name)).toEqual(['test_leaky', 'test_overrun'])
    expect(files[0].atExit!.refs).toBeGreaterThan(0)
    expect(files[0].outcome).toBe('passed')
    expect(files[1]).toMatchObject({ outcome: 'crashed', exitCode: null })
  })

  it('writes summary.md and every log it names', () => {
    const summary = readFileSync(path.join(firstOut, 'summary.md'), 'utf8')
    expect(summary).toMatch(/^## pydebug: cp311-pydebug · CPython 3\.11\.2 · pydebug$/m)
    expect(summary).toContain('| `test_leaky.LeakyTests.test_leak_refs` | reference leak |  | [3, 3, 3] |')
    for (const log of report.logs) expect(existsSync(path.join(firstOut, log.path)), log.path).toBe(true)
  })

  it('restores the interpreter from the cache folder and reuses the extension build on the second run', async () => {
    const secondOut = path.join(scratch, 'second')
    const second = await pydebugCli(...runArgs(secondOut))
    expect(second.code, second.stderr).toBe(1)
    expect(second.stderr).toMatch(/restored from the local cache/)
    expect(second.stderr).not.toMatch(/==> configure/)
    const again = readReport(secondOut)
    expect(again.interpreter).toMatchObject({ cacheHit: 'local', cacheKey: report.interpreter!.cacheKey })
    expect(again.extensions[0]).toMatchObject({ reused: true, abi: 'cp311d' })
    expect(again.findings.map((finding) => [finding.kind, finding.case ?? finding.test])).toEqual(
      report.findings.map((finding) => [finding.kind, finding.case ?? finding.test]),
    )
  })

  it('pydebug build prints the interpreter path on its last line', async () => {
    const built = await pydebugCli('build', '--python', '3.11.2', ...sourceArgs, '--cache-dir', cacheDir, '--out', path.join(scratch, 'build-only'))
    expect(built.code, built.stderr).toBe(0)
    const lastLine = built.stdout.trimEnd().split('\n').pop()!
    expect(lastLine).toBe(report.interpreter!.pythonPath)
    const version = await spawnAsync([lastLine, '-c', 'import sys; print(sys.version_info[:3], hasattr(sys, "gettotalrefcount"))'])
    expect(version.stdout.trim()).toBe('(3, 11, 2) True')
  })
})
