import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../../src/report/model.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { REPORT_CASES, reportCase, SUMMARY_GOLDEN_DIR } from './report-cases.js'
import { expectGolden } from '../../helpers/golden.js'

// Each case's report (report-cases.ts: real report.json files and reports derived from them) and the summary.md it renders to.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
describe('renderSummaryMarkdown golden files', () => {
  for (const { name, report } of REPORT_CASES) {
    it(name, () => {
      const expectedPath = path.join(SUMMARY_GOLDEN_DIR, name, 'summary.md')
      expectGolden(expectedPath, renderSummaryMarkdown(report()))
    })
  }

  it('every folder of expected files belongs to a case', () => {
    expect(readdirSync(SUMMARY_GOLDEN_DIR).sort()).toEqual(REPORT_CASES.map((testCase) => testCase.name).sort())
  })
})

describe('renderSummaryMarkdown escaping', () => {
  it('keeps user-controlled text from breaking the table or injecting HTML', () => {
    const hostile: Report = {
      ...reportCase('leaky-cp311-pydebug'),
      findings: [{ kind: 'crash', test: 'test_x|y', message: 'm', detail: 'Fatal Python error: <script>`|`</script>', log: 'logs/x.log' }],
    }
    const rendered = renderSummaryMarkdown(hostile)
    expect(rendered).toContain("| `test_x\\|y` | crash: `Fatal Python error: <script>'\\|'</script>` |  |")
  })
})
