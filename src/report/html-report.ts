import { describeLogCut } from '../plan/log-limit.js'
import { leakingTests, leakKinds, MAX_LEAK_CHARTS, renderLeakChartSvg, type LeakingTest } from './charts.js'
import { FINDING_KINDS } from './finding-kinds.js'
import { ranATestCase } from './findings.js'
import { groupDigits } from './variant-checks-md.js'
import type { AllocationSection, Finding, MemcheckSection, Report, SanitizerSection } from './model.js'
import { CPYTHON_TEST_COUNT_LABELS, countByKind, describeBuildPhases, describeCacheHit, findingCause, PASS_LABEL, STATUS_LINE } from './summary-md.js'

/**
 * Rows one table of the HTML report shows. A browser takes far more, but the report is read, not
 * searched: report.json holds every row, and the table says how many it left out.
 */
export const HTML_ROWS_SHOWN = 500

/** Size classes of one test file shown in the allocation table: the ones that grew most. */
const SIZE_CLASSES_SHOWN = 5

/** One cell: its HTML (already escaped) and, for numbers, the value the sort script compares. */
interface Cell {
  readonly html: string
  readonly sort?: number
}

interface Column {
  readonly label: string
  readonly numeric?: boolean
  /** Short values that read badly broken over lines, such as `[26, 32, 28]`. */
  readonly nowrap?: boolean
}

/**
 * The whole report as one HTML file that loads nothing (inline style, inline script, charts as
 * inline SVG): what the summary shows, with every table sortable by a click on its header. Every
 * value from the report is escaped; the script holds no data.
 */
