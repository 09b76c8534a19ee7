import type { LogProblem } from '../parse/detect.js'
import type { LeakVerdict, RegrtestTest, TestOutcome } from '../parse/regrtest.js'
import type { CellPlan } from '../plan/cell.js'
import type { ExtensionBuild } from '../steps/build-extension.js'
import type { InterpreterInstall } from '../steps/build-python.js'
import type { ParsedRun, RefleakHunt, ShowrefcountRun } from '../steps/run-tests.js'
import {
  REPORT_SCHEMA_VERSION,
  type Finding,
  type FindingKind,
  type LeakEntry,
  type LogEntry,
  type Report,
  type ReportProblem,
  type RunStatus,
  type TestCaseEntry,
  type TestFileEntry,
} from './model.js'

/** Everything a run produced, in the steps' own terms; `collectReport` turns it into report.json. */
export interface RunResults {
  readonly toolVersion: string
  readonly generatedAt: string
  readonly cell?: CellPlan
  readonly sourceDescription?: string
  readonly interpreter?: InterpreterInstall
  readonly extensions: ExtensionBuild[]
  readonly refleaks?: RefleakHunt
  readonly showrefcount?: ShowrefcountRun[]
  readonly error?: { readonly kind: string; readonly message: string; readonly log?: string }
  /** Turns absolute paths into paths relative to the report folder. */
  readonly relative: (absolutePath: string) => string
}

const LEAK_FINDING: Record<LeakVerdict['kind'], FindingKind> = {
  references: 'reference-leak',
  'memory blocks': 'block-leak',
  'file descriptors': 'fd-leak',
}

// Most serious first: a crash hides whatever else the test would have shown.
const FINDING_ORDER: FindingKind[] = ['crash', 'timeout', 'reference-leak', 'block-leak', 'fd-leak', 'test-failure']

export function collectReport(results: RunResults): Report {
  const { relative } = results
  const logs: LogEntry[] = []
  const problems: ReportProblem[] = []
  const addLog = (run: ParsedRun<unknown>, kind: string) => {
    const path = relative(run.log)
    logs.push({ path, kind, lines: run.lines, unparsed: run.unparsed, parsed: run.details })
    problems.push(...run.details.problems.map((problem) => ({ ...problem, log: path })))
  }

  let refleaks: Report['refleaks']
  if (results.refleaks) {
    const hunt = results.refleaks
    addLog(hunt.run, 'regrtest-refleak')
    const tests = hunt.run.parsed.tests.map((test): TestFileEntry => {
      const caseRuns = hunt.cases[test.name]
      caseRuns?.forEach((caseRun) => addLog(caseRun, 'regrtest-refleak-case'))
      return {
        name: test.name,
        outcome: test.outcome,
        ...(test.result ? { result: test.result } : {}),
        leaks: leakEntries(test, false),
        informationalLeaks: leakEntries(test, true),
        ...(test.fatalError ? { fatalError: test.fatalError } : {}),
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
    refleaks = {
      command: hunt.run.command,
      exitCode: hunt.run.exitCode,
      warmups: hunt.warmups,
      runs: hunt.runs,
      ...(hunt.run.parsed.summary.state ? { state: hunt.run.parsed.summary.state } : {}),
      tests,
      log: relative(hunt.run.log),
      ...(hunt.casesNotRun ? { casesNotRun: hunt.casesNotRun } : {}),
    }
  }

  let showrefcount: Report['showrefcount']
  if (results.showrefcount) {
    showrefcount = {
      files: results.showrefcount.map((run) => {
        addLog(run, 'regrtest-showrefcount')
        const test = run.parsed.regrtest.tests.find((candidate) => candidate.name === run.testFile)
        const final = run.parsed.refcount.final
        return {
          name: run.testFile,
          exitCode: run.exitCode,
          outcome: run.signal ? 'crashed' : run.timedOut ? 'timed-out' : (test?.outcome ?? 'unknown'),
          ...(final ? { atExit: { refs: final.refs, blocks: final.blocks } } : {}),
          log: relative(run.log),
        }
      }),
    }
  }

  const findings = refleaks ? collectFindings(refleaks.tests, refleaks.log, results.refleaks!.run.details.problems) : []
  const status: RunStatus = results.error
    ? results.error.kind === 'BuildError' || results.error.kind === 'SourceError'
      ? 'build-failed'
      : results.error.kind === 'ExtensionBuildError'
        ? 'extension-failed'
        : 'error'
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
    })),
    ...(refleaks ? { refleaks } : {}),
    ...(showrefcount ? { showrefcount } : {}),
    findings,
    // Errors first; within a severity, in log order.
    problems: problems.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    logs,
  }
}

