import type { RegrtestTest, TestOutcome } from '../parse/regrtest.js'
import type { CellPlan } from '../plan/cell.js'
import { describeAbiFingerprint } from '../plan/abi-fingerprint.js'
import { cpythonTestsFindings, cpythonTestsSection } from './cpython-tests.js'
import { testCommandFindings, testCommandSection } from './test-command.js'
import { variantCheckFindings, variantCheckSections } from './variant-checks.js'
import { memcheckFindings, memcheckLogs, memcheckSection } from './memcheck.js'
import { TEST_COMMAND_NAME } from '../plan/test-command.js'
import { mergeSanitizerFindings, sanitizerFindings, sanitizerSection } from './sanitizers.js'
import { collectFindings } from './findings.js'
import { leakEntries, testFileEntryOf } from './regrtest-tests.js'
import { pytestCaseIds, pytestRefleakSection } from './collect-pytest.js'
import type { TestRunnerChoice } from '../plan/test-runner.js'
import type {
  BuildRecord,
  CpythonTestsRun,
  ExtensionBuild,
  InterpreterInstall,
  MemcheckRun,
  ParsedRun,
  PytestHunt,
  RefleakHunt,
  SanitizerPass,
  ShowrefcountRun,
  TestCommandRun,
  VariantChecksRun,
} from './step-results.js'
import {
  REPORT_SCHEMA_VERSION,
  type BuildFacts,
  type Finding,
  type LeakEntry,
  type LogEntry,
  type Report,
  type ReportProblem,
  type RunStatus,
  type TestCaseEntry,
  type TestFileEntry,
  type TestPass,
} from './model.js'

/** Everything a run produced, in the steps' own terms; `collectReport` turns it into report.json. */
export interface RunResults {
  /** The variant's checks that could not run in this cell, and why. */
  readonly checksNotRun?: readonly { readonly check: string; readonly reason: string }[]
  readonly toolVersion: string
  readonly generatedAt: string
  readonly cell?: CellPlan
  readonly sourceDescription?: string
  readonly interpreter?: InterpreterInstall
  readonly extensions: ExtensionBuild[]
  readonly refleaks?: RefleakHunt
  /** The refleak hunt of a pytest suite (steps/run-pytest.ts), instead of `refleaks`. */
  readonly pytest?: PytestHunt
  /** Which runner ran the tests and why (plan/test-runner.ts). */
  readonly testRunner?: TestRunnerChoice
  readonly showrefcount?: ShowrefcountRun[]
  readonly cpythonTests?: CpythonTestsRun
  /** The user's own test command (steps/run-test-command.ts), run instead of the refleak hunt. */
  readonly testCommand?: TestCommandRun
  /** The checks the variant exists for (catalog `checks`: census, allocation report, GIL, ...), steps/run-variant-checks.ts. */
  readonly variantChecks?: VariantChecksRun
  /** Valgrind memcheck over each test file (steps/run-memcheck.ts), when the variant declares the check. */
  readonly memcheck?: MemcheckRun
  /** The sanitizer pass over each test file (steps/run-sanitizers.ts), when the variant declares a sanitizer check. */
  readonly sanitizers?: SanitizerPass
  readonly error?: { readonly kind: string; readonly message: string; readonly log?: string }
  /** Turns absolute paths into paths relative to the report folder. */
  readonly relative: (absolutePath: string) => string
}

