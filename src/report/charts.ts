import { FINDING_KINDS, findingRank } from './finding-kinds.js'
import type { Finding, FindingKind } from './model.js'

/** Leaking tests drawn as charts, in the summary and the HTML report alike; the table above them lists every one. */
export const MAX_LEAK_CHARTS = 5

/** What one kind of leak of one test grew by in each counted repetition of `-R` (after the warm-ups), as regrtest printed it. */
export interface LeakSeries {
  readonly kind: FindingKind
  readonly deltas: readonly number[]
  readonly sum: number
}

/** A test (its case when one was named) with every leak measured in it, most serious kind first. */
export interface LeakingTest {
  readonly test: string
  readonly series: readonly LeakSeries[]
}

/**
 * The leaks regrtest `-R` (or the pytest plugin) measured, grouped by test: the findings that carry
 * per-run deltas (only leak verdicts do; the census keeps its counts in the message). Sorted by their most
 * serious kind (a reference leak before a block leak, as the findings are), then by its sum,
 * largest first, then by name, so the charts and the table pick the same tests in the same order.
 */
export function leakingTests(findings: readonly Finding[]): LeakingTest[] {
  const byTest = new Map<string, LeakSeries[]>()
  for (const finding of findings) {
    if (!finding.deltas?.length) continue
    const test = finding.case ?? finding.test ?? finding.log
    const series = byTest.get(test) ?? []
    // regrtest's sum is the sum of the deltas it printed (libregrtest/refleak.py); reports written before findings held `sum` have only the deltas.
    const sum = finding.sum ?? finding.deltas.reduce((total, delta) => total + delta, 0)
    // The same test's leak of one kind seen twice (its file's verdict and its case re-run alone) is drawn once.
    if (!series.some((known) => known.kind === finding.kind)) series.push({ kind: finding.kind, deltas: finding.deltas, sum })
    byTest.set(test, series)
  }
  const tests = [...byTest].map(([test, series]) => ({ test, series: series.sort((a, b) => findingRank(a.kind) - findingRank(b.kind)) }))
  return tests.sort(
    (a, b) => findingRank(a.series[0].kind) - findingRank(b.series[0].kind) || b.series[0].sum - a.series[0].sum || a.test.localeCompare(b.test),
  )
}

/** The kinds of leak the tests have, most serious first: the columns of a table of leaking tests. */
export function leakKinds(tests: readonly LeakingTest[]): FindingKind[] {
  return [...new Set(tests.flatMap((test) => test.series.map((series) => series.kind)))].sort((a, b) => findingRank(a) - findingRank(b))
}

/** The total after each counted run: what the leak has grown to by then. */
export function cumulative(deltas: readonly number[]): number[] {
  let total = 0
  return deltas.map((delta) => (total += delta))
}

/** The words a chart uses for a leak's kind: the finding table's label. */
export function seriesLabel(series: LeakSeries): string {
  return FINDING_KINDS[series.kind].label
}

// Mermaid's xychart has no legend: each chart holds one kind, and its axis says which mark is which.
const MERMAID_AXIS = 'growth (bars: each run, line: total)'

/**
 * A Mermaid `xychart-beta` per kind of leak of the test (GitHub renders Mermaid in Markdown): bars
 * for what each counted run leaked, a line for the total so far. Quotes and backticks in a test's
 * name would end Mermaid's string or the Markdown fence, so they become single quotes.
 */
export function renderLeakChartMermaid(test: LeakingTest): string[] {
  const name = mermaidText(test.test)
  return test.series.flatMap((series) => [
    '```mermaid',
    'xychart-beta',
    `    title "${name}: ${mermaidText(seriesLabel(series))}, sum ${series.sum}"`,
    `    x-axis "run after the warm-ups" [${series.deltas.map((_, index) => index + 1).join(', ')}]`,
    `    y-axis "${MERMAID_AXIS}"`,
    `    bar [${series.deltas.join(', ')}]`,
    `    line [${cumulative(series.deltas).join(', ')}]`,
    '```',
    '',
  ])
}

