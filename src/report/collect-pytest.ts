import { pytestOutcome } from '../parse/pytest-log.js'
import { pytestProcessEnd } from '../plan/test-file-runner.js'
import type { RegrtestResult, TestOutcome } from '../parse/regrtest.js'
import type { TestRunnerChoice } from '../plan/test-runner.js'
import type { ParsedRun, PytestFileRun, PytestHunt } from './step-results.js'
import type { LeakEntry, RefleakSection, TestCaseEntry, TestFileEntry } from './model.js'

/**
 * The refleak section of a pytest run, in the shape regrtest's has (report/collect.ts), so findings
 * and the summary read both alike: one entry per test file, and its cases (pytest node ids) with
 * the plugin's verdicts when the file did not simply pass, as regrtest's section lists the cases of
 * a leaking file. Every test was hunted on its own, so no case needs re-running.
 */
export function pytestRefleakSection(
  hunt: PytestHunt,
  runner: TestRunnerChoice,
  relative: (absolutePath: string) => string,
  addLog: (run: ParsedRun<unknown>, kind: string) => void,
): RefleakSection {
  addLog(hunt.collect, 'pytest-collect')
  const tests: TestFileEntry[] = []
  for (const [file, reason] of Object.entries(hunt.collect.parsed.collectionErrors)) {
    tests.push({
      name: file,
      outcome: 'failed',
      result: 'failed (collection error)',
      leaks: [],
      informationalLeaks: [],
      ...(reason ? { reason, exception: reason } : {}),
      log: relative(hunt.collect.log),
    })
  }
  for (const run of hunt.files) {
    addLog(run, 'pytest-refleak')
    tests.push(fileEntry(run, relative(run.log)))
  }
  const byOutcome = new Map<TestOutcome, number>()
  for (const test of tests) byOutcome.set(test.outcome, (byOutcome.get(test.outcome) ?? 0) + 1)
  const firstFailure = hunt.files.find((run) => run.exitCode !== 0)
  return {
    runner: { name: runner.runner, reason: runner.reason, ...(hunt.pytestVersion ? { version: hunt.pytestVersion } : {}) },
    // Each file ran alone with the same arguments: the first file's command stands for all.
    command: hunt.files[0]?.command ?? hunt.collect.command,
    exitCode: firstFailure ? firstFailure.exitCode : hunt.files.length ? 0 : hunt.collect.exitCode,
    warmups: hunt.warmups,
    runs: hunt.runs,
    ...(tests.length ? { state: [...byOutcome].map(([outcome, count]) => `${count} ${outcome}`).join(', ') } : {}),
    tests,
    log: relative(hunt.collect.log),
    discovery: {
      testsDir: relative(hunt.discovery.testsDir),
      modules: hunt.files.map((run) => run.file),
      nested: [],
      pytestStyle: hunt.discovery.pytestStyle,
    },
  }
}

function fileEntry(run: PytestFileRun, log: string): TestFileEntry {
  const { pytest, regrtest } = run.parsed
  const interrupted = pytestProcessEnd(pytest, run)
  // The test that started and has no result is the one the crash or the timeout interrupted; those after it never ran.
  const cut = interrupted ? pytest.started.findIndex((id) => pytestOutcome(pytest.results[id]?.words ?? []) === undefined) : -1
  const cases: TestCaseEntry[] = run.caseIds.map((id) => {
    const leaks = leakEntries(regrtest, id, false)
    const position = pytest.started.indexOf(id)
    const outcome: TestOutcome = leaks.length
      ? 'leaked'
      : position >= 0 && position === cut
        ? interrupted!
        : (pytestOutcome(pytest.results[id]?.words ?? []) ?? (interrupted ? 'omitted' : 'unknown'))
    return { id, outcome, leaks, log }
  })
  const count = (outcome: TestOutcome) => cases.filter((testCase) => testCase.outcome === outcome).length
  const failed = cases.find((testCase) => testCase.outcome === 'failed')
  const outcome: TestOutcome = interrupted
    ? interrupted
    : count('leaked')
      ? 'leaked'
      : failed || (run.exitCode !== null && run.exitCode >= 2 && run.exitCode <= 4)
        ? 'failed'
        : cases.length === 0 || run.exitCode === 5
          ? 'no-tests'
          : count('skipped') === cases.length
            ? 'skipped'
            : 'passed'
  const result =
    outcome === 'crashed'
      ? `crashed (${run.signal ?? `exit code ${run.exitCode}`})`
      : outcome === 'timed-out'
        ? 'timed out'
        : outcome === 'leaked'
          ? `leaked (${count('leaked')} of ${cases.length} tests)`
          : (pytest.summary ?? outcome)
  const reason = failed ? pytest.results[failed.id]?.reason : undefined
  return {
    name: run.file,
    outcome,
    result,
    // The plugin gives every verdict per test: the file's own are its cases'.
    leaks: [],
    informationalLeaks: cases.flatMap((testCase) => leakEntries(regrtest, testCase.id, true)),
    ...(reason ? { reason, exception: reason } : {}),
    ...(outcome !== 'passed' ? { cases } : {}),
    log,
  }
}

function leakEntries(regrtest: RegrtestResult, id: string, informational: boolean): LeakEntry[] {
  const test = regrtest.tests.find((candidate) => candidate.name === id)
  return (test?.leaks ?? []).filter((leak) => leak.informational === informational).map(({ kind, deltas, sum }) => ({ kind, deltas, sum }))
}

/** Case ids by test file, to name the test a crash interrupted (collect.ts nameCrashedCases). */
export function pytestCaseIds(hunt: PytestHunt): Record<string, string[]> {
  return Object.fromEntries(hunt.files.map((run) => [run.file, [...run.caseIds]]))
}
