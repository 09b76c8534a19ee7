import { BUILD_PHASES, phaseCommandName } from '../plan/build-phases.js'
import { describeLogCut } from '../plan/log-limit.js'
import { TEST_COMMAND_NAME } from '../plan/test-command.js'
import { leakingTests, leakKinds, MAX_LEAK_CHARTS, renderLeakChartMermaid, type LeakingTest } from './charts.js'
import { FINDING_KINDS } from './finding-kinds.js'
import { ranATestCase } from './findings.js'
import { groupDigits, variantChecksMarkdown } from './variant-checks-md.js'
import { baselineMarkdown } from './baseline-md.js'
import type {
  BuildFacts,
  CpythonTestsSection,
  Finding,
  InterpreterSection,
  MemcheckSection,
  Report,
  ReportProblem,
  SanitizerSection,
  TestFileEntry,
} from './model.js'

export const STATUS_LINE: Record<Report['status'], string> = {
  clean: '✅ no leaks or crashes found',
  findings: '❌ found problems',
  'nothing-tested': '⚠️ nothing was tested',
  'build-failed': '💥 the interpreter did not build',
  'extension-failed': '💥 the extension did not build',
  cancelled: '🛑 the run was cancelled: what ran before is below',
  error: '💥 the run stopped with an error',
}

export const PASS_LABEL: Record<NonNullable<Finding['pass']>, string> = {
  refleak: 'regrtest -R',
  'refleak-case': 'case re-run alone',
  showrefcount: '-X showrefcount pass',
  discovery: 'before running',
  'cpython-tests': "CPython's test suite",
  'test-command': 'test-command',
  memcheck: 'valgrind memcheck',
  sanitizer: 'sanitizer pass',
  census: 'trace-refs census',
  'allocation-report': 'allocation report',
  'count-allocs': 'COUNT_ALLOCS counts',
  gil: 'GIL check',
}

const MAX_TRACEBACK_LINES_SHOWN = 12

/**
 * GitHub refuses a step summary over 1 MiB (docs: "Adding a job summary", step isolation and
 * limits). The summary is cut to fit, in UTF-8 bytes, and says what it left out.
 */
export const GITHUB_STEP_SUMMARY_MAX_BYTES = 1024 * 1024

/** Rows of one table (and items of one list) the summary shows; the rest are counted, and report.json / report.html hold them all. */
export const SUMMARY_ROWS_SHOWN = 200

const FULL_REPORT_POINTER = 'every row is in report.json and report.html (in the report folder or artifact)'

/**
 * GitHub-flavoured Markdown for the job summary and summary.md; every value from the report is
 * escaped. At most `maxBytes` UTF-8 bytes (GitHub's step summary limit unless told otherwise).
 */