export function renderHtmlReport(report: Report): string {
  const title = report.cell ? `${report.cell.id} · CPython ${report.cell.python} · ${report.cell.variant}` : 'pydebug'
  const body = [
    headerHtml(report, title),
    stepsHtml(report),
    findingsHtml(report.findings),
    leaksHtml(leakingTests(report.findings)),
    testFilesHtml(report),
    report.memcheck ? memcheckHtml(report.memcheck) : '',
    report.sanitizers ? sanitizersHtml(report.sanitizers) : '',
    report.allocations ? allocationsHtml(report.allocations) : '',
    variantChecksHtml(report),
    cpythonTestsHtml(report),
    testCommandHtml(report),
    tracebacksHtml(report.findings),
    logsHtml(report),
  ].filter(Boolean)
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`pydebug: ${title}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    `<script>${SORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** Text for HTML content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** A name or path in code type; it may wrap after a `/` or `.` (test ids and paths are long, and a table column would take the whole width). */
function code(text: string): string {
  return `<code>${escapeHtml(text).replace(/[/.]/g, '$&<wbr>')}</code>`
}

function section(id: string, heading: string, ...parts: string[]): string {
  return [`<section id="${id}">`, `<h2>${escapeHtml(heading)}</h2>`, ...parts, '</section>'].join('\n')
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${groupDigits(count)} ${count === 1 ? word : words}`
}

/** A table the inline script makes sortable, without the columns no shown row fills; rows past HTML_ROWS_SHOWN are counted under it. */
function table(id: string, columns: readonly Column[], rows: readonly (readonly Cell[])[], what: string): string {
  const shown = rows.slice(0, HTML_ROWS_SHOWN)
  const kept = columns.flatMap((_, index) => (shown.some((row) => row[index]?.html) ? [index] : []))
  const classOf = (column: Column) => {
    const names = [...(column.numeric ? ['number'] : []), ...(column.nowrap ? ['nowrap'] : [])]
    return names.length ? ` class="${names.join(' ')}"` : ''
  }
  const head = kept.map((index) => `<th${classOf(columns[index])} scope="col">${escapeHtml(columns[index].label)}</th>`).join('')
  const body = shown.map(
    (row) =>
      `<tr>${kept
        .map((index) => {
          const cell = row[index] ?? { html: '' }
          return `<td${classOf(columns[index])}${cell.sort !== undefined ? ` data-sort="${cell.sort}"` : ''}>${cell.html}</td>`
        })
        .join('')}</tr>`,
  )
  const more =
    rows.length > shown.length
      ? [`<p class="more">… and ${plural(rows.length - shown.length, `more ${what}`, `more ${what}`)}: report.json holds every one.</p>`]
      : []
  return [
    `<div class="scroll"><table id="${id}" class="sortable">`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table></div>',
    ...more,
  ].join('\n')
}

function text(value: string): Cell {
  return { html: escapeHtml(value) }
}

function number(value: number | undefined): Cell {
  return value === undefined ? { html: '' } : { html: groupDigits(value), sort: value }
}

function headerHtml(report: Report, title: string): string {
  const nothingTested = report.findings.find((finding) => finding.kind === 'nothing-tested')
  // The status' colour says what the summary's emoji says (a machine without an emoji font shows a box for it).
  const headline = nothingTested ? nothingTested.message : STATUS_LINE[report.status].replace(/^\p{Extended_Pictographic}\uFE0F?\s*/u, '')
  const counted = report.findings.length ? `${plural(report.findings.length, 'finding')}: ${countByKind(report.findings)}` : 'no findings'
  const parts = [
    '<header>',
    `<h1>${escapeHtml(`pydebug: ${title}`)}</h1>`,
    `<p class="status status-${report.status}">${escapeHtml(headline)}</p>`,
    `<p>${escapeHtml(counted)} · report of ${escapeHtml(report.generatedAt)} by ${escapeHtml(`${report.tool.name} ${report.tool.version}`)}</p>`,
  ]
  if (report.error) {
    parts.push(
      `<div class="error"><p>${escapeHtml(report.error.kind)}${report.error.log ? ` · full log ${code(report.error.log)}` : ''}</p><pre>${escapeHtml(report.error.message)}</pre></div>`,
    )
  }
  for (const { check, reason } of report.checksNotRun ?? [])
    parts.push(`<p class="warning">Not run: ${code(check)}, a check of this variant: ${escapeHtml(reason)}.</p>`)
  parts.push('</header>')
  return parts.join('\n')
}

/** The cell: where the interpreter came from and how long each phase took, the extensions, what ran. */
function stepsHtml(report: Report): string {
  const rows: [string, string][] = []
  const { interpreter, cell } = report
  if (interpreter) {
    const build = interpreter.build
    const phases = interpreter.cacheHit === 'none' && build ? describeBuildPhases(build) : ''
    const size = build?.installedBytes !== undefined ? ` · ${(build.installedBytes / 1e6).toFixed(0)} MB installed` : ''
    rows.push([
      'Interpreter',
      `${escapeHtml(`${describeCacheHit(interpreter.cacheHit)} in ${interpreter.seconds.toFixed(1)} s${phases}${size}`)} · ${code(interpreter.pythonPath)}${interpreter.rebuildReason ? ` · the cached builds did not fit: ${escapeHtml(interpreter.rebuildReason)}` : ''}`,
    ])
    if (interpreter.sysVersion) rows.push(['Python', escapeHtml(interpreter.sysVersion)])
  }
  if (cell) rows.push(['Configure', `${code(cell.configureArgs.join(' '))} · ABI flags ${code(interpreter?.abiflags ?? cell.abiFlags)}`])
  for (const extension of report.extensions) {
    const from = extension.reusedFrom && extension.reusedFrom.cell !== cell?.id ? ` (built by the ${escapeHtml(extension.reusedFrom.cell)} run)` : ''
    const buildEnv = Object.entries(extension.buildEnv ?? {}).map(([name, value]) => code(`${name}=${value}`))
    rows.push([
      'Extension',
      `${code(extension.path)} ${extension.reused ? 'reused' : 'built'} for ${escapeHtml(extension.abi)}${from}${extension.builder ? ` with ${escapeHtml(extension.builder)}` : ''} in ${extension.seconds.toFixed(1)} s${buildEnv.length ? ` · build-env ${buildEnv.join(' ')}` : ''}`,
    ])
  }
  const { refleaks } = report
  if (refleaks) {
    if (refleaks.runner)
      rows.push([
        'Test runner',
        escapeHtml(`${refleaks.runner.name}${refleaks.runner.version ? ` ${refleaks.runner.version}` : ''}: ${refleaks.runner.reason}`),
      ])
    const ran = refleaks.tests.filter(ranATestCase).length
    rows.push([
      'Refleak hunt',
      `${code(refleaks.command.join(' '))} (${refleaks.warmups} warm-ups, ${refleaks.runs} counted runs) on ${plural(refleaks.tests.length, 'test file')}${ran < refleaks.tests.length ? ` (${refleaks.tests.length - ran} ran no test case)` : ''}: ${escapeHtml(refleaks.state ?? (refleaks.log ? `exit ${refleaks.exitCode}` : 'not run'))}`,
    ])
  }
  if (report.memcheck) {
    const { totals } = report.memcheck
    rows.push([
      'Memcheck',
      escapeHtml(
        `${report.memcheck.valgrind}: ${plural(totals.userErrors, 'error')} in the extension's code, ${totals.errors - totals.userErrors} inside CPython or the system, ${totals.suppressed} suppressed, over ${plural(totals.processes, 'process', 'processes')}`,
      ),
    ])
  }
  if (report.sanitizers) {
    const { sanitizers } = report
    const instrumented = sanitizers.instrumentation
      .map((entry) => `${code(entry.path)} <span class="${entry.instrumented ? 'good">instrumented' : 'bad">not instrumented'}</span>`)
      .join('<br>')
    rows.push([
      escapeHtml(sanitizers.tool),
      `${instrumented || 'no extension'} · ${sanitizers.notRun ? escapeHtml(`not run: ${sanitizers.notRun}`) : `reports in ${code(sanitizers.reportsDir)}`}`,
    ])
  }
  if (report.cpythonTests)
    rows.push([
      "CPython's tests",
      `${code(report.cpythonTests.selection)}: ${escapeHtml(report.cpythonTests.state ?? `did not finish (exit ${report.cpythonTests.exitCode})`)}`,
    ])
  if (report.testCommand) {
    const { testCommand } = report
    rows.push([
      'Test command',
      `${code(testCommand.command)}: ${escapeHtml(testCommand.summary ?? 'no test result pydebug could read')} · ${escapeHtml(testCommand.timedOut ? 'stopped at test-command-timeout' : testCommand.signal ? `killed by ${testCommand.signal}` : `exit ${testCommand.exitCode}`)}`,
    ])
  }
  if (cell && Object.keys(cell.runtimeEnv).length)
    rows.push([
      'Runtime env',
      Object.entries(cell.runtimeEnv)
        .map(([name, value]) => code(`${name}=${value}`))
        .join(' '),
    ])
  if (rows.length === 0) return ''
  return section(
    'steps',
    'Cell',
    '<table class="steps">',
    ...rows.map(([step, result]) => `<tr><th scope="row">${step}</th><td>${result}</td></tr>`),
    '</table>',
  )
}

