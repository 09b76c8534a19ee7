import type { LeakKind } from '../parse/regrtest.js'
import { findingRank, type FindingKind } from './finding-kinds.js'
import type { Finding, LeakEntry, RefleakSection, ReportProblem, ShowrefcountSection, TestFileEntry, TestPass } from './model.js'

const LEAK_FINDING: Record<LeakKind, FindingKind> = {
  references: 'reference-leak',
  'memory blocks': 'block-leak',
  'file descriptors': 'fd-leak',
}

// What the debug hooks, faulthandler and sanitizers say about a crash: the reason behind "Exit code -6".
export const CRASH_CAUSES = new Set<FindingKind>([
  'buffer-overrun',
  'buffer-underrun',
  'use-after-free',
  'allocator-mismatch',
  'memory-error',
  'undefined-behavior',
  'fatal-error',
])
// What ends or corrupts a test's process (a crash, its cause, a hang): one test gets one such finding, with the most telling cause.
const CRASH_FAMILY = new Set<FindingKind>([...CRASH_CAUSES, 'crash', 'timeout'])
// Outcomes that mean at least one test case of the file ran.
const RAN = new Set<TestFileEntry['outcome']>(['passed', 'leaked', 'failed', 'env-changed', 'crashed', 'timed-out'])

/**
 * Whether a test case of the file ran: "failed (uncaught exception)" is regrtest's word for a module
 * that raised before any case could run (an import error, say).
 */
export function ranATestCase(test: Pick<TestFileEntry, 'outcome' | 'result'>): boolean {
  return RAN.has(test.outcome) && !(test.outcome === 'failed' && test.result?.startsWith('failed (uncaught exception)'))
}

const NOT_RUN_REASON: Partial<Record<TestFileEntry['outcome'], string>> = {
  'no-tests': 'ran no test case',
  omitted: 'was never run (regrtest omitted it)',
  interrupted: 'was interrupted',
  unknown: 'has no verdict in the log',
}

export interface FindingsInput {
  readonly refleaks?: RefleakSection
  /** Every problem every parser saw in every log of the run, with its log. */
  readonly problems: readonly ReportProblem[]
  readonly passOfLog: (log: string) => TestPass | undefined
  readonly showrefcount?: ShowrefcountSection
  /** Findings a section made itself (CPython's test suite): the problems that say the same join them. */
  readonly sectionFindings?: readonly Finding[]
}

/**
 * The findings of a run, most serious first: regrtest's verdicts (leaks named by case where the
 * cases were re-run alone), then everything any parser saw in any pass that no verdict already
 * says, and, when no test case ran at all, a finding that says so and why. Problems marked `note`
 * (not the extension's fault, e.g. CPython's own memcheck noise) stay in `problems` only.
 */
export function collectFindings({ refleaks, problems, passOfLog, showrefcount, sectionFindings = [] }: FindingsInput): Finding[] {
  const findings: Finding[] = [...sectionFindings]
  if (refleaks) {
    findings.push(...refleakFindings(refleaks, problems, 'refleak'))
    const nothing = nothingTested(refleaks)
    if (nothing) findings.push(nothing)
  }
  for (const file of showrefcount?.files ?? []) {
    // The refleak hunt already gave this file's verdict when it ran it; a crash seen only here is new.
    const hunted = refleaks?.tests.find((test) => test.name === file.name)
    if (hunted && hunted.outcome === file.outcome) continue
    if (file.outcome === 'crashed' || file.outcome === 'timed-out' || file.outcome === 'failed') {
      if (findings.some((finding) => finding.test === file.name && sameFamily(finding.kind, file.outcome === 'failed' ? 'test-failure' : 'crash'))) continue
      const kind: FindingKind = file.outcome === 'crashed' ? 'crash' : file.outcome === 'timed-out' ? 'timeout' : 'test-failure'
      findings.push({
        kind,
        test: file.name,
        message: `${file.name} ${file.outcome === 'crashed' ? `crashed (${file.signal ? `killed by ${file.signal}` : `exit code ${file.exitCode}`})` : file.outcome === 'timed-out' ? 'timed out' : 'failed'} in the -X showrefcount pass${file.exception ? `: ${file.exception}` : ''}`,
        log: file.log,
        pass: 'showrefcount',
        ...(file.traceback ? { traceback: file.traceback } : {}),
      })
    }
  }
  for (const problem of problems) mergeProblem(findings, problem, passOfLog(problem.log))
  return findings.sort((a, b) => findingRank(a.kind) - findingRank(b.kind))
}