export function renderSummaryMarkdown(report: Report, maxBytes: number = GITHUB_STEP_SUMMARY_MAX_BYTES): string {
  const lines: string[] = []
  const title = report.cell ? `${report.cell.id} · CPython ${report.cell.python} · ${report.cell.variant}` : 'pydebug'
  lines.push(`## pydebug: ${escapeMarkdown(title)}`, '')
  const findingCount = report.findings.length
  const nothingTested = report.findings.find((finding) => finding.kind === 'nothing-tested')
  // The first line says what the run vouches for; "nothing tested" leads with its reason.
  const headline = nothingTested ? `⚠️ ${nothingTested.message}` : STATUS_LINE[report.status]
  const others = findingCount - (nothingTested ? 1 : 0)
  lines.push(
    `**${escapeMarkdown(headline)}**${others ? ` (${nothingTested ? 'and ' : ''}${others} ${nothingTested ? 'other ' : ''}finding${others === 1 ? '' : 's'}: ${countByKind(report.findings.filter((finding) => finding !== nothingTested))})` : ''}`,
    '',
  )
  if (report.error) {
    lines.push('```text', report.error.message.replaceAll('```', "'''"), '```', '')
    if (report.error.log) lines.push(`Full log: \`${escapeCode(report.error.log)}\``, '')
  }

  const stepsFrom = lines.push('| Step | Result |', '|---|---|')
  if (report.interpreter) {
    const rebuilt = report.interpreter.rebuildReason ? ` · the cached builds did not fit: ${escapeMarkdown(report.interpreter.rebuildReason)}` : ''
    const build = report.interpreter.build
    const phases = report.interpreter.cacheHit === 'none' && build ? describeBuildPhases(build) : ''
    const size = build?.installedBytes !== undefined ? ` · ${formatMegabytes(build.installedBytes)} installed` : ''
    lines.push(
      `| Interpreter | ${describeCacheHit(report.interpreter.cacheHit)} in ${report.interpreter.seconds.toFixed(1)} s${phases}${size} · \`${escapeCode(report.interpreter.pythonPath)}\`${rebuilt} |`,
    )
    lines.push(`| Configure | \`${escapeCode(report.cell?.configureArgs.join(' ') ?? '')}\` · ABI flags \`${escapeCode(report.interpreter.abiflags ?? '')}\` |`)
  }
  for (const extension of report.extensions) {
    const how = extension.builder === 'build-command' ? ' with build-command' : extension.builder === 'pep517-pip' ? ' with pip (PEP 517 backend)' : ''
    const buildEnv = Object.entries(extension.buildEnv ?? {}).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``)
    // A build shared across cells of the same ABI fingerprint says which cell's run made it.
    const from = extension.reusedFrom && extension.reusedFrom.cell !== report.cell?.id ? ` (built by the ${escapeMarkdown(extension.reusedFrom.cell)} run)` : ''
    lines.push(
      `| Extension | \`${escapeCode(baseName(extension.path))}\` ${extension.reused ? 'reused' : 'built'} for ${escapeMarkdown(extension.abi)}${from}${how} in ${extension.seconds.toFixed(1)} s${buildEnv.length ? ` · build-env ${buildEnv.join(' ')}` : ''} |`,
    )
  }
  if (report.refleaks) {
    const { refleaks } = report
    const ran = refleaks.tests.filter(ranATestCase).length
    const notRan = refleaks.tests.length - ran
    const files = `${refleaks.tests.length} test file${refleaks.tests.length === 1 ? '' : 's'}${notRan ? ` (${notRan} ran no test case)` : ''}`
    const hunter =
      refleaks.runner?.name === 'pytest'
        ? `pytest with pydebug_refleak \`${refleaks.warmups}:${refleaks.runs}\``
        : `regrtest \`-R ${refleaks.warmups}:${refleaks.runs}\``
    if (refleaks.runner)
      lines.push(
        `| Test runner | ${refleaks.runner.name}${refleaks.runner.version ? ` ${escapeMarkdown(refleaks.runner.version)}` : ''}: ${escapeMarkdown(refleaks.runner.reason)} |`,
      )
    lines.push(`| Refleak hunt | ${hunter} on ${files}: ${escapeMarkdown(refleaks.state ?? (refleaks.log ? `exit ${refleaks.exitCode}` : 'not run'))} |`)
  }
  if (report.memcheck) lines.push(memcheckStepRow(report.memcheck))
  if (report.sanitizers) lines.push(...sanitizerStepRows(report.sanitizers))
  if (report.cpythonTests) lines.push(cpythonTestsStepRow(report.cpythonTests))
  if (report.testCommand) {
    const { testCommand } = report
    const exit = testCommand.timedOut
      ? `stopped by pydebug at test-command-timeout (${testCommand.signal ?? 'SIGKILL'})`
      : testCommand.signal
        ? `killed by ${testCommand.signal}`
        : `exit ${testCommand.exitCode}`
    const read = testCommand.summary ? escapeMarkdown(testCommand.summary) : 'no test result pydebug could read'
    lines.push(
      `| Test command | \`${escapeCode(testCommand.command)}\` (${escapeMarkdown(testCommand.runner)}): ${read} · ${exit}${testCommand.running ? ` · running \`${escapeCode(testCommand.running)}\` when it stopped` : ''} |`,
    )
  }
  if (report.cell && Object.keys(report.cell.runtimeEnv).length) {
    lines.push(
      `| Runtime env | ${Object.entries(report.cell.runtimeEnv)
        .map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``)
        .join(' ')} |`,
    )
  }
  // A run that stopped before its interpreter (a refused host, a failed build) has no step to show.
  if (lines.length === stepsFrom) lines.splice(stepsFrom - 2, 2)
  else lines.push('')

  lines.push(...findingsMarkdown(report.findings, SUMMARY_ROWS_SHOWN))
  lines.push(...baselineMarkdown(report.baseline, escapeMarkdown, escapeCode))

  if (report.refleaks?.tests.length) {
    const atExit = new Map(report.showrefcount?.files.map((file) => [file.name, file.atExit]))
    // pytest's plugin hunts every test case on its own: its cases are the per-test verdicts.
    const pytest = report.refleaks.runner?.name === 'pytest'
    lines.push(
      '### Test files',
      '',
      `| Test file | ${pytest ? 'pytest + pydebug_refleak' : 'regrtest -R'} | ${pytest ? 'Test cases' : 'Cases re-run alone'} | At exit (-X showrefcount) |`,
      '|---|---|---|---|',
    )
    const rows: string[] = []
    for (const test of report.refleaks.tests) {
      const exit = atExit.get(test.name)
      rows.push(`| \`${escapeCode(test.name)}\` | ${verdict(test)} | ${casesCell(test)} | ${exit ? `${exit.refs} refs, ${exit.blocks} blocks` : '—'} |`)
    }
    const hunted = new Set(report.refleaks.tests.map((test) => test.name))
    for (const file of report.showrefcount?.files ?? []) {
      if (hunted.has(file.name)) continue
      rows.push(
        `| \`${escapeCode(file.name)}\` | not run | — | ${escapeMarkdown(file.outcome)}${file.atExit ? `, ${file.atExit.refs} refs, ${file.atExit.blocks} blocks` : ''} |`,
      )
    }
    lines.push(...shownRows(rows, SUMMARY_ROWS_SHOWN, 'test files'))
    const partly = report.refleaks.tests.filter((test) => test.casesNotRun)
    if (partly.length) {
      lines.push(
        '',
        `Only partly attributed (raise \`max-case-runs\` or \`max-case-runs-total\`): ${partly.map((test) => `\`${escapeCode(test.name)}\` (${test.casesNotRun} of ${test.casesNotRun! + (test.cases?.length ?? 0)} cases not re-run alone)`).join(', ')}.`,
      )
    }
    lines.push('')
  }
  if (report.memcheck) lines.push(...memcheckLines(report.memcheck))
  if (report.cpythonTests) lines.push(...cpythonTestsLines(report.cpythonTests))
  lines.push(...variantChecksMarkdown(report, escapeMarkdown, escapeCode))
  const discovery = report.refleaks?.discovery
  if (discovery?.nested.length && discovery.modules.length) {
    lines.push(
      `Test files in sub-folders of \`${escapeCode(discovery.testsDir)}\` were not run (regrtest does not search sub-folders): ${discovery.nested.map((nested) => `\`${escapeCode(nested.dir)}/\` (${nested.modules})`).join(', ')}.`,
      '',
    )
  }
  lines.push(...notesMarkdown(report.problems ?? [], "report.json's `problems`"))

  // Out of the collapsed list: a cut log's findings may be missing what its process printed past the cut.
  for (const log of report.logs) if (log.cut) lines.push(`Log \`${escapeCode(log.path)}\` is incomplete: ${escapeMarkdown(describeLogCut(log.cut))}.`, '')
  const unparsed = report.logs.reduce((total, log) => total + log.unparsed.count, 0)
  if (report.logs.length) lines.push('<details><summary>Logs</summary>', '')
  lines.push(
    ...shownRows(
      report.logs.map(
        (log) =>
          `- \`${escapeCode(log.path)}\` (${log.kind}, ${log.lines} lines${log.unparsed.count ? `, ${log.unparsed.count} not parsed` : ''}${log.cut ? ', incomplete' : ''})`,
      ),
      SUMMARY_ROWS_SHOWN,
      'logs',
    ),
  )
  if (report.logs.length) lines.push('', `${unparsed} log lines were not recognised by any parser; they are kept in the logs.`, '', '</details>', '')
  return fitToBytes(lines, maxBytes)
}

