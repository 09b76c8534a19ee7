import { describe, expect, it } from 'vitest'
import { buildReport, renderParsedMarkdown } from '../../../src/report/parsed-logs.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { collectReport } from '../../../src/report/collect.js'
import type { Finding } from '../../../src/report/model.js'
import type { RefleakHunt } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

// `pydebug report parse` and `pydebug run` derive their findings with the same functions
// (report/findings.ts): a log read either way gives the same findings, worded alike.
const LOG = 'logs/refleak.log'
const LEAK_KINDS = new Set<Finding['kind']>(['reference-leak', 'block-leak', 'fd-leak'])

/** The findings `pydebug report parse` makes of a real log, named as the run names its refleak log. */
function parseWay(fixture: string) {
  return buildReport([{ path: LOG, parsed: parseLogText(readFixture(fixture)) }], new Date('2026-11-24T00:00:00Z'))
}

/** The findings `pydebug run` makes of the same log as its regrtest -R run (collectReport, as the pipeline calls it). */
function runWay(fixture: string) {
  const { lines, unparsed, ...details } = parseLogText(readFixture(fixture))
  const parsed = details.results.regrtest ?? new RegrtestParser().end()
  const hunt: RefleakHunt = {
    warmups: 3,
    runs: 3,
    discovery: { testsDir: '/out/tests', modules: parsed.tests.map((test) => test.name), nested: [], pytestStyle: [] },
    run: { command: ['python', '-m', 'test'], exitCode: 2, signal: null, timedOut: false, log: `/out/${LOG}`, lines, unparsed, details, parsed },
    cases: {},
    casesNotRun: {},
    caseIds: {},
  }
  return collectReport({
    toolVersion: '0.1.0',
    generatedAt: '2026-11-24T00:00:00.000Z',
    extensions: [],
    refleaks: hunt,
    relative: (file) => file.replace('/out/', ''),
  })
}

/** The run's findings but "nothing was tested", which is what a run vouches for (its tests folder, its runner): reading a log is not a test run. */
function runFindings(fixture: string): Finding[] {
  return runWay(fixture).findings.filter((finding) => finding.kind !== 'nothing-tested')
}

describe('one report pipeline: report parse and run read a log alike', () => {
  it('regrtest -R on 3.11.2: the leak finding is the same either way, with its deltas and sum', () => {
    const fixture = 'cpython-3.11.2-pydebug/regrtest-R-leaky.txt'
    const parsedLeaks = parseWay(fixture).findings.filter((finding) => LEAK_KINDS.has(finding.kind))
    const runLeaks = runWay(fixture).findings.filter((finding) => LEAK_KINDS.has(finding.kind))
    expect(runLeaks).toHaveLength(1)
    expect(parsedLeaks).toEqual(runLeaks)
    expect(parsedLeaks[0]).toEqual({
      kind: 'reference-leak',
      test: 'test_leaky',
      message: 'test_leaky leaked 3 references per run (deltas [3, 3, 3], sum=9)',
      deltas: [3, 3, 3],
      sum: 9,
      log: LOG,
      pass: 'refleak',
    })
  })

  // Crashes with their cause, fatal errors, use after free, leaks next to "this is fine" deltas, a broken worker.
  it.each([
    'cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt',
    'cpython-3.11.2-pydebug/regrtest-R-j1-checkresult-and-overrun-via-helper.txt',
    'cpython-3.11.2-pydebug/regrtest-R-j1-worker-failed-non-utf8.txt',
    'cpython-3.13.5-pydebug/pipeline-refleak-j1.txt',
    'cpython-3.13.5-pydebug/regrtest-R-this-is-fine.txt',
  ])('regrtest -R log %s: every finding is the same either way', (fixture) => {
    const parsed = parseWay(fixture).findings
    expect(parsed.length).toBeGreaterThan(0)
    expect(parsed).toEqual(runFindings(fixture))
  })

  // Timeouts, failures with their traceback, tests that ran nothing or were omitted. A run's refleak pass runs -R; a log that
  // does not show it (no `beginning N repetitions`, no leak: here -j1 without -R, and a worker that died before its first test) is no such pass.
  it.each([
    'cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt',
    'cpython-3.13.5-pydebug/regrtest-j1-mixed-outcomes.txt',
    'cpython-3.11.2-pydebug/regrtest-R-j1-double-free-kills-worker.txt',
  ])('regrtest log that does not show -R %s: the same findings, claiming no pass', (fixture) => {
    const parsed = parseWay(fixture).findings
    expect(parsed.length).toBeGreaterThan(0)
    expect(parsed).toEqual(runFindings(fixture).map(({ pass, ...finding }) => finding))
  })

  it("report parse's Markdown shows a finding as the run's summary does", () => {
    const fixture = 'cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt'
    const findingRows = (markdown: string) => markdown.split('\n').filter((line) => /^\| `test_/.test(line))
    const rows = findingRows(renderSummaryMarkdown(runWay(fixture))).filter((row) => !row.includes('<br>'))
    expect(rows).toContain('| `test_leaky` | reference leak |  | [3, 3, 3] |')
    expect(findingRows(renderParsedMarkdown(parseWay(fixture)))).toEqual(rows)
  })
})
