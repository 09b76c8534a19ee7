import { regrtestFileOutcome } from '../../../src/plan/test-file-runner.js'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { ValgrindXmlParser } from '../../../src/parse/valgrind-xml.js'
import { collectReport } from '../../../src/report/collect.js'
import { memcheckFindingKind, userSourceFile } from '../../../src/report/memcheck.js'
import type { MemcheckFileRun, MemcheckRun, MemcheckSuppressions } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { memcheckXmlFiles } from '../../../src/steps/run-memcheck.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { parseLogText } from '../../helpers/parse-text.js'

/**
 * Real memcheck output of examples/defects (test/fixtures/README.md says how it was captured): each
 * test file's regrtest log and the XML file of each process memcheck followed.
 */
const FIXTURE = 'cpython-3.11.2-valgrind-memcheck'
// Where the capture ran: the extension build's copy of the project (the debug info names it), the built module, the checkout.
const BUILD = '/root/.cache/pydebug-ci/extensions/defects-cp311d-3.11.2-fd645fe901e27a5e'
const CAPTURE = { copy: `${BUILD}/src`, site: `${BUILD}/site`, project: '/work/main/examples/defects', workspace: '/work/main' }
const SCHEMA = JSON.parse(readFixture('../../schemas/report-v1.schema.json'))

function fileRun(testFile: string, caseIds?: string[]): MemcheckFileRun {
  const hints = { workspace: CAPTURE.workspace, extensionPaths: [`${CAPTURE.copy}/`, `${CAPTURE.site}/`] }
  const { lines, unparsed, ...details } = parseLogText(readFixture(`${FIXTURE}/${testFile}.log`), hints)
  const processes = memcheckXmlFiles(readdirSync(path.join(FIXTURES_DIR, FIXTURE)), testFile).map((name) => {
    const { lines: xmlLines, unparsed: xmlUnparsed, ...xmlDetails } = parseLogText(readFixture(`${FIXTURE}/${name}`), hints)
    return {
      xml: `/out/logs/valgrind/${name}`,
      lines: xmlLines,
      unparsed: xmlUnparsed,
      details: xmlDetails,
      valgrind: xmlDetails.results['valgrind-xml'] ?? new ValgrindXmlParser().end(),
    }
  })
  return {
    command: ['valgrind', '--tool=memcheck', 'python3', '-m', 'test', testFile],
    exitCode: 0,
    signal: null,
    timedOut: false,
    log: `/out/logs/valgrind/${testFile}.log`,
    lines,
    unparsed,
    details,
    testFile,
    outcome: regrtestFileOutcome(details.results.regrtest ?? new RegrtestParser().end(), testFile, { signal: null, timedOut: false }),
    progress: { started: [] },
    processes,
    ...(caseIds ? { caseIds } : {}),
  }
}

const SUPPRESSIONS: MemcheckSuppressions = { file: '/cache/cpython/key/share/pydebug/valgrind-python.supp', origin: 'install' }

function memcheckRun(files: MemcheckFileRun[], suppressions = SUPPRESSIONS): MemcheckRun {
  return { valgrind: 'valgrind-3.19.0', suppressions, files, sources: [{ copy: CAPTURE.copy, project: CAPTURE.project }], workspace: CAPTURE.workspace }
}

const reportOf = (run: MemcheckRun) =>
  collectReport({ toolVersion: '0.1.0', generatedAt: '2026-12-02T00:00:00.000Z', extensions: [], memcheck: run, relative: (file) => file.replace('/out/', '') })

