import { describe, expect, it } from 'vitest'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { readFixture } from '../../helpers/fixtures.js'
import { scanText } from '../../helpers/parse-text.js'

const parse = (text: string) => scanText({ regrtest: new RegrtestParser() }, text)
const outcomes = (text: string) => parse(text).results.regrtest.tests.map((test) => [test.name, test.outcome, test.result])

describe('RegrtestParser across versions, on real -j1 runs with every outcome', () => {
  it('3.11.2: skipped, resource denied, env changed, failed, timeout (reported as a crash), no tests, segfault', () => {
    const text = readFixture('cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt')
    expect(outcomes(text)).toEqual([
      ['test_ok', 'passed', 'passed'],
      ['test_skipmod', 'skipped', 'skipped'],
      ['test_needsnet', 'resource-denied', 'skipped (resource denied)'],
      ['test_envchanged', 'env-changed', 'failed (env changed)'],
      ['test_fails', 'failed', 'failed (1 failure)'],
      // --timeout in a -j worker: faulthandler exits the worker, so regrtest says "crashed", not "timed out".
      ['test_hangs', 'crashed', 'crashed (Exit code 1)'],
      ['test_norun', 'no-tests', 'ran no tests'],
      ['test_segv', 'crashed', 'crashed (Exit code -11)'],
    ])
    const { regrtest } = parse(text).results
    expect(regrtest.mode).toBe('parallel')
    expect(regrtest.tests[1].reason).toBe('not on this platform')
    expect(regrtest.tests[2].reason).toBe("Use of the 'network' resource not enabled")
    expect(regrtest.tests[3].warnings?.[0]).toBe('os.environ was modified by test_envchanged')
    expect(regrtest.tests[7].fatalError).toBe('Segmentation fault')
    expect(regrtest.summary).toMatchObject({
      state: 'FAILURE',
      counts: { ok: 1, failed: 3, 'env changed': 1, skipped: 2, 'run no tests': 1 },
      lists: {
        failed: ['test_fails', 'test_hangs', 'test_segv'],
        'env changed': ['test_envchanged'],
        skipped: ['test_needsnet', 'test_skipmod'],
        'run no tests': ['test_norun'],
      },
    })
    expect(regrtest.summary.lists.slowest).toHaveLength(6)
    expect(regrtest.summary.totalDuration).toMatch(/^\d+\.\d sec$/)
  })

  it('3.13.5: "worker non-zero exit code", the resource-denied list, Total tests / Total test files, OK printed last', () => {
    const text = readFixture('cpython-3.13.5-pydebug/regrtest-j1-mixed-outcomes.txt')
    expect(outcomes(text)).toEqual([
      ['test_ok', 'passed', 'passed'],
      ['test_skipmod', 'skipped', 'skipped'],
      ['test_needsnet', 'resource-denied', 'skipped (resource denied)'],
      ['test_envchanged', 'env-changed', 'failed (env changed)'],
      ['test_fails', 'failed', 'failed (1 failure)'],
      ['test_hangs', 'crashed', 'worker non-zero exit code (Exit code 1)'],
      ['test_norun', 'no-tests', 'ran no tests'],
      ['test_segv', 'crashed', 'worker non-zero exit code (Exit code -11 (SIGSEGV))'],
    ])
    const { regrtest } = parse(text).results
    expect(regrtest.mode).toBe('parallel')
    expect(regrtest.randomSeed).toBe(806454491)
    expect(regrtest.summary).toMatchObject({
      state: 'FAILURE',
      counts: { skipped: 1, 'resource denied': 1, 'run no tests': 1, 'env changed': 1, failed: 3, ok: 1 },
      totalTests: 'run=3 failures=1',
      totalTestFiles: 'run=7/8 failed=3 env_changed=1 skipped=1 resource_denied=1 run_no_tests=1',
    })
  })

  it('3.13.5 -R: the new progress ruler, failing leaks, and "(this is fine)" lines that are not leaks', () => {
    const { results, unparsed } = parse(readFixture('cpython-3.13.5-pydebug/regrtest-R-this-is-fine.txt'))
    expect(unparsed.count).toBe(0)
    const { regrtest } = results
    expect(regrtest.mode).toBe('sequential')
    expect(regrtest.repetitions).toBe(6)
    expect(regrtest.tests.map((test) => [test.name, test.outcome])).toEqual([
      ['test_leaky', 'leaked'],
      ['test_sometimes', 'passed'],
      ['test_ok', 'passed'],
    ])
    expect(regrtest.tests[0].leaks).toMatchObject([
      { kind: 'references', deltas: [3, 3, 3], sum: 9, informational: false },
      { kind: 'memory blocks', deltas: [35, 35, 35], sum: 105, informational: false },
    ])
    expect(regrtest.tests[1].leaks).toMatchObject([
      { kind: 'references', deltas: [2, 0, 2], sum: 4, informational: true },
      { kind: 'memory blocks', deltas: [2, 0, 2], sum: 4, informational: true },
    ])
    expect(regrtest.summary).toMatchObject({ state: 'FAILURE', counts: { failed: 1, ok: 2 }, totalTests: 'run=5', totalTestFiles: 'run=3/3 failed=1' })
  })
})

