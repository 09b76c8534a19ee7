import { mapSourceCopies } from '../plan/sanitizer-pass.js'
import type { SanitizerPass } from './step-results.js'
import { sameFamily } from './findings.js'
import { findingRank, type FindingKind } from './finding-kinds.js'
import type { Finding, ReportProblem, SanitizerSection } from './model.js'

/** report.json's `sanitizers`: what was checked, per extension and per test file. */
export function sanitizerSection(pass: SanitizerPass, relative: (absolutePath: string) => string): SanitizerSection {
  return {
    tool: pass.spec.tool,
    compileFlag: pass.spec.compileFlag,
    reportsDir: relative(pass.logDir),
    env: pass.env,
    ...(pass.suppressions ? { suppressions: pass.suppressions } : {}),
    instrumentation: pass.instrumentation.map((entry) => ({
      path: entry.projectDir,
      instrumented: entry.instrumented,
      ...(entry.compileLines
        ? {
            compileLines: {
              compile: entry.compileLines.compileLines,
              compileWithFlag: entry.compileLines.compileLinesWithFlag,
              link: entry.compileLines.linkLines,
              linkWithFlag: entry.compileLines.linkLinesWithFlag,
              withoutFlag: entry.compileLines.withoutFlag,
            },
          }
        : {}),
      modules: entry.modules,
    })),
    files: pass.runs.map((run) => ({
      name: run.testFile,
      command: run.command,
      exitCode: run.exitCode,
      ...(run.signal ? { signal: run.signal } : {}),
      log: relative(run.log),
      cases: run.cases,
      reports: run.reports.map((report) => ({
        path: relative(report.log),
        kinds: (report.parsed?.reports ?? []).map((parsed) => parsed.kind),
        suppressed: report.parsed?.suppressed ?? [],
        ...(report.case ? { case: report.case } : {}),
      })),
    })),
    ...(pass.notRun ? { notRun: pass.notRun } : {}),
  }
}

/**
 * What the pass found: an extension compiled without the sanitizer (its checks never saw the user's
 * code), and each report of the user's code, with its test file and case. `problems` are the pass's
 * own (their logs are its report files); those marked `note` (no frame in the user's code) stay there.
 */
export function sanitizerFindings(pass: SanitizerPass, problems: readonly ReportProblem[], relative: (absolutePath: string) => string): Finding[] {
  const findings: Finding[] = []
  for (const entry of pass.instrumentation.filter((candidate) => !candidate.instrumented)) {
    const lines = entry.compileLines
    const evidence = lines?.withoutFlag.length
      ? `${lines.compileLines - lines.compileLinesWithFlag} of ${lines.compileLines} compile lines and ${lines.linkLines - lines.linkLinesWithFlag} of ${lines.linkLines} link lines in its build log lack it (\`${lines.withoutFlag[0]}\`)`
      : `${
          entry.modules
            .filter((module) => !module.instrumented)
            .map((module) => module.file)
            .join(', ') || 'no module'
        } references no ${pass.spec.runtimeSymbol}`
    const message = `${entry.projectDir} was not compiled with ${pass.spec.compileFlag}: ${evidence}. ${pass.spec.tool} cannot see its bugs; do not replace CFLAGS/LDFLAGS (sysconfig's carry the flag) or add ${pass.spec.compileFlag} to them.`
    findings.push({
      kind: 'not-instrumented',
      message,
      detail: `not compiled with ${pass.spec.compileFlag}`,
      log: relative(pass.runs[0]?.log ?? ''),
      pass: 'sanitizer',
    })
  }
  const cases = new Map(pass.runs.flatMap((run) => run.reports.map((report) => [relative(report.log), report.case] as const)))
  for (const problem of problems) {
    if (problem.severity === 'note') continue
    const testCase = cases.get(problem.log)
    // The same report from two processes of one test file (UBSan reports each place once per process) is one finding.
    if (findings.some((finding) => finding.test === problem.test && finding.message === problem.message)) continue
    findings.push({
      kind: problem.kind as FindingKind,
      ...(problem.test ? { test: problem.test } : {}),
      ...(testCase ? { case: testCase } : {}),
      message: problem.message,
      log: problem.log,
      pass: 'sanitizer',
      ...(problem.file ? { file: problem.file } : {}),
      ...(problem.file && problem.line ? { line: problem.line } : {}),
      ...(problem.function ? { function: problem.function } : {}),
    })
  }
  return findings
}

/**
 * Joins the pass's findings to what the other passes found. The refleak hunt runs the same tests
 * under the same sanitizer, so it may already hold the same bug: as a crash (ASan stops the process)
 * whose cause names it, or as the same report in its mixed log, without a test. Such a finding gains
 * the pass's test, case and place (and its paths name the user's project, not the build copy)
 * instead of being repeated.
 */
export function mergeSanitizerFindings(findings: readonly Finding[], pass: SanitizerPass, own: readonly Finding[]): Finding[] {
  const merged = findings.map((finding) => ({
    ...finding,
    message: mapSourceCopies(finding.message, pass.sources),
    ...(finding.detail ? { detail: mapSourceCopies(finding.detail, pass.sources) } : {}),
    ...(finding.file ? { file: mapSourceCopies(finding.file, pass.sources) } : {}),
  }))
  for (const finding of own) {
    const same =
      finding.kind === 'not-instrumented'
        ? -1
        : merged.findIndex(
            (other) =>
              (other.test === finding.test && sameFamily(other.kind, finding.kind) && (other.kind !== 'memory-leak' || other.message === finding.message)) ||
              (other.test === undefined && other.message === finding.message),
          )
    if (same < 0) {
      merged.push(finding)
      continue
    }
    const other = merged[same]
    merged[same] = {
      ...other,
      ...(finding.test ? { test: finding.test } : {}),
      ...((other.case ?? finding.case) ? { case: other.case ?? finding.case } : {}),
      ...(finding.file ? { file: finding.file, ...(finding.line ? { line: finding.line } : {}) } : {}),
      ...(finding.function ? { function: finding.function } : {}),
      ...(other.detail || other.message === finding.message ? {} : { detail: finding.message }),
    }
  }
  return merged.sort((a, b) => findingRank(a.kind) - findingRank(b.kind))
}
