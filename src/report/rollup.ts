import { VARIANTS } from '../catalog/variants.js'
import { type Baseline, compareWithBaseline, findingIdentity } from './baseline.js'
import { baselineMarkdown } from './baseline-md.js'
import { FINDING_KINDS, type FindingFamily, findingRank } from './finding-kinds.js'
import { REPORT_SCHEMA_VERSION, type BaselineSection, type CpythonTestsSection, type Finding, type Report, type RunStatus } from './model.js'
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
const STATUS_RANK: readonly RunStatus[] = ['error', 'cancelled', 'build-failed', 'extension-failed', 'nothing-tested', 'findings', 'clean']

// A shard's job and artifact end in `-cpyIofN` (plan/cpython-tests.ts shardSuffix), followed by
// `-<os>` when the matrix spans several runners (plan/matrix.ts): the suffix is not always last.
const SHARD_SUFFIX = /-cpy(\d+)of(\d+)(?=-|$)/

/**
 * Groups the reports of a matrix run by cell: the artifact folders (`pydebug-<cell>[-cpyIofN][-<os>]`)
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
    const first = entries.find(({ report }) => report.cell)?.report ?? entries[0].report
    // A shard that stopped before CPython's tests (a failed build) has no shard section: its folder still names it.
    const shardOf = ({ folder, report }: { folder: string; report: Report }) => {
      if (report.cpythonTests?.shard) return report.cpythonTests.shard
      const match = SHARD_SUFFIX.exec(folder)
      return match ? { index: Number(match[1]), count: Number(match[2]) } : undefined
    }
    const shardCount = Math.max(0, ...entries.map((entry) => shardOf(entry)?.count ?? 0))
    const reported = [...new Set(entries.flatMap((entry) => shardOf(entry)?.index ?? []))].sort((a, b) => a - b)
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

/** A job the matrix planned (a row of the matrix action's `matrix` output), or a cell it refused (its `refused` output). */
export interface PlannedCell {
  readonly id: string
  /** X.Y */
  readonly python: string
  readonly variant: string
  /** The artifact the job uploads; absent for a refused cell. */
  readonly artifact?: string
  /** Why the cell cannot exist, for a refused one. */
  readonly refused?: string
}

export type PlanReading = { readonly ok: true; readonly cells: PlannedCell[] } | { readonly ok: false; readonly problem: string }

/** The matrix action's `matrix` output (`{"include": [rows]}`), as `pydebug matrix --format json` prints it. Never throws. */
export function readPlannedMatrix(text: string): PlanReading {
  const value = parseJson(text)
  if (!value.ok) return value
  const rows = (value.json as { include?: unknown } | null)?.include
  if (!Array.isArray(rows)) return { ok: false, problem: 'it has no "include" list (expected the matrix JSON: {"include": [...]})' }
  const cells: PlannedCell[] = []
  for (const [index, row] of rows.entries()) {
    const { id, python, variant, artifact } = (row ?? {}) as Record<string, unknown>
    if (typeof id !== 'string' || typeof python !== 'string' || typeof variant !== 'string' || typeof artifact !== 'string')
      return { ok: false, problem: `include[${index}] lacks one of id, python, variant, artifact` }
    cells.push({ id, python, variant, artifact })
  }
  return { ok: true, cells }
}

// `cp311-asan`, `cp313t-free-threading`: plan/cell.ts cellId, read back.
const CELL_ID = /^cp(\d)(\d+)t?-(.+)$/

/** The matrix action's `refused` output (`[{id, os, reason, source, alternative?}]`). Never throws. */
export function readRefusedCells(text: string): PlanReading {
  const value = parseJson(text)
  if (!value.ok) return value
  if (!Array.isArray(value.json))
    return { ok: false, problem: 'it is not a list (expected the matrix action\'s "refused" output: [{"id": ..., "reason": ...}])' }
  const cells: PlannedCell[] = []
  for (const [index, entry] of value.json.entries()) {
    const { id, reason } = (entry ?? {}) as Record<string, unknown>
    const match = typeof id === 'string' ? CELL_ID.exec(id) : null
    if (!match || typeof reason !== 'string') return { ok: false, problem: `[${index}] has no cell id like cp311-asan and reason` }
    cells.push({ id: id as string, python: `${match[1]}.${match[2]}`, variant: match[3], refused: reason })
  }
  return { ok: true, cells }
}

