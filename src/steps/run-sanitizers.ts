import path from 'node:path'
import { bundledPythonScript } from '../adapters/bundled-files.js'
import { listDir, listTree, readBytes, readTextIfPresent } from '../adapters/files.js'
import { parseLogFile } from '../adapters/read-lines.js'
import { SANITIZERS, type SanitizerCheck, type SanitizerSpec } from '../catalog/sanitizers.js'
import { minorOf } from '../catalog/python-version.js'
import type { ParsedLog } from '../parse/detect.js'
import type { CellPlan } from '../plan/cell.js'
import { caseOfReport, checkCompileLines, mapSourceCopies, reportFilesOf, sanitizerPassEnv, type SourceCopy } from '../plan/sanitizer-pass.js'
import { workspaceRelative } from '../parse/frames.js'
import type {
  ExtensionBuild,
  InstrumentationCheck,
  ParsedRun,
  SanitizerFileRun,
  SanitizerPass,
  SanitizerReportRun,
  TestFileRun,
} from '../report/step-results.js'
import { extensionSourceCopy } from './build-extension.js'
import { logPath, type StepContext } from './context.js'
import { parsedRun, testEnv, type TestTarget } from './run-tests.js'
import { runTestFile } from './run-test-file.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'

/** What a sanitizer pass runs: each unit (a test file, or the user's test-command) once, in its own process. */
export interface SanitizerPassUnits {
  /** Test files, or the one name of the test-command run. */
  readonly names: readonly string[]
  /** Names the unit's report files: `<logs>/<sanitizer>/<logName>.<pid>`. */
  readonly logName: (name: string) => string
  /** Runs one unit with the pass's variables (log_path and the suppressions) over its own environment. */
  readonly run: (name: string, passEnv: Readonly<Record<string, string>>, logDir: string) => Promise<TestFileRun>
  /** `3 test files, one process each`. */
  readonly description: string
}

/**
 * The checks the variant exists for: every extension was compiled with the sanitizer's flag, and
 * each unit runs once in its own process (test files verbose, so the case that was running is
 * named) with the sanitizer's reports written to `<out>/logs/<sanitizer>/<unit>.<pid>`, each parsed
 * on its own: a report can never be lost inside the test's output, and it always names its unit.
 */
export async function runSanitizerPass(
  context: StepContext,
  cell: CellPlan,
  check: SanitizerCheck,
  extensions: readonly ExtensionBuild[],
  units: SanitizerPassUnits,
): Promise<SanitizerPass> {
  const spec = SANITIZERS[check]
  const sources = extensions.map((build) => ({ copy: extensionSourceCopy(build), project: workspaceRelative(build.projectDir, context.workspace) }))
  // Frames in the build copies and the built modules are the user's code.
  const hints = {
    workspace: context.workspace,
    extensionPaths: [...sources.map((source) => `${source.copy}/`), ...extensions.map((build) => `${build.sitePath}/`)],
    kinds: ['sanitizer'] as const,
  }
  const instrumentation: InstrumentationCheck[] = []
  for (const build of extensions) instrumentation.push(await checkInstrumentation(build, spec))
  for (const missing of instrumentation.filter((entry) => !entry.instrumented))
    context.log.warning(`${missing.projectDir} was not compiled with ${spec.compileFlag}: ${spec.tool} cannot see its bugs`)

  const supp = spec.leakSuppressions?.[minorOf(cell.python)]
  const suppressions = supp ? bundledPythonScript(supp) : undefined
  const logDir = logPath(context, spec.logDir)
  const envFor = (name: string) => sanitizerPassEnv(spec, cell.runtimeEnv, path.join(logDir, units.logName(name)), suppressions)
  const first = envFor(units.names[0] ?? 'test')
  if ('error' in first) {
    context.log.warning(`the ${spec.tool} pass did not run: ${first.error}`)
    return { spec, logDir, env: {}, instrumentation, runs: [], sources, notRun: first.error, ...(suppressions ? { suppressions } : {}) }
  }

  const runs = await context.log.group(`${spec.tool}: ${units.description}`, async () => {
    const runs: SanitizerFileRun[] = []
    for (const testFile of units.names) {
      const passEnv = envFor(testFile)
      if ('error' in passEnv) continue
      const run = await units.run(testFile, passEnv.env, logDir)
      const cases = run.progress
      const endedInside = run.exitCode !== 0 && cases.unfinished !== undefined
      const reports: SanitizerReportRun[] = []
      for (const name of reportFilesOf(await listDir(logDir), units.logName(testFile))) {
        const file = path.join(logDir, name)
        const log = await parseLogFile(file, hints)
        // A report that ended the process belongs to the case it ended; an exit-time leak report to the only case, if one.
        const fatal = log.results.sanitizer?.reports.some((report) => report.tool !== 'LeakSanitizer' && report.leaks.length === 0) ?? false
        const testCase = caseOfReport(cases, fatal && endedInside)
        reports.push(sanitizerReportRun(log, { file, testFile, ...(testCase ? { case: testCase } : {}), sources, process: run }))
      }
      runs.push({ ...run, testFile, cases: cases.started, reports })
      const found = reports.reduce((total, report) => total + (report.parsed?.reports.length ?? 0), 0)
      context.log.info(`${testFile}: ${describeRun(run)}, ${found} ${spec.tool} report${found === 1 ? '' : 's'}`)
    }
    return runs
  })
  return { spec, logDir, env: first.env, instrumentation, runs, sources, ...(suppressions ? { suppressions } : {}) }
}