function mermaidText(text: string): string {
  return text.replace(/["`]/g, "'").replace(/[\r\n]+/g, ' ')
}

const PANEL = { width: 340, height: 190, left: 48, right: 12, top: 30, bottom: 34 } as const

/**
 * The same charts as inline SVG drawn here (the HTML report loads nothing): one panel per kind of
 * leak, bars for each counted run, a line with dots for the total so far, the zero line and the
 * axis' range. Every text is escaped with `escapeText` (the HTML report's escaper).
 */
export function renderLeakChartSvg(test: LeakingTest, escapeText: (text: string) => string): string {
  const width = PANEL.width * test.series.length
  const panels = test.series.map((series, index) => svgPanel(series, index * PANEL.width, escapeText))
  return [
    `<svg class="leak-chart" role="img" viewBox="0 0 ${width} ${PANEL.height}" width="${width}" height="${PANEL.height}" aria-label="${escapeText(`${test.test}: leak growth per run`)}">`,
    `<title>${escapeText(`${test.test}: ${test.series.map((series) => `${seriesLabel(series)} [${series.deltas.join(', ')}], sum ${series.sum}`).join('; ')}`)}</title>`,
    ...panels,
    '</svg>',
  ].join('\n')
}

function svgPanel(series: LeakSeries, x0: number, escapeText: (text: string) => string): string {
  const totals = cumulative(series.deltas)
  const low = Math.min(0, ...series.deltas, ...totals)
  const high = Math.max(0, ...series.deltas, ...totals)
  const span = high - low || 1
  const plotWidth = PANEL.width - PANEL.left - PANEL.right
  const plotHeight = PANEL.height - PANEL.top - PANEL.bottom
  const y = (value: number) => round(PANEL.top + plotHeight * (1 - (value - low) / span))
  const slot = plotWidth / Math.max(1, series.deltas.length)
  const center = (index: number) => round(x0 + PANEL.left + slot * (index + 0.5))
  const barWidth = round(Math.max(2, slot * 0.5))
  const parts = [
    `<g class="panel">`,
    `<text class="chart-title" x="${x0 + PANEL.left}" y="18">${escapeText(`${seriesLabel(series)}, sum ${series.sum}`)}</text>`,
    `<line class="axis" x1="${x0 + PANEL.left}" y1="${PANEL.top}" x2="${x0 + PANEL.left}" y2="${PANEL.top + plotHeight}"/>`,
    `<line class="zero" x1="${x0 + PANEL.left}" y1="${y(0)}" x2="${x0 + PANEL.left + plotWidth}" y2="${y(0)}"/>`,
    `<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(high) + 4}" text-anchor="end">${high}</text>`,
    ...(low < 0 ? [`<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(low) + 4}" text-anchor="end">${low}</text>`] : []),
    `<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`,
  ]
  for (const [index, delta] of series.deltas.entries()) {
    const top = Math.min(y(delta), y(0))
    parts.push(
      `<rect class="bar" x="${round(center(index) - barWidth / 2)}" y="${top}" width="${barWidth}" height="${round(Math.max(1, Math.abs(y(delta) - y(0))))}"><title>run ${index + 1}: ${delta}</title></rect>`,
      `<text class="tick" x="${center(index)}" y="${PANEL.top + plotHeight + 16}" text-anchor="middle">${index + 1}</text>`,
    )
  }
  parts.push(`<polyline class="total" points="${totals.map((total, index) => `${center(index)},${y(total)}`).join(' ')}"/>`)
  for (const [index, total] of totals.entries())
    parts.push(`<circle class="total" cx="${center(index)}" cy="${y(total)}" r="3"><title>total after run ${index + 1}: ${total}</title></circle>`)
  parts.push(`<text class="legend" x="${x0 + PANEL.left}" y="${PANEL.height - 4}">run after the warm-ups · bars: each run · line: total</text>`, '</g>')
  return parts.join('\n')
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