export function collectReport(results: RunResults): Report {
  const { relative } = results
  const logs: LogEntry[] = []
  const problems: ReportProblem[] = []
  const passes = new Map<string, TestPass>()
  const addLog = (run: Pick<ParsedRun<unknown>, 'log' | 'logCut' | 'lines' | 'unparsed' | 'details'>, kind: string, pass: TestPass) => {
    const path = relative(run.log)
    logs.push({ path, kind, lines: run.lines, unparsed: run.unparsed, parsed: run.details, ...(run.logCut ? { cut: run.logCut } : {}) })
    passes.set(path, pass)
    problems.push(...run.details.problems.map((problem) => ({ ...problem, log: path })))
  }

  let refleaks: Report['refleaks']
  if (results.refleaks) {
    const hunt = results.refleaks
    if (hunt.run) addLog(hunt.run, 'regrtest-refleak', 'refleak')
    const tests = (hunt.run?.parsed.tests ?? []).map((test): TestFileEntry => {
      const caseRuns = hunt.cases[test.name]
      for (const caseRun of caseRuns ?? []) addLog(caseRun, 'regrtest-refleak-case', 'refleak-case')
      return {
        ...testFileEntryOf(test),
        ...(hunt.casesNotRun[test.name] ? { casesNotRun: hunt.casesNotRun[test.name] } : {}),
        ...(caseRuns
          ? {
              cases: caseRuns.map((caseRun): TestCaseEntry => {
                const caseTest = caseRun.parsed.tests.find((candidate) => candidate.name === test.name)
                const leaks = caseTest ? leakEntries(caseTest, false) : []
                return { id: caseRun.id, outcome: caseOutcome(caseTest, leaks, caseRun), leaks, log: relative(caseRun.log) }
              }),
            }
          : {}),
      }
    })
    const casesNotRun = Object.values(hunt.casesNotRun).reduce((total, count) => total + count, 0)
    refleaks = {
      ...(results.testRunner ? { runner: { name: results.testRunner.runner, reason: results.testRunner.reason } } : {}),
      command: hunt.run?.command ?? [],
      exitCode: hunt.run?.exitCode ?? null,
      warmups: hunt.warmups,
      runs: hunt.runs,
      ...(hunt.run?.parsed.summary.state ? { state: hunt.run.parsed.summary.state } : {}),
      ...(hunt.run?.parsed.summary.workerFailure ? { workerFailure: hunt.run.parsed.summary.workerFailure } : {}),
      tests,
      ...(hunt.run ? { log: relative(hunt.run.log) } : {}),
      ...(casesNotRun ? { casesNotRun } : {}),
      discovery: { ...hunt.discovery, testsDir: relative(hunt.discovery.testsDir) },
    }
  } else if (results.pytest) {
    refleaks = pytestRefleakSection(results.pytest, results.testRunner ?? { runner: 'pytest', reason: 'pytest ran the tests' }, relative, (run, kind) =>
      addLog(run, kind, 'refleak'),
    )
  }

  let showrefcount: Report['showrefcount']
  if (results.showrefcount) {
    showrefcount = {
      files: results.showrefcount.map((run) => {
        addLog(run, 'regrtest-showrefcount', 'showrefcount')
        const final = run.refcount.final
        const { outcome, exception, traceback } = run.outcome
        return {
          name: run.testFile,
          exitCode: run.exitCode,
          ...(run.signal ? { signal: run.signal } : {}),
          outcome,
          ...(final ? { atExit: { refs: final.refs, blocks: final.blocks } } : {}),
          ...(exception ? { exception } : {}),
          ...(traceback ? { traceback } : {}),
          log: relative(run.log),
        }
      }),
    }
  }

  let testCommand: Report['testCommand']
  let commandFindings: Finding[] = []
  if (results.testCommand) {
    addLog(results.testCommand, 'test-command', 'test-command')
    // Under a sanitizer the command's processes wrote their reports to files of their own: what ended the command is there, read as if in its log.
    const commandLog = relative(results.testCommand.log)
    const reportsOfCommand = (results.sanitizers?.runs ?? [])
      .filter((run) => run.testFile === TEST_COMMAND_NAME)
      .flatMap((run) => run.reports.flatMap((report) => report.details.problems.map((problem) => ({ ...problem, log: commandLog }))))
    const commandProblems = [...problems, ...reportsOfCommand]
    testCommand = testCommandSection(results.testCommand, commandProblems, relative)
    // What the detector saw in a crash (the fault, the debug hooks' dump) belongs to the test that was running: it joins that test's finding.
    const { running, log } = testCommand
    if (running) {
      for (const [index, problem] of problems.entries()) if (problem.log === log && problem.test === undefined) problems[index] = { ...problem, test: running }
    }
    commandFindings = testCommandFindings(testCommand, commandProblems)
  }

  let cpythonTests: Report['cpythonTests']
  let findingProblems: readonly ReportProblem[] = problems
  let sectionFindings: Finding[] = []
  if (results.cpythonTests) {
    addLog(results.cpythonTests, 'regrtest-cpython-tests', 'cpython-tests')
    cpythonTests = cpythonTestsSection(results.cpythonTests, problems, relative)
    sectionFindings = cpythonTestsFindings(cpythonTests, results.cpythonTests.parsed.tests, problems)
    // CPython's tests provoke crashes and sanitizer reports on purpose: regrtest's verdict decides, so only a failed file's problems join its finding.
    const failed = new Set(sectionFindings.map((finding) => finding.test))
    const log = cpythonTests.log
    findingProblems = problems.filter((problem) => problem.log !== log || (problem.test !== undefined && failed.has(problem.test)))
  }

  let memcheck: Report['memcheck']
  let memcheckErrors: Finding[] = []
  if (results.memcheck) {
    const xmlLogs = new Set<string>()
    for (const log of memcheckLogs(results.memcheck)) {
      addLog(log, log.kind, 'memcheck')
      if (log.kind === 'valgrind-xml') xmlLogs.add(relative(log.log))
    }
    memcheck = memcheckSection(results.memcheck, relative)
    memcheckErrors = memcheckFindings(memcheck)
    // The section's findings say what memcheck saw in the user's code, once per place; CPython's own errors stay notes in `problems`.
    findingProblems = findingProblems.filter((problem) => !xmlLogs.has(problem.log))
  }

  let sanitizers: Report['sanitizers']
  let sanitizerOwn: Finding[] = []
  if (results.sanitizers) {
    const passLogs = new Set<string>()
    for (const file of results.sanitizers.runs) {
      // The test-command's own log is its section's (the command ran once, as the sanitizer's run): only its report files are the pass's.
      if (file.testFile !== TEST_COMMAND_NAME) {
        addLog(file, 'regrtest-sanitizer', 'sanitizer')
        passLogs.add(relative(file.log))
      }
      for (const report of file.reports) {
        addLog(report, 'sanitizer-report', 'sanitizer')
        passLogs.add(relative(report.log))
      }
    }
    sanitizers = sanitizerSection(results.sanitizers, relative)
    // A report from the test-command's processes belongs to the test that was running when the command crashed, when faulthandler named one.
    const running = testCommand?.running
    const ofPass = problems
      .filter((problem) => passLogs.has(problem.log) && problem.source === 'sanitizer')
      .map((problem) => (running && problem.test === TEST_COMMAND_NAME ? { ...problem, test: running } : problem))
    sanitizerOwn = sanitizerFindings(results.sanitizers, ofPass, relative)
    // The pass's findings come from its report files, with their test and case; they join the other passes' findings below.
    findingProblems = findingProblems.filter((problem) => !passLogs.has(problem.log))
  }

  // The variant's own checks: each helper's logs (the census's object leaks come through their problems), sections, and the GIL's findings.
  const checks = results.variantChecks
  for (const file of checks?.gil?.files ?? []) addLog(file, 'gil-check', 'gil')
  for (const file of checks?.census?.files ?? []) addLog(file, 'census', 'census')
  for (const file of checks?.countAllocs ?? []) addLog(file, 'count-allocs', 'count-allocs')
  for (const file of checks?.allocations ?? []) addLog(file, 'allocation-report', 'allocation-report')
  const variantSections = checks ? variantCheckSections(checks, relative) : {}
  const variantFindings = variantCheckFindings(variantSections)

  const collected = nameCrashedCases(
    collectFindings({
      refleaks,
      problems: findingProblems,
      passOfLog: (log) => passes.get(log),
      ...(showrefcount ? { showrefcount } : {}),
      sectionFindings: [...sectionFindings, ...commandFindings, ...variantFindings, ...memcheckErrors],
    }),
    results.refleaks?.caseIds ?? (results.pytest ? pytestCaseIds(results.pytest) : {}),
  )
  const findings = results.sanitizers ? mergeSanitizerFindings(collected, results.sanitizers, sanitizerOwn) : collected
  const status: RunStatus = results.error
    ? results.error.kind === 'BuildError' || results.error.kind === 'SourceError'
      ? 'build-failed'
      : results.error.kind === 'ExtensionBuildError'
        ? 'extension-failed'
        : results.error.kind === 'CancelledError'
          ? 'cancelled'
          : 'error'
    : findings.some((finding) => finding.kind === 'nothing-tested')
      ? 'nothing-tested'
      : findings.length
        ? 'findings'
        : 'clean'

  const { cell, interpreter } = results
  return {
    schema: REPORT_SCHEMA_VERSION,
    tool: { name: 'pydebug', version: results.toolVersion },
    generatedAt: results.generatedAt,
    status,
    ...(results.error ? { error: results.error } : {}),
    ...(cell
      ? {
          cell: {
            id: cell.id,
            python: cell.python.text,
            variant: cell.variant,
            configureArgs: cell.configureArgs,
            runtimeEnv: cell.runtimeEnv,
            abiFlags: cell.abiFlags,
            extensionAbi: cell.extensionAbi,
          },
        }
      : {}),
    ...(interpreter
      ? {
          interpreter: {
            pythonPath: interpreter.pythonPath,
            prefix: interpreter.prefix,
            cacheKey: interpreter.cacheKey,
            cacheHit: interpreter.cacheHit,
            seconds: round(interpreter.seconds),
            source: results.sourceDescription ?? interpreter.record.source,
            sysVersion: interpreter.record.probe.version,
            abiflags: interpreter.record.probe.abiflags,
            ...(interpreter.record.probe.soabi ? { soabi: interpreter.record.probe.soabi } : {}),
            ...(interpreter.rebuildReason ? { rebuildReason: interpreter.rebuildReason } : {}),
            ...(interpreter.abiFingerprint ? { abiFingerprint: describeAbiFingerprint(interpreter.abiFingerprint) } : {}),
            build: buildFactsOf(interpreter.record),
          },
        }
      : {}),
    extensions: results.extensions.map((build) => ({
      path: build.projectDir,
      abi: build.abi,
      reused: build.reused,
      sitePath: build.sitePath,
      seconds: round(build.seconds),
      ...(build.logPath ? { log: relative(build.logPath) } : {}),
      compilerEnv: build.compilerEnv,
      compilerVersions: build.compilerVersions,
      removedEnv: build.removedEnv,
      ...(Object.keys(build.buildEnv).length ? { buildEnv: build.buildEnv } : {}),
      builder: build.builder,
      ...(build.command ? { command: build.command } : {}),
      key: build.key,
      ...(build.builtFor ? { fingerprint: describeAbiFingerprint(build.builtFor) } : {}),
      ...(build.reusedFrom ? { reusedFrom: build.reusedFrom } : {}),
    })),
    ...(refleaks ? { refleaks } : {}),
    ...(showrefcount ? { showrefcount } : {}),
    ...(cpythonTests ? { cpythonTests } : {}),
    ...(testCommand ? { testCommand } : {}),
    ...variantSections,
    ...(memcheck ? { memcheck } : {}),
    ...(sanitizers ? { sanitizers } : {}),
    ...(results.checksNotRun?.length ? { checksNotRun: results.checksNotRun } : {}),
    findings,
    // Errors first; within a severity, in log order.
    problems: problems.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    logs,
  }
}