/**
 * regrtest's verdicts on each test file of a refleak section (or of a log `pydebug report parse`
 * read: report/parsed-logs.ts), leaks named by case where the cases were re-run alone, and a
 * finding when regrtest's worker broke without omitting a test. `pass` is the pass the verdicts
 * come from, if known (a case's own re-run is always `refleak-case`).
 */
export function refleakFindings(
  refleaks: Pick<RefleakSection, 'tests' | 'log' | 'workerFailure'>,
  problems: readonly ReportProblem[],
  pass: TestPass | undefined,
): Finding[] {
  const findings: Finding[] = []
  const workerFailure = refleaks.workerFailure ? describeWorkerFailure(refleaks.workerFailure) : undefined
  for (const test of refleaks.tests) findings.push(...verdictFindings(test, test.log ?? refleaks.log ?? '', problems, workerFailure, pass))
  if (workerFailure && !refleaks.tests.some((test) => test.outcome === 'omitted')) {
    findings.push({ kind: 'not-run', message: workerFailure, detail: workerFailure, log: refleaks.log ?? '', ...passOf(pass) })
  }
  return findings
}

function passOf(pass: TestPass | undefined): Pick<Finding, 'pass'> {
  return pass ? { pass } : {}
}

/** Why regrtest's worker broke, in words that say what to do. */
function describeWorkerFailure(failure: NonNullable<RefleakSection['workerFailure']>): string {
  const cause = failure.exception ?? failure.message
  // regrtest 3.11 decodes a worker's output as UTF-8 and gives up on the first byte that is not.
  const hint = cause.startsWith('UnicodeDecodeError') ? ' (a test wrote output that is not valid UTF-8, which regrtest cannot read back)' : ''
  return `regrtest's worker failed: ${cause}${hint}`
}

