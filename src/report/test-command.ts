import path from 'node:path'
import { workspaceRelative } from '../parse/frames.js'
import { junitCaseId } from '../parse/pytest-junit.js'
import type { TestCommandRun } from './step-results.js'
import type { FindingKind } from './finding-kinds.js'
import { CRASH_CAUSES } from './findings.js'
import type { Finding, ReportProblem, TestCommandSection, TestCommandTest } from './model.js'

// pytest ends a failure's report with the place it points at: `tests/test_add.py:16: AssertionError`.
const LOCATION = /^(\S+\.py):(\d+): \w[\w.]*$/m

/**
 * The test-command section of report.json: what ran, what its output said (pytest's final line and
 * JUnit XML, unittest's summary), and the test that was running when it stopped. `problems` are
 * the detector's, from the command's log; a crash's Python frame in a test file names the test.
 */
export function testCommandSection(run: TestCommandRun, problems: readonly ReportProblem[], relative: (absolutePath: string) => string): TestCommandSection {
  const { pytest, unittest, junit } = run.parsed
  const inWorkspace = (file: string) => workspaceRelative(path.resolve(run.cwd, file), run.workspace)
  const counts: Record<string, number> = { ...(pytest?.counts ?? {}) }
  let testsRan: number | undefined
  let summary: string | undefined
  if (pytest?.counts) {
    testsRan = ['passed', 'failed', 'xfailed', 'xpassed'].reduce((total, name) => total + (pytest.counts![name] ?? 0), 0)
    summary = pytest.summaryLine
  } else if (unittest?.ran !== undefined) {
    Object.assign(counts, { ran: unittest.ran, ...unittest.counts })
    testsRan = unittest.ran - (unittest.counts.skipped ?? 0)
    summary = `Ran ${unittest.ran} test${unittest.ran === 1 ? '' : 's'}${unittest.verdict ? `: ${unittest.verdict}` : ''}${
      Object.keys(unittest.counts).length
        ? ` (${Object.entries(unittest.counts)
            .map(([name, count]) => `${name}=${count}`)
            .join(', ')})`
        : ''
    }`
  }
  if (junit && testsRan === undefined) testsRan = junit.cases.filter((testCase) => testCase.outcome !== 'skipped').length

  let tests: TestCommandTest[]
  if (junit?.cases.length) {
    tests = junit.cases.map((testCase) => {
      const location = testCase.file && testCase.line ? { file: testCase.file, line: testCase.line } : locationIn(testCase.text)
      return {
        id: junitCaseId(testCase),
        outcome: testCase.outcome,
        ...(testCase.message ? { message: testCase.message } : {}),
        ...(location && testCase.outcome !== 'passed' ? { file: inWorkspace(location.file), line: location.line } : {}),
      }
    })
  } else if (pytest?.failures.length) {
    tests = pytest.failures.map((failure) => {
      const name = failure.nodeId.split('::').pop()!
      const detail = pytest.details.find((candidate) => candidate.title === name || candidate.title.endsWith(` ${name}`))
      return {
        id: failure.nodeId,
        outcome: failure.kind,
        ...(failure.message ? { message: failure.message } : {}),
        ...(detail?.file && detail.line ? { file: inWorkspace(detail.file), line: detail.line } : {}),
      }
    })
  } else {
    tests = (unittest?.failures ?? []).map((failure) => ({
      id: failure.id,
      outcome: failure.kind,
      ...(failure.exception ? { message: failure.exception } : {}),
      ...(failure.file && failure.line ? { file: inWorkspace(failure.file), line: failure.line } : {}),
    }))
  }

  const running = runningTest(
    run,
    problems.filter((problem) => problem.log === relative(run.log)),
  )
  return {
    command: run.text,
    argv: run.command,
    added: run.added,
    runner: run.runner,
    exitCode: run.exitCode,
    ...(run.signal ? { signal: run.signal } : {}),
    ...(run.timedOut ? { timedOut: true } : {}),
    log: relative(run.log),
    ...(junit && run.junitPath ? { junit: relative(run.junitPath) } : {}),
    read: [...(pytest ? ['pytest'] : []), ...(unittest ? ['unittest'] : []), ...(junit ? ['junit-xml'] : [])],
    ...(summary ? { summary } : {}),
    counts,
    ...(testsRan !== undefined ? { testsRan } : {}),
    tests,
    ...(running ? { running } : {}),
  }
}

/**
 * The test running when the output stopped: pytest's last progress line names its file, the crash's
 * Python frame in that file its function (`crash_tests/test_crash.py::test_overrun`); unittest's
 * verbose line without a result names the whole id.
 */
