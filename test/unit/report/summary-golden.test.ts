import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../../src/report/model.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

// Each case is a real report.json (paths and timings normalised) and the summary.md it renders to.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'summary')

describe('renderSummaryMarkdown golden files', () => {
  for (const name of readdirSync(GOLDEN_DIR)) {
    it(name, () => {
      const report = JSON.parse(readFileSync(path.join(GOLDEN_DIR, name, 'report.json'), 'utf8')) as Report
      const expectedPath = path.join(GOLDEN_DIR, name, 'summary.md')
      const rendered = renderSummaryMarkdown(report)
      // A missing golden is a failure, not a new golden: UPDATE_GOLDEN=1 writes it on purpose.
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, rendered)
      expect(existsSync(expectedPath), `${expectedPath} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true)
      expect(rendered).toBe(readFileSync(expectedPath, 'utf8'))
    })
  }
})

describe('renderSummaryMarkdown escaping', () => {
  it('keeps user-controlled text from breaking the table or injecting HTML', () => {
    const report = JSON.parse(readFileSync(path.join(GOLDEN_DIR, 'leaky-cp311-pydebug', 'report.json'), 'utf8')) as Report
    const hostile: Report = {
      ...report,
      findings: [{ kind: 'crash', test: 'test_x|y', message: 'm', detail: 'Fatal Python error: <script>`|`</script>', log: 'logs/x.log' }],
    }
    const rendered = renderSummaryMarkdown(hostile)
    expect(rendered).toContain("| `test_x\\|y` | crash: `Fatal Python error: <script>'\\|'</script>` |  |")
  })
})
