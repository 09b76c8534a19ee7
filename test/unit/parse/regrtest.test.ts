import { describe, expect, it } from 'vitest'
import { RegrtestParser, isTestCaseId } from '../../../src/parse/regrtest.js'
import { ShowRefcountParser } from '../../../src/parse/showrefcount.js'
import { readFixture } from '../../helpers/fixtures.js'
import { scanText } from '../../helpers/parse-text.js'

const parseRegrtest = (text: string) => scanText({ regrtest: new RegrtestParser() }, text)

describe('RegrtestParser on real 3.11.2 output', () => {
  it('reads the -R verdict of a sequential run exactly as regrtest printed it', () => {
    const { results, unparsed, lines } = parseRegrtest(readFixture('cpython-3.11.2-pydebug/regrtest-R-leaky.txt'))
    const { regrtest } = results
    expect(lines).toBe(15)
    expect(unparsed.count).toBe(0)
    expect(regrtest.mode).toBe('sequential')
    expect(regrtest.repetitions).toBe(6)
    expect(regrtest.tests).toHaveLength(1)
    expect(regrtest.tests[0]).toMatchObject({
      name: 'test_leaky',
      outcome: 'leaked',
      result: 'failed (reference leak)',
      leaks: [{ kind: 'references', deltas: [3, 3, 3], sum: 9, informational: false, line: 6 }],
    })
    expect(regrtest.summary).toMatchObject({ state: 'FAILURE', totalDuration: '327 ms', lists: { failed: ['test_leaky'] }, counts: { failed: 1 } })
  })

  it('attributes a crash and its fatal error to the test that ran in the worker (-j1)', () => {
    const { results, unparsed } = parseRegrtest(readFixture('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt'))
    const { regrtest } = results
    expect(regrtest.pythonVersion).toBe('3.11.2')
    expect(regrtest.mode).toBe('parallel')
    expect(regrtest.tests.map((test) => [test.name, test.outcome])).toEqual([
      ['test_leaky', 'leaked'],
      ['test_overrun', 'crashed'],
    ])
    expect(regrtest.tests[0].leaks).toMatchObject([{ kind: 'references', deltas: [3, 3, 3], sum: 9 }])
    expect(regrtest.tests[1]).toMatchObject({
      result: 'crashed (Exit code -6)',
      fatalError: '_PyMem_DebugRawFree: bad trailing pad byte',
      leaks: [],
    })
    expect(regrtest.summary.lists.failed).toEqual(['test_leaky', 'test_overrun'])
    // The debug-hook dump and the traceback are not regrtest's own lines: counted, not lost.
    expect(unparsed.count).toBeGreaterThan(30)
    expect(unparsed.samples[0].text).toMatch(/^Debug memory block at address p=0x[0-9a-f]+: API 'm'$/)
  })

  it('keeps a broken worker result as a crash with its reason', () => {
    const { results } = parseRegrtest(readFixture('cpython-3.11.2-pydebug/regrtest-showrefcount-j1-broken-worker.txt'))
    expect(results.regrtest.tests[0]).toMatchObject({ name: 'test_leaky', outcome: 'crashed' })
    expect(results.regrtest.tests[0].result).toMatch(/^crashed \(Failed to parse worker JSON/)
  })
})

describe('RegrtestParser on other wordings', () => {
  it('reads 3.12+ closing lines, durations and "this is fine" deltas', () => {
    const text = [
      '0:00:01 load avg: 0.50 [1/3] test_a passed (1 min 2 sec)',
      '0:00:02 load avg: 0.50 [2/3] test_b failed (reference leak) -- running (1): test_c (30.5 sec)',
      'test_b leaked [1, 1, 1] references, sum=3',
      'test_b leaked [0, 2, 0] memory blocks, sum=2 (this is fine)',
      '0:00:03 load avg: 0.50 [3/3/1] test_c skipped (resource denied)',
      '',
      '== Tests result: FAILURE ==',
      '',
      '1 test skipped (resource denied):',
      '    test_c',
      '',
      '1 test failed:',
      '    test_b',
      '',
      '1 test OK.',
      '',
      'Total duration: 3.2 sec',
      'Total tests: run=12 failures=1',
      'Total test files: run=3/3 failed=1 resource_denied=1',
      'Result: FAILURE',
    ].join('\n')
    const { results, unparsed } = parseRegrtest(text)
    expect(unparsed.count).toBe(0)
    expect(results.regrtest.tests.map((test) => [test.name, test.outcome, test.result])).toEqual([
      ['test_a', 'passed', 'passed'],
      ['test_b', 'leaked', 'failed (reference leak)'],
      ['test_c', 'resource-denied', 'skipped (resource denied)'],
    ])
    expect(results.regrtest.tests[1].leaks[1]).toMatchObject({ kind: 'memory blocks', informational: true })
    expect(results.regrtest.summary).toMatchObject({
      state: 'FAILURE',
      totalTests: 'run=12 failures=1',
      totalTestFiles: 'run=3/3 failed=1 resource_denied=1',
      counts: { ok: 1, failed: 1, 'resource denied': 1 },
      lists: { failed: ['test_b'], 'resource denied': ['test_c'] },
    })
  })

  it('never throws on noise, truncation or binary junk', () => {
    const junk = ['[1/', 'test_x leaked [', 'leaked [1, 2] references, sum=', '\u0000\u0001\u0002', '== ', '1 tests failed:', '    ', 'Result:'].join('\n')
    expect(() => parseRegrtest(junk)).not.toThrow()
  })

  it('recognises --list-cases ids', () => {
    expect(isTestCaseId('test_leaky.LeakyTests.test_leak_refs')).toBe(true)
    expect(isTestCaseId('Total duration: 1 sec')).toBe(false)
    expect(isTestCaseId('test_leaky')).toBe(false)
  })
})

describe('ShowRefcountParser', () => {
  it('reads every total of an interactive session, prompts included', () => {
    const { results, unparsed } = scanText({ refcount: new ShowRefcountParser() }, readFixture('cpython-3.11.2-pydebug/showrefcount-interactive.txt'))
    expect(results.refcount.samples.map((sample) => sample.refs)).toEqual([101135, 102135, 103135, 103135, 103135, 3288])
    expect(results.refcount.samples.map((sample) => sample.blocks)).toEqual([29027, 30029, 31029, 31529, 31529, 2972])
    expect(results.refcount.final).toEqual({ line: 9, refs: 3288, blocks: 2972 })
    expect(unparsed.count).toBe(3) // banner lines and the bare prompt
  })
})
