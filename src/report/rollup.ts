import { FINDING_KINDS, findingRank } from './finding-kinds.js'
import type { CpythonTestsSection, Finding, Report, RunStatus } from './model.js'
import { escapeCode as code, escapeMarkdown } from './summary-md.js'

/** One cell of a matrix as its reports tell it: the shards of one cell are one cell. */
export interface RolledUpCell {
  /** The artifact folder without its shard suffix: unique per cell and runner. */
  readonly name: string
  readonly cellId?: string
  readonly python?: string
  readonly variant?: string
  readonly status: RunStatus
  readonly findings: readonly (Finding & { readonly from: string })[]
  /** Set when the cell ran CPython's tests in shards: how many there were and which reported. */
  readonly shards?: { readonly count: number; readonly reported: readonly number[]; readonly missing: readonly number[] }
  /** CPython's own tests, counted over every shard. */
  readonly cpythonTests?: CpythonTestsSection['counts']
  readonly reports: readonly string[]
}

// Worst first: what the cell's line shows when its reports disagree.
const STATUS_RANK: readonly RunStatus[] = ['error', 'build-failed', 'extension-failed', 'nothing-tested', 'findings', 'clean']
const SHARD_SUFFIX = /-cpy(\d+)of(\d+)$/

/**
 * Groups the reports of a matrix run by cell: the artifact folders (`pydebug-<cell>[-cpyIofN]`)
 * without their shard suffix. A sharded cell whose shards did not all report is never clean: the
 * missing shards are named, and the cell is `nothing-tested` for them unless it has findings.
 */
export function rollUpReports(reports: readonly { readonly folder: string; readonly report: Report }[]): RolledUpCell[] {
  const groups = new Map<string, { folder: string; report: Report }[]>()
  for (const entry of [...reports].sort((a, b) => a.folder.localeCompare(b.folder))) {
    const name = entry.folder.replace(SHARD_SUFFIX, '')
    groups.set(name, [...(groups.get(name) ?? []), entry])
  }
  return [...groups].map(([name, entries]) => {
    const first = entries[0].report
    const shardCount = Math.max(0, ...entries.map(({ report }) => report.cpythonTests?.shard?.count ?? 0))
    const reported = entries.flatMap(({ report }) => (report.cpythonTests?.shard ? [report.cpythonTests.shard.index] : [])).sort((a, b) => a - b)
    const missing = shardCount ? Array.from({ length: shardCount }, (_, index) => index + 1).filter((index) => !reported.includes(index)) : []
    const findings = entries
      .flatMap(({ folder, report }) => report.findings.map((finding) => ({ ...finding, from: folder })))
      .sort((a, b) => findingRank(a.kind) - findingRank(b.kind))
    let status = entries.map(({ report }) => report.status).sort((a, b) => STATUS_RANK.indexOf(a) - STATUS_RANK.indexOf(b))[0]
    if (missing.length && status === 'clean') status = 'nothing-tested'
    const counted = entries.flatMap(({ report }) => (report.cpythonTests ? [report.cpythonTests.counts] : []))
    return {
      name,
      ...(first.cell ? { cellId: first.cell.id, python: first.cell.python, variant: first.cell.variant } : {}),
      status,
      findings,
      ...(shardCount ? { shards: { count: shardCount, reported, missing } } : {}),
      ...(counted.length ? { cpythonTests: sumCounts(counted) } : {}),
      reports: entries.map(({ folder }) => folder),
    }
  })
}

function sumCounts(counts: readonly CpythonTestsSection['counts'][]): CpythonTestsSection['counts'] {
  const total = { ...counts[0] }
  for (const more of counts.slice(1)) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += more[key]
  return total
}

const STATUS_WORDS: Record<RunStatus, string> = {
  clean: '✅ clean',
  findings: '❌ findings',
  'nothing-tested': '⚠️ nothing tested',
  'build-failed': '💥 build failed',
  'extension-failed': '💥 extension failed',
  error: '💥 error',
}

const MAX_FINDINGS_PER_CELL = 50

/** The matrix at a glance: one row per cell, then each cell's findings, most serious first. */
export function renderRollupMarkdown(cells: readonly RolledUpCell[], heading = 'pydebug'): string {
  const lines = [`# ${escapeMarkdown(heading)}: ${cells.length} cell${cells.length === 1 ? '' : 's'}`, '']
  const failing = cells.filter((cell) => cell.status !== 'clean').length
  lines.push(failing ? `**${failing} of ${cells.length} cells need attention**` : '**✅ every cell is clean**', '')
  lines.push('| Cell | CPython | Variant | Status | Findings | Reports |', '|---|---|---|---|---:|---|')
  // The same cell on two runners (or twice in one run) is told apart by its artifact's name.
  const ids = cells.map((cell) => cell.cellId ?? cell.name)
  const label = (cell: RolledUpCell) => (ids.filter((id) => id === (cell.cellId ?? cell.name)).length > 1 ? cell.name : (cell.cellId ?? cell.name))
  for (const cell of cells) {
    const shards = cell.shards
      ? `${cell.shards.reported.length} of ${cell.shards.count} shards${cell.shards.missing.length ? ` (missing ${cell.shards.missing.join(', ')})` : ''}`
      : `${cell.reports.length}`
    lines.push(
      `| \`${code(label(cell))}\` | ${escapeMarkdown(cell.python ?? '')} | ${escapeMarkdown(cell.variant ?? '')} | ${STATUS_WORDS[cell.status]} | ${cell.findings.length} | ${shards} |`,
    )
  }
  lines.push('')
  for (const cell of cells) {
    if (cell.cpythonTests) {
      const counts = cell.cpythonTests
      lines.push(
        `\`${code(label(cell))}\`, CPython's tests: ${counts.ok} OK, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.timedOut} timed out, ${counts.envChanged} changed the environment.`,
        '',
      )
    }
    if (cell.shards?.missing.length)
      lines.push(
        `\`${code(label(cell))}\`: shard${cell.shards.missing.length === 1 ? '' : 's'} ${cell.shards.missing.join(', ')} of ${cell.shards.count} sent no report (cancelled or failed before writing one): their tests were not checked.`,
        '',
      )
    if (!cell.findings.length) continue
    lines.push(`### \`${code(label(cell))}\``, '', '| Test | Finding | Where | From |', '|---|---|---|---|')
    for (const finding of cell.findings.slice(0, MAX_FINDINGS_PER_CELL)) {
      const where = finding.file ? `\`${code(`${finding.file}${finding.line ? `:${finding.line}` : ''}`)}\`` : ''
      const test = finding.case ?? finding.test
      lines.push(
        `| ${test ? `\`${code(test)}\`` : '—'} | ${FINDING_KINDS[finding.kind].label}: ${escapeMarkdown(finding.message)} | ${where} | \`${code(finding.from)}\` |`,
      )
    }
    if (cell.findings.length > MAX_FINDINGS_PER_CELL) lines.push('', `${cell.findings.length - MAX_FINDINGS_PER_CELL} more in the cell's report.json.`)
    lines.push('')
  }
  return lines.join('\n')
}
