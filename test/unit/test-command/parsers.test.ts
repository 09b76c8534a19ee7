import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { junitCaseId, JUnitXmlParser } from '../../../src/parse/pytest-junit.js'
import { PytestParser } from '../../../src/parse/pytest.js'
import { UnittestParser } from '../../../src/parse/unittest-output.js'
import { parseJUnitXml, parseTestCommandLog } from '../../../src/steps/run-test-command.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { scanText } from '../../helpers/parse-text.js'

const fixture = (name: string) => readFixture(`test-command/${name}`)

describe('PytestParser on real pytest 7.2.1 output (CPython 3.11.2 pydebug)', () => {
  it('reads the counts, the failing node id, the failure place and reads every line', () => {
    const { results, unparsed } = scanText({ pytest: new PytestParser() }, fixture('pytest-mixed.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.pytest).toMatchObject({
      seen: true,
      rootdir: '/tmp/cap/proj',
      collected: 4,
      counts: { failed: 1, passed: 2, skipped: 1 },
      seconds: 0.07,
      summaryLine: '1 failed, 2 passed, 1 skipped in 0.07s',
      failures: [{ nodeId: 'tests/test_add.py::test_add_wrong_on_purpose', kind: 'failed', message: 'assert 4 == 5' }],
      lastFile: 'tests/test_add.py',
    })
    expect(results.pytest.details).toEqual([
      {
        title: 'test_add_wrong_on_purpose',
        file: 'tests/test_add.py',
        line: 16,
        lines: [
          '    def test_add_wrong_on_purpose():',
          '>       assert withpytest.add(2, 2) == 5',
          'E       assert 4 == 5',
          'E        +  where 4 = <built-in function add>(2, 2)',
          'E        +    where <built-in function add> = withpytest.add',
          'tests/test_add.py:16: AssertionError',
        ],
      },
    ])
  })

  it('reads a short summary entry whose message goes on over indented lines (no terminal: nothing cut)', () => {
    const { results, unparsed } = scanText({ pytest: new PytestParser() }, fixture('pytest-short-summary-multiline-message.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.pytest.failures).toEqual([{ nodeId: 'tests/test_add.py::test_add_wrong_on_purpose', kind: 'failed', message: 'assert 4 == 5' }])
    expect(results.pytest.counts).toEqual({ failed: 1, passed: 2, skipped: 1 })
  })

  it('reads -q output (no header, a summary without rulers) and "no tests ran"', () => {
    const quiet = scanText({ pytest: new PytestParser() }, fixture('pytest-q.txt'))
    expect(quiet.unparsed.count).toBe(0)
    expect(quiet.results.pytest).toMatchObject({
      counts: { failed: 1, passed: 2, skipped: 1 },
      failures: [{ nodeId: 'tests/test_add.py::test_add_wrong_on_purpose' }],
    })
    const none = scanText({ pytest: new PytestParser() }, fixture('pytest-none.txt'))
    expect(none.unparsed.count).toBe(0)
    expect(none.results.pytest).toMatchObject({ collected: 0, counts: {}, summaryLine: 'no tests ran in 0.00s' })
  })

  it('hands on what followed the progress dots when a test crashed, and knows the file that was running', () => {
    const parser = new PytestParser()
    const lines = fixture('pytest-crash.txt').split('\n')
    const remainders: string[] = []
    lines.forEach((line) => {
      if (parser.next(line) && parser.remainder) remainders.push(parser.remainder)
    })
    expect(remainders).toEqual(["Debug memory block at address p=0x7f52d4af72e0: API 'm'"])
    expect(parser.end()).toMatchObject({ lastFile: 'crash_tests/test_crash.py', collected: 3, failures: [] })
    expect(parser.end().counts).toBeUndefined()
  })
})

describe('UnittestParser on real unittest output (CPython 3.11.2 pydebug)', () => {
  it('reads the dots form: Ran, the verdict with its counts, each failure with its id, exception and place', () => {
    const { results, unparsed } = scanText({ unittest: new UnittestParser() }, fixture('unittest-mixed.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.unittest).toMatchObject({ ran: 6, verdict: 'FAILED', counts: { failures: 1, errors: 1, skipped: 1, 'expected failures': 1 } })
    expect(results.unittest.failures).toEqual([
      {
        kind: 'error',
        id: 'test_mixed.MixedTests.test_errors',
        exception: 'TypeError: add() takes exactly 2 arguments',
        file: '/tmp/cap/ut/uttests/test_mixed.py',
        line: 14,
        traceback: [
          'Traceback (most recent call last):',
          '  File "/tmp/cap/ut/uttests/test_mixed.py", line 14, in test_errors',
          '    withpytest.add(1)',
          'TypeError: add() takes exactly 2 arguments',
        ],
      },
      expect.objectContaining({ kind: 'failed', id: 'test_mixed.MixedTests.test_fails', exception: 'AssertionError: 4 != 5', line: 11 }),
    ])
  })

  it('reads the verbose form, OK, and zero tests', () => {
    const verbose = scanText({ unittest: new UnittestParser() }, fixture('unittest-mixed-verbose.txt'))
    expect(verbose.unparsed.count).toBe(0)
    expect(verbose.results.unittest).toMatchObject({ ran: 5, verdict: 'FAILED', counts: { failures: 1, errors: 1, skipped: 1, 'expected failures': 1 } })
    expect(verbose.results.unittest.running).toBeUndefined()
    expect(scanText({ unittest: new UnittestParser() }, fixture('unittest-ok.txt')).results.unittest).toMatchObject({ ran: 1, verdict: 'OK', counts: {} })
    expect(scanText({ unittest: new UnittestParser() }, fixture('unittest-none.txt')).results.unittest).toMatchObject({ ran: 0, verdict: 'OK' })
  })

  it('names the test that was running when the interpreter aborted', async () => {
    const parsed = await parseTestCommandLog(path.join(FIXTURES_DIR, 'test-command', 'unittest-crash.txt'), 'unittest')
    expect(parsed.output.unittest).toMatchObject({ running: 'uttests.test_crash.CrashTests.test_overrun' })
    expect(parsed.output.unittest!.ran).toBeUndefined()
    expect(parsed.unparsed.count).toBe(0)
    expect(parsed.details.kinds).toEqual(['pymalloc-debug', 'fault'])
    expect(parsed.details.problems[0]).toMatchObject({ kind: 'buffer-overrun', file: '/tmp/cap/ut/uttests/test_crash.py', line: 8, function: 'test_overrun' })
  })
})

describe('JUnitXmlParser on the JUnit XML pytest wrote (one line)', () => {
  it('reads every case with its outcome, message and report text, and the suite totals', () => {
    const junit = parseJUnitXml(fixture('pytest-mixed.junit.xml'))
    expect(junit.suites).toEqual([{ name: 'pytest', tests: 4, failures: 1, errors: 0, skipped: 1, seconds: 0.088 }])
    expect(junit.cases.map((testCase) => [testCase.classname, testCase.name, testCase.outcome])).toEqual([
      ['tests.test_add', 'test_add_ints', 'passed'],
      ['tests.test_add', 'test_add_strings', 'passed'],
      ['tests.test_add', 'test_add_wrong_on_purpose', 'failed'],
      ['tests.test_add', 'test_skipped', 'skipped'],
    ])
    expect(junit.cases[2].message).toBe('assert 4 == 5\n +  where 4 = <built-in function add>(2, 2)\n +    where <built-in function add> = withpytest.add')
    expect(junit.cases[2].text).toMatch(
      /^def test_add_wrong_on_purpose\(\):\n> {7}assert withpytest.add\(2, 2\) == 5\n[\s\S]*\ntests\/test_add\.py:16: AssertionError$/,
    )
    expect(junit.cases[3].message).toBe('shows a skip in the report')
    expect(junit).toMatchObject({ droppedCases: 0, malformed: 0 })
  })

  it('reads the same when the XML comes in other lines', () => {
    const text = fixture('pytest-mixed.junit.xml')
    const whole = parseJUnitXml(text)
    // A line break after every tag and in place of every blank (XML whitespace inside tags): the parser reads tags, not lines.
    for (const lines of [text.split(/(?<=>)/), text.split(' '), text.split(/(?<=>)| /)]) {
      const parser = new JUnitXmlParser()
      for (const line of lines) parser.next(line)
      expect(parser.end().cases.map((testCase) => [testCase.name, testCase.outcome, testCase.message?.replaceAll('\n', ' ')])).toEqual(
        whole.cases.map((testCase) => [testCase.name, testCase.outcome, testCase.message?.replaceAll('\n', ' ')]),
      )
    }
  })

  it("turns a case into pytest's node id when its file is known", () => {
    expect(junitCaseId({ classname: 'tests.test_add', name: 'test_x', file: 'tests/test_add.py' })).toBe('tests/test_add.py::test_x')
    expect(junitCaseId({ classname: 'tests.test_add.TestAdd', name: 'test_x[1-2]', file: 'tests/test_add.py' })).toBe('tests/test_add.py::TestAdd::test_x[1-2]')
    expect(junitCaseId({ classname: 'tests.test_add', name: 'test_x' })).toBe('tests.test_add.test_x')
  })
})