function verdictFindings(
  test: TestFileEntry,
  refleakLog: string,
  problems: readonly ReportProblem[],
  workerFailure: string | undefined,
  pass: TestPass | undefined,
): Finding[] {
  const findings: Finding[] = []
  const leakingCases = test.cases?.filter((testCase) => testCase.leaks.length) ?? []
  if (leakingCases.length) {
    for (const testCase of leakingCases)
      for (const leak of testCase.leaks) findings.push(leakFinding(test.name, testCase.id, leak, testCase.log, 'refleak-case'))
  } else {
    for (const leak of test.leaks) findings.push(leakFinding(test.name, undefined, leak, refleakLog, pass))
  }
  // A case that crashed or failed when re-run alone, while the whole file did not.
  for (const testCase of test.cases ?? []) {
    if (testCase.outcome !== 'crashed' && testCase.outcome !== 'timed-out') continue
    if (test.outcome === 'crashed' || test.outcome === 'timed-out') continue
    findings.push({
      kind: testCase.outcome === 'crashed' ? 'crash' : 'timeout',
      test: test.name,
      case: testCase.id,
      message: `${testCase.id} ${testCase.outcome === 'crashed' ? 'crashed' : 'timed out'} when re-run alone under -R`,
      log: testCase.log,
      pass: 'refleak-case',
    })
  }
  // "crashed (Exit code -6)" on 3.11, "worker non-zero exit code (Exit code -6 (SIGABRT))" on 3.13
  const exitDetail = /^[^(]*\((.+)\)$/.exec(test.result ?? '')?.[1]
  const inRefleakLog = (problem: ReportProblem) => problem.test === test.name && problem.log === refleakLog
  // With -jN --timeout, regrtest reports a hung worker as crashed; faulthandler's dump says it timed out.
  const timeout = test.outcome === 'crashed' ? problems.find((problem) => problem.kind === 'timeout' && inRefleakLog(problem)) : undefined
  const cause = problems.find((problem) => CRASH_CAUSES.has(problem.kind as FindingKind) && problem.kind !== 'fatal-error' && inRefleakLog(problem))
  const fatalProblem = problems.find((problem) => problem.kind === 'fatal-error' && inRefleakLog(problem))
  const place = cause ?? (fatalProblem?.file !== undefined ? fatalProblem : undefined)
  const located = place ? locationOf(place) : {}
  if (timeout) {
    findings.push({
      kind: 'timeout',
      test: test.name,
      message: timeout.message,
      detail: timeout.message.replace(`${test.name} `, ''),
      log: refleakLog,
      ...passOf(pass),
      ...located,
    })
  } else if (test.outcome === 'crashed') {
    // The fault parser's account of a fatal error carries the exceptions printed with it; regrtest's only the message.
    const fatal = fatalProblem?.message ?? (test.fatalError ? `Fatal Python error: ${test.fatalError}` : undefined)
    findings.push({
      kind: 'crash',
      test: test.name,
      message: `${test.name} crashed${exitDetail ? ` (${exitDetail})` : ''}${cause ? `: ${cause.message}` : fatal ? `: ${fatal}` : ''}`,
      detail: [exitDetail, cause?.message, fatal].filter(Boolean).join(' · '),
      log: refleakLog,
      ...passOf(pass),
      ...located,
      ...(test.exception ? { traceback: test.traceback ?? [test.exception] } : {}),
    })
  } else if (test.outcome === 'timed-out') {
    findings.push({ kind: 'timeout', test: test.name, message: `${test.name} ${test.result ?? 'timed out'}`, log: refleakLog, ...passOf(pass) })
  } else if (test.outcome === 'failed' || test.outcome === 'env-changed') {
    const why = test.exception ?? (test.outcome === 'env-changed' ? test.reason : undefined)
    findings.push({
      kind: 'test-failure',
      test: test.name,
      message: `${test.name} ${test.result ?? 'failed'}${why ? `: ${why}` : ''}`,
      ...(why ? { detail: why } : {}),
      log: refleakLog,
      ...passOf(pass),
      ...(test.traceback ? { traceback: test.traceback } : {}),
    })
  } else if (NOT_RUN_REASON[test.outcome]) {
    const why = test.outcome === 'omitted' && workerFailure ? `: ${workerFailure}` : test.result && test.outcome !== 'no-tests' ? ` (${test.result})` : ''
    findings.push({
      kind: 'not-run',
      test: test.name,
      message: `${test.name} ${NOT_RUN_REASON[test.outcome]}${why}`,
      ...(why ? { detail: `${NOT_RUN_REASON[test.outcome]}${why}` } : {}),
      log: refleakLog,
      ...passOf(pass),
    })
  }
  return findings
}

/**
 * When no test case ran at all, the run vouches for nothing: one finding that says so and why,
 * in the words a user can act on (where the tests are, what regrtest needs, what stopped it).
 */
function nothingTested(refleaks: RefleakSection): Finding | undefined {
  if (refleaks.tests.some(ranATestCase)) return undefined
  const discovery = refleaks.discovery
  const reasons: string[] = []
  const pytest = refleaks.runner?.name === 'pytest'
  if (discovery && discovery.modules.length === 0 && !pytest) {
    reasons.push(`${discovery.testsDir} has no test module (test_*.py or test_* package) at its top level, and regrtest does not search sub-folders`)
    if (discovery.nested.length)
      reasons.push(
        `test files are in ${discovery.nested.map((nested) => `${nested.dir}/ (${nested.modules})`).join(', ')}: pass that folder as the tests folder (--tests / input 'tests')`,
      )
  } else {
    const byReason = new Map<string, number>()
    for (const test of refleaks.tests) {
      const reason =
        test.outcome === 'failed'
          ? `failed before any test case ran${test.exception ? ` (${test.exception})` : ''}`
          : (NOT_RUN_REASON[test.outcome] ?? test.outcome)
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1)
    }
    for (const [reason, count] of byReason) reasons.push(`${count} test file${count === 1 ? '' : 's'} ${reason}`)
    if (refleaks.tests.length === 0)
      reasons.push(
        pytest
          ? `pytest collected no test from ${discovery?.testsDir ?? 'the tests folder'}`
          : `regrtest reported no test file${refleaks.state ? ` (${refleaks.state})` : ''}`,
      )
    const pytestStyle = pytest ? [] : (discovery?.pytestStyle ?? [])
    if (pytestStyle.length) {
      const of =
        pytestStyle.length === discovery!.modules.length
          ? `all ${pytestStyle.length} test files look`
          : `${pytestStyle.length} of the ${discovery!.modules.length} test files look`
      reasons.push(`${of} written for pytest (module-level test functions or \`import pytest\`), and regrtest only collects unittest.TestCase classes`)
    }
  }
  return {
    kind: 'nothing-tested',
    message: `nothing was tested: ${reasons.join('; ')}`,
    detail: reasons.join('; '),
    log: refleaks.log ?? '',
    pass: 'discovery',
  }
}