describe('memcheck findings from real XML (examples/defects)', () => {
  const uninitialised = fileRun('test_uninitialised', ['test_uninitialised.UninitialisedTests.test_uninitialised_branch'])
  const overflow = fileRun('test_heap_overflow', ['test_heap_overflow.HeapOverflowTests.test_heap_overflow'])
  const clean = fileRun('test_clean')
  const report = reportOf(memcheckRun([clean, overflow, uninitialised]))

  it("names the test file and case, the kind and the user's function and line, in the project, not the build copy", () => {
    const findings = report.findings.filter((finding) => finding.pass === 'memcheck')
    expect(findings.map(({ kind, test, case: testCase, function: fn, file, line }) => ({ kind, test, case: testCase, function: fn, file, line }))).toEqual([
      {
        kind: 'invalid-write',
        test: 'test_heap_overflow',
        case: 'test_heap_overflow.HeapOverflowTests.test_heap_overflow',
        function: 'heap_overflow',
        file: 'examples/defects/defects.c',
        line: 29,
      },
      {
        kind: 'uninitialised-value',
        test: 'test_uninitialised',
        case: 'test_uninitialised.UninitialisedTests.test_uninitialised_branch',
        function: 'uninitialised_branch',
        file: 'examples/defects/defects.c',
        line: 20,
      },
    ])
    expect(findings[1].message).toBe(
      // One finding for the three reports memcheck made from that line (two branches and a use, inside PyLong_FromLong).
      'test_uninitialised.UninitialisedTests.test_uninitialised_branch: memcheck: Conditional jump or move depends on uninitialised value(s) in uninitialised_branch (examples/defects/defects.c:20) (3 reports)',
    )
  })

  it("counts CPython's own errors (no frame of the user's code) without making them findings", () => {
    const section = report.memcheck!
    const cleanFile = section.files.find((file) => file.name === 'test_clean')!
    expect(cleanFile.errors).toEqual([])
    expect(cleanFile.processes[0].errors).toBeGreaterThan(0)
    expect(cleanFile.processes[0].userErrors).toBe(0)
    expect(report.findings.some((finding) => finding.test === 'test_clean')).toBe(false)
    // They stay in problems, as notes.
    const cleanXml = cleanFile.processes[0].xml
    expect(report.problems?.filter((problem) => problem.log === cleanXml).every((problem) => problem.severity === 'note')).toBe(true)
    // valgrind's distinct errors: the write, and three from the uninitialised value (one finding).
    expect(section.totals).toMatchObject({ files: 3, processes: 3, userErrors: 4 })
    expect(section.totals.errors).toBe(section.files.flatMap((file) => file.processes).reduce((total, process) => total + process.errors, 0))
  })

  it('a file with several cases keeps the file and leaves the case out', () => {
    const several = reportOf(memcheckRun([fileRun('test_uninitialised', ['test_uninitialised.A.test_one', 'test_uninitialised.A.test_two'])]))
    const finding = several.findings.find((candidate) => candidate.pass === 'memcheck')!
    expect(finding.test).toBe('test_uninitialised')
    expect(finding.case).toBeUndefined()
    expect(finding.message).toMatch(/^test_uninitialised: memcheck: /)
  })

  it('a file of several cases, each re-run alone: the error names the case whose run showed it', () => {
    const ids = ['test_uninitialised.A.test_branch', 'test_uninitialised.A.test_add']
    // Real runs standing in for the cases: one with the error (test_uninitialised's), one without (test_clean's).
    const caseRun = (id: string, from: string) => ({ ...fileRun(from), id, log: `/out/logs/valgrind/cases/${id}.log` })
    const file = { ...fileRun('test_uninitialised', ids), cases: [caseRun(ids[0], 'test_uninitialised'), caseRun(ids[1], 'test_clean')], casesNotRun: 1 }
    const attributed = reportOf(memcheckRun([file]))
    const findings = attributed.findings.filter((finding) => finding.pass === 'memcheck')
    expect(findings.map((finding) => [finding.test, finding.case, finding.function, finding.line])).toEqual([
      ['test_uninitialised', ids[0], 'uninitialised_branch', 20],
    ])
    expect(attributed.memcheck?.files[0]).toMatchObject({ casesNotRun: 1, cases: [{ id: ids[0], log: `logs/valgrind/cases/${ids[0]}.log` }, { id: ids[1] }] })
    // Every run's log and XML file is listed.
    expect(attributed.logs.filter((log) => log.kind === 'valgrind-xml')).toHaveLength(3)
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(attributed)))).toEqual([])
  })

  it('passes the report schema', () => {
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('the summary shows what memcheck looked at, and each finding', () => {
    const summary = renderSummaryMarkdown(report)
    expect(summary).toMatch(
      /\| Memcheck \| valgrind-3\.19\.0 on 3 test files \(3 processes\): 4 errors in the extension's code, \d+ inside CPython or the system, 0 suppressed \|/,
    )
    expect(summary).toContain('| `test_uninitialised` | 1 | 3 |')
    expect(summary).toContain("Suppressions: CPython's `valgrind-python.supp`")
    expect(summary).toContain(
      '`test_uninitialised.UninitialisedTests.test_uninitialised_branch` | uninitialised value: `Conditional jump or move depends on uninitialised value(s) (3 reports)` (valgrind memcheck) | `examples/defects/defects.c:20` in `uninitialised_branch`',
    )
    expect(summary).not.toContain("memcheck found no error in the extension's code")
  })

  it('says so plainly when memcheck found nothing in the extension, and when it ran without suppressions', () => {
    const summary = renderSummaryMarkdown(reportOf(memcheckRun([fileRun('test_clean')], { origin: 'none', note: 'no suppressions file here' })))
    expect(summary).toContain(
      "**memcheck found no error in the extension's code**: no invalid read or write, invalid free, use of an uninitialised value or definitely lost block in 1 test file (1 process).",
    )
    expect(summary).toContain('No suppressions: no suppressions file here.')
    expect(summary).toContain('(no suppressions file)')
  })
})

describe('memcheck kinds and places', () => {
  it("maps valgrind's error kinds to finding kinds", () => {
    expect(
      ['InvalidRead', 'InvalidWrite', 'InvalidFree', 'MismatchedFree', 'UninitValue', 'UninitCondition', 'Leak_DefinitelyLost', 'SyscallParam', 'Overlap'].map(
        memcheckFindingKind,
      ),
    ).toEqual([
      'invalid-read',
      'invalid-write',
      'invalid-free',
      'allocator-mismatch',
      'uninitialised-value',
      'uninitialised-value',
      'memory-leak',
      'memory-error',
      'memory-error',
    ])
  })

  it("turns the build copy's path into the project's, relative to the workspace", () => {
    const run = { sources: [{ copy: '/cache/extensions/k/src', project: '/work/repo/ext' }], workspace: '/work/repo' }
    expect(userSourceFile({ directory: '/cache/extensions/k/src', file: 'defects.c' }, run)).toBe('ext/defects.c')
    expect(userSourceFile({ directory: '/cache/extensions/k/src/lib', file: 'x.c' }, run)).toBe('ext/lib/x.c')
    // A source outside any copy (a build-command that compiles in place) keeps its path.
    expect(userSourceFile({ directory: '/work/repo/other', file: 'y.c' }, run)).toBe('other/y.c')
    expect(userSourceFile({ directory: '/cache/extensions/k/srcfoo', file: 'z.c' }, run)).toBe('/cache/extensions/k/srcfoo/z.c')
    expect(userSourceFile({}, run)).toBeUndefined()
  })
})
