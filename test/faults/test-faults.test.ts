/**
 * Tests misbehaving for real (issue 15, "Tests"): real test files under real regrtest, one process
 * per file as the per-file passes run them (steps/run-tests.ts runShowrefcount, the real process
 * runner and parsers), and the user's test command inside a whole `pydebug run`. A test that
 * segfaults, one that aborts with the debug allocator's fatal error, one that hangs and one that
 * writes 1 GB to stdout must each be reported (crash, fatal error with its location, timeout, output
 * cut and said so), with the results of the files before and after them kept.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../src/adapters/logger.js'
import { regrtestFileRunner } from '../../src/plan/test-file-runner.js'
import { collectReport } from '../../src/report/collect.js'
import type { Report } from '../../src/report/model.js'
import type { ShowrefcountRun } from '../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../src/report/summary-md.js'
import { createStepContext, reportPath } from '../../src/steps/context.js'
import { runShowrefcount } from '../../src/steps/run-tests.js'
import { FAKE_CELL, systemPython } from '../helpers/fake-cpython.js'
import { readFixture } from '../helpers/fixtures.js'
import { canBuildExtensions, runFaultCell, writeProbeProject } from './fault-cell.js'
import { makeFakeCpythonTarball } from '../helpers/fake-cpython.js'

const MB = 1024 * 1024

/** Python that writes `megabytes` MB of 1 KiB lines to stdout, 1 MB per write. */
function flood(megabytes: number): string {
  return `chunk = (b"x" * 1023 + b"\\n") * 1024\n        for _ in range(${megabytes}):\n            sys.stdout.buffer.write(chunk)\n        sys.stdout.flush()`
}

/**
 * The debug allocator's report of a buffer overrun, as a 3.11.2 pydebug build printed it, up to
 * its thread dump: the test writes it, then faulthandler's real dump of where it is, then aborts.
 */
const OVERRUN_REPORT = readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun.txt').split('Current thread ')[0]

const TEST_FILES: Readonly<Record<string, string>> = {
  'test_a_before.py': `import unittest


class BeforeTests(unittest.TestCase):
    def test_passes(self):
        self.assertEqual(sum([1, 2]), 3)
`,
  'test_b_segfault.py': `import ctypes
import unittest


class SegfaultTests(unittest.TestCase):
    def test_reads_address_zero(self):
        ctypes.string_at(0)
`,
  'test_c_fatal.py': `import faulthandler
import os
import sys
import unittest

OVERRUN_REPORT = ${JSON.stringify(OVERRUN_REPORT)}


class FatalErrorTests(unittest.TestCase):
    def test_overruns_a_buffer(self):
        sys.stdout.flush()
        sys.stderr.write(OVERRUN_REPORT)
        sys.stderr.flush()
        faulthandler.dump_traceback(all_threads=True)
        os.abort()
`,
  'test_d_hang.py': `import time
import unittest


class HangTests(unittest.TestCase):
    def test_sleeps_forever(self):
        time.sleep(600)
`,
  'test_e_flood.py': `import sys
import unittest


class FloodTests(unittest.TestCase):
    def test_prints_a_gigabyte(self):
        ${flood(1024)}
`,
  'test_z_after.py': `import unittest


class AfterTests(unittest.TestCase):
    def test_passes(self):
        self.assertEqual(sorted([2, 1]), [1, 2])
`,
}

