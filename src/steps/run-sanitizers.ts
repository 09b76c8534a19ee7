import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { bundledPythonScript } from '../adapters/bundled-files.js'
import { parseLogFile, readLines } from '../adapters/read-lines.js'
import { SANITIZERS, type SanitizerCheck, type SanitizerSpec } from '../catalog/sanitizers.js'
import { minorOf } from '../catalog/python-version.js'
import type { ParsedLog } from '../parse/detect.js'
import type { RegrtestResult } from '../parse/regrtest.js'
import type { CellPlan } from '../plan/cell.js'
import { caseOfReport, casesOfVerboseOutput, checkCompileLines, mapSourceCopies, reportFilesOf, sanitizerPassEnv, type CompileLineCheck, type SourceCopy } from '../plan/sanitizer-pass.js'
import { workspaceRelative } from '../parse/frames.js'
import { extensionSourceCopy, type ExtensionBuild } from './build-extension.js'
import { logPath, type StepContext } from './context.js'
import { parsedRun, parseRegrtestRun, testEnv, type ParsedRun, type TestTarget } from './run-tests.js'

/** Whether an extension build carries the sanitizer: its compile lines (when this run built it) and its modules' symbols. */
export interface InstrumentationCheck {
  readonly projectDir: string
  /** From the build log this run wrote; absent for a reused build. */
  readonly compileLines?: CompileLineCheck
  /** Each extension module and whether it references the sanitizer's runtime. */
  readonly modules: readonly { readonly file: string; readonly instrumented: boolean }[]
  readonly instrumented: boolean
}

/** One sanitizer report file, parsed, with the test file (and case) whose process wrote it. */
export interface SanitizerReportRun extends ParsedRun<ParsedLog['results']['sanitizer']> {
  readonly testFile: string
  readonly case?: string
}

export interface SanitizerFileRun extends ParsedRun<RegrtestResult> {
  readonly testFile: string
  /** The cases regrtest -v started. */
  readonly cases: readonly string[]
  readonly reports: SanitizerReportRun[]
}

export interface SanitizerPass {
  readonly spec: SanitizerSpec
  /** `<out>/logs/<sanitizer>`: the test files' logs and their report files. */
  readonly logDir: string
  /** The variables set for the pass, with log_path as given to the first test file. */
  readonly env: Readonly<Record<string, string>>
  /** LeakSanitizer's suppression file pydebug passed, when it ships one for this CPython version. */
  readonly suppressions?: string
  readonly instrumentation: InstrumentationCheck[]
  readonly runs: SanitizerFileRun[]
  /** The extensions' build copies, which the reports' frames name, and the projects they stand for. */
  readonly sources: readonly SourceCopy[]
  /** Why the tests did not run under the sanitizer, when they did not. */
  readonly notRun?: string
}

/**
 * The checks the variant exists for: every extension was compiled with the sanitizer's flag, and
 * each test file runs once in its own regrtest process (`-v`, so the case that was running is named)
 * with the sanitizer's reports written to `<out>/logs/<sanitizer>/<test file>.<pid>`, each parsed on
 * its own: a report can never be lost inside the test's output, and it always names its test file.
 */