const SEVERITY_ORDER: ReportProblem['severity'][] = ['error', 'warning', 'note']

function caseOutcome(test: RegrtestTest | undefined, leaks: LeakEntry[], run: ParsedRun<unknown>): TestOutcome {
  if (leaks.length) return 'leaked'
  if (run.signal) return 'crashed'
  if (run.timedOut) return 'timed-out'
  return test?.outcome ?? 'unknown'
}

/**
 * A crash's finding names the test function that was running (the traceback's frame in the test
 * file); regrtest's case listing of that file gives its full id, with the class.
 */
function nameCrashedCases(findings: Finding[], caseIds: Readonly<Record<string, readonly string[]>>): Finding[] {
  return findings.map((finding) => {
    if (finding.case || !finding.test || !finding.function) return finding
    // `test_x.Class.test_y` (unittest) or `tests/test_x.py::Class::test_y` (pytest).
    const matching = (caseIds[finding.test] ?? []).filter((id) => id.endsWith(`.${finding.function}`) || id.endsWith(`::${finding.function}`))
    return matching.length === 1 ? { ...finding, case: matching[0] } : finding
  })
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}

function buildFactsOf(record: BuildRecord): BuildFacts {
  const phaseSeconds = record.phaseSeconds
    ? Object.fromEntries(Object.entries(record.phaseSeconds).map(([phase, seconds]) => [phase, round(seconds)]))
    : undefined
  return {
    seconds: round(record.buildSeconds),
    ...(phaseSeconds ? { phaseSeconds } : {}),
    ...(record.ccache ? { ccache: record.ccache } : {}),
    ...(record.configureResults ? { configureResults: record.configureResults } : {}),
    ...(record.installedBytes !== undefined ? { installedBytes: record.installedBytes } : {}),
    ...(record.leftOut?.length ? { leftOut: record.leftOut } : {}),
  }
}