/** `file.c:12 in f`: the user's source line the evidence names, and the function there. */
function whereHtml(where: Pick<Finding, 'file' | 'line' | 'function'>): string {
  const place = where.file ? code(`${where.file}${where.line ? `:${where.line}` : ''}`) : ''
  const inFunction = where.function ? `${place ? ' in ' : ''}${code(where.function)}` : ''
  return `${place}${inFunction}`
}

/** Every finding: its kind, what it says, where in the user's code (Python line or C frame), a leak's deltas and sum, the pass that saw it. */
function findingsHtml(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  const rows = findings.map((finding, index): Cell[] => [
    number(index + 1),
    { html: (finding.case ?? finding.test) ? code(finding.case ?? finding.test ?? '') : '' },
    text(FINDING_KINDS[finding.kind].label),
    text(findingCause(finding) ?? ''),
    { html: whereHtml(finding) },
    { html: finding.deltas ? escapeHtml(`[${finding.deltas.join(', ')}]`) : '' },
    number(finding.sum ?? finding.deltas?.reduce((total, delta) => total + delta, 0)),
    text(finding.pass ? PASS_LABEL[finding.pass] : ''),
    { html: code(finding.log) },
  ])
  return section(
    'findings-section',
    'Findings',
    table(
      'findings',
      [
        { label: '#', numeric: true },
        { label: 'Test' },
        { label: 'Finding' },
        { label: 'What' },
        { label: 'Where' },
        { label: 'Deltas per run', nowrap: true },
        { label: 'Sum', numeric: true },
        { label: 'Seen in' },
        { label: 'Log' },
      ],
      rows,
      'findings',
    ),
  )
}