/** The first `shown` rows, then one line counting the rest (a table's rows, a list's items alike). */
function shownRows(rows: readonly string[], shown: number, what: string): string[] {
  if (rows.length <= shown) return [...rows]
  return [...rows.slice(0, shown), '', `… and ${groupDigits(rows.length - shown)} more ${what}: ${FULL_REPORT_POINTER}.`]
}

/**
 * The leaking tests with what each run leaked, per kind, and the sums; then the top ones' growth
 * as charts, collapsed. Built from the leak findings (report/charts.ts), as the HTML report is.
 */
function leakingTestsMarkdown(tests: readonly LeakingTest[], rowsShown: number): string[] {
  if (tests.length === 0) return []
  const kinds = leakKinds(tests)
  const lines = [
    '### Leaking tests',
    '',
    `| Test | ${kinds.map((kind) => `${FINDING_KINDS[kind].label} per run | sum`).join(' | ')} |`,
    `|---|${kinds.map(() => '---|---:|').join('')}`,
  ]
  const rows = tests.map((test) => {
    const cells = kinds.map((kind) => {
      const series = test.series.find((candidate) => candidate.kind === kind)
      return series ? `[${series.deltas.join(', ')}] | ${series.sum}` : ' | '
    })
    return `| \`${escapeCode(test.test)}\` | ${cells.join(' | ')} |`
  })
  lines.push(...shownRows(rows, rowsShown, 'leaking tests'), '')
  const charted = tests.slice(0, MAX_LEAK_CHARTS)
  lines.push(
    `<details><summary>Leak growth over the counted runs (${charted.length === tests.length ? '' : `the ${charted.length} largest of `}${groupDigits(tests.length)} leaking test${tests.length === 1 ? '' : 's'})</summary>`,
    '',
  )
  for (const test of charted) lines.push(...renderLeakChartMermaid(test))
  lines.push('</details>', '')
  return lines
}

