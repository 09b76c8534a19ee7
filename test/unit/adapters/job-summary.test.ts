/**
 * writeJobSummary through the real @actions/core summary writer: whatever it is given (a roll-up
 * of many cells may be larger than any one cell's summary) reaches GitHub's step summary file
 * within its 1 MiB limit, cut at whole lines with a note saying what was left out.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeJobSummary } from '../../../src/adapters/actions.js'
import { GITHUB_STEP_SUMMARY_MAX_BYTES } from '../../../src/report/summary-md.js'

describe('writeJobSummary', () => {
  // @actions/core reads GITHUB_STEP_SUMMARY once per process: one file for both tests, emptied before each.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pydebug-job-summary-')), 'summary')
  beforeEach(() => {
    writeFileSync(file, '')
    vi.stubEnv('GITHUB_STEP_SUMMARY', file)
  })
  afterEach(() => vi.unstubAllEnvs())

  it('cuts a summary over 1 MiB at whole lines, under the limit, and says what it left out', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, index) => `| \`cp311-pydebug\` | reference leak: test_leak_${index} leaked [3, 3, 3] references, sum=9 | ✅ |`,
    )
    const markdown = ['# pydebug: 40,000 findings', '', '| Cell | Finding | |', '|---|---|---|', ...rows, ''].join('\n')
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(2 * GITHUB_STEP_SUMMARY_MAX_BYTES)
    expect(await writeJobSummary(markdown)).toBe(true)
    const written = readFileSync(file, 'utf8')
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(GITHUB_STEP_SUMMARY_MAX_BYTES)
    const lines = written.trimEnd().split('\n')
    // Every line kept is a whole line of the input; the last says what is missing.
    expect(lines.slice(0, -1).every((line) => line === '' || markdown.includes(`${line}\n`))).toBe(true)
    expect(lines.at(-1)).toMatch(/This summary stops here to stay under 1,048,576 bytes .*: [\d,]+ more rows are left out/)
  })

  it('writes a summary within the limit as it is', async () => {
    expect(await writeJobSummary('## pydebug\n\nclean\n')).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe('## pydebug\n\nclean\n')
  })
})