function parseJson(text: string): { ok: true; json: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, json: JSON.parse(text) }
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` }
  }
}

/** What the grid says of a cell; several at once when it found several kinds of problem. */
export type GridState = 'memory-errors' | 'leaks' | 'failed' | 'not-run' | 'refused' | 'clean'

const GRID_STATE_OF_FAMILY: Record<FindingFamily, GridState> = { 'memory-error': 'memory-errors', leak: 'leaks', failure: 'failed', untested: 'not-run' }
const GRID_STATES: readonly GridState[] = ['memory-errors', 'leaks', 'failed', 'not-run', 'refused', 'clean']
const GRID_WORDS: Record<GridState, string> = {
  'memory-errors': '❌ memory errors',
  leaks: '❌ leaks',
  failed: '💥 failed',
  'not-run': '⚪ not run',
  refused: '🚫 refused',
  clean: '✅ clean',
}
const BROKEN_STATUSES: readonly RunStatus[] = ['error', 'cancelled', 'build-failed', 'extension-failed']

const NO_REPORT = 'planned, no report'

/** One cell of the merged report: what its reports said, or that it was refused or never reported. */
export interface MergedCell {
  /** The artifact name without its shard suffix (the planned artifact, for a cell that sent no report; the cell id, for a refused one). */
  readonly name: string
  readonly id?: string
  /** As the reports say (X.Y.Z), else as planned (X.Y). */
  readonly python?: string
  readonly variant?: string
  /** The worst of its reports' statuses; absent when none reported. */
  readonly status?: RunStatus
  readonly states: readonly GridState[]
  readonly findings: number
  readonly reports: readonly string[]
  readonly shards?: RolledUpCell['shards']
  readonly cpythonTests?: CpythonTestsSection['counts']
  /** A refused cell's reason (the planner's), or why a planned cell is not run. */
  readonly note?: string
}

/** A finding as every cell that saw it: the first report's words, and the cells by name. */
export type MergedFinding = Finding & { readonly identity: string; readonly cells: readonly string[] }

/**
 * The matrix roll-up's report.json: `kind: 'rollup'` tells it apart from a cell's (merge skips
 * it when it sits among the cells' folders); its `findings` make it a baseline too.
 */
export interface MergedReport {
  readonly schema: typeof REPORT_SCHEMA_VERSION
  readonly kind: 'rollup'
  readonly tool: { readonly name: 'pydebug'; readonly version: string }
  readonly generatedAt: string
  readonly title: string
  /** The grid's rows (CPython X.Y) and columns (variants, the catalog's order, then custom ones). */
  readonly grid: { readonly versions: readonly string[]; readonly variants: readonly string[] }
  readonly cells: readonly MergedCell[]
  /** The union of the cells' findings by identity (report/baseline.ts), most serious first; `log` is relative to the merged folders. */
  readonly findings: readonly MergedFinding[]
  readonly baseline?: BaselineSection
}

export interface MergeInput {
  readonly reports: readonly { readonly folder: string; readonly report: Report }[]
  /** The planned jobs and refused cells, when given: a planned cell without a report is `not run`. */
  readonly planned?: readonly PlannedCell[]
  readonly baseline?: Baseline
  /** `fail-on: new` without a baseline still says that every finding counts as new. */
  readonly compareWithNothing?: boolean
  readonly title: string
  readonly toolVersion: string
  readonly generatedAt: string
}

/** The reports of a matrix run as one report: cells (shards joined), the grid, the union of findings, and the baseline comparison. */
export function mergeReports(input: MergeInput): MergedReport {
  const rolledUp = rollUpReports(input.reports)
  const planned = input.planned ?? []
  const plannedByName = new Map(planned.flatMap((cell) => (cell.artifact ? [[cell.artifact.replace(SHARD_SUFFIX, ''), cell] as const] : [])))
  const cells: MergedCell[] = rolledUp.map((cell) => {
    const plan = plannedByName.get(cell.name)
    return {
      name: cell.name,
      ...((cell.cellId ?? plan?.id) ? { id: cell.cellId ?? plan?.id } : {}),
      ...((cell.python ?? plan?.python) ? { python: cell.python ?? plan?.python } : {}),
      ...((cell.variant ?? plan?.variant) ? { variant: cell.variant ?? plan?.variant } : {}),
      status: cell.status,
      states: gridStates(cell),
      findings: cell.findings.length,
      reports: cell.reports,
      ...(cell.shards ? { shards: cell.shards } : {}),
      ...(cell.cpythonTests ? { cpythonTests: cell.cpythonTests } : {}),
      ...(cell.shards?.missing.length
        ? { note: `shard${cell.shards.missing.length === 1 ? '' : 's'} ${cell.shards.missing.join(', ')} of ${cell.shards.count} sent no report` }
        : {}),
    }
  })
  const reportedNames = new Set(cells.map((cell) => cell.name))
  for (const [name, plan] of plannedByName) {
    if (reportedNames.has(name)) continue
    cells.push({
      name,
      id: plan.id,
      python: plan.python,
      variant: plan.variant,
      states: ['not-run'],
      findings: 0,
      reports: [],
      note: NO_REPORT,
    })
  }
  for (const refused of planned.filter((cell) => cell.refused !== undefined)) {
    if (cells.some((cell) => cell.id === refused.id && cell.states.includes('refused'))) continue
    cells.push({
      name: refused.id,
      id: refused.id,
      python: refused.python,
      variant: refused.variant,
      states: ['refused'],
      findings: 0,
      reports: [],
      note: refused.refused,
    })
  }

  const labels = cellLabels(cells)
  const union = new Map<string, { finding: Finding & { from: string }; cells: string[] }>()
  for (const cell of rolledUp) {
    for (const finding of cell.findings) {
      const identity = findingIdentity(finding)
      const seen = union.get(identity)
      if (!seen) union.set(identity, { finding, cells: [labels.get(cell.name)!] })
      else if (!seen.cells.includes(labels.get(cell.name)!)) seen.cells.push(labels.get(cell.name)!)
    }
  }
  const findings: MergedFinding[] = [...union]
    .map(([identity, { finding, cells: seenIn }]) => {
      const { from, ...rest } = finding
      return { ...rest, log: `${from}/${finding.log}`, identity, cells: seenIn }
    })
    .sort((a, b) => findingRank(a.kind) - findingRank(b.kind))

  const versions = [...new Set(cells.flatMap((cell) => (cell.python ? [minorOf(cell.python)] : [])))].sort(compareVersions)
  const known = VARIANTS.map((variant) => variant.name)
  const present = new Set(cells.flatMap((cell) => cell.variant ?? []))
  const variants = [...known.filter((name) => present.has(name)), ...[...present].filter((name) => !known.includes(name)).sort()]
  return {
    schema: REPORT_SCHEMA_VERSION,
    kind: 'rollup',
    tool: { name: 'pydebug', version: input.toolVersion },
    generatedAt: input.generatedAt,
    title: input.title,
    grid: { versions, variants },
    cells,
    findings,
    ...(input.baseline || input.compareWithNothing ? { baseline: compareWithBaseline(findings, input.baseline) } : {}),
  }
}

function gridStates(cell: RolledUpCell): GridState[] {
  // A kind this version does not know (a report of a newer pydebug) still says something is wrong.
  const states = new Set(cell.findings.map((finding) => GRID_STATE_OF_FAMILY[FINDING_KINDS[finding.kind]?.family ?? 'failure']))
  if (BROKEN_STATUSES.includes(cell.status)) states.add('failed')
  if (cell.status === 'nothing-tested' || cell.shards?.missing.length) states.add('not-run')
  return states.size ? GRID_STATES.filter((state) => states.has(state)) : ['clean']
}

/** A cell that reported needs attention unless it is clean; a planned cell that never reported does too, a refused one does not. */
function needsAttention(cell: MergedCell): boolean {
  return !cell.states.every((state) => state === 'clean' || state === 'refused')
}

/**
 * Whether the merge fails beyond its findings: a cell that broke (build failed, error, cancelled),
 * tested nothing, or never reported vouches for nothing, whatever `fail-on` is (but `never`).
 */
export function hasBrokenCells(merged: Pick<MergedReport, 'cells'>): boolean {
  return merged.cells.some(
    (cell) =>
      (cell.status !== undefined && cell.status !== 'clean' && cell.status !== 'findings') || (cell.reports.length === 0 && !cell.states.includes('refused')),
  )
}

/** The cell id when it names one cell only, else the artifact name (the same cell on two runners, or twice in one run). */
function cellLabels(cells: readonly MergedCell[]): Map<string, string> {
  const ids = cells.map((cell) => cell.id ?? cell.name)
  return new Map(cells.map((cell) => [cell.name, ids.filter((id) => id === (cell.id ?? cell.name)).length > 1 ? cell.name : (cell.id ?? cell.name)]))
}

function minorOf(python: string): string {
  return python.split('.').slice(0, 2).join('.')
}

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number)
  const [bMajor, bMinor] = b.split('.').map(Number)
  return aMajor - bMajor || aMinor - bMinor
}

const STATUS_WORDS: Record<RunStatus, string> = {
  clean: '✅ clean',
  findings: '❌ findings',
  'nothing-tested': '⚠️ nothing tested',
  'build-failed': '💥 build failed',
  'extension-failed': '💥 extension failed',
  cancelled: '🛑 cancelled',
  error: '💥 error',
}

// Past this many the union's findings are counted, not listed: the merged report.json has them all.
const MAX_FINDINGS_SHOWN = 200

/** The matrix at a glance: the grid, one row per cell, the union of findings with the cells that saw each, then the baseline. */
export function renderRollupMarkdown(merged: MergedReport): string {
  const { cells } = merged
  const labels = cellLabels(cells)
  const label = (cell: MergedCell) => labels.get(cell.name)!
  const lines = [`# ${escapeMarkdown(merged.title)}: ${cells.length} cell${cells.length === 1 ? '' : 's'}`, '']
  const attention = cells.filter(needsAttention).length
  lines.push(attention ? `**${attention} of ${cells.length} cells need attention**` : '**✅ every cell is clean**', '')
  if (merged.baseline?.source !== undefined)
    lines.push(
      `Against the baseline: **${merged.baseline.new.length} new**, ${merged.baseline.unchanged.length} unchanged, ${merged.baseline.fixed.length} fixed.`,
      '',
    )

  const { versions, variants } = merged.grid
  if (versions.length && variants.length) {
    lines.push(`| CPython | ${variants.map(escapeMarkdown).join(' | ')} |`, `|---|${variants.map(() => '---|').join('')}`)
    for (const version of versions) {
      const row = variants.map((variant) => {
        const here = cells.filter((cell) => cell.variant === variant && cell.python !== undefined && minorOf(cell.python) === version)
        const words = (cell: MergedCell) => cell.states.map((state) => GRID_WORDS[state]).join(' · ')
        // Several cells at one place (two runners, or two artifacts of one cell): each by name.
        return here.length > 1 ? here.map((cell) => `\`${code(label(cell))}\`: ${words(cell)}`).join('<br>') : here.length ? words(here[0]) : ''
      })
      lines.push(`| ${version} | ${row.join(' | ')} |`)
    }
    lines.push('')
  }

  lines.push('| Cell | CPython | Variant | Status | Findings | Reports |', '|---|---|---|---|---:|---|')
  for (const cell of cells) {
    const status = cell.status ? STATUS_WORDS[cell.status] : GRID_WORDS[cell.states[0]]
    const reports = cell.shards
      ? `${cell.shards.reported.length} of ${cell.shards.count} shards${cell.shards.missing.length ? ` (missing ${cell.shards.missing.join(', ')})` : ''}`
      : `${cell.reports.length}`
    lines.push(
      `| \`${code(label(cell))}\` | ${escapeMarkdown(cell.python ?? '')} | ${escapeMarkdown(cell.variant ?? '')} | ${status}${cell.note && !cell.shards ? `: ${escapeMarkdown(cell.note)}` : ''} | ${cell.findings} | ${reports} |`,
    )
  }
  lines.push('')
  const notRun = cells.filter((cell) => cell.note === NO_REPORT).length
  if (notRun)
    lines.push(
      `${notRun} planned cell${notRun === 1 ? '' : 's'} sent no report: the job failed before writing one, was cancelled, or its artifact is missing. ${notRun === 1 ? 'It vouches' : 'They vouch'} for nothing.`,
      '',
    )
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
  }

  if (merged.findings.length) {
    lines.push('### Findings', '', '| Finding | Test | Where | Seen in |', '|---|---|---|---|')
    for (const finding of merged.findings.slice(0, MAX_FINDINGS_SHOWN)) {
      const where = finding.file
        ? `\`${code(`${finding.file}${finding.line ? `:${finding.line}` : ''}`)}\``
        : finding.function
          ? `\`${code(finding.function)}\``
          : ''
      const test = finding.case ?? finding.test
      lines.push(
        `| ${escapeMarkdown(FINDING_KINDS[finding.kind]?.label ?? finding.kind)}: ${escapeMarkdown(finding.message)} | ${test ? `\`${code(test)}\`` : '—'} | ${where} | ${finding.cells.map((name) => `\`${code(name)}\``).join(', ')} |`,
      )
    }
    if (merged.findings.length > MAX_FINDINGS_SHOWN)
      lines.push('', `${merged.findings.length - MAX_FINDINGS_SHOWN} more findings in the merged report.json (in the --out folder).`)
    lines.push('')
  }
  lines.push(...baselineMarkdown(merged.baseline, escapeMarkdown, code))
  return lines.join('\n')
}