describe.runIf(systemPython)('test files that crash, abort, hang or flood, one process each (issue 15)', { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-test-faults-'))
  const testsDir = path.join(root, 'tests')
  let runs: ShowrefcountRun[]
  let report: Report
  let summary: string
  let seconds: number

  beforeAll(async () => {
    mkdirSync(testsDir, { recursive: true })
    for (const [name, text] of Object.entries(TEST_FILES)) writeFileSync(path.join(testsDir, name), text)
    const outDir = path.join(root, 'out')
    const context = await createStepContext(
      { cacheDir: path.join(root, 'cache'), outDir, logLimitBytes: MB },
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: root, log: createStreamLogger(() => undefined) },
    )
    const target = { pythonPath: systemPython!, testsDir, projectDir: root, sitePath: path.join(root, 'site') }
    const started = Date.now()
    // regrtest's own --timeout (3 s) ends the hang, as it does in every per-file pass; the flood gets as long as it needs.
    const short = ['test_a_before', 'test_b_segfault', 'test_c_fatal', 'test_d_hang']
    runs = await runShowrefcount(context, FAKE_CELL, target, regrtestFileRunner(testsDir, 3), { testTimeoutSeconds: 3 }, short)
    const long = ['test_e_flood', 'test_z_after']
    runs.push(...(await runShowrefcount(context, FAKE_CELL, target, regrtestFileRunner(testsDir, 120), { testTimeoutSeconds: 120 }, long)))
    seconds = (Date.now() - started) / 1000
    report = collectReport({
      toolVersion: 'test',
      generatedAt: '2026-12-02T00:00:00.000Z',
      cell: FAKE_CELL,
      extensions: [],
      showrefcount: runs,
      relative: (absolutePath) => reportPath({ outDir }, absolutePath),
    })
    summary = renderSummaryMarkdown(report)
  }, 150_000)

  const runOf = (file: string) => runs.find((run) => run.testFile === file)!
  const findingsOf = (file: string) => report.findings.filter((finding) => finding.test === file)

  it('keeps the results of the files before and after the faults', () => {
    expect(runs.map((run) => [run.testFile, run.outcome.outcome])).toEqual([
      ['test_a_before', 'passed'],
      ['test_b_segfault', 'crashed'],
      ['test_c_fatal', 'crashed'],
      // regrtest's --timeout ends the whole process with no verdict: the finding below says what happened.
      ['test_d_hang', expect.any(String)],
      ['test_e_flood', 'passed'],
      ['test_z_after', 'passed'],
    ])
    expect(findingsOf('test_a_before')).toEqual([])
    expect(findingsOf('test_e_flood')).toEqual([])
    expect(findingsOf('test_z_after')).toEqual([])
    expect(report.logs.map((log) => log.path)).toEqual(runs.map((run) => `logs/showrefcount/${run.testFile}.log`))
  })

  it('reports the segfault as a crash at the test that crashed', () => {
    expect(runOf('test_b_segfault').signal).toBe('SIGSEGV')
    expect(findingsOf('test_b_segfault')).toEqual([
      expect.objectContaining({
        kind: 'crash',
        message: 'test_b_segfault crashed (killed by SIGSEGV) in the -X showrefcount pass',
        file: 'tests/test_b_segfault.py',
        line: 7,
        function: 'test_reads_address_zero',
        detail: expect.stringMatching(/^Fatal Python error: Segmentation fault in tests\/test_b_segfault\.py:7 /),
      }),
    ])
  })

  it("reports the debug allocator's fatal error as what it found, with its location", () => {
    expect(runOf('test_c_fatal').signal).toBe('SIGABRT')
    expect(findingsOf('test_c_fatal')).toEqual([
      expect.objectContaining({
        kind: 'crash',
        file: 'tests/test_c_fatal.py',
        line: 14,
        function: 'test_overruns_a_buffer',
        detail: 'buffer overrun of 1 byte detected on free in tests/test_c_fatal.py:14',
      }),
    ])
  })

  // Defect found here: a --timeout without -j leaves no regrtest verdict, and its "Timeout" was taken as already reported with one.
  it('reports the hang as a timeout at the line it hung on', () => {
    expect(findingsOf('test_d_hang')).toEqual([
      expect.objectContaining({
        kind: 'timeout',
        message: 'Timeout (0:00:03)! in tests/test_d_hang.py:7 (in the -X showrefcount pass)',
        file: 'tests/test_d_hang.py',
        line: 7,
        function: 'test_sleeps_forever',
      }),
    ])
  })

  it('streams 1 GB through: the log holds its first and last part, says what it dropped, and the file still passes', () => {
    const flooded = runOf('test_e_flood')
    const text = readFileSync(flooded.log, 'utf8')
    expect(statSync(flooded.log).size).toBeLessThan(MB + 1024)
    expect(flooded.logCut).toEqual({ reason: 'log-limit', droppedBytes: expect.any(Number), limitBytes: MB })
    // Everything the test printed was read: 1 GB of lines and regrtest's own, less what the log kept.
    expect(flooded.logCut!.droppedBytes + text.length).toBeGreaterThan(1024 * MB)
    expect(text).toMatch(
      /^pydebug: this log is incomplete: \d+ bytes of output were dropped at the log-limit of 1 MB, between the first part of the output and its end/m,
    )
    // The verdict at the end is in the kept tail, so the parsers still read it.
    expect(text).toMatch(/^Result: SUCCESS$/m)
    expect(report.logs.find((log) => log.path === 'logs/showrefcount/test_e_flood.log')?.cut).toEqual(flooded.logCut)
    expect(summary).toContain(
      `Log \`logs/showrefcount/test_e_flood.log\` is incomplete: ${flooded.logCut!.droppedBytes} bytes of output were dropped at the log-limit of 1 MB`,
    )
    console.log(`6 test files, 1 GB of output among them, in ${seconds.toFixed(1)} s`)
  })
})