/**
 * Markdown (or the summary's lines joined) cut to at most `maxBytes` UTF-8 bytes: whole lines are kept while
 * they fit with the closing note, a code fence or `<details>` the cut leaves open is closed, and
 * the note counts the table rows and names the sections left out.
 */
export function fitMarkdownToBytes(markdown: string, maxBytes: number): string {
  return utf8Bytes(markdown) <= maxBytes ? markdown : fitToBytes(markdown.split('\n'), maxBytes)
}

function fitToBytes(lines: readonly string[], maxBytes: number): string {
  const text = lines.join('\n')
  if (utf8Bytes(text) <= maxBytes) return text
  // What is left out from each line on: its table rows and list items, and its headings.
  const rowsFrom = new Array<number>(lines.length + 1).fill(0)
  const headingsFrom: string[][] = new Array(lines.length + 1)
  headingsFrom[lines.length] = []
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]
    rowsFrom[index] = rowsFrom[index + 1] + (line.startsWith('| ') || line.startsWith('- ') ? 1 : 0)
    const heading = /^#{2,4} (.*)$/.exec(line) ?? /^<details><summary>(.*?)<\/summary>/.exec(line)
    headingsFrom[index] = heading ? [heading[1], ...headingsFrom[index + 1]] : headingsFrom[index + 1]
  }
  const noteFrom = (index: number) =>
    `**✂️ This summary stops here to stay under ${groupDigits(maxBytes)} bytes (GitHub's step summary limit): ${groupDigits(rowsFrom[index])} more rows${headingsFrom[index].length ? ` and the sections ${headingsFrom[index].join(', ')}` : ''} are left out; ${FULL_REPORT_POINTER}.**`
  let used = 0
  let kept = 0
  let fenceOpen = false
  let fenceStart = 0
  let detailsOpen = 0
  for (; kept < lines.length; kept++) {
    const line = lines[kept]
    const fenceAfter: boolean = line.startsWith('```') ? !fenceOpen : fenceOpen
    const detailsAfter = detailsOpen + (line.startsWith('<details>') ? 1 : 0) - (line.startsWith('</details>') ? 1 : 0)
    const closing = (fenceAfter ? '```\n'.length : 0) + detailsAfter * '</details>\n'.length
    const lineBytes = utf8Bytes(line) + 1
    if (used + lineBytes + closing + utf8Bytes(noteFrom(kept + 1)) + 2 > maxBytes) break
    used += lineBytes
    if (fenceAfter && !fenceOpen) fenceStart = kept
    fenceOpen = fenceAfter
    detailsOpen = detailsAfter
  }
  // Half a chart or traceback says nothing: a fenced block the cut went into is left out whole.
  if (fenceOpen) kept = fenceStart
  const closers = Array.from({ length: detailsOpen }, () => '</details>')
  return [...lines.slice(0, kept), ...closers, noteFrom(kept), ''].join('\n')
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * The findings table (test, finding, where, deltas), the leaking tests with their sums and charts,
 * and the tracebacks of the findings that have one: how a finding reads in the run's summary and in
 * `pydebug report parse`'s Markdown alike. Past `rowsShown` rows a table counts the rest.
 */