/** The pass's units when they are test files: each run verbose by its runner, with the tests' environment. */
export function testFileUnits(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  testFiles: readonly string[],
  options: { readonly testTimeoutSeconds: number },
  inheritedPythonPath?: string,
): SanitizerPassUnits {
  const base = testEnv(cell, target, inheritedPythonPath)
  return {
    names: testFiles,
    logName: runner.logName,
    description: `${testFiles.length} test files, one process each`,
    run: (testFile, passEnv, logDir) =>
      runTestFile(context, runner, {
        prefix: [target.pythonPath],
        testFile,
        verbose: true,
        env: { ...base, ...passEnv },
        cwd: target.projectDir,
        logPath: path.join(logDir, `${runner.logName(testFile)}.log`),
        timeoutSeconds: options.testTimeoutSeconds,
      }),
  }
}

/**
 * One parsed report file as the report takes it: its problems belong to the test file whose process
 * wrote it, and name the user's project where the frames name the build copy.
 */
export function sanitizerReportRun(
  log: ParsedLog,
  {
    file,
    testFile,
    case: testCase,
    sources,
    process,
  }: {
    file: string
    testFile: string
    case?: string
    sources: readonly SourceCopy[]
    process: Pick<ParsedRun<unknown>, 'command' | 'exitCode' | 'signal' | 'timedOut'>
  },
): SanitizerReportRun {
  const mapped = (problem: ParsedLog['problems'][number]) => ({
    ...problem,
    message: mapSourceCopies(problem.message, sources),
    ...(problem.file ? { file: mapSourceCopies(problem.file, sources) } : {}),
    test: testFile,
  })
  const result = {
    argv: process.command,
    exitCode: process.exitCode,
    signal: process.signal,
    timedOut: process.timedOut,
    seconds: 0,
    logPath: file,
    stdout: '',
  }
  return {
    ...parsedRun(result, { ...log, problems: log.problems.map(mapped) }),
    parsed: log.results.sanitizer,
    testFile,
    ...(testCase ? { case: testCase } : {}),
  }
}

function describeRun(run: Pick<ParsedRun<unknown>, 'signal' | 'exitCode'>): string {
  return run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`
}

async function checkInstrumentation(build: ExtensionBuild, spec: SanitizerSpec): Promise<InstrumentationCheck> {
  const compileLines = build.logPath ? checkCompileLines((await readTextIfPresent(build.logPath)) ?? '', spec.compileFlag) : undefined
  const modules: { file: string; instrumented: boolean }[] = []
  const entries = await listTree(build.sitePath).catch((): string[] => [])
  for (const entry of entries.filter((name) => /\.(?:so|pyd|dylib)$/.test(name)).sort()) {
    const bytes = await readBytes(path.join(build.sitePath, entry))
    modules.push({ file: entry.split(path.sep).join('/'), instrumented: bytes.includes(spec.runtimeSymbol) })
  }
  const linesSay = compileLines === undefined || compileLines.compileLines === 0 || compileLines.withoutFlag.length === 0
  return {
    projectDir: build.projectDir,
    ...(compileLines ? { compileLines } : {}),
    modules,
    instrumented: linesSay && modules.every((module) => module.instrumented),
  }
}