function runningTest(run: TestCommandRun, problems: readonly ReportProblem[]): string | undefined {
  const { pytest, unittest } = run.parsed
  const crashed =
    run.signal !== null || (run.exitCode !== null && run.exitCode < 0) || problems.some((problem) => CRASH_CAUSES.has(problem.kind as FindingKind))
  if (!crashed) return undefined
  if (unittest?.running) return unittest.running
  const frame = problems.find((problem) => problem.function?.startsWith('test') && problem.file !== undefined)
  const file = pytest?.lastFile
  if (file && frame && frame.file!.endsWith(file.replace(/^\.\//, ''))) return `${file}::${frame.function}`
  return file ?? (frame ? `${frame.file}::${frame.function}` : undefined)
}

function locationIn(text: string | undefined): { file: string; line: number } | undefined {
  const lines = (text ?? '').split('\n').reverse()
  for (const line of lines) {
    const match = LOCATION.exec(line)
    if (match) return { file: match[1], line: Number(match[2]) }
  }
  return undefined
}

/**
 * What the test command's outcome says, as findings: each failing test (with its id and where it
 * failed), a crash (named by the test that was running, with its cause), a non-zero exit nothing
 * explains, and `nothing-tested` when no test ran, or when the output said nothing pydebug could read.
 */
export function testCommandFindings(section: TestCommandSection, problems: readonly ReportProblem[]): Finding[] {
  const findings: Finding[] = []
  const base = { log: section.log, pass: 'test-command' as const }
  for (const test of section.tests) {
    if (test.outcome !== 'failed' && test.outcome !== 'error') continue
    const message = test.message?.split('\n')[0]
    findings.push({
      kind: 'test-failure',
      test: test.id,
      message: `${test.id} ${test.outcome === 'failed' ? 'failed' : 'errored'}${message ? `: ${message}` : ''}`,
      ...(message ? { detail: message } : {}),
      ...base,
      ...(test.file ? { file: test.file, ...(test.line ? { line: test.line } : {}) } : {}),
    })
  }
  const exit = section.signal ? `killed by ${section.signal}` : `exit code ${section.exitCode}`
  const inLog = problems.filter((problem) => problem.log === section.log)
  const cause =
    inLog.find((problem) => CRASH_CAUSES.has(problem.kind as FindingKind) && problem.kind !== 'fatal-error') ??
    inLog.find((problem) => problem.kind === 'fatal-error')
  const crashed = section.signal !== undefined || (section.exitCode !== null && section.exitCode < 0) || cause !== undefined
  if (section.timedOut) {
    // pydebug's own SIGABRT: faulthandler's dump says where it hung, the abort is not a crash.
    const where = inLog.find((problem) => problem.file !== undefined)
    findings.push({
      kind: 'timeout',
      ...(section.running ? { test: section.running } : {}),
      message: `the test command timed out${section.running ? ` in ${section.running}` : ''} (stopped by pydebug: test-command-timeout)${where?.file ? ` at ${where.file}:${where.line ?? '?'}` : ''}`,
      ...base,
      ...(where?.file ? { file: where.file, ...(where.line ? { line: where.line } : {}) } : {}),
      ...(where?.function ? { function: where.function } : {}),
    })
  } else if (crashed) {
    const who = section.running ?? 'the test command'
    findings.push({
      kind: 'crash',
      ...(section.running ? { test: section.running } : {}),
      message: `${who} crashed (${exit})${cause ? `: ${cause.message}` : ''}`,
      detail: [exit, cause?.message].filter(Boolean).join(' · '),
      ...base,
      ...(cause?.file ? { file: cause.file, ...(cause.line ? { line: cause.line } : {}) } : {}),
      ...(cause?.function ? { function: cause.function } : {}),
    })
  } else if (section.testsRan === 0 || (section.testsRan === undefined && section.exitCode === 0)) {
    const why =
      section.testsRan === 0
        ? `the test command ran no test${section.summary ? ` (${section.summary})` : ''}`
        : `the test command exited 0 but printed no pytest or unittest result, so pydebug cannot tell whether any test ran`
    findings.push({ kind: 'nothing-tested', message: `nothing was tested: ${why}`, detail: why, log: section.log, pass: 'discovery' })
  } else if (section.exitCode !== 0 && findings.length === 0) {
    const why = section.summary
      ? `although its output reports no failing test (${section.summary})`
      : 'and printed no test result pydebug could read (pytest or unittest)'
    findings.push({ kind: 'test-failure', message: `the test command failed (${exit}) ${why}`, detail: `${exit} ${why}`, ...base })
  }
  return findings
}
