import type { ParsedLog } from '../parse/detect.js'
import type { RegrtestResult } from '../parse/regrtest.js'
import { TOOL_VERSION } from '../version.js'
import { collectFindings, refleakFindings } from './findings.js'
import { REPORT_SCHEMA_VERSION, type Finding, type LogEntry, type Report, type ReportProblem, type TestPass } from './model.js'
import { testFileEntryOf } from './regrtest-tests.js'
import { countByKind, escapeCode as code, escapeMarkdown, findingsMarkdown, notesMarkdown } from './summary-md.js'

/** A log `pydebug report parse` read, with its path as the report shows it (relative to the report). */
export interface ParsedLogFile {
  readonly path: string
  readonly parsed: ParsedLog
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const

/** A schema-1 report holding only what logs say: no cell, interpreter or extension sections. */
export function buildReport(logs: readonly ParsedLogFile[], now: Date): Report {
  // In log order while the findings are derived, as a run merges them; errors first in the report.
  const problems: ReportProblem[] = logs.flatMap(({ path: log, parsed }) => parsed.problems.map((problem) => ({ ...problem, log })))
  const findings = parsedLogFindings(logs, problems)
  const entries: LogEntry[] = logs.map(({ path: log, parsed }) => {
    const { lines, unparsed, ...details } = parsed
    return { path: log, kind: parsed.kinds.length > 0 ? parsed.kinds.join('+') : 'unknown', lines, unparsed, parsed: details }
  })
  return {
    schema: REPORT_SCHEMA_VERSION,
    tool: { name: 'pydebug', version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    status: findings.length ? 'findings' : 'clean',
    extensions: [],
    findings,
    logs: entries,
    problems: problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
  }
}

/**
 * The findings of logs read on their own, by a run's rules (report/findings.ts): regrtest's
 * verdicts on each test file of a log that has them, as the run's refleak pass gives them (a leak
 * with its deltas and sum, a crash with its cause), then every problem a parser saw that no
 * verdict already says. So a log reads the same through `pydebug report parse` as through `pydebug
 * run`. What only a run knows (the cases re-run alone, the tests folder: "nothing was tested") is
 * not guessed from a log.
 */
export function parsedLogFindings(logs: readonly ParsedLogFile[], problems: readonly ReportProblem[]): Finding[] {
  const passes = new Map<string, TestPass>()
  const verdicts: Finding[] = []
  for (const { path: log, parsed } of logs) {
    const regrtest = parsed.results.regrtest
    if (!regrtest) continue
    const pass = regrtestPassOf(regrtest)
    if (pass) passes.set(log, pass)
    const tests = regrtest.tests.map(testFileEntryOf)
    verdicts.push(
      ...refleakFindings({ tests, log, ...(regrtest.summary.workerFailure ? { workerFailure: regrtest.summary.workerFailure } : {}) }, problems, pass),
    )
  }
  return collectFindings({ problems, passOfLog: (log) => passes.get(log), sectionFindings: verdicts })
}

/** A regrtest log from a refleak hunt (`beginning N repetitions`, or leak verdicts) is the refleak pass a run would have made it. */
function regrtestPassOf(regrtest: RegrtestResult): TestPass | undefined {
  return regrtest.repetitions !== undefined || regrtest.tests.some((test) => test.leaks.length > 0) ? 'refleak' : undefined
}

/**
 * A short Markdown view of a parsed-logs report: the logs and what was detected in them, then the
 * findings as the run's summary shows them (report/summary-md.ts); every value from a log is escaped.
 */
export function renderParsedMarkdown(report: Report): string {
  const lines = ['## pydebug: parsed logs', '']
  const count = report.findings.length
  lines.push(
    report.status === 'clean'
      ? '**✅ no problems found in the logs**'
      : `**❌ found problems in the logs** (${count} finding${count === 1 ? '' : 's'}: ${countByKind(report.findings)})`,
    '',
  )
  lines.push('| Log | Detected | Lines | Unparsed |', '|---|---|---:|---:|')
  for (const log of report.logs) lines.push(`| \`${code(log.path)}\` | ${escapeMarkdown(log.kind)} | ${log.lines} | ${log.unparsed.count} |`)
  lines.push('')
  lines.push(...findingsMarkdown(report.findings))
  lines.push(...notesMarkdown(report.problems ?? [], "the report's `problems` (`--format json`)"))
  for (const log of report.logs) {
    const details = log.parsed?.results
    if (!details) continue
    const facts: string[] = []
    if (details.regrtest) {
      const tests = details.regrtest.tests
      facts.push(
        `regrtest: ${tests.length} test file${tests.length === 1 ? '' : 's'}${details.regrtest.summary.state ? `, result ${escapeMarkdown(details.regrtest.summary.state)}` : ''}`,
      )
    }
    if (details.showrefcount?.final) facts.push(`showrefcount: ${details.showrefcount.final.refs} refs, ${details.showrefcount.final.blocks} blocks at exit`)
    const series = details['refcount-series']
    if (series?.last)
      facts.push(
        `gettotalrefcount: ${series.samples.length + series.dropped} samples, total growth ${series.totalGrowth ?? 0}${series.steadyGrowth !== undefined ? `, ${series.steadyGrowth} per step` : ''}`,
      )
    const stats = details.mallocstats
    if (stats?.last) facts.push(`malloc stats: ${stats.dumps.length + stats.droppedDumps} dump(s), last with ${stats.last.arenaCount ?? '?'} arenas`)
    const counts = details['count-allocs']
    if (counts && counts.dumps.length > 0) facts.push(`COUNT_ALLOCS: ${counts.dumps.length} dump(s)`)
    if (facts.length > 0) lines.push(`- \`${code(log.path)}\`: ${facts.join('; ')}`)
  }
  lines.push('')
  return lines.join('\n')
}