/** The leaking tests, each kind's deltas per counted run and their sum, then the largest ones' growth as charts. */
function leaksHtml(tests: readonly LeakingTest[]): string {
  if (tests.length === 0) return ''
  const kinds = leakKinds(tests)
  const columns: Column[] = [
    { label: 'Test' },
    ...kinds.flatMap((kind) => [
      { label: `${FINDING_KINDS[kind].label} per run`, nowrap: true },
      { label: 'Sum', numeric: true },
    ]),
  ]
  const rows = tests.map((test): Cell[] => [
    { html: code(test.test) },
    ...kinds.flatMap((kind) => {
      const series = test.series.find((candidate) => candidate.kind === kind)
      return series ? [text(`[${series.deltas.join(', ')}]`), number(series.sum)] : [text(''), text('')]
    }),
  ])
  const charted = tests.slice(0, MAX_LEAK_CHARTS)
  const charts = charted.map((test) => `<figure>\n${renderLeakChartSvg(test, escapeHtml)}\n<figcaption>${code(test.test)}</figcaption>\n</figure>`)
  return section(
    'leaks',
    'Leaking tests',
    table('leaking-tests', columns, rows, 'leaking tests'),
    `<h3>Growth over the counted runs${charted.length < tests.length ? ` (the ${charted.length} largest of ${tests.length})` : ''}</h3>`,
    '<div class="charts">',
    ...charts,
    '</div>',
  )
}

function testFilesHtml(report: Report): string {
  const { refleaks } = report
  if (!refleaks?.tests.length) return ''
  const atExit = new Map(report.showrefcount?.files.map((file) => [file.name, file.atExit]))
  const rows = refleaks.tests.map((test): Cell[] => {
    const exit = atExit.get(test.name)
    const verdict = [
      escapeHtml(test.result ?? test.outcome),
      ...test.leaks.map((leak) => escapeHtml(`leaked [${leak.deltas.join(', ')}] ${leak.kind}, sum ${leak.sum}`)),
      ...(test.fatalError ? [code(`Fatal Python error: ${test.fatalError}`)] : []),
      ...(test.exception && !test.fatalError ? [code(test.exception)] : []),
    ]
    const cases = (test.cases ?? []).map(
      (testCase) => `<span class="outcome-${escapeHtml(testCase.outcome)}">${escapeHtml(testCase.outcome)}</span> ${code(testCase.id)}`,
    )
    return [
      { html: code(test.name) },
      text(test.outcome),
      { html: verdict.join('<br>') },
      { html: cases.join('<br>') || '—' },
      number(exit?.refs),
      number(exit?.blocks),
    ]
  })
  return section(
    'tests',
    'Test files',
    table(
      'test-files',
      [
        { label: 'Test file' },
        { label: 'Outcome' },
        { label: refleaks.runner?.name === 'pytest' ? 'pytest + pydebug_refleak' : 'regrtest -R' },
        { label: 'Cases' },
        { label: 'Refs at exit', numeric: true },
        { label: 'Blocks at exit', numeric: true },
      ],
      rows,
      'test files',
    ),
  )
}

