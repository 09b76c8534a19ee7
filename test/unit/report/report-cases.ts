/**
 * The reports the summary and HTML goldens render, one per case: real report.json files of real
 * runs, and reports derived from them by editing fields (what each edit stands for is said there),
 * or made by the report pipeline from real captured logs (test/fixtures/README.md).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { unsupportedHostReason } from '../../../src/plan/platforms.js'
import { collectReport } from '../../../src/report/collect.js'
import type { Report } from '../../../src/report/model.js'
import { buildReport } from '../../../src/report/parsed-logs.js'
import type { HelperRun } from '../../../src/report/step-results.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

export const SUMMARY_GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'summary')
export const HTML_GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'html')

/** Findings in the huge case: GitHub's 1 MiB step summary limit must hold for a report of this many. */
export const HUGE_FINDINGS = 10_000

function readReport(folder: string): Report {
  return JSON.parse(readFileSync(path.join(SUMMARY_GOLDEN_DIR, folder, 'report.json'), 'utf8')) as Report
}

/**
 * `pydebug run --python 3.11.2 --extension examples/leaky` (test_leaky leaks references and
 * blocks, test_overrun overruns a buffer): paths normalised to a runner's checkout.
 */
function leaky(): Report {
  return readReport('leaky-cp311-pydebug')
}

/** One shard of CPython's own test suite on the cp311-pydebug interpreter, from the end-to-end tests: clean. */
function clean(): Report {
  return readReport('clean-cp311-pydebug-cpython-tests')
}

/** The leaky run with only its crashing test file: test_overrun's abort (the debug hooks' buffer overrun, at its Python line). */
function crashed(): Report {
  const report = leaky()
  const crashing = (name: string | undefined) => name === 'test_overrun'
  return {
    ...report,
    findings: report.findings.filter((finding) => crashing(finding.test)),
    refleaks: { ...report.refleaks!, tests: report.refleaks!.tests.filter((test) => crashing(test.name)) },
    showrefcount: { files: report.showrefcount!.files.filter((file) => crashing(file.name)) },
    logs: report.logs.filter((log) => !log.path.includes('test_leaky')),
    problems: report.problems?.filter((problem) => crashing(problem.test)),
  }
}

/**
 * The leaky cell on a host pydebug refuses (Windows): the run stops before the interpreter with the
 * ConfigError steps/build-python.ts throws, worded by plan/platforms.ts.
 */
function refused(): Report {
  const { schema, tool, generatedAt, cell } = leaky()
  return {
    schema,
    tool,
    generatedAt,
    status: 'error',
    error: { kind: 'ConfigError', message: `${unsupportedHostReason('win32')}.` },
    ...(cell ? { cell } : {}),
    extensions: [],
    findings: [],
    problems: [],
    logs: [],
  }
}

/**
 * The leaky cell whose configure fails: the report `pydebug run` wrote in
 * test/unit/build/failing-build.test.ts (a configure printing autoconf's missing-compiler error),
 * its temporary folder replaced by a runner's.
 */
function buildFailed(): Report {
  const { schema, tool, generatedAt, cell } = leaky()
  return {
    schema,
    tool,
    generatedAt,
    status: 'build-failed',
    error: {
      kind: 'BuildError',
      message:
        'configure failed (exit 77); full log: /home/runner/work/myext/myext/pydebug-out/logs/build-configure.log\n  | checking for gcc... no\n  | configure: error: no acceptable C compiler found in $PATH',
      log: 'logs/build-configure.log',
    },
    ...(cell ? { cell } : {}),
    extensions: [],
    findings: [],
    problems: [],
    logs: [],
  }
}

/** The leaky run's reference leak, as if HUGE_FINDINGS test cases each leaked it: what the summary's caps are for. */
function huge(): Report {
  const report = leaky()
  const leak = report.findings.find((finding) => finding.kind === 'reference-leak')!
  const findings = Array.from({ length: HUGE_FINDINGS }, (_, index) => {
    const testCase = `${leak.case}_${String(index + 1).padStart(5, '0')}`
    return { ...leak, case: testCase, message: leak.message.replace(leak.case!, testCase) }
  })
  return { ...report, findings: report.findings.flatMap((finding) => (finding === leak ? findings : [finding])) }
}

// Where the memcheck and sanitizer captures ran: the extension build's copy of examples/defects, and the checkout (test/unit/report/memcheck.test.ts).
const DEFECTS_BUILD = '/root/.cache/pydebug-ci/extensions/defects-cp311d-3.11.2-fd645fe901e27a5e'
const CAPTURE_HINTS = { workspace: '/work/main', extensionPaths: [`${DEFECTS_BUILD}/src/`, `${DEFECTS_BUILD}/site/`, '/work/main/examples/'] }

/**
 * What `pydebug report parse` makes of real logs of memory errors (the debug hooks' overrun with
 * tracemalloc's Python frames, memcheck's XML, ASan's and UBSan's report files of examples/defects),
 * with the allocation report a pymalloc-debug cell makes of test_object_leak's allocator statistics.
 */
function memoryErrors(): Report {
  const logs = [
    'cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt',
    'cpython-3.11.2-valgrind-memcheck/test_heap_overflow.29717.xml',
    'cpython-3.11.2-pydebug-asan/pipeline-asan-report-test_heap_overflow.txt',
    'cpython-3.11.2-pydebug-ubsan/pipeline-ubsan-report-test_signed_overflow.txt',
  ].map((fixture) => ({ path: `logs/${path.basename(fixture)}`, parsed: parseLogText(readFixture(fixture), CAPTURE_HINTS) }))
  const report = buildReport(logs, new Date('2026-11-24T00:00:00Z'))
  const { lines, unparsed, ...details } = parseLogText(readFixture('cpython-3.11.2-pymalloc-debug/allocstats-test_object_leak.txt'))
  const allocstats: HelperRun = {
    command: ['python', 'pydebug_allocstats.py', 'test_object_leak'],
    exitCode: 0,
    signal: null,
    timedOut: false,
    log: '/out/logs/allocstats/test_object_leak.log',
    lines,
    unparsed,
    details,
    parsed: undefined,
    testFile: 'test_object_leak',
  }
  const { allocations } = collectReport({
    toolVersion: report.tool.version,
    generatedAt: report.generatedAt,
    extensions: [],
    variantChecks: { allocations: [allocstats] },
    relative: (file) => file.replace('/out/', ''),
  })
  return { ...report, ...(allocations ? { allocations } : {}) }
}

/** Each golden case: its name (the folder of its expected files) and its report. */
export const REPORT_CASES: readonly { readonly name: string; readonly report: () => Report }[] = [
  { name: 'clean-cp311-pydebug-cpython-tests', report: clean },
  { name: 'leaky-cp311-pydebug', report: leaky },
  { name: 'crashed', report: crashed },
  { name: 'refused', report: refused },
  { name: 'build-failed', report: buildFailed },
  { name: 'huge', report: huge },
  { name: 'memory-errors', report: memoryErrors },
]

export function reportCase(name: string): Report {
  const found = REPORT_CASES.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no report case '${name}'`)
  return found.report()
}