export function findingsMarkdown(findings: readonly Finding[], rowsShown = Number.POSITIVE_INFINITY): string[] {
  if (findings.length === 0) return []
  const lines = ['### Findings', '', '| Test | Finding | Where | Deltas per run (after warm-up) |', '|---|---|---|---|']
  const shown = findings.slice(0, rowsShown)
  for (const finding of shown) {
    const text = findingCause(finding)
    const detail = text ? `: \`${escapeCode(text)}\`` : ''
    const seenIn = finding.pass && finding.pass !== 'refleak' && finding.pass !== 'refleak-case' ? ` (${PASS_LABEL[finding.pass]})` : ''
    const test = finding.case ?? finding.test
    lines.push(
      `| ${test ? `\`${escapeCode(test)}\`` : '—'} | ${FINDING_KINDS[finding.kind].label}${detail}${seenIn} | ${whereCell(finding)} | ${finding.deltas ? `[${finding.deltas.join(', ')}]` : ''} |`,
    )
  }
  if (shown.length < findings.length)
    lines.push('', `… and ${groupDigits(findings.length - shown.length)} more findings (${countByKind(findings.slice(shown.length))}): ${FULL_REPORT_POINTER}.`)
  lines.push('')
  lines.push(...leakingTestsMarkdown(leakingTests(findings), rowsShown))
  const traced = shown.filter((finding) => finding.traceback?.length)
  if (traced.length) {
    lines.push('<details><summary>Tracebacks</summary>', '')
    for (const finding of traced) {
      // Python prints the most recent call last: the user's frame and the exception are at the end.
      const traceback = finding.traceback!
      const shown = traceback.length > MAX_TRACEBACK_LINES_SHOWN ? [traceback[0], '  ...', ...traceback.slice(-(MAX_TRACEBACK_LINES_SHOWN - 2))] : traceback
      lines.push(
        `\`${escapeCode(finding.case ?? finding.test ?? finding.kind)}\`:`,
        '',
        '```text',
        ...shown.map((line) => line.replaceAll('```', "'''")),
        '```',
        '',
      )
    }
    lines.push('</details>', '')
  }
  return lines
}