/** What memcheck saw in the user's code: each error with its count, the user's innermost frame and the case. */
function memcheckHtml(memcheck: MemcheckSection): string {
  const rows = memcheck.files.flatMap((file) =>
    file.errors.map((error): Cell[] => [
      { html: code(file.name) },
      { html: error.case ? code(error.case) : '' },
      text(error.kind),
      text(error.what),
      number(error.count),
      { html: whereHtml(error) },
      { html: code(error.xml) },
    ]),
  )
  const suppressions = memcheck.suppressions.file ? code(memcheck.suppressions.file) : escapeHtml(memcheck.suppressions.note ?? 'none')
  return section(
    'memcheck',
    'Valgrind memcheck',
    `<p>${escapeHtml(memcheck.valgrind)} over ${plural(memcheck.totals.files, 'test file')}; suppressions: ${suppressions}.</p>`,
    rows.length
      ? table(
          'memcheck-errors',
          [
            { label: 'Test file' },
            { label: 'Case' },
            { label: 'Kind' },
            { label: 'What' },
            { label: 'Count', numeric: true },
            { label: 'Where (your code)' },
            { label: 'XML' },
          ],
          rows,
          'errors',
        )
      : "<p>No error in the extension's code.</p>",
  )
}

function sanitizersHtml(sanitizers: SanitizerSection): string {
  const rows = sanitizers.files.flatMap((file) =>
    file.reports.map((report): Cell[] => [
      { html: code(file.name) },
      { html: report.case ? code(report.case) : '' },
      text(report.kinds.join(', ')),
      number(report.suppressed.reduce((total, row) => total + row.count, 0)),
      { html: code(report.path) },
    ]),
  )
  return section(
    'sanitizers',
    `${sanitizers.tool} reports`,
    sanitizers.notRun ? `<p>${escapeHtml(`Not run: ${sanitizers.notRun}`)}</p>` : '',
    rows.length
      ? table(
          'sanitizer-reports',
          [{ label: 'Test file' }, { label: 'Case' }, { label: 'Reports' }, { label: 'Suppressed', numeric: true }, { label: 'Report file' }],
          rows,
          'reports',
        )
      : '<p>No report.</p>',
  )
}

/** Per test file: arenas and bytes in allocated blocks before and after, and the size classes that grew most. */
function allocationsHtml(allocations: AllocationSection): string {
  const change = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? '—' : escapeHtml(`${groupDigits(before)} → ${groupDigits(after)}`)
  const rows = allocations.files.map((file): Cell[] => {
    const top = [...file.sizeClasses]
      .filter((row) => row.growth > 0)
      .sort((a, b) => b.growth - a.growth || a.size - b.size)
      .slice(0, SIZE_CLASSES_SHOWN)
      .map((row) => escapeHtml(`${row.size} B: ${row.before} → ${row.after} (+${row.growth})`))
    return [
      { html: code(file.name) },
      text(file.outcome),
      { html: change(file.before?.arenas ?? file.before?.allocatedBlocks, file.after?.arenas ?? file.after?.allocatedBlocks) },
      number(file.growth?.bytesInAllocatedBlocks ?? file.growth?.allocatedBytes),
      { html: top.join('<br>') || 'none grew' },
    ]
  })
  return section(
    'allocations',
    'Allocator statistics before and after each test file',
    table(
      'allocations-table',
      [
        { label: 'Test file' },
        { label: 'Outcome' },
        { label: 'Arenas (pymalloc) or allocated blocks (mimalloc), before → after' },
        { label: 'Bytes grown', numeric: true },
        { label: `Size classes that grew most (top ${SIZE_CLASSES_SHOWN})` },
      ],
      rows,
      'test files',
    ),
  )
}