describe.runIf(systemPython && canBuildExtensions)("the user's test command hanging or flooding, in a whole run (issue 15)", { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-test-command-faults-'))
  let tarball: string

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root)
  })

  it('a flood between passing tests: the run passes, its verdicts read from the kept end, and report.json and the summary say the log was cut', async () => {
    const project = writeProbeProject(path.join(root, 'flood-project'), {
      'tests/test_flood.py': `import sys\nimport unittest\n\n\nclass FloodTests(unittest.TestCase):\n    def test_prints_64_mb(self):\n        ${flood(64)}\n`,
    })
    const run = await runFaultCell({ root: path.join(root, 'flood'), tarball, project, flags: ['--log-limit', '1'] })
    const { report } = run.outcome
    expect(run.outcome.exitCode).toBe(0)
    expect(report.status).toBe('clean')
    expect(report.testCommand).toMatchObject({ exitCode: 0, summary: 'Ran 3 tests: OK', testsRan: 3 })
    const log = report.logs.find((entry) => entry.path === 'logs/test-command.log')
    expect(log?.cut).toEqual({ reason: 'log-limit', droppedBytes: expect.any(Number), limitBytes: MB })
    expect(log!.cut!.droppedBytes).toBeGreaterThan(62 * MB)
    const written = JSON.parse(readFileSync(path.join(run.outDir, 'report.json'), 'utf8'))
    expect(written.logs.find((entry: { path: string }) => entry.path === 'logs/test-command.log').cut).toEqual(log!.cut)
    expect(readFileSync(path.join(run.outDir, 'summary.md'), 'utf8')).toContain('Log `logs/test-command.log` is incomplete: ')
  })

  it('a hang after passing tests: a timeout finding at the line it hung on, and what ran before kept', async () => {
    const project = writeProbeProject(path.join(root, 'hang-project'), {
      'tests/test_zz_hang.py':
        'import time\nimport unittest\n\n\nclass HangTests(unittest.TestCase):\n    def test_sleeps_forever(self):\n        time.sleep(600)\n',
    })
    const run = await runFaultCell({ root: path.join(root, 'hang'), tarball, project, flags: ['--test-command-timeout', '3'] })
    const { report } = run.outcome
    expect(run.outcome.exitCode).toBe(1)
    expect(report.testCommand).toMatchObject({ timedOut: true, signal: 'SIGABRT', running: 'test_zz_hang.HangTests.test_sleeps_forever' })
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'timeout',
        message:
          'the test command timed out in test_zz_hang.HangTests.test_sleeps_forever (stopped by pydebug: test-command-timeout) at tests/test_zz_hang.py:7',
        line: 7,
      }),
    ])
    // Before it: the interpreter, the extension build and the tests that passed.
    expect(report.extensions).toHaveLength(1)
    expect(readFileSync(path.join(run.outDir, 'logs', 'test-command.log'), 'utf8')).toMatch(/^test_add \(test_probe\.ProbeTests\.test_add\) \.\.\. ok$/m)
  })
})
