import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HTML_ROWS_SHOWN, renderHtmlReport } from '../../../src/report/html-report.js'
import type { Report } from '../../../src/report/model.js'
import { HTML_GOLDEN_DIR, REPORT_CASES, reportCase } from './report-cases.js'
import { expectGolden } from '../../helpers/golden.js'

// Each case's report (report-cases.ts) and the report.html it renders to. UPDATE_GOLDEN=1 rewrites the expected files; review the diff.
describe('renderHtmlReport golden files', () => {
  for (const { name, report } of REPORT_CASES) {
    it(name, () => {
      const expectedPath = path.join(HTML_GOLDEN_DIR, name, 'report.html')
      expectGolden(expectedPath, renderHtmlReport(report()))
    })
  }

  it('every folder of expected files belongs to a case', () => {
    expect(readdirSync(HTML_GOLDEN_DIR).sort()).toEqual(REPORT_CASES.map((testCase) => testCase.name).sort())
  })
})

describe('renderHtmlReport is one file that loads nothing', () => {
  it.each(REPORT_CASES.map((testCase) => testCase.name))('%s: no external script, style, image, link or font', (name) => {
    const html = renderHtmlReport(reportCase(name))
    expect(html).not.toMatch(/\s(?:src|href|xlink:href|srcset|action)\s*=/i)
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|img|base)\b/i)
    expect(html).not.toMatch(/url\(|@import/i)
    expect(html).not.toMatch(/https?:\/\//)
    expect(html.match(/<script>/g)).toHaveLength(1)
  })
})

describe('renderHtmlReport escaping', () => {
  it("a finding's text, test name and place cannot open a tag or leave an attribute", () => {
    const hostile: Report = {
      ...reportCase('leaky-cp311-pydebug'),
      findings: [
        {
          kind: 'reference-leak',
          test: 'test_x"><img onerror=alert(1)>',
          case: '<script>alert("case")</script>',
          message: '<script>alert("message")</script>',
          detail: "Fatal Python error: <script>alert('detail')</script> & more",
          deltas: [1, 2, 3],
          file: 'tests/</td><script>x</script>.py',
          line: 3,
          function: '<b>f</b>',
          log: 'logs/<x>.log',
          traceback: ['  File "<script>", line 1', 'ValueError: </pre><script>evil()</script>'],
        },
      ],
    }
    // <wbr> (a place a long name may wrap) is markup of the report's own.
    const html = renderHtmlReport(hostile).replaceAll('<wbr>', '')
    // The only script is the report's own sorting script, and no tag comes from the report's text.
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).not.toMatch(/<img|<b>|<\/pre><script>/)
    expect(html).toContain('&#60;script&#62;alert(&#34;case&#34;)&#60;/script&#62;')
    expect(html).toContain('Fatal Python error: &#60;script&#62;alert(&#39;detail&#39;)&#60;/script&#62; &#38; more')
    expect(html).toContain('tests/&#60;/td&#62;&#60;script&#62;x&#60;/script&#62;.py:3')
    expect(html).toContain('ValueError: &#60;/pre&#62;&#60;script&#62;evil()&#60;/script&#62;')
  })
})

describe('renderHtmlReport content', () => {
  const html = renderHtmlReport(reportCase('leaky-cp311-pydebug')).replaceAll('<wbr>', '')

  it('shows the cell, where the interpreter came from, the verdicts, the leaks per run with their sums, and a chart per leaking test', () => {
    expect(html).toContain('<h1>pydebug: cp311-pydebug · CPython 3.11.2 · pydebug</h1>')
    expect(html).toContain('restored from the local cache in 0.0 s')
    expect(html).toContain('crashed (Exit code -6)')
    expect(html).toMatch(
      /<td><code>test_leaky\.LeakyTests\.test_leak_blocks<\/code><\/td><td class="nowrap"><\/td><td class="number"><\/td><td class="nowrap">\[26, 32, 28\]<\/td><td class="number" data-sort="86">86<\/td><\/tr>/,
    )
    expect(html.match(/<svg class="leak-chart"/g)).toHaveLength(2)
    expect(html).toContain('<code>examples/leaky/tests/test_overrun.py:9</code>')
  })

  it('shows the top size classes of the allocation report and the C frames of memory errors', () => {
    const memory = renderHtmlReport(reportCase('memory-errors')).replaceAll('<wbr>', '')
    expect(memory).toContain('80 B: 9376 → 9378 (+2)')
    expect(memory).toContain('<code>heap_overflow</code>')
    expect(memory).toContain('<code>signed_overflow</code>')
  })

  it(`a huge report: at most ${HTML_ROWS_SHOWN} rows per table, the rest counted`, () => {
    const huge = renderHtmlReport(reportCase('huge'))
    const findingsTable = huge.slice(huge.indexOf('<table id="findings"'), huge.indexOf('</table>', huge.indexOf('<table id="findings"')))
    expect(findingsTable.match(/<tr>/g)).toHaveLength(HTML_ROWS_SHOWN + 1)
    expect(huge).toContain('… and 9,502 more findings: report.json holds every one.')
  })
})
