import { describe, expect, it } from 'vitest'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

// Logs exactly as pydebug's own pipeline writes them (test/fixtures/README.md, "Captured from pydebug's own pipeline").
describe('pipeline logs', () => {
  it.each([
    ['cpython-3.11.2-pydebug/pipeline-showrefcount-test_leaky.txt', { refs: 1949, blocks: 788 }],
    ['cpython-3.13.5-pydebug/pipeline-showrefcount-test_leaky.txt', undefined],
  ])('%s: a sequential run with --timeout, a passing test with no verdict line, the total at exit', (fixture, atExit) => {
    const log = parseLogText(readFixture(fixture))
    expect(log.unparsed).toEqual({ count: 0, samples: [] })
    expect(log.results.regrtest).toMatchObject({ mode: 'sequential', tests: [{ name: 'test_leaky', outcome: 'passed' }] })
    const final = log.results.showrefcount!.final!
    expect(final.refs).toBeGreaterThan(0)
    if (atExit) expect(final).toMatchObject(atExit)
  })

  it('3.13 -R with -j1: exact block counts, and the worker killed by the debug hooks', () => {
    const log = parseLogText(readFixture('cpython-3.13.5-pydebug/pipeline-refleak-j1.txt'), { workspace: '/work/main' })
    expect(log.unparsed.count).toBe(0)
    const [testLeaky, testOverrun] = log.results.regrtest!.tests
    expect(testLeaky).toMatchObject({ name: 'test_leaky', outcome: 'leaked' })
    expect(testLeaky.leaks.map(({ kind, deltas, sum }) => ({ kind, deltas, sum }))).toEqual([
      { kind: 'references', deltas: [3, 3, 3], sum: 9 },
      { kind: 'memory blocks', deltas: [35, 35, 35], sum: 105 },
    ])
    expect(testOverrun).toMatchObject({
      name: 'test_overrun',
      outcome: 'crashed',
      result: 'worker non-zero exit code (Exit code -6 (SIGABRT))',
      fatalError: '_PyMem_DebugRawFree: bad trailing pad byte',
    })
    expect(log.problems.find((problem) => problem.kind === 'buffer-overrun')).toMatchObject({
      message: 'buffer overrun of 1 byte detected on free in examples/leaky/tests/test_overrun.py:9',
      test: 'test_overrun',
      file: 'examples/leaky/tests/test_overrun.py',
      line: 9,
    })
  })
})
