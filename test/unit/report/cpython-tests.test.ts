import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { parseRegrtestJunit } from '../../../src/parse/regrtest-junit.js'
import { planCpythonTestsCommand, planCpythonTestsEnv } from '../../../src/plan/cpython-tests.js'
import { collectReport } from '../../../src/report/collect.js'
import type { CpythonTestsRun } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { parseLogText } from '../../helpers/parse-text.js'

const SCHEMA = JSON.parse(readFileSync(path.resolve(FIXTURES_DIR, '..', '..', 'schemas', 'report-v1.schema.json'), 'utf8'))
const OUT = '/out'

/** The run the fixtures came from, as the step returns it (src/steps/run-cpython-tests.ts). */
function runOf(logFixture: string, junitFixture?: string): CpythonTestsRun {
  const { lines, unparsed, ...details } = parseLogText(readFixture(logFixture))
  const selection = { kind: 'args' as const, args: ['--testdir', '/tmp/hangdir', 'test_hang_example', 'test_quick_a', 'test_quick_b'] }
  const plan = planCpythonTestsCommand({
    pythonPath: '/p/bin/python3',
    python: parsePythonVersion('3.11.2')!,
    selection,
    jobs: 2,
    timeoutSeconds: 5,
    junitXml: `${OUT}/cpython-tests.junit.xml`,
  })
  return {
    command: plan.argv,
    exitCode: 2,
    signal: null,
    timedOut: false,
    log: `${OUT}/logs/cpython-tests.log`,
    lines,
    unparsed,
    details,
    parsed: details.results.regrtest ?? new RegrtestParser().end(),
    selection,
    timeoutSeconds: 5,
    plan,
    environment: planCpythonTestsEnv({ PYTHONPATH: '/x' }, { PYTHONMALLOC: 'malloc' }),
    junitXml: `${OUT}/cpython-tests.junit.xml`,
    ...(junitFixture ? { junit: parseRegrtestJunit(readFixture(junitFixture)) } : {}),
  }
}

const collect = (run: CpythonTestsRun) =>
  collectReport({
    toolVersion: '0.1.0',
    generatedAt: '2026-12-02T00:00:00Z',
    extensions: [],
    cpythonTests: run,
    relative: (absolute) => path.posix.relative(OUT, absolute),
  })

describe("CPython's test suite in the report", () => {
  const report = collect(runOf('cpython-3.11.2-pydebug/cpython-tests-j2-timeout.txt', 'cpython-3.11.2-pydebug/cpython-tests-j2-timeout.junit.xml'))

  it("counts what regrtest's summary says, and calls the test file killed at its timeout timed out", () => {
    expect(report.cpythonTests!.counts).toEqual({
      ok: 2,
      failed: 1,
      skipped: 0,
      resourceDenied: 0,
      envChanged: 0,
      timedOut: 1,
      rerun: 0,
      runNoTests: 0,
      omitted: 0,
    })
    expect(report.cpythonTests!.tests.map((test) => [test.name, test.outcome])).toEqual([
      ['test_quick_b', 'passed'],
      ['test_quick_a', 'passed'],
      ['test_hang_example', 'timed-out'],
    ])
    expect(report.cpythonTests!.state).toBe('FAILURE')
  })

  it('makes the timeout a finding of its own, and nothing else', () => {
    expect(report.status).toBe('findings')
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'timeout',
        test: 'test_hang_example',
        pass: 'cpython-tests',
        log: 'logs/cpython-tests.log',
        message: "test_hang_example timed out after 5 s in CPython's test suite and was killed; the other test files ran",
      }),
    ])
  })

  it('reads the JUnit XML: totals, one entry per finished file, durations per file', () => {
    expect(report.cpythonTests!.junit).toEqual({ path: 'cpython-tests.junit.xml', tests: 4, failures: 0, errors: 0, skipped: 0, files: 2 })
    expect(Object.keys(report.cpythonTests!.durations)).toEqual(['test_quick_a', 'test_quick_b'])
  })

  it('says which runtime settings applied and how, in report.json and summary.md', () => {
    expect(report.cpythonTests!.environment).toMatchObject({ applied: { PYTHONMALLOC: 'malloc' }, removed: ['PYTHONPATH'] })
    const summary = renderSummaryMarkdown(report)
    expect(summary).toContain('| 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |')
    expect(summary).toContain('Failed: `test_hang_example` (timed out).')
    expect(summary).toContain('applied `PYTHONMALLOC=malloc`; removed `PYTHONPATH`')
  })

  it('writes a report the JSON Schema accepts', () => {
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('reports a run that printed no summary as not finished', () => {
    const cut = collect(runOf('cpython-3.11.2-pydebug/regrtest-R-j1-worker-failed-non-utf8.txt'))
    expect(cut.cpythonTests!.finished).toBe(cut.cpythonTests!.state !== undefined)
  })

  it("keeps regrtest's counts on 3.13 and 3.11 mixed outcomes", () => {
    for (const [fixture, resourceDenied, skipped] of [
      ['cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt', 1, 2],
      ['cpython-3.13.5-pydebug/regrtest-j1-mixed-outcomes.txt', 1, 1],
    ] as const) {
      const mixed = collect(runOf(fixture)).cpythonTests!
      expect(mixed.counts, fixture).toEqual({ ok: 1, failed: 3, skipped, resourceDenied, envChanged: 1, timedOut: 1, rerun: 0, runNoTests: 1, omitted: 0 })
      expect(mixed.timedOutTests).toEqual(['test_hangs'])
    }
  })
})
