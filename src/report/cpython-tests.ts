/**
 * report.json's `cpythonTests` section and its findings, from a run of CPython's own test suite.
 * Pure. The counts are regrtest's own closing summary; what it does not print (resource denied on
 * 3.11, which counts them as skipped; timeouts, which it counts as failed) comes from its verdicts.
 */
import type { RegrtestTest } from '../parse/regrtest.js'
import { describeSelection } from '../plan/cpython-tests.js'
import type { CpythonTestsRun } from './step-results.js'
import type { CpythonTestsSection, Finding, ReportProblem } from './model.js'

// make test passes -E, which ignores every PYTHON* variable, the variant's runtime settings too.
const ENVIRONMENT_HOW = "without -E (which make test passes), so the variant's runtime settings apply; inherited PYTHON* variables are removed instead"

const round = (seconds: number) => Math.round(seconds * 1000) / 1000

export function cpythonTestsSection(run: CpythonTestsRun, problems: readonly ReportProblem[], relative: (absolutePath: string) => string): CpythonTestsSection {
  const { parsed } = run
  const { counts, lists } = parsed.summary
  const log = relative(run.log)
  // With -jN, a test file past its --timeout ends its worker: regrtest says "crashed (Exit code 1)", faulthandler says "Timeout".
  const timedOut = new Set(
    parsed.tests
      .filter(
        (test) =>
          test.outcome === 'timed-out' ||
          (test.outcome === 'crashed' && problems.some((problem) => problem.kind === 'timeout' && problem.test === test.name && problem.log === log)),
      )
      .map((test) => test.name),
  )
  const durations: Record<string, number> = {}
  // The JUnit cases' times, or regrtest's own figure where it printed one (30 s or more): the long files, which balance shards.
  const seconds = new Map<string, number>(Object.entries(run.junit?.files ?? {}).map(([file, totals]) => [file, round(totals.seconds)]))
  for (const test of parsed.tests) if (test.seconds !== undefined) seconds.set(test.name, test.seconds)
  for (const file of [...seconds.keys()].sort()) durations[file] = seconds.get(file)!
  return {
    selection: describeSelection(run.selection),
    command: run.command,
    exitCode: run.exitCode,
    log,
    source: run.plan.source,
    notPassed: run.plan.notPassed,
    environment: { applied: run.environment.applied, removed: run.environment.removed, how: ENVIRONMENT_HOW },
    timeoutSeconds: run.timeoutSeconds,
    ...(parsed.summary.state ? { state: parsed.summary.state } : {}),
    finished: parsed.summary.state !== undefined,
    counts: {
      ok: counts.ok ?? 0,
      failed: counts.failed ?? 0,
      skipped: counts.skipped ?? 0,
      resourceDenied: counts['resource denied'] ?? parsed.tests.filter((test) => test.outcome === 'resource-denied').length,
      envChanged: counts['env changed'] ?? 0,
      timedOut: timedOut.size,
      rerun: counts['re-run'] ?? 0,
      runNoTests: counts['run no tests'] ?? 0,
      omitted: counts.omitted ?? 0,
    },
    ...(lists.failed?.length ? { failed: lists.failed } : {}),
    ...(timedOut.size ? { timedOutTests: [...timedOut].sort() } : {}),
    tests: parsed.tests.map((test) => ({
      name: test.name,
      outcome: timedOut.has(test.name) ? 'timed-out' : test.outcome,
      ...(test.result ? { result: test.result } : {}),
    })),
    ...(run.junit
      ? {
          junit: {
            path: relative(run.junitXml),
            tests: run.junit.totals?.tests ?? run.junit.cases,
            failures: run.junit.totals?.failures ?? run.junit.failures,
            errors: run.junit.totals?.errors ?? run.junit.errors,
            skipped: run.junit.skipped,
            files: Object.keys(run.junit.files).length,
          },
        }
      : {}),
    durations,
    ...(run.shard ? { shard: { index: run.shard.index, count: run.shard.count, tests: run.shard.tests, balancedBy: run.shard.balancedBy } } : {}),
    ...(parsed.summary.workerFailure ? { workerFailure: parsed.summary.workerFailure } : {}),
  }
}

/**
 * What regrtest counted as failed (after its re-runs), each with its test file, plus a run that did
 * not finish. Env-changed files are counted, not findings: `make test` before 3.13 does not fail on
 * them either.
 */
export function cpythonTestsFindings(section: CpythonTestsSection, tests: readonly RegrtestTest[], problems: readonly ReportProblem[]): Finding[] {
  const findings: Finding[] = []
  const byName = new Map(tests.map((test) => [test.name, test]))
  const failed =
    section.failed ?? tests.filter((test) => test.outcome === 'failed' || test.outcome === 'crashed' || test.outcome === 'timed-out').map((test) => test.name)
  for (const name of failed) {
    const test = byName.get(name)
    const base = { test: name, log: section.log, pass: 'cpython-tests' as const }
    if (section.timedOutTests?.includes(name)) {
      findings.push({
        kind: 'timeout',
        ...base,
        message: `${name} timed out after ${section.timeoutSeconds} s in CPython's test suite and was killed; the other test files ran`,
        detail: `killed after ${section.timeoutSeconds} s (--timeout)`,
      })
    } else if (test?.outcome === 'crashed') {
      const cause = problems.find((problem) => problem.test === name && problem.log === section.log && problem.kind !== 'timeout')
      const fatal = test.fatalError ? `Fatal Python error: ${test.fatalError}` : undefined
      const why = [test.result, cause?.message ?? fatal].filter(Boolean).join(' · ')
      findings.push({ kind: 'crash', ...base, message: `${name} crashed in CPython's test suite${why ? `: ${why}` : ''}`, ...(why ? { detail: why } : {}) })
    } else {
      const why = test?.exception ?? test?.result
      findings.push({
        kind: 'test-failure',
        ...base,
        message: `${name} failed in CPython's test suite${why ? `: ${why}` : ''}`,
        ...(why ? { detail: why } : {}),
        ...(test?.traceback ? { traceback: test.traceback } : {}),
      })
    }
  }
  if (!section.finished) {
    findings.push({
      kind: 'not-run',
      message: `CPython's test suite did not finish (exit code ${section.exitCode}): regrtest printed no summary, so ${section.tests.length} test file${section.tests.length === 1 ? ' has' : 's have'} a verdict and the rest were not run`,
      detail: `no summary (exit code ${section.exitCode})`,
      log: section.log,
      pass: 'cpython-tests',
    })
  } else if (section.counts.omitted) {
    findings.push({
      kind: 'not-run',
      message: `${section.counts.omitted} test file${section.counts.omitted === 1 ? ' was' : 's were'} never run (regrtest omitted them)`,
      log: section.log,
      pass: 'cpython-tests',
    })
  }
  return findings
}