/** What a finding's row says beside its kind: a leak's deltas say it all; every other finding shows its cause. */
export function findingCause(finding: Finding): string | undefined {
  return finding.detail ?? (finding.deltas ? undefined : finding.message)
}

/** One sentence for the problems marked `note` (not the extension's fault): counted, and where (Markdown, as written) they are listed. */
export function notesMarkdown(problems: readonly ReportProblem[], listedIn: string): string[] {
  const notes = problems.filter((problem) => problem.severity === 'note').length
  if (notes === 0) return []
  return [
    `${notes} problem${notes === 1 ? '' : 's'} seen in the logs ${notes === 1 ? 'is' : 'are'} not the extension's (e.g. CPython's own): listed in ${listedIn}, not counted as findings.`,
    '',
  ]
}

function cpythonTestsStepRow(section: CpythonTestsSection): string {
  const shard = section.shard ? ` · shard ${section.shard.index} of ${section.shard.count} (${section.shard.tests.length} test files)` : ''
  return `| CPython's tests | \`${escapeCode(section.selection)}\`${shard}: ${escapeMarkdown(section.state ?? `did not finish (exit ${section.exitCode})`)} |`
}

/** regrtest's counts of test files per verdict, in the order and words the summary and the HTML report show them. */
export const CPYTHON_TEST_COUNT_LABELS: Readonly<Record<keyof CpythonTestsSection['counts'], string>> = {
  ok: 'OK',
  failed: 'Failed',
  timedOut: 'Timed out',
  skipped: 'Skipped',
  resourceDenied: 'Resource denied',
  envChanged: 'Env changed',
  rerun: 'Re-run',
  runNoTests: 'Ran no tests',
  omitted: 'Omitted',
}

/** A short table of regrtest's counts, the failed test files, and how the runtime settings applied. */
function cpythonTestsLines(section: CpythonTestsSection): string[] {
  const { counts } = section
  const verdicts = Object.entries(CPYTHON_TEST_COUNT_LABELS) as [keyof typeof counts, string][]
  const lines = ["### CPython's test suite", '', `| ${verdicts.map(([, label]) => label).join(' | ')} |`, `|${verdicts.map(() => '---|').join('')}`]
  lines.push(`| ${verdicts.map(([verdict]) => counts[verdict]).join(' | ')} |`, '')
  if (section.failed?.length)
    lines.push(
      `Failed: ${section.failed.map((name) => `\`${escapeCode(name)}\`${section.timedOutTests?.includes(name) ? ' (timed out)' : ''}`).join(', ')}.`,
      '',
    )
  const applied = Object.entries(section.environment.applied).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``)
  const removed = section.environment.removed.map((name) => `\`${escapeCode(name)}\``)
  lines.push(
    `Run ${escapeMarkdown(section.environment.how)}: ${applied.length ? `applied ${applied.join(' ')}` : 'the variant has no runtime settings'}${removed.length ? `; removed ${removed.join(' ')}` : ''}. Per test file timeout ${section.timeoutSeconds} s${section.junit ? `; JUnit XML \`${escapeCode(section.junit.path)}\` (${section.junit.tests} cases, ${section.junit.failures} failures, ${section.junit.errors} errors)` : '; no JUnit XML was written'}.`,
    '',
  )
  return lines
}

/** What a pass ran: its test files, one process each, or the user's test command once. */
function unitsRun(files: readonly { readonly name: string }[]): string {
  if (files.length === 1 && files[0].name === TEST_COMMAND_NAME) return 'the test command, run once'
  return `${files.length} test file${files.length === 1 ? '' : 's'}, one process each`
}

/** Whether the extensions carry the sanitizer, and what its own pass over the test files found. */
function sanitizerStepRows(section: SanitizerSection): string[] {
  const instrumented = section.instrumentation.map((entry) => {
    const lines = entry.compileLines
    const evidence =
      lines && lines.compile > 0
        ? `${lines.compileWithFlag} of ${lines.compile} compile lines and ${lines.linkWithFlag} of ${lines.link} link lines carry it`
        : `${entry.modules.filter((module) => module.instrumented).length} of ${entry.modules.length} modules reference its runtime`
    return `${entry.instrumented ? '✅' : '❌'} \`${escapeCode(baseName(entry.path))}\` ${entry.instrumented ? '' : 'not '}compiled with \`${escapeCode(section.compileFlag)}\` (${evidence})`
  })
  const reports = section.files.reduce((total, file) => total + file.reports.reduce((sum, report) => sum + report.kinds.length, 0), 0)
  const suppressed = section.files.reduce(
    (total, file) => total + file.reports.reduce((sum, report) => sum + report.suppressed.reduce((rows, row) => rows + row.count, 0), 0),
    0,
  )
  const run = section.notRun
    ? `not run: ${escapeMarkdown(section.notRun)}`
    : `${unitsRun(section.files)}, reports in \`${escapeCode(section.reportsDir)}/\`: ${reports} report${reports === 1 ? '' : 's'}${section.suppressions ? ` · ${suppressed} of CPython's own leaks at exit suppressed (\`${escapeCode(baseName(section.suppressions))}\`)` : ''}`
  return [`| ${escapeMarkdown(section.tool)} | ${instrumented.join('<br>') || 'no extension'} |`, `| ${escapeMarkdown(section.tool)} pass | ${run} |`]
}