export async function runSanitizerPass(
  context: StepContext,
  cell: CellPlan,
  check: SanitizerCheck,
  target: TestTarget,
  extensions: readonly ExtensionBuild[],
  testFiles: readonly string[],
  options: { readonly testTimeoutSeconds: number },
  inheritedPythonPath?: string,
): Promise<SanitizerPass> {
  const spec = SANITIZERS[check]
  const sources = extensions.map((build) => ({ copy: extensionSourceCopy(build), project: workspaceRelative(build.projectDir, context.workspace) }))
  // Frames in the build copies and the built modules are the user's code.
  const hints = { workspace: context.workspace, extensionPaths: [...sources.map((source) => `${source.copy}/`), ...extensions.map((build) => `${build.sitePath}/`)], kinds: ['sanitizer'] as const }
  const instrumentation: InstrumentationCheck[] = []
  for (const build of extensions) instrumentation.push(await checkInstrumentation(build, spec))
  for (const missing of instrumentation.filter((entry) => !entry.instrumented)) context.log.warning(`${missing.projectDir} was not compiled with ${spec.compileFlag}: ${spec.tool} cannot see its bugs`)

  const supp = spec.leakSuppressions?.[minorOf(cell.python)]
  const suppressions = supp ? bundledPythonScript(supp) : undefined
  const logDir = logPath(context, spec.logDir)
  const envFor = (testFile: string) => sanitizerPassEnv(spec, cell.runtimeEnv, path.join(logDir, testFile), suppressions)
  const first = envFor(testFiles[0] ?? 'test')
  if ('error' in first) {
    context.log.warning(`the ${spec.tool} pass did not run: ${first.error}`)
    return { spec, logDir, env: {}, instrumentation, runs: [], sources, notRun: first.error, ...(suppressions ? { suppressions } : {}) }
  }

  const base = testEnv(cell, target, inheritedPythonPath)
  const runs = await context.log.group(`${spec.tool}: ${testFiles.length} test files, one process each`, async () => {
    const runs: SanitizerFileRun[] = []
    for (const testFile of testFiles) {
      const passEnv = envFor(testFile)
      if ('error' in passEnv) continue
      const run = await parseRegrtestRun(context, {
        argv: [target.pythonPath, '-m', 'test', '--testdir', target.testsDir, '--timeout', String(options.testTimeoutSeconds), '-v', testFile],
        cwd: target.projectDir,
        env: { ...base, ...passEnv.env },
        logPath: path.join(logDir, `${testFile}.log`),
      })
      const lines: string[] = []
      for await (const line of readLines(run.log)) lines.push(line)
      const cases = casesOfVerboseOutput(lines)
      const endedInside = run.exitCode !== 0 && cases.unfinished !== undefined
      const reports: SanitizerReportRun[] = []
      for (const name of reportFilesOf(await readdir(logDir), testFile)) {
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

/**
 * One parsed report file as the report takes it: its problems belong to the test file whose process
 * wrote it, and name the user's project where the frames name the build copy.
 */
export function sanitizerReportRun(
  log: ParsedLog,
  { file, testFile, case: testCase, sources, process }: { file: string; testFile: string; case?: string; sources: readonly SourceCopy[]; process: Pick<ParsedRun<unknown>, 'command' | 'exitCode' | 'signal' | 'timedOut'> },
): SanitizerReportRun {
  const mapped = (problem: ParsedLog['problems'][number]) => ({ ...problem, message: mapSourceCopies(problem.message, sources), ...(problem.file ? { file: mapSourceCopies(problem.file, sources) } : {}), test: testFile })
  const result = { argv: process.command, exitCode: process.exitCode, signal: process.signal, timedOut: process.timedOut, seconds: 0, logPath: file, stdout: '' }
  return { ...parsedRun(result, { ...log, problems: log.problems.map(mapped) }), parsed: log.results.sanitizer, testFile, ...(testCase ? { case: testCase } : {}) }
}

function describeRun(run: ParsedRun<RegrtestResult>): string {
  return run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`
}

async function checkInstrumentation(build: ExtensionBuild, spec: SanitizerSpec): Promise<InstrumentationCheck> {
  const compileLines = build.logPath ? checkCompileLines(await readFile(build.logPath, 'utf8').catch(() => ''), spec.compileFlag) : undefined
  const modules: { file: string; instrumented: boolean }[] = []
  const entries = (await readdir(build.sitePath, { recursive: true }).catch(() => [])) as string[]
  for (const entry of entries.filter((name) => /\.(?:so|pyd|dylib)$/.test(name)).sort()) {
    const bytes = await readFile(path.join(build.sitePath, entry))
    modules.push({ file: entry.split(path.sep).join('/'), instrumented: bytes.includes(spec.runtimeSymbol) })
  }
  const linesSay = compileLines === undefined || compileLines.compileLines === 0 || compileLines.withoutFlag.length === 0
  return { projectDir: build.projectDir, ...(compileLines ? { compileLines } : {}), modules, instrumented: linesSay && modules.every((module) => module.instrumented) }
}