/** The census's leaked types, COUNT_ALLOCS's top types and the GIL's state, each when the variant ran it. */
function variantChecksHtml(report: Report): string {
  const parts: string[] = []
  const { census, countAllocs, gil } = report
  if (gil) {
    const lines = gil.reenabledBy.map(
      (entry) => `<p class="warning">The GIL was re-enabled to import ${code(entry.module)} (first imported by ${code(entry.test)}).</p>`,
    )
    parts.push(
      section(
        'gil',
        'Free-threading',
        ...(lines.length
          ? lines
          : [
              `<p>${gil.mode === 'force-off' ? 'The tests ran with PYTHON_GIL=0.' : `The GIL stayed disabled in ${plural(gil.files.length, 'test file')}.`}</p>`,
            ]),
      ),
    )
  }
  if (census) {
    const rows = census.files.map((file): Cell[] => [
      { html: code(file.name) },
      text(file.outcome),
      { html: file.leakedTypes.map((type) => `${code(type.name)} ${escapeHtml(`[${type.deltas.join(', ')}]`)}`).join('<br>') || 'none' },
    ])
    parts.push(
      section(
        'census',
        `Live objects by type (trace-refs census, ${census.warmups} warm-ups, ${census.runs} counted runs)`,
        table('census-table', [{ label: 'Test file' }, { label: 'Outcome' }, { label: 'Types that grew in every counted run' }], rows, 'test files'),
      ),
    )
  }
  if (countAllocs) {
    const rows = countAllocs.files.map((file): Cell[] => [
      { html: code(file.name) },
      text(file.outcome),
      {
        html:
          file.topGrowth
            .slice(0, SIZE_CLASSES_SHOWN)
            .map((type) => `${code(type.name)} +${type.growth}`)
            .join('<br>') || 'none grew',
      },
    ])
    parts.push(
      section(
        'count-allocs',
        'Allocations per type (COUNT_ALLOCS)',
        table('count-allocs-table', [{ label: 'Test file' }, { label: 'Outcome' }, { label: 'Types whose live count grew most' }], rows, 'test files'),
      ),
    )
  }
  return parts.join('\n')
}

function cpythonTestsHtml(report: Report): string {
  const tests = report.cpythonTests
  if (!tests) return ''
  const verdicts = Object.entries(CPYTHON_TEST_COUNT_LABELS) as [keyof typeof tests.counts, string][]
  return section(
    'cpython-tests',
    "CPython's test suite: test files per verdict",
    table(
      'cpython-test-counts',
      verdicts.map(([, label]) => ({ label, numeric: true })),
      [verdicts.map(([verdict]) => number(tests.counts[verdict]))],
      'rows',
    ),
    tests.failed?.length ? `<p>Failed: ${tests.failed.map(code).join(', ')}.</p>` : '',
  )
}

function testCommandHtml(report: Report): string {
  const testCommand = report.testCommand
  if (!testCommand) return ''
  const rows = testCommand.tests
    .filter((test) => test.outcome === 'failed' || test.outcome === 'error')
    .map((test): Cell[] => [
      { html: code(test.id) },
      text(test.outcome),
      text(test.message ?? ''),
      { html: test.file ? code(`${test.file}${test.line ? `:${test.line}` : ''}`) : '' },
    ])
  return section(
    'test-command',
    'Test command',
    `<p>${code(testCommand.argv.join(' '))}${testCommand.running ? ` · running ${code(testCommand.running)} when it stopped` : ''}</p>`,
    rows.length ? table('test-command-failures', [{ label: 'Test' }, { label: 'Outcome' }, { label: 'Message' }, { label: 'Where' }], rows, 'failures') : '',
  )
}

function tracebacksHtml(findings: readonly Finding[]): string {
  const traced = findings.slice(0, HTML_ROWS_SHOWN).filter((finding) => finding.traceback?.length)
  if (traced.length === 0) return ''
  return section(
    'tracebacks',
    'Tracebacks',
    ...traced.map(
      (finding) =>
        `<details><summary>${code(finding.case ?? finding.test ?? finding.kind)}</summary><pre>${escapeHtml((finding.traceback ?? []).join('\n'))}</pre></details>`,
    ),
  )
}