function memcheckStepRow(section: MemcheckSection): string {
  const { totals } = section
  const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`
  const other = totals.errors - totals.userErrors
  return `| Memcheck | ${escapeMarkdown(section.valgrind)} on ${unitsRun(section.files).replace(/, one process each$/, '')} (${plural(totals.processes, 'process', 'processes')}): ${plural(totals.userErrors, 'error')} in the extension's code, ${other} inside CPython or the system, ${totals.suppressed} suppressed${section.suppressions.origin === 'none' ? ' (no suppressions file)' : ''} |`
}

/** What memcheck looked at, per test file, and a plain sentence when it saw nothing in the user's code. */
function memcheckLines(section: MemcheckSection): string[] {
  const { totals } = section
  const lines = ['### Memcheck', '']
  if (totals.userErrors === 0) {
    lines.push(
      `**memcheck found no error in the extension's code**: no invalid read or write, invalid free, use of an uninitialised value or definitely lost block in ${totals.files} test file${totals.files === 1 ? '' : 's'} (${totals.processes} process${totals.processes === 1 ? '' : 'es'}).`,
      '',
    )
  }
  lines.push('| Test file | Processes | Errors in your code | Inside CPython or the system | Suppressed | Exit |', '|---|---|---|---|---|---|')
  for (const file of section.files) {
    const count = (pick: (process: MemcheckSection['files'][number]['processes'][number]) => number) =>
      file.processes.reduce((total, process) => total + pick(process), 0)
    const unfinished = file.processes.filter((process) => process.state !== undefined && process.state !== 'FINISHED').length
    lines.push(
      `| \`${escapeCode(file.name)}\` | ${file.processes.length}${unfinished ? ` (${unfinished} did not finish)` : ''} | ${count((process) => process.userErrors)} | ${count((process) => process.errors - process.userErrors + process.droppedErrors)} | ${count((process) => process.suppressed)} | ${escapeMarkdown(file.outcome)}, exit ${file.exitCode} |`,
    )
  }
  lines.push('')
  const suppressions = section.suppressions
  const hidden = Object.entries(totals.suppressedBy).sort((a, b) => b[1] - a[1])
  const file = suppressions.file ? `\`${escapeCode(baseName(suppressions.file))}\`` : ''
  if (suppressions.origin === 'none') lines.push(`No suppressions: ${escapeMarkdown(suppressions.note ?? 'none found')}.`, '')
  else
    lines.push(
      `Suppressions: CPython's ${file}${suppressions.origin === 'source-tarball' ? ' (read from the source tarball)' : suppressions.origin === 'source-tree' ? ' (read from the source folder)' : ''}; ${totals.suppressed} error${totals.suppressed === 1 ? '' : 's'} hidden${
        hidden.length
          ? `: ${hidden
              .slice(0, 5)
              .map(([name, count]) => `${escapeMarkdown(name)} (${count})`)
              .join(', ')}`
          : ''
      }.`,
      '',
    )
  if (totals.errors > totals.userErrors)
    lines.push(`Errors inside CPython or the system are not the extension's: listed in report.json's \`problems\` as notes, with their XML files.`, '')
  return lines
}

