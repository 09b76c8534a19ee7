import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SANITIZERS, type SanitizerCheck } from '../../../src/catalog/sanitizers.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { collectReport, type RunResults } from '../../../src/report/collect.js'
import type { InstrumentationCheck, RefleakHunt, SanitizerFileRun, SanitizerPass } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { caseOfReport, casesOfVerboseOutput, checkCompileLines } from '../../../src/plan/sanitizer-pass.js'
import { sanitizerReportRun } from '../../../src/steps/run-sanitizers.js'
import { readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { REPO_ROOT } from '../../helpers/spawn.js'
import { parseLogText } from '../../helpers/parse-text.js'

const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const INSTRUMENTED: InstrumentationCheck = {
  projectDir: '/w/myext',
  compileLines: { compileLines: 1, compileLinesWithFlag: 1, linkLines: 1, linkLinesWithFlag: 1, withoutFlag: [] },
  modules: [{ file: 'leaky.cpython-311d-x86_64-linux-gnu.so', instrumented: true }],
  instrumented: true,
}

interface ReportFixture {
  readonly fixture: string
  readonly case?: string
}

/** A sanitizer pass as the step builds it, from real report files: one regrtest -v run per test file, its report files parsed on their own. */
function passFrom(
  check: SanitizerCheck,
  files: Record<string, { readonly exitCode: number; readonly cases: string[]; readonly reports: ReportFixture[] }>,
  {
    instrumentation = [INSTRUMENTED],
    sources = [],
    hints = {},
  }: { instrumentation?: InstrumentationCheck[]; sources?: SanitizerPass['sources']; hints?: { workspace?: string; extensionPaths?: string[] } } = {},
): SanitizerPass {
  const spec = SANITIZERS[check]
  const runs = Object.entries(files).map(([testFile, file]): SanitizerFileRun => {
    const process = { command: ['python', '-m', 'test', '-v', testFile], exitCode: file.exitCode, signal: null, timedOut: false }
    const reports = file.reports.map((report, index) =>
      sanitizerReportRun(parseLogText(readFixture(report.fixture), { kinds: ['sanitizer'], ...hints }), {
        file: `/out/logs/${spec.logDir}/${testFile}.${100 + index}`,
        testFile,
        ...(report.case ? { case: report.case } : {}),
        sources,
        process,
      }),
    )
    const stdout = parseLogText('')
    const { lines, unparsed, ...details } = stdout
    return {
      ...process,
      log: `/out/logs/${spec.logDir}/${testFile}.log`,
      lines,
      unparsed,
      details,
      testFile,
      outcome: { outcome: file.exitCode === 0 ? 'passed' : 'failed' },
      progress: { started: file.cases },
      cases: file.cases,
      reports,
    }
  })
  return { spec, logDir: `/out/logs/${spec.logDir}`, env: { [spec.optionsVariable]: `log_path=/out/logs/${spec.logDir}/x` }, instrumentation, runs, sources }
}

const results = (parts: Partial<RunResults>): RunResults => ({
  toolVersion: '0.1.0',
  generatedAt: '2026-12-02T00:00:00.000Z',
  extensions: [],
  relative: (file) => file.replace('/out/', ''),
  ...parts,
})

function checked(report: ReturnType<typeof collectReport>) {
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return report
}

describe('sanitizer findings (real ASan/LSan/UBSan reports)', () => {
  it("an ASan report file becomes one finding with the kind, the access, the user's C function first, the test file and its case", () => {
    const pass = passFrom('address-sanitizer', {
      test_overrun: {
        exitCode: 1,
        cases: ['test_overrun.OverrunTests.test_overrun'],
        reports: [{ fixture: 'cpython-3.11.2-pydebug-asan/asan-overrun.txt', case: 'test_overrun.OverrunTests.test_overrun' }],
      },
    })
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      {
        kind: 'memory-error',
        test: 'test_overrun',
        case: 'test_overrun.OverrunTests.test_overrun',
        message: 'AddressSanitizer heap-buffer-overflow: WRITE of size 1 in overrun (leaky.c:32)',
        log: 'logs/asan/test_overrun.100',
        pass: 'sanitizer',
        file: 'leaky.c',
        line: 32,
        function: 'overrun',
      },
    ])
    expect(report.sanitizers?.files[0].reports).toEqual([
      { path: 'logs/asan/test_overrun.100', kinds: ['heap-buffer-overflow'], suppressed: [], case: 'test_overrun.OverrunTests.test_overrun' },
    ])
    expect(report.logs.map((log) => [log.path, log.kind])).toContainEqual(['logs/asan/test_overrun.100', 'sanitizer-report'])
  })

  it("a LeakSanitizer report is attributed to the allocation's frame in the user's code", () => {
    const pass = passFrom('address-sanitizer', {
      test_leaky: { exitCode: 23, cases: ['test_leaky.LeakyTests.test_leak_blocks'], reports: [{ fixture: 'cpython-3.11.2-pydebug-asan/asan-leaks.txt' }] },
    })
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'memory-leak',
        test: 'test_leaky',
        function: 'leak_blocks',
        file: 'leaky.c',
        line: 22,
        message: 'direct leak of 256 bytes in 4 allocations from leak_blocks (leaky.c:22)',
      }),
    ])
  })

  it('a UBSan report names the place in the user code and its test file', () => {
    const pass = passFrom(
      'undefined-behavior-sanitizer',
      {
        test_overflow: {
          exitCode: 0,
          cases: ['test_overflow.T.test_add'],
          reports: [{ fixture: 'gcc-12-ubsan/signed-overflow.txt', case: 'test_overflow.T.test_add' }],
        },
      },
      { hints: { extensionPaths: ['/tmp/ubsan/'] } },
    )
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'undefined-behavior',
        test: 'test_overflow',
        case: 'test_overflow.T.test_add',
        function: 'add_items',
        file: '/tmp/ubsan/overflow.c',
        line: 5,
      }),
    ])
    expect(report.findings[0].message).toMatch(/^UndefinedBehaviorSanitizer signed integer overflow/)
  })

  it("examples/defects under UBSan: the report file of test_signed_overflow's process, the build copy's path mapped to the project", () => {
    // Captured with the extension compiled in /tmp/sanchk/harness/src (see test/fixtures/README.md).
    const sources = [{ copy: '/tmp/sanchk/harness/src', project: 'examples/defects' }]
    const cases = casesOfVerboseOutput(readFixture('gcc-12-ubsan/defects-regrtest-v-test_signed_overflow.txt').split('\n'))
    expect(cases).toEqual({ started: ['test_signed_overflow.SignedOverflowTests.test_signed_overflow'] })
    const testCase = caseOfReport(cases, false)
    const pass = passFrom(
      'undefined-behavior-sanitizer',
      {
        test_signed_overflow: {
          exitCode: 0,
          cases: [...cases.started],
          reports: [{ fixture: 'gcc-12-ubsan/defects-report-test_signed_overflow.txt', ...(testCase ? { case: testCase } : {}) }],
        },
      },
      { sources, hints: { extensionPaths: ['/tmp/sanchk/harness/src/'] } },
    )
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      {
        kind: 'undefined-behavior',
        test: 'test_signed_overflow',
        case: 'test_signed_overflow.SignedOverflowTests.test_signed_overflow',
        message:
          "UndefinedBehaviorSanitizer signed integer overflow: 2147483647 * 2 cannot be represented in type 'int' in signed_overflow (examples/defects/defects.c:40)",
        log: 'logs/ubsan/test_signed_overflow.100',
        pass: 'sanitizer',
        file: 'examples/defects/defects.c',
        line: 40,
        function: 'signed_overflow',
      },
    ])
    // The stack is 127 frames deep; the parser keeps the first 32 and says it cut the rest.
    expect(report.logs.find((log) => log.kind === 'sanitizer-report')?.unparsed.count).toBe(0)
    expect(checkCompileLines(readFixture('gcc-12-ubsan/defects-setuptools-build.txt'), SANITIZERS['undefined-behavior-sanitizer'].compileFlag)).toEqual({
      compileLines: 1,
      compileLinesWithFlag: 1,
      linkLines: 1,
      linkLinesWithFlag: 1,
      withoutFlag: [],
    })
  })

  it("examples/defects under the asan interpreter, as the pipeline ran it: the test file's report file, its case, the project's path", () => {
    // The extension's build copy in the e2e cache, as the pipeline's report file names it.
    const copy = '/root/.cache/pydebug-ci/extensions/defects-cp311d-asan-3.11.2-108cd5d3daa01c2d/src'
    const cases = casesOfVerboseOutput(readFixture('cpython-3.11.2-pydebug-asan/pipeline-asan-regrtest-v-test_heap_overflow.txt').split('\n'))
    // ASan stopped the process inside the case: no verdict after ' ... '.
    expect(cases).toEqual({
      started: ['test_heap_overflow.HeapOverflowTests.test_heap_overflow'],
      unfinished: 'test_heap_overflow.HeapOverflowTests.test_heap_overflow',
    })
    const testCase = caseOfReport(cases, true)
    const pass = passFrom(
      'address-sanitizer',
      {
        test_heap_overflow: {
          exitCode: 1,
          cases: [...cases.started],
          reports: [{ fixture: 'cpython-3.11.2-pydebug-asan/pipeline-asan-report-test_heap_overflow.txt', ...(testCase ? { case: testCase } : {}) }],
        },
      },
      { sources: [{ copy, project: 'examples/defects' }], hints: { workspace: '/work/main', extensionPaths: [`${copy}/`] } },
    )
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      {
        kind: 'memory-error',
        test: 'test_heap_overflow',
        case: 'test_heap_overflow.HeapOverflowTests.test_heap_overflow',
        message: 'AddressSanitizer heap-buffer-overflow: WRITE of size 1 in heap_overflow (examples/defects/defects.c:29)',
        log: 'logs/asan/test_heap_overflow.100',
        pass: 'sanitizer',
        file: 'examples/defects/defects.c',
        line: 29,
        function: 'heap_overflow',
      },
    ])
    expect(report.logs.find((log) => log.kind === 'sanitizer-report')?.unparsed.count).toBe(0)
    // sysconfig's flags reached the extension: configure's BASECFLAGS on the compile line, LDFLAGS on the link line.
    expect(checkCompileLines(readFixture('cpython-3.11.2-pydebug-asan/pipeline-extension-defects-build.txt'), '-fsanitize=address')).toEqual({
      compileLines: 1,
      compileLinesWithFlag: 1,
      linkLines: 1,
      linkLinesWithFlag: 1,
      withoutFlag: [],
    })
  })

  it("LeakSanitizer left on in the refleak hunt turns a leaking file's verdict into a crash: why the catalog runs the hunt with detect_leaks=0", () => {
    const { results: parsed, problems } = parseLogText(readFixture('cpython-3.11.2-pydebug-asan/regrtest-R-j1-detect-leaks-leaky.txt'), {
      workspace: '/tmp/sanchk/leaky/src',
    })
    expect(parsed.regrtest?.tests.map((test) => [test.name, test.outcome, test.result])).toEqual([['test_leaky', 'crashed', 'crashed (Exit code 1)']])
    // Both leaks are the extension's, and now belong to the test whose worker printed them.
    expect(problems.filter((problem) => problem.kind === 'memory-leak').map((problem) => [problem.test, problem.function, problem.file, problem.line])).toEqual(
      [
        ['test_leaky', 'leak_blocks', 'leaky.c', 40],
        ['test_leaky', 'leak_refs', 'leaky.c', 23],
      ],
    )
  })

  it('examples/defects under the ubsan interpreter, as the pipeline ran it', () => {
    // The extension's build copy in the e2e cache, as the pipeline's report file names it.
    const builtIn = '/root/.cache/pydebug-ci/extensions/defects-cp311d-ubsan-3.11.2-79d8f734d779f25f/src'
    const pass = passFrom(
      'undefined-behavior-sanitizer',
      {
        test_signed_overflow: {
          exitCode: 0,
          cases: ['test_signed_overflow.SignedOverflowTests.test_signed_overflow'],
          reports: [
            {
              fixture: 'cpython-3.11.2-pydebug-ubsan/pipeline-ubsan-report-test_signed_overflow.txt',
              case: 'test_signed_overflow.SignedOverflowTests.test_signed_overflow',
            },
          ],
        },
      },
      { sources: [{ copy: builtIn, project: 'examples/defects' }], hints: { workspace: '/work/main', extensionPaths: [`${builtIn}/`] } },
    )
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'undefined-behavior',
        test: 'test_signed_overflow',
        case: 'test_signed_overflow.SignedOverflowTests.test_signed_overflow',
        message:
          "UndefinedBehaviorSanitizer signed integer overflow: 2147483647 * 2 cannot be represented in type 'int' in signed_overflow (examples/defects/defects.c:40)",
        file: 'examples/defects/defects.c',
        line: 40,
        function: 'signed_overflow',
      }),
    ])
    expect(checkCompileLines(readFixture('cpython-3.11.2-pydebug-ubsan/pipeline-extension-defects-build.txt'), '-fsanitize=undefined')).toMatchObject({
      compileLines: 1,
      compileLinesWithFlag: 1,
      linkLines: 1,
      linkLinesWithFlag: 1,
    })
  })

  it('an extension compiled without the flag is a finding of its own, and the summary says so', () => {
    const notInstrumented: InstrumentationCheck = {
      projectDir: '/w/myext',
      compileLines: {
        compileLines: 1,
        compileLinesWithFlag: 0,
        linkLines: 1,
        linkLinesWithFlag: 0,
        withoutFlag: ['gcc -O2 -fPIC -c leaky.c -o build/leaky.o'],
      },
      modules: [{ file: 'leaky.so', instrumented: false }],
      instrumented: false,
    }
    const pass = passFrom(
      'address-sanitizer',
      { test_leaky: { exitCode: 0, cases: ['test_leaky.LeakyTests.test_ok'], reports: [] } },
      { instrumentation: [notInstrumented] },
    )
    const report = checked(collectReport(results({ sanitizers: pass })))
    expect(report.status).toBe('findings')
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'not-instrumented', pass: 'sanitizer' })])
    expect(report.findings[0].message).toBe(
      "/w/myext was not compiled with -fsanitize=address: 1 of 1 compile lines and 1 of 1 link lines in its build log lack it (`gcc -O2 -fPIC -c leaky.c -o build/leaky.o`). AddressSanitizer cannot see its bugs; do not replace CFLAGS/LDFLAGS (sysconfig's carry the flag) or add -fsanitize=address to them.",
    )
    const summary = renderSummaryMarkdown(report)
    expect(summary).toContain('| AddressSanitizer | ❌ `myext` not compiled with `-fsanitize=address` (0 of 1 compile lines and 0 of 1 link lines carry it) |')
    expect(summary).toContain('not instrumented')
  })

  it('the same bug seen by the refleak hunt (a crash whose cause names it) stays one finding, which gains the case and the C place', () => {
    // The refleak hunt's log: regrtest -j1 with a crashed test_overrun, whose worker printed the ASan report.
    const huntLog = [
      '0:00:00 load avg: 0.31 Run tests sequentially (timeout: 20 min)',
      '0:00:00 load avg: 0.31 [1/1/1] test_overrun crashed (Exit code 1)',
      readFixture('cpython-3.11.2-pydebug-asan/asan-overrun.txt'),
      '',
      '== Tests result: FAILURE ==',
    ].join('\n')
    const { lines, unparsed, ...details } = parseLogText(huntLog)
    const hunt: RefleakHunt = {
      warmups: 1,
      runs: 1,
      discovery: { testsDir: '/out/tests', modules: ['test_overrun'], nested: [], pytestStyle: [] },
      run: {
        command: ['python', '-m', 'test'],
        exitCode: 2,
        signal: null,
        timedOut: false,
        log: '/out/logs/refleak.log',
        lines,
        unparsed,
        details,
        parsed: details.results.regrtest ?? new RegrtestParser().end(),
      },
      cases: {},
      casesNotRun: {},
      caseIds: {},
    }
    const pass = passFrom('address-sanitizer', {
      test_overrun: {
        exitCode: 1,
        cases: ['test_overrun.OverrunTests.test_overrun'],
        reports: [{ fixture: 'cpython-3.11.2-pydebug-asan/asan-overrun.txt', case: 'test_overrun.OverrunTests.test_overrun' }],
      },
    })
    const report = checked(collectReport(results({ refleaks: hunt, sanitizers: pass })))
    const overrun = report.findings.filter((finding) => finding.test === 'test_overrun')
    expect(overrun).toEqual([
      expect.objectContaining({
        kind: 'crash',
        case: 'test_overrun.OverrunTests.test_overrun',
        file: 'leaky.c',
        line: 32,
        function: 'overrun',
        pass: 'refleak',
      }),
    ])
    expect(overrun[0].message).toBe('test_overrun crashed (Exit code 1): AddressSanitizer heap-buffer-overflow: WRITE of size 1 in overrun (leaky.c:32)')
  })
})