describe('RegrtestParser on 3.12 and 3.14 wordings (Lib/test/libregrtest/results.py format strings)', () => {
  // 3.14 results.py display_result(): f"{yellow}{{}} skipped:{reset}", f"{red}{{}} failed:{reset}",
  // f"{green}{text} OK.{reset}", and display_summary() prints "Result: " + colored state.
  const yellow = '\x1b[33m'
  const red = '\x1b[31m'
  const green = '\x1b[32m'
  const reset = '\x1b[0m'
  const colored314 = [
    '0:00:00 load avg: 1.00 Run 3 tests sequentially in a single process',
    `0:00:00 load avg: 1.00 [1/3] test_a`,
    `0:00:01 load avg: 1.00 [1/3] test_a ${green}passed${reset}`,
    `0:00:01 load avg: 1.00 [2/3] test_b`,
    `0:00:02 load avg: 1.00 [2/3/1] test_b ${red}failed (1 error)${reset}`,
    `0:00:02 load avg: 1.00 [3/3/1] test_c`,
    `0:00:02 load avg: 1.00 [3/3/1] test_c ${yellow}skipped (resource denied)${reset}`,
    '',
    `== Tests result: ${red}FAILURE${reset} ==`,
    '',
    `${yellow}1 test skipped (resource denied):${reset}`,
    '    test_c',
    '',
    `${red}1 test failed:${reset}`,
    '    test_b',
    '',
    `${green}1 test OK.${reset}`,
    '',
    'Total duration: 2.1 sec',
    'Total tests: run=12 failures=1 skipped=3',
    'Total test files: run=3/3 failed=1 resource_denied=1',
    `Result: ${red}FAILURE${reset}`,
  ].join('\n')

  it('reads a colored 3.14 run once ANSI codes are stripped', () => {
    const { results, unparsed } = parse(colored314)
    expect(unparsed.count).toBe(0)
    expect(results.regrtest.tests.map((test) => [test.name, test.outcome])).toEqual([
      ['test_a', 'passed'],
      ['test_b', 'failed'],
      ['test_c', 'resource-denied'],
    ])
    expect(results.regrtest.summary).toMatchObject({
      state: 'FAILURE',
      counts: { 'resource denied': 1, failed: 1, ok: 1 },
      totalTests: 'run=12 failures=1 skipped=3',
    })
  })

  it('reads 3.12 "NO TESTS RAN" and an all-good run', () => {
    const text = [
      '0:00:00 load avg: 0.50 Run tests sequentially',
      '0:00:00 load avg: 0.50 [1/1] test_a',
      '0:00:00 load avg: 0.50 [1/1] test_a ran no tests',
      '',
      '== Tests result: NO TESTS RAN ==',
      '',
      '1 test run no tests:',
      '    test_a',
      '',
      'Total duration: 10 ms',
      'Total tests: run=0',
      'Total test files: run=1/1 run_no_tests=1',
      'Result: NO TESTS RAN',
    ].join('\n')
    const { results, unparsed } = parse(text)
    expect(unparsed.count).toBe(0)
    expect(results.regrtest.tests[0].outcome).toBe('no-tests')
    expect(results.regrtest.summary).toMatchObject({ state: 'NO TESTS RAN', counts: { 'run no tests': 1 } })
  })
})
