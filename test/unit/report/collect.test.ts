import { regrtestFileOutcome } from '../../../src/plan/test-file-runner.js'
import { describe, expect, it } from 'vitest'
import type { DetectOptions } from '../../../src/parse/detect.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { ShowRefcountParser } from '../../../src/parse/showrefcount.js'
import { collectReport, type RunResults } from '../../../src/report/collect.js'
import type { ParsedRun, RefleakHunt, ShowrefcountRun, TestDiscovery } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { findingsExitCode } from '../../../src/report/exit-code.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

// The fixtures of test/projects were captured in /tmp/cap/<project>.
const CAPTURE_WORKSPACE = { workspace: '/tmp/cap' }

function parsedRun(fixture: string, log: string, options: DetectOptions = {}): ParsedRun<ReturnType<RegrtestParser['end']>> {
  const { lines, unparsed, ...details } = parseLogText(readFixture(fixture), options)
  return {
    command: ['python', '-m', 'test'],
    exitCode: 2,
    signal: null,
    timedOut: false,
    log,
    lines,
    unparsed,
    details,
    parsed: details.results.regrtest ?? new RegrtestParser().end(),
  }
}

/** A refleak hunt as the pipeline builds it, from a real regrtest log. */
function huntFrom(
  fixture: string,
  { discovery, caseIds = {}, options }: { discovery?: Partial<TestDiscovery>; caseIds?: Record<string, string[]>; options?: DetectOptions } = {},
): RefleakHunt {
  const run = parsedRun(fixture, '/out/logs/refleak.log', options)
  const modules = run.parsed.tests.map((test) => test.name)
  return {
    warmups: 3,
    runs: 3,
    discovery: { testsDir: '/out/tests', modules, nested: [], pytestStyle: [], ...discovery },
    run,
    cases: {},
    casesNotRun: {},
    caseIds,
  }
}

function showrefcountFrom(fixture: string, testFile: string, options: DetectOptions = {}): ShowrefcountRun {
  const run = parsedRun(fixture, `/out/logs/showrefcount/${testFile}.log`, options)
  return {
    ...run,
    exitCode: null,
    signal: 'SIGABRT',
    refcount: run.details.results.showrefcount ?? new ShowRefcountParser().end(),
    testFile,
    outcome: regrtestFileOutcome(run.parsed, testFile, { signal: 'SIGABRT', timedOut: false }),
    progress: { started: [] },
  }
}

const results = (parts: Partial<RunResults>): RunResults => ({
  toolVersion: '0.1.0',
  generatedAt: '2026-11-24T00:00:00.000Z',
  extensions: [],
  relative: (file) => file.replace('/out/', ''),
  ...parts,
})

const collect = (fixture: string) => collectReport(results({ refleaks: huntFrom(fixture) }))

/** What a person reading summary.md must see of each finding: its test and its cause. */
function expectSummaryShowsEveryFinding(report: ReturnType<typeof collectReport>): void {
  const summary = renderSummaryMarkdown(report)
  for (const finding of report.findings) {
    const test = finding.case ?? finding.test
    if (test) expect(summary).toContain(`\`${test}\``)
    const cause = finding.detail ?? (finding.deltas ? `[${finding.deltas.join(', ')}]` : finding.message)
    expect(summary).toContain(cause.replaceAll('`', "'").replaceAll('|', '\\|'))
  }
}