function logsHtml(report: Report): string {
  if (report.logs.length === 0) return ''
  const rows = report.logs.map((log): Cell[] => [
    { html: code(log.path) },
    text(log.kind),
    number(log.lines),
    number(log.unparsed.count),
    text(log.cut ? describeLogCut(log.cut) : ''),
  ])
  const notes = (report.problems ?? []).filter((problem) => problem.severity === 'note').length
  return section(
    'logs',
    'Logs',
    table(
      'logs-table',
      [{ label: 'Log' }, { label: 'Kind' }, { label: 'Lines', numeric: true }, { label: 'Not parsed', numeric: true }, { label: 'Incomplete' }],
      rows,
      'logs',
    ),
    notes
      ? `<p>${escapeHtml(`${plural(notes, 'problem')} seen in the logs are not the extension's (e.g. CPython's own): listed in report.json's problems.`)}</p>`
      : '',
  )
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --bad: #cf222e; --good: #1a7f37;
  --warn: #9a6700; --bar: #4c78a8; --total: #e45756; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --head: #151b23; --bad: #ff7b72;
  --good: #3fb950; --warn: #d29922; --bar: #6b9bd2; --total: #ff8a80; }
}
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--head); border: 1px solid var(--line); padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; }
.status { font-size: 16px; font-weight: 600; margin: 4px 0; }
.outcome-passed, .good { color: var(--good); } .outcome-leaked, .outcome-failed, .outcome-crashed, .bad { color: var(--bad); font-weight: 600; }
.status-clean { color: var(--good); }
.status-findings, .status-build-failed, .status-extension-failed, .status-error { color: var(--bad); }
.status-nothing-tested, .status-cancelled, .warning { color: var(--warn); }
.error { border-left: 4px solid var(--bad); padding-left: 12px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--fg); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
table.steps th { width: 140px; background: var(--head); }
.more { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); padding: 8px; max-width: 100%; overflow-x: auto; }
figcaption { color: var(--muted); margin-top: 4px; }
svg.leak-chart { font: 11px system-ui, sans-serif; fill: var(--fg); }
svg .chart-title { font-size: 12px; font-weight: 600; }
svg .axis, svg .zero { stroke: var(--muted); stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg polyline.total { fill: none; stroke: var(--total); stroke-width: 2; }
svg circle.total { fill: var(--total); }
svg .tick, svg .legend { fill: var(--muted); }
details { margin: 4px 0; } summary { cursor: pointer; }
`

// Sorts a table by the clicked column (numbers by data-sort, text in natural order); `#sort=<table id>:<column>:<asc|desc>` sorts on load.
// It marks what it made sortable (data-sortable, data-sortable-tables) so a headless browser can tell that it ran.
const SORT_SCRIPT = `
(() => {
  const valueOf = (row, column) => {
    const cell = row.cells[column];
    if (!cell) return '';
    return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim();
  };
  // Empty cells stay last either way; numbers before text.
  const compare = (x, y) => {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number' || typeof y === 'number') return typeof x === 'number' ? -1 : 1;
    return x.localeCompare(y, undefined, { numeric: true });
  };
  const sortBy = (table, column, descending) => {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = valueOf(a, column);
      const y = valueOf(b, column);
      if (x === '' || y === '') return (x === '') - (y === '');
      return descending ? -compare(x, y) : compare(x, y);
    });
    for (const row of rows) body.appendChild(row);
    const headers = table.tHead.rows[0].cells;
    for (const header of headers) header.removeAttribute('aria-sort');
    headers[column].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  };
  const tables = document.querySelectorAll('table.sortable');
  for (const table of tables) {
    Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = header.textContent;
      header.textContent = '';
      header.appendChild(button);
      button.addEventListener('click', () => sortBy(table, column, header.getAttribute('aria-sort') === 'ascending'));
    });
    table.dataset.sortable = 'ready';
  }
  const wanted = /^#sort=([\\w-]+):(\\d+):(asc|desc)$/.exec(decodeURIComponent(location.hash));
  const target = wanted && document.getElementById(wanted[1]);
  if (target && target.matches('table.sortable') && Number(wanted[2]) < target.tHead.rows[0].cells.length) sortBy(target, Number(wanted[2]), wanted[3] === 'desc');
  document.body.dataset.sortableTables = String(tables.length);
})();
`
