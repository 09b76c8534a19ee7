import { describe, expect, it } from 'vitest'
import type { Report } from '../../../src/report/model.js'
import { countByKind, GITHUB_STEP_SUMMARY_MAX_BYTES, renderSummaryMarkdown, SUMMARY_ROWS_SHOWN } from '../../../src/report/summary-md.js'
import { HUGE_FINDINGS, reportCase } from './report-cases.js'

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** Whether every code fence and <details> the Markdown opens is closed again. */
function balanced(markdown: string): boolean {
  const lines = markdown.split('\n')
  const fences = lines.filter((line) => line.startsWith('```')).length
  const opened = lines.filter((line) => line.startsWith('<details>')).length
  const closed = lines.filter((line) => line.startsWith('</details>')).length
  return fences % 2 === 0 && opened === closed
}

describe("the summary stays under GitHub's step summary limit", () => {
  it('is one constant: 1 MiB, the default of renderSummaryMarkdown', () => {
    expect(GITHUB_STEP_SUMMARY_MAX_BYTES).toBe(1_048_576)
    const report = reportCase('huge')
    expect(renderSummaryMarkdown(report)).toBe(renderSummaryMarkdown(report, GITHUB_STEP_SUMMARY_MAX_BYTES))
  })

  it(`a report of ${HUGE_FINDINGS.toLocaleString('en-US')} findings: under 1 MiB in UTF-8 bytes, saying what it left out and where it all is`, () => {
    const report = reportCase('huge')
    expect(report.findings.length).toBeGreaterThanOrEqual(HUGE_FINDINGS)
    const summary = renderSummaryMarkdown(report)
    expect(bytes(summary)).toBeLessThan(GITHUB_STEP_SUMMARY_MAX_BYTES)
    const findingRows = summary.split('\n').filter((line) => line.startsWith('| `test_'))
    expect(findingRows.length).toBeLessThanOrEqual(3 * SUMMARY_ROWS_SHOWN)
    const leftOut = report.findings.slice(SUMMARY_ROWS_SHOWN)
    expect(summary).toContain(
      `… and ${leftOut.length.toLocaleString('en-US')} more findings (${countByKind(leftOut)}): every row is in report.json and report.html`,
    )
    expect(balanced(summary)).toBe(true)
  })

  it.each([4_096, 10_000, 20_000, 33_000])('cut to %i bytes: whole lines, open blocks closed, the sections left out named', (maxBytes) => {
    const full = renderSummaryMarkdown(reportCase('huge'))
    const summary = renderSummaryMarkdown(reportCase('huge'), maxBytes)
    expect(bytes(full)).toBeGreaterThan(maxBytes)
    expect(bytes(summary)).toBeLessThanOrEqual(maxBytes)
    expect(balanced(summary)).toBe(true)
    const lines = summary.trimEnd().split('\n')
    const note = lines.at(-1)!
    expect(note).toMatch(
      /^\*\*✂️ This summary stops here to stay under [\d,]+ bytes \(GitHub's step summary limit\): [\d,]+ more rows and the sections .*Logs are left out; every row is in report\.json and report\.html/,
    )
    // Every line kept is a whole line of the full summary, in order (the closers and the note excepted).
    const kept = lines.slice(0, -1).filter((line) => line !== '</details>' && line !== '')
    const fullLines = full.split('\n')
    let at = 0
    for (const line of kept) {
      at = fullLines.indexOf(line, at)
      expect(at, line).toBeGreaterThanOrEqual(0)
    }
  })

  it('a multi-byte character is never split: the budget counts UTF-8 bytes', () => {
    const report: Report = { ...reportCase('huge'), cell: { ...reportCase('huge').cell!, id: 'ünïcödé-cell-€'.repeat(20) } }
    for (const maxBytes of [3_000, 3_001, 3_002, 3_003]) {
      const summary = renderSummaryMarkdown(report, maxBytes)
      expect(bytes(summary)).toBeLessThanOrEqual(maxBytes)
      expect(summary).not.toContain('\uFFFD')
    }
  })
})

describe('a run that stopped before anything ran', () => {
  it.each(['refused', 'build-failed'])('%s: no empty step table, no empty list of logs', (name) => {
    const summary = renderSummaryMarkdown(reportCase(name))
    expect(summary).not.toContain('| Step | Result |\n|---|---|\n\n')
    expect(summary).not.toContain('<details><summary>Logs</summary>\n\n\n')
  })
})