/** ` (configure 21 s with an earlier configure's results, make 180 s, make install 40 s)`, or nothing for a record without phase times. */
export function describeBuildPhases(build: BuildFacts): string {
  const phases = BUILD_PHASES.flatMap((phase) => {
    const seconds = build.phaseSeconds?.[phase]
    if (seconds === undefined) return []
    const reused =
      phase === 'configure' && build.configureResults === 'reused'
        ? " with an earlier configure's results"
        : phase === 'make' && build.ccache
          ? ` with ccache, ${build.ccache.hits} of ${build.ccache.hits + build.ccache.misses} compilations from its cache`
          : ''
    return [`${phaseCommandName(phase)} ${seconds.toFixed(0)} s${reused}`]
  })
  return phases.length ? ` (${phases.join(', ')})` : ''
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`
}

/** Where an interpreter came from, in the words the summaries use. */
export function describeCacheHit(cacheHit: InterpreterSection['cacheHit']): string {
  return { local: 'restored from the local cache', remote: 'restored from the Actions cache', none: 'built from source' }[cacheHit]
}

function verdict(test: TestFileEntry): string {
  const leaks = test.leaks.map((leak) => `leaked [${leak.deltas.join(', ')}] ${leak.kind}`)
  const fatal = test.fatalError ? [`\`${escapeCode(`Fatal Python error: ${test.fatalError}`)}\``] : []
  const exception = test.exception && !test.fatalError ? [`\`${escapeCode(test.exception)}\``] : []
  return [escapeMarkdown(test.result ?? test.outcome), ...leaks, ...fatal, ...exception].join('<br>')
}

function whereCell(finding: Finding): string {
  if (!finding.file) return finding.function ? `\`${escapeCode(finding.function)}\`` : ''
  const place = `${finding.file}${finding.line ? `:${finding.line}` : ''}`
  return `\`${escapeCode(place)}\`${finding.function ? ` in \`${escapeCode(finding.function)}\`` : ''}`
}

/** `2 crash, 1 reference leak`: most serious first, as the findings are sorted. */
export function countByKind(findings: readonly Finding[]): string {
  const counts = new Map<Finding['kind'], number>()
  for (const finding of findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1)
  return [...counts].map(([kind, count]) => `${count} ${FINDING_KINDS[kind].label}`).join(', ')
}

function casesCell(test: TestFileEntry): string {
  if (!test.cases) return '—'
  return test.cases
    .map(
      (testCase) =>
        `${testCase.outcome === 'leaked' ? '❌' : testCase.outcome === 'passed' ? '✅' : '⚠️'} \`${escapeCode(testCase.id.includes('::') ? testCase.id.split('::').pop()! : testCase.id.split('.').pop()!)}\``,
    )
    .join('<br>')
}

function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).filter(Boolean).pop() ?? filePath
}

/** Table cells and prose: no HTML, no table breaks, no accidental emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ')
}

/** Inside backticks only a backtick or a pipe can break out. */
export function escapeCode(text: string): string {
  return text.replaceAll('`', "'").replaceAll('|', '\\|').replace(/\r?\n/g, ' ')
}
