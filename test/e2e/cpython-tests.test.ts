/**
 * CPython's own test suite in a cell, for real: the 3.11.2 pydebug interpreter from the cache
 * folder (built when missing), regrtest run as `make test` runs it (without -E, with -jN workers,
 * --timeout and --junit-xml), on a handful of fast stdlib test files, and on a --testdir holding a
 * test that hangs. The report's counts are checked against regrtest's own summary in the log and
 * against the JUnit XML, read here without pydebug's parsers.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/model.js'
import { validate } from '../helpers/json-schema.js'
import { pydebug, readReport } from '../helpers/leaky.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-cpython-tests-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const runArgs = (out: string, ...more: string[]) => [
  'run',
  '--python',
  '3.11.2',
  '--variant',
  'pydebug',
  ...sourceArgs,
  '--cache-dir',
  cacheDir,
  '--out',
  out,
  ...more,
]

/** regrtest's closing summary, read straight from the log: `2 tests OK.`, `1 test failed:`, ... */
function rawSummary(logPath: string): Record<string, number> {
  const log = readFileSync(logPath, 'utf8')
  const counts: Record<string, number> = {}
  for (const match of log.matchAll(/^(?:All )?(\d+) tests? (OK\.|failed:|skipped:|altered the execution environment:|run no tests:|omitted:)$/gm))
    counts[match[2].replace(/[.:]$/, '')] = Number(match[1])
  for (const match of log.matchAll(/^(\d+) re-run tests?:$/gm)) counts['re-run'] = Number(match[1])
  return counts
}

/** The JUnit XML's root totals and its test cases, counted without pydebug's parser. */
function rawJunit(file: string) {
  const xml = readFileSync(file, 'utf8')
  const root = /<testsuites tests="(\d+)" errors="(\d+)" failures="(\d+)"/.exec(xml)!
  return {
    tests: Number(root[1]),
    errors: Number(root[2]),
    failures: Number(root[3]),
    cases: [...xml.matchAll(/<testcase name="([^"]+)"/g)].map((match) => match[1]),
  }
}

describe.sequential("CPython's own test suite on 3.11.2 pydebug", () => {
  describe('a handful of fast stdlib test files', () => {
    const out = path.join(scratch, 'stdlib')
    let run: Awaited<ReturnType<typeof pydebug>>
    let report: Report

    beforeAll(async () => {
      run = await pydebug(runArgs(out, '--cpython-tests', 'test_bool test_int test_unittest'))
      if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${run.stderr}`)
      report = readReport(out)
    })

    it("runs them as make test does, without -E, and reports regrtest's own counts", () => {
      expect(run.code, run.stderr).toBe(0)
      expect(report.status).toBe('clean')
      const section = report.cpythonTests!
      expect(section.command).toEqual(expect.arrayContaining(['-m', 'test', '-r', '--timeout', '1200', '-u', 'all,-largefile,-audio,-gui', '--junit-xml']))
      expect(section.command.slice(1, 5)).toEqual(['-u', '-W', 'default', '-bb'])
      expect(section.command).not.toContain('-E')
      const raw = rawSummary(path.join(out, section.log))
      expect(raw).toEqual({ OK: 3 })
      expect(section.counts).toEqual({ ok: raw.OK, failed: 0, skipped: 0, resourceDenied: 0, envChanged: 0, timedOut: 0, rerun: 0, runNoTests: 0, omitted: 0 })
      expect(section.state).toBe('SUCCESS')
    })

    it('writes the JUnit XML into the out folder, with totals that match its cases and the summary', () => {
      const junitPath = path.join(out, 'cpython-tests.junit.xml')
      expect(existsSync(junitPath)).toBe(true)
      const junit = rawJunit(junitPath)
      expect(junit.cases.length).toBe(junit.tests)
      expect(junit.tests).toBeGreaterThan(100)
      expect({ failures: junit.failures, errors: junit.errors }).toEqual({ failures: 0, errors: 0 })
      expect(report.cpythonTests!.junit).toMatchObject({ path: 'cpython-tests.junit.xml', tests: junit.tests, failures: 0, errors: 0 })
      expect(junit.cases.some((id) => id.startsWith('test.test_bool.'))).toBe(true)
      expect(junit.cases.some((id) => id.startsWith('test.test_int.'))).toBe(true)
      expect(report.cpythonTests!.durations).toHaveProperty('test_int')
    })

    it('writes a summary table and a report the JSON Schema accepts', () => {
      expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain("### CPython's test suite")
      expect(validate(SCHEMA, report)).toEqual([])
    })
  })

  describe('a test file that hangs, among two quick ones', () => {
    const out = path.join(scratch, 'hang')
    const testDir = path.join(scratch, 'hang-tests')
    let run: Awaited<ReturnType<typeof pydebug>>
    let report: Report
    let seconds: number

    beforeAll(async () => {
      mkdirSync(testDir, { recursive: true })
      writeFileSync(
        path.join(testDir, 'test_hang_example.py'),
        'import time\nimport unittest\n\n\nclass HangTests(unittest.TestCase):\n    def test_sleeps(self):\n        time.sleep(3600)\n',
      )
      for (const name of ['test_quick_a', 'test_quick_b']) {
        writeFileSync(
          path.join(testDir, `${name}.py`),
          'import unittest\n\n\nclass QuickTests(unittest.TestCase):\n    def test_adds(self):\n        self.assertEqual(1 + 1, 2)\n\n    def test_joins(self):\n        self.assertEqual("a" + "b", "ab")\n',
        )
      }
      const started = Date.now()
      run = await pydebug(runArgs(out, '--test-timeout', '5', `--cpython-tests=--testdir ${testDir} test_hang_example test_quick_a test_quick_b`))
      seconds = (Date.now() - started) / 1000
      if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${run.stderr}`)
      report = readReport(out)
    })

    it('kills the hung test at its timeout and reports it as timed out, while the others complete', () => {
      expect(run.code, run.stderr).toBe(1)
      expect(seconds).toBeLessThan(60)
      const section = report.cpythonTests!
      expect(section.tests.map((test) => [test.name, test.outcome]).sort()).toEqual([
        ['test_hang_example', 'timed-out'],
        ['test_quick_a', 'passed'],
        ['test_quick_b', 'passed'],
      ])
      expect(report.findings).toEqual([expect.objectContaining({ kind: 'timeout', test: 'test_hang_example', pass: 'cpython-tests' })])
      expect(run.stdout).toMatch(/^ {2}timeout: test_hang_example timed out after 5 s/m)
    })

    it("counts what regrtest's summary says, and the JUnit XML holds every case that finished", () => {
      const section = report.cpythonTests!
      const raw = rawSummary(path.join(out, section.log))
      expect(raw).toEqual({ OK: 2, failed: 1 })
      expect(section.counts).toMatchObject({ ok: raw.OK, failed: raw.failed, timedOut: 1 })
      const junit = rawJunit(path.join(out, 'cpython-tests.junit.xml'))
      expect(junit.cases.sort()).toEqual([
        'test_quick_a.QuickTests.test_adds',
        'test_quick_a.QuickTests.test_joins',
        'test_quick_b.QuickTests.test_adds',
        'test_quick_b.QuickTests.test_joins',
      ])
      expect(section.junit).toMatchObject({ tests: 4, failures: 0, errors: 0, files: 2 })
      expect(validate(SCHEMA, report)).toEqual([])
    })
  })
})
