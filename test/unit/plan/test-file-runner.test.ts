import { describe, expect, it } from 'vitest'
import { PytestLogParser } from '../../../src/parse/pytest-log.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import {
  casesOfPytestLog,
  pytestFileOutcome,
  pytestFileRunner,
  pytestLogName,
  regrtestFileOutcome,
  regrtestFileRunner,
} from '../../../src/plan/test-file-runner.js'
import { readFixture } from '../../helpers/fixtures.js'

function pytestLog(text: string) {
  const parser = new PytestLogParser()
  for (const [index, line] of text.split('\n').entries()) parser.next(line, index + 1)
  return parser.end()
}

const PLUGIN = { module: 'pydebug_refleak', dir: '/pydebug/python' }

describe('one test file run on its own', () => {
  it("runs a regrtest module, or one of its cases, with regrtest's timeout", () => {
    const runner = regrtestFileRunner('/p/tests', 1200)
    expect(runner.argv('test_x')).toEqual(['-m', 'test', '--testdir', '/p/tests', '--timeout', '1200', 'test_x'])
    expect(runner.argv('test_x', { caseId: 'test_x.T.test_y', verbose: true })).toEqual([
      '-m',
      'test',
      '--testdir',
      '/p/tests',
      '--timeout',
      '1200',
      '-v',
      '-m',
      'test_x.T.test_y',
      'test_x',
    ])
    expect(runner.helperArgs).toEqual(['--testdir', '/p/tests'])
    expect(runner.logName('test_x')).toBe('test_x')
  })

  it("runs a pytest file, or one node id, with pydebug's plugin for the start lines and -s for C-level output", () => {
    const runner = pytestFileRunner('/p', PLUGIN)
    expect(runner.argv('tests/test_x.py')).toEqual([
      '-m',
      'pytest',
      '-p',
      'no:cacheprovider',
      '--rootdir',
      '/p',
      '-p',
      'pydebug_refleak',
      '-s',
      '-v',
      'tests/test_x.py',
    ])
    expect(runner.argv('tests/test_x.py', { caseId: 'tests/test_x.py::test_y[1]', verbose: true }).slice(-2)).toEqual(['-v', 'tests/test_x.py::test_y[1]'])
    expect(runner.pythonPath).toEqual(['/pydebug/python'])
    expect(runner.helperArgs).toEqual(['--pytest', '--rootdir', '/p'])
    // Every file of the suite in one log folder, never a sub-folder the pass did not create.
    expect(runner.logName('tests/unit/test_x.py')).toBe('tests__unit__test_x.py')
    expect(pytestLogName('tests\\test_x.py')).toBe('tests__test_x.py')
  })
})

describe('how a file run ended', () => {
  it('names the test a crash interrupted from a real pytest log (the plugin puts each start on its own line)', () => {
    const log = pytestLog(readFixture('pytest-7.2.1-cpython-3.11.2-pydebug/refleak-plugin-crash.txt'))
    expect(casesOfPytestLog(log)).toEqual({ started: ['tests/test_overrun.py::test_overrun'], unfinished: 'tests/test_overrun.py::test_overrun' })
    expect(pytestFileOutcome(log, { exitCode: null, signal: 'SIGABRT', timedOut: false }).outcome).toBe('crashed')
    // An exit status pytest never uses (a C-level exit) is a crash too; a timeout is a timeout.
    expect(pytestFileOutcome(log, { exitCode: 134, signal: null, timedOut: false }).outcome).toBe('crashed')
    expect(pytestFileOutcome(log, { exitCode: null, signal: 'SIGKILL', timedOut: true }).outcome).toBe('timed-out')
    // ASan ends the process with status 1, pytest's own for a failed test: with no closing line, pytest did not end it.
    expect(pytestFileOutcome(log, { exitCode: 1, signal: null, timedOut: false }).outcome).toBe('crashed')
  })

  it('tells a pytest run ASan ended (status 1, no closing line) from one pytest ended itself (real captures)', () => {
    const killed = pytestLog(readFixture('pytest-7.2.1-cpython-3.11.2-asan/pytest-v-killed-by-asan-log-path.txt'))
    expect(casesOfPytestLog(killed)).toEqual({
      started: ['tests/test_heap_overflow.py::test_heap_overflow'],
      unfinished: 'tests/test_heap_overflow.py::test_heap_overflow',
    })
    expect(pytestFileOutcome(killed, { exitCode: 1, signal: null, timedOut: false }).outcome).toBe('crashed')
    const clean = pytestLog(readFixture('pytest-7.2.1-cpython-3.11.2-asan/pytest-v-clean.txt'))
    expect(casesOfPytestLog(clean)).toEqual({ started: ['tests/test_clean.py::test_add'] })
    expect(pytestFileOutcome(clean, { exitCode: 0, signal: null, timedOut: false }).outcome).toBe('passed')
    // LeakSanitizer's status at exit, after pytest's closing line: the tests' verdicts stand.
    expect(pytestFileOutcome(clean, { exitCode: 23, signal: null, timedOut: false }).outcome).toBe('passed')
  })

  it("reads pytest's own verdicts: failed with the reason, passed, skipped, no tests", () => {
    const failed = pytestLog(
      'tests/test_x.py::test_a PASSED\ntests/test_x.py::test_b FAILED\nFAILED tests/test_x.py::test_b - AssertionError: assert 1 == 2\n===== 1 failed, 1 passed in 0.10s =====',
    )
    expect(pytestFileOutcome(failed, { exitCode: 1, signal: null, timedOut: false })).toEqual({ outcome: 'failed', exception: 'AssertionError: assert 1 == 2' })
    expect(casesOfPytestLog(failed)).toEqual({ started: ['tests/test_x.py::test_a', 'tests/test_x.py::test_b'] })
    const passed = pytestLog('tests/test_x.py::test_a PASSED\n===== 1 passed in 0.01s =====')
    expect(pytestFileOutcome(passed, { exitCode: 0, signal: null, timedOut: false }).outcome).toBe('passed')
    const skipped = pytestLog('tests/test_x.py::test_a SKIPPED')
    expect(pytestFileOutcome(skipped, { exitCode: 0, signal: null, timedOut: false }).outcome).toBe('skipped')
    expect(pytestFileOutcome(pytestLog(''), { exitCode: 5, signal: null, timedOut: false }).outcome).toBe('no-tests')
    // Interrupted or a usage error with no test result: a failure, not a pass.
    expect(pytestFileOutcome(pytestLog(''), { exitCode: 4, signal: null, timedOut: false }).outcome).toBe('failed')
  })

  it("takes regrtest's verdict on the module unless the process ended by a signal or its time", () => {
    const parser = new RegrtestParser()
    const text = readFixture('cpython-3.11.2-pydebug/regrtest-R-leaky.txt')
    for (const [index, line] of text.split('\n').entries()) parser.next(line, index + 1)
    const regrtest = parser.end()
    const name = regrtest.tests[0].name
    expect(regrtestFileOutcome(regrtest, name, { signal: null, timedOut: false }).outcome).toBe(regrtest.tests[0].outcome)
    expect(regrtestFileOutcome(regrtest, name, { signal: 'SIGSEGV', timedOut: false }).outcome).toBe('crashed')
    expect(regrtestFileOutcome(regrtest, 'test_absent', { signal: null, timedOut: false }).outcome).toBe('unknown')
  })
})