const SEVERITY_ORDER: ReportProblem['severity'][] = ['error', 'warning', 'note']

// What the debug hooks, faulthandler and sanitizers say about a crash: the reason behind "Exit code -6".
const MEMORY_ERRORS = new Set<LogProblem['kind']>(['buffer-overrun', 'buffer-underrun', 'allocator-mismatch', 'memory-error', 'undefined-behavior'])

function leakEntries(test: RegrtestTest, informational: boolean): LeakEntry[] {
  return test.leaks.filter((leak) => leak.informational === informational).map(({ kind, deltas, sum }) => ({ kind, deltas, sum }))
}

function caseOutcome(test: RegrtestTest | undefined, leaks: LeakEntry[], run: ParsedRun<unknown>): TestOutcome {
  if (leaks.length) return 'leaked'
  if (run.signal) return 'crashed'
  if (run.timedOut) return 'timed-out'
  return test?.outcome ?? 'unknown'
}

/**
 * Leaks are reported at the most precise level known: the leaking cases when the file's cases
 * were re-run alone and some leaked, otherwise the file.
 */
function collectFindings(tests: TestFileEntry[], refleakLog: string, logProblems: LogProblem[]): Finding[] {
  const findings: Finding[] = []
  for (const test of tests) {
    const leakingCases = test.cases?.filter((testCase) => testCase.leaks.length) ?? []
    if (leakingCases.length) {
      for (const testCase of leakingCases) {
        for (const leak of testCase.leaks) findings.push(leakFinding(test.name, testCase.id, leak, testCase.log))
      }
    } else {
      for (const leak of test.leaks) findings.push(leakFinding(test.name, undefined, leak, refleakLog))
    }
    // "crashed (Exit code -6)" on 3.11, "worker non-zero exit code (Exit code -6 (SIGABRT))" on 3.13
    const exitDetail = /^[^(]*\((.+)\)$/.exec(test.result ?? '')?.[1]
    // With -jN --timeout, regrtest reports a hung worker as crashed; faulthandler's dump says it timed out.
    const timeout = test.outcome === 'crashed' ? logProblems.find((problem) => problem.kind === 'timeout' && problem.test === test.name) : undefined
    if (timeout) {
      findings.push({ kind: 'timeout', test: test.name, message: timeout.message, detail: timeout.message.replace(`${test.name} `, ''), log: refleakLog })
    } else if (test.outcome === 'crashed') {
      const fatal = test.fatalError ? `Fatal Python error: ${test.fatalError}` : undefined
      const cause = logProblems.find((problem) => MEMORY_ERRORS.has(problem.kind) && problem.test === test.name)
      findings.push({
        kind: 'crash',
        test: test.name,
        message: `${test.name} crashed${exitDetail ? ` (${exitDetail})` : ''}${cause ? `: ${cause.message}` : fatal ? `: ${fatal}` : ''}`,
        detail: [exitDetail, cause?.message, fatal].filter(Boolean).join(' · '),
        log: refleakLog,
        ...(cause?.file ? { file: cause.file, ...(cause.line ? { line: cause.line } : {}) } : {}),
      })
    } else if (test.outcome === 'timed-out') {
      findings.push({ kind: 'timeout', test: test.name, message: `${test.name} ${test.result ?? 'timed out'}`, log: refleakLog })
    } else if (test.outcome === 'failed' || test.outcome === 'env-changed') {
      findings.push({ kind: 'test-failure', test: test.name, message: `${test.name} ${test.result ?? 'failed'}`, log: refleakLog })
    }
  }
  return findings.sort((a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind))
}

function leakFinding(test: string, testCase: string | undefined, leak: LeakEntry, log: string): Finding {
  const constant = leak.deltas.length > 0 && leak.deltas.every((delta) => delta === leak.deltas[0])
  const amount = constant ? `${leak.deltas[0]} ${leak.kind} per run` : `${leak.kind}`
  return {
    kind: LEAK_FINDING[leak.kind],
    test,
    ...(testCase ? { case: testCase } : {}),
    message: `${testCase ?? test} leaked ${amount} (deltas [${leak.deltas.join(', ')}], sum=${leak.sum})`,
    deltas: leak.deltas,
    log,
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}
