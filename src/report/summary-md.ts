import type { Finding, InterpreterSection, Report, TestFileEntry } from './model.js'

const STATUS_LINE: Record<Report['status'], string> = {
  clean: '✅ no leaks or crashes found',
  findings: '❌ found problems',
  'build-failed': '💥 the interpreter did not build',
  'extension-failed': '💥 the extension did not build',
  error: '💥 the run stopped with an error',
}

const FINDING_LABEL: Record<Finding['kind'], string> = {
  crash: 'crash',
  timeout: 'timeout',
  'reference-leak': 'reference leak',
  'block-leak': 'memory block leak',
  'fd-leak': 'file descriptor leak',
  'test-failure': 'test failure',
}

/** GitHub-flavoured Markdown for the job summary and summary.md; every value from the report is escaped. */
export function renderSummaryMarkdown(report: Report): string {
  const lines: string[] = []
  const title = report.cell ? `${report.cell.id} · CPython ${report.cell.python} · ${report.cell.variant}` : 'pydebug'
  lines.push(`## pydebug: ${escapeMarkdown(title)}`, '')
  const findingCount = report.findings.length
  lines.push(`**${STATUS_LINE[report.status]}**${findingCount ? ` (${findingCount} finding${findingCount === 1 ? '' : 's'})` : ''}`, '')
  if (report.error) {
    lines.push('```text', report.error.message.replaceAll('```', "'''"), '```', '')
    if (report.error.log) lines.push(`Full log: \`${escapeCode(report.error.log)}\``, '')
  }

  lines.push('| Step | Result |', '|---|---|')
  if (report.interpreter) {
    lines.push(`| Interpreter | ${describeCacheHit(report.interpreter.cacheHit)} in ${report.interpreter.seconds.toFixed(1)} s · \`${escapeCode(report.interpreter.pythonPath)}\` |`)
    lines.push(`| Configure | \`${escapeCode(report.cell?.configureArgs.join(' ') ?? '')}\` · ABI flags \`${escapeCode(report.interpreter.abiflags ?? '')}\` |`)
  }
  for (const extension of report.extensions) {
    lines.push(`| Extension | \`${escapeCode(baseName(extension.path))}\` ${extension.reused ? 'reused' : 'built'} for ${escapeMarkdown(extension.abi)} in ${extension.seconds.toFixed(1)} s |`)
  }
  if (report.refleaks) {
    const { refleaks } = report
    lines.push(`| Refleak hunt | regrtest \`-R ${refleaks.warmups}:${refleaks.runs}\` on ${refleaks.tests.length} test file${refleaks.tests.length === 1 ? '' : 's'}: ${escapeMarkdown(refleaks.state ?? `exit ${refleaks.exitCode}`)} |`)
  }
  if (report.cell && Object.keys(report.cell.runtimeEnv).length) {
    lines.push(`| Runtime env | ${Object.entries(report.cell.runtimeEnv).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``).join(' ')} |`)
  }
  lines.push('')

  if (report.findings.length) {
    lines.push('### Findings', '', '| Test | Finding | Deltas per run (after warm-up) |', '|---|---|---|')
    for (const finding of report.findings) {
      const detail = finding.detail ? `: \`${escapeCode(finding.detail)}\`` : ''
      lines.push(`| \`${escapeCode(finding.case ?? finding.test)}\` | ${FINDING_LABEL[finding.kind]}${detail} | ${finding.deltas ? `[${finding.deltas.join(', ')}]` : ''} |`)
    }
    lines.push('')
  }

  if (report.refleaks?.tests.length) {
    const atExit = new Map(report.showrefcount?.files.map((file) => [file.name, file.atExit]))
    lines.push('### Test files', '', '| Test file | regrtest -R | Cases re-run alone | At exit (-X showrefcount) |', '|---|---|---|---|')
    for (const test of report.refleaks.tests) {
      const exit = atExit.get(test.name)
      lines.push(`| \`${escapeCode(test.name)}\` | ${verdict(test)} | ${casesCell(test)} | ${exit ? `${exit.refs} refs, ${exit.blocks} blocks` : '—'} |`)
    }
    if (report.refleaks.casesNotRun) lines.push('', `${report.refleaks.casesNotRun} more cases were not re-run (raise \`max-case-runs\`).`)
    lines.push('')
  }

  const unparsed = report.logs.reduce((total, log) => total + log.unparsed.count, 0)
  lines.push('<details><summary>Logs</summary>', '')
  for (const log of report.logs) {
    lines.push(`- \`${escapeCode(log.path)}\` (${log.kind}, ${log.lines} lines${log.unparsed.count ? `, ${log.unparsed.count} not parsed` : ''})`)
  }
  lines.push('', `${unparsed} log lines were not recognised by any parser; they are kept in the logs.`, '', '</details>', '')
  return lines.join('\n')
}

/** Where an interpreter came from, in the words the summaries use. */
export function describeCacheHit(cacheHit: InterpreterSection['cacheHit']): string {
  return { local: 'restored from the local cache', remote: 'restored from the Actions cache', none: 'built from source' }[cacheHit]
}

function verdict(test: TestFileEntry): string {
  const leaks = test.leaks.map((leak) => `leaked [${leak.deltas.join(', ')}] ${leak.kind}`)
  const fatal = test.fatalError ? [`\`${escapeCode(`Fatal Python error: ${test.fatalError}`)}\``] : []
  return [escapeMarkdown(test.result ?? test.outcome), ...leaks, ...fatal].join('<br>')
}

function casesCell(test: TestFileEntry): string {
  if (!test.cases) return '—'
  return test.cases.map((testCase) => `${testCase.outcome === 'leaked' ? '❌' : testCase.outcome === 'passed' ? '✅' : '⚠️'} \`${escapeCode(testCase.id.split('.').pop()!)}\``).join('<br>')
}

function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).filter(Boolean).pop() ?? filePath
}

/** Table cells and prose: no HTML, no table breaks, no accidental emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ')
}

/** Inside backticks only a backtick or a pipe can break out. */
function escapeCode(text: string): string {
  return text.replaceAll('`', "'").replaceAll('|', '\\|').replace(/\r?\n/g, ' ')
}