/**
 * Adds a parser's problem unless a finding already says it: a crash's cause joins its crash (the
 * place it names fills the finding's, once), a leak or a failure regrtest reported is not repeated.
 */
export function mergeProblem(findings: Finding[], problem: ReportProblem, pass: TestPass | undefined): void {
  if (problem.severity === 'note') return
  const kind = problem.kind as FindingKind
  const owner = problem.test
  const same = findings.findIndex(
    (finding) => finding.test === owner && (owner !== undefined || finding.message === problem.message) && sameFamily(finding.kind, kind),
  )
  if (same >= 0) {
    const finding = findings[same]
    if (finding.file === undefined && problem.file !== undefined)
      findings[same] = { ...finding, ...locationOf(problem), ...(finding.detail ? {} : { detail: problem.message }) }
    return
  }
  findings.push({
    kind,
    ...(owner !== undefined ? { test: owner } : {}),
    message: pass === 'showrefcount' && owner !== undefined ? `${problem.message} (in the -X showrefcount pass)` : problem.message,
    ...(problem.deltas ? { deltas: problem.deltas } : {}),
    log: problem.log,
    ...(pass ? { pass } : {}),
    ...locationOf(problem),
  })
}

export function sameFamily(a: FindingKind, b: FindingKind): boolean {
  if (CRASH_FAMILY.has(a) && CRASH_FAMILY.has(b)) return true
  return a === b
}

function locationOf(problem: Pick<ReportProblem, 'file' | 'line' | 'function'>): Pick<Finding, 'file' | 'line' | 'function'> {
  return {
    ...(problem.file !== undefined ? { file: problem.file } : {}),
    ...(problem.file !== undefined && problem.line !== undefined ? { line: problem.line } : {}),
    ...(problem.function !== undefined ? { function: problem.function } : {}),
  }
}

/** A leak regrtest (or the pytest plugin) measured, from its deltas and sum as printed: never from a message's text. */
function leakFinding(test: string, testCase: string | undefined, leak: LeakEntry, log: string, pass: TestPass | undefined): Finding {
  const constant = leak.deltas.length > 0 && leak.deltas.every((delta) => delta === leak.deltas[0])
  const amount = constant ? `${leak.deltas[0]} ${leak.kind} per run` : `${leak.kind}`
  return {
    kind: LEAK_FINDING[leak.kind],
    test,
    ...(testCase ? { case: testCase } : {}),
    message: `${testCase ?? test} leaked ${amount} (deltas [${leak.deltas.join(', ')}], sum=${leak.sum})`,
    deltas: leak.deltas,
    sum: leak.sum,
    log,
    ...passOf(pass),
  }
}
