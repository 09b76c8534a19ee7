import { describe, expect, it } from 'vitest'
import { parseLogText } from '../../../src/parse/detect.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { collectReport } from '../../../src/report/collect.js'
import type { RefleakHunt } from '../../../src/steps/run-tests.js'
import { readFixture } from '../../helpers/fixtures.js'

/** A refleak hunt as the pipeline builds it, from a real regrtest log. */
function huntFrom(fixture: string): RefleakHunt {
  const { lines, unparsed, ...details } = parseLogText(readFixture(fixture))
  const run = { command: ['python', '-m', 'test'], exitCode: 2, signal: null, timedOut: false, log: '/out/logs/refleak.log', lines, unparsed, details, parsed: details.results.regrtest ?? new RegrtestParser().end() }
  return { warmups: 3, runs: 3, run, cases: {}, casesNotRun: 0 }
}

const collect = (fixture: string) =>
  collectReport({ toolVersion: '0.1.0', generatedAt: '2026-11-24T00:00:00.000Z', extensions: [], refleaks: huntFrom(fixture), relative: (file) => file.replace('/out/', '') })

describe('collectReport findings from real regrtest logs', () => {
  it('3.11.2 -j1 with every outcome: the hung test is a timeout (regrtest says crashed), the segfault a crash, the failure a failure', () => {
    const report = collect('cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt')
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toEqual([
      ['crash', 'test_segv'],
      ['timeout', 'test_hangs'],
      ['test-failure', 'test_envchanged'],
      ['test-failure', 'test_fails'],
    ])
    expect(report.findings[1]).toMatchObject({ message: 'test_hangs timed out: Timeout (0:00:05)! (regrtest: crashed (Exit code 1))', log: 'logs/refleak.log' })
    expect(report.findings[0].message).toBe('test_segv crashed (Exit code -11): Fatal Python error: Segmentation fault')
    expect(report.status).toBe('findings')
  })

  it('3.13.5 -R with -j1: leaks with their deltas, the overrun with its line, problems errors first', () => {
    const report = collect('cpython-3.13.5-pydebug/pipeline-refleak-j1.txt')
    expect(report.findings.map((finding) => [finding.kind, finding.test, finding.deltas])).toEqual([
      ['crash', 'test_overrun', undefined],
      ['reference-leak', 'test_leaky', [3, 3, 3]],
      ['block-leak', 'test_leaky', [35, 35, 35]],
    ])
    expect(report.findings[0]).toMatchObject({ message: expect.stringMatching(/^test_overrun crashed \(Exit code -6 \(SIGABRT\)\): buffer overrun of 1 byte detected on free in \S*tests\/test_overrun\.py:9$/), line: 9 })
    expect(report.problems!.every((problem, index, all) => index === 0 || ['error', 'warning', 'note'].indexOf(all[index - 1].severity) <= ['error', 'warning', 'note'].indexOf(problem.severity))).toBe(true)
  })
})