describe('collectReport findings from real regrtest logs', () => {
  it('3.11.2 -j1 with every outcome: the hung test is a timeout (regrtest says crashed), the segfault a crash, the failure a failure', () => {
    const report = collect('cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt')
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toEqual([
      ['crash', 'test_segv'],
      ['timeout', 'test_hangs'],
      ['test-failure', 'test_envchanged'],
      ['test-failure', 'test_fails'],
      // An empty TestCase: regrtest says "ran no tests"; listed and counted, never silent.
      ['not-run', 'test_norun'],
    ])
    expect(report.findings[1]).toMatchObject({ message: 'test_hangs timed out: Timeout (0:00:05)! (regrtest: crashed (Exit code 1))', log: 'logs/refleak.log' })
    expect(report.findings[0].message).toBe('test_segv crashed (Exit code -11): Fatal Python error: Segmentation fault')
    // A failure carries its exception, and the first lines of its traceback for the summary's details.
    expect(report.findings[3]).toMatchObject({
      message: 'test_fails failed (1 failure): AssertionError: 2 != 3',
      traceback: expect.arrayContaining(['AssertionError: 2 != 3']),
    })
    expect(report.status).toBe('findings')
    expectSummaryShowsEveryFinding(report)
  })

  it('3.13.5 -R with -j1: leaks with their deltas, the overrun with its line, problems errors first', () => {
    const report = collect('cpython-3.13.5-pydebug/pipeline-refleak-j1.txt')
    expect(report.findings.map((finding) => [finding.kind, finding.test, finding.deltas])).toEqual([
      ['crash', 'test_overrun', undefined],
      ['reference-leak', 'test_leaky', [3, 3, 3]],
      ['block-leak', 'test_leaky', [35, 35, 35]],
    ])
    expect(report.findings[0]).toMatchObject({
      message: expect.stringMatching(
        /^test_overrun crashed \(Exit code -6 \(SIGABRT\)\): buffer overrun of 1 byte detected on free in \S*tests\/test_overrun\.py:9$/,
      ),
      line: 9,
    })
    expect(
      report.problems!.every(
        (problem, index, all) =>
          index === 0 || ['error', 'warning', 'note'].indexOf(all[index - 1].severity) <= ['error', 'warning', 'note'].indexOf(problem.severity),
      ),
    ).toBe(true)
  })

  it('no test module at the top of tests/, only in a sub-folder: nothing was tested, the run fails, the summary says so first and where the tests are', () => {
    const hunt: RefleakHunt = {
      warmups: 3,
      runs: 3,
      discovery: { testsDir: '/out/tests', modules: [], nested: [{ dir: 'unit', modules: 19 }], pytestStyle: [] },
      cases: {},
      casesNotRun: {},
      caseIds: {},
    }
    const report = collectReport(results({ refleaks: hunt }))
    expect(report.status).toBe('nothing-tested')
    expect(report.findings.map((finding) => finding.kind)).toEqual(['nothing-tested'])
    expect(report.findings[0].message).toMatch(
      /^nothing was tested: tests has no test module .* test files are in unit\/ \(19\): pass that folder as the tests folder/,
    )
    expect(findingsExitCode(report, 'findings')).toBe(1)
    // A leak hunt that ran nothing vouches for no leak either.
    expect(findingsExitCode(report, 'leaks')).toBe(1)
    const summary = renderSummaryMarkdown(report)
    expect(summary.split('\n')[2]).toMatch(/^\*\*⚠️ nothing was tested: .*unit\/ \(19\)/)
    expect(summary).not.toContain('no leaks or crashes found')
  })

  it('regrtest itself reports NO TEST RUN (exit 0): nothing was tested', () => {
    // Whatever discovery found, regrtest's own word that it ran nothing is believed.
    const report = collectReport(
      results({ refleaks: huntFrom('cpython-3.11.2-pydebug/regrtest-R-j1-tests-only-in-subfolder.txt', { discovery: { modules: ['test_basic'] } }) }),
    )
    expect(report.status).toBe('nothing-tested')
    expect(report.findings[0]).toMatchObject({ kind: 'nothing-tested', message: expect.stringContaining('regrtest reported no test file (NO TEST RUN)') })
  })

  it('pytest-style files: "ran no tests" and the missing pytest are findings with their causes', () => {
    const report = collectReport(
      results({
        refleaks: huntFrom('cpython-3.11.2-pydebug/regrtest-R-j1-pytest-style-files.txt', { discovery: { pytestStyle: ['test_plain', 'test_withpytest'] } }),
      }),
    )
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toEqual([
      ['test-failure', 'test_withpytest'],
      ['not-run', 'test_plain'],
    ])
    expect(report.findings[0].message).toBe("test_withpytest failed (uncaught exception): ModuleNotFoundError: No module named 'pytest'")
    expect(report.findings[0].traceback?.at(-1)).toBe("ModuleNotFoundError: No module named 'pytest'")
    expect(report.findings[0].traceback?.[0]).toBe('Traceback (most recent call last):')
    expect(report.findings[1].message).toBe('test_plain ran no test case')
    expect(report.status).toBe('findings')
    const summary = renderSummaryMarkdown(report)
    expect(summary).toContain('<details><summary>Tracebacks</summary>')
    expect(summary).toContain('(2 ran no test case)')
    expectSummaryShowsEveryFinding(report)
  })

  it('every file ran no tests: nothing was tested, and the pytest-style files are named as the reason', () => {
    const hunt = huntFrom('cpython-3.11.2-pydebug/regrtest-R-j1-pytest-style-files.txt', { discovery: { pytestStyle: ['test_plain', 'test_withpytest'] } })
    const onlyNoTests = {
      ...hunt,
      run: { ...hunt.run!, parsed: { ...hunt.run!.parsed, tests: hunt.run!.parsed.tests.filter((test) => test.outcome === 'no-tests') } },
    }
    const report = collectReport(results({ refleaks: onlyNoTests }))
    expect(report.status).toBe('nothing-tested')
    expect(report.findings[0].message).toBe(
      'nothing was tested: 1 test file ran no test case; 2 of the 3 test files look written for pytest (module-level test functions or `import pytest`), and regrtest only collects unittest.TestCase classes',
    )
  })

  it("regrtest's worker died on non-UTF-8 output and omitted a test while saying SUCCESS: the omitted test is a finding with the cause", () => {
    const report = collect('cpython-3.11.2-pydebug/regrtest-R-j1-worker-failed-non-utf8.txt')
    expect(report.refleaks?.state).toBe('SUCCESS')
    expect(report.refleaks?.workerFailure?.exception).toMatch(/^UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff/)
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toEqual([['not-run', 'test_bytes']])
    expect(report.findings[0].message).toMatch(
      /^test_bytes was never run \(regrtest omitted it\): regrtest's worker failed: UnicodeDecodeError: .*\(a test wrote output that is not valid UTF-8/,
    )
    expect(report.status).toBe('findings')
    expect(findingsExitCode(report, 'findings')).toBe(1)
    // The worker's traceback is not a warning about the test that ran before it.
    expect(report.refleaks?.tests.find((test) => test.name === 'test_after_c')?.outcome).toBe('passed')
    expectSummaryShowsEveryFinding(report)
  })

  it('problems seen only in the -X showrefcount pass are findings, in the status, the summary and the exit code', () => {
    const report = collectReport(
      results({
        showrefcount: [
          showrefcountFrom('cpython-3.11.2-pydebug/showrefcount-checkresult-fatal-via-helper.txt', 'test_checkresult', CAPTURE_WORKSPACE),
          showrefcountFrom('cpython-3.11.2-pydebug/showrefcount-overrun8-via-helper.txt', 'test_overrun8', CAPTURE_WORKSPACE),
        ],
      }),
    )
    expect(report.findings.map((finding) => [finding.kind, finding.test, finding.pass])).toEqual([
      ['crash', 'test_checkresult', 'showrefcount'],
      ['crash', 'test_overrun8', 'showrefcount'],
    ])
    expect(report.findings[0]).toMatchObject({
      detail: expect.stringContaining('Fatal Python error: _Py_CheckFunctionResult: a function returned a result with an exception set'),
      file: 'trouble/tests/test_checkresult.py',
      line: 11,
    })
    // A process a signal ended has no exit code: the signal is what happened.
    expect(report.findings[0].message).toMatch(/^test_checkresult crashed \(killed by SIGABRT\) in the -X showrefcount pass/)
    expect(report.findings[1]).toMatchObject({ detail: expect.stringContaining('buffer overrun of 8 bytes'), file: 'trouble/tests/test_overrun8.py', line: 8 })
    expect(report.status).toBe('findings')
    expect(findingsExitCode(report, 'findings')).toBe(1)
    expectSummaryShowsEveryFinding(report)
  })

  it('a crash points at the test that called into the extension, not the helper on top, and names the case', () => {
    const caseIds = {
      test_checkresult: ['test_checkresult.CheckResultTests.test_fine', 'test_checkresult.CheckResultTests.test_result_with_error'],
      test_overrun8: ['test_overrun8.Overrun8Tests.test_overrun8'],
    }
    const report = collectReport(
      results({ refleaks: huntFrom('cpython-3.11.2-pydebug/regrtest-R-j1-checkresult-and-overrun-via-helper.txt', { caseIds, options: CAPTURE_WORKSPACE }) }),
    )
    expect(report.findings.map((finding) => [finding.kind, finding.case, finding.file, finding.line, finding.function])).toEqual([
      ['crash', 'test_checkresult.CheckResultTests.test_result_with_error', 'trouble/tests/test_checkresult.py', 11, 'test_result_with_error'],
      ['crash', 'test_overrun8.Overrun8Tests.test_overrun8', 'trouble/tests/test_overrun8.py', 8, 'test_overrun8'],
    ])
    expect(report.findings[1].message).toBe(
      'test_overrun8 crashed (Exit code -6): buffer overrun of 8 bytes detected on free in trouble/tests/test_overrun8.py:8 (test_overrun8, through trouble/tests/helpers.py:6 in call_into)',
    )
    // What the C function did wrong: the exception it left set, and what CPython made of it.
    expect(report.findings[0].message).toContain(
      '_Py_CheckFunctionResult: a function returned a result with an exception set (ValueError: set but not returned → SystemError: <built-in function result_with_error> returned a result with an exception set) in trouble/tests/test_checkresult.py:11',
    )
    expect(report.logs.map((log) => log.unparsed.count)).toEqual([0])
    expectSummaryShowsEveryFinding(report)
  })
})
