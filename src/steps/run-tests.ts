import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { parseLogFile } from '../adapters/read-lines.js'
import type { CommandResult } from '../adapters/process.js'
import type { ParsedLog, ParsedLogDetails } from '../parse/detect.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import { RegrtestParser, isTestCaseId, type RegrtestResult } from '../parse/regrtest.js'
import { ShowRefcountParser, type ShowRefcountResult } from '../parse/showrefcount.js'
import type { CellPlan } from '../plan/cell.js'
import { logPath, type StepContext } from './context.js'

/** A process that ran, its log, and what the parsers read from the log. */
export interface ParsedRun<R> {
  readonly command: readonly string[]
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly log: string
  readonly lines: number
  readonly unparsed: UnparsedLines
  readonly parsed: R
  /** Everything the detector read in the log: every format found, its problems, its diagnostics. */
  readonly details: ParsedLogDetails
}

export interface CaseRun extends ParsedRun<RegrtestResult> {
  readonly id: string
}

export interface RefleakHunt {
  readonly warmups: number
  readonly runs: number
  readonly run: ParsedRun<RegrtestResult>
  /** Per leaking test file: each of its cases re-run alone under -R. */
  readonly cases: Record<string, CaseRun[]>
  readonly casesNotRun: number
}

export interface ShowrefcountRun extends ParsedRun<{ regrtest: RegrtestResult; refcount: ShowRefcountResult }> {
  readonly testFile: string
}

export interface TestTarget {
  readonly pythonPath: string
  readonly testsDir: string
  /** Working directory: the extension project, as a developer would run its tests. */
  readonly projectDir: string
  /** The extension build, first on PYTHONPATH. */
  readonly sitePath: string
}

export interface RefleakOptions {
  readonly warmups: number
  readonly runs: number
  readonly testTimeoutSeconds: number
  readonly maxCaseRuns: number
}

function testEnv(cell: CellPlan, target: TestTarget, inherited: string | undefined): Record<string, string> {
  return {
    PYTHONPATH: inherited ? `${target.sitePath}${path.delimiter}${inherited}` : target.sitePath,
    // Keep the user's tests folder free of __pycache__ from a debug interpreter.
    PYTHONDONTWRITEBYTECODE: '1',
    ...cell.runtimeEnv,
  }
}

/**
 * regrtest -R over the whole tests folder in one worker process (-j1), so a test that crashes
 * the interpreter is reported as crashed and the others still run; then every case of each
 * leaking file alone, so the report can name the leaking test, not only its file.
 */
export async function runRefleakHunt(context: StepContext, cell: CellPlan, target: TestTarget, options: RefleakOptions, inheritedPythonPath?: string): Promise<RefleakHunt> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const regrtest = (huntArgs: string[], ...selection: string[]) => [
    target.pythonPath,
    '-m',
    'test',
    '--testdir',
    target.testsDir,
    ...huntArgs,
    '-j1',
    '--timeout',
    String(options.testTimeoutSeconds),
    ...selection,
  ]
  const huntArgs = (reflog: string) => ['-R', `${options.warmups}:${options.runs}:${reflog}`]

  const run = await context.log.group(`regrtest -R ${options.warmups}:${options.runs} on ${target.testsDir}`, async () =>
    parseRegrtestRun(context, {
      argv: regrtest(huntArgs(logPath(context, 'reflog.txt'))),
      cwd: target.projectDir,
      env,
      logPath: logPath(context, 'refleak.log'),
    }),
  )

  const cases: Record<string, CaseRun[]> = {}
  let casesNotRun = 0
  let budget = options.maxCaseRuns
  for (const test of run.parsed.tests) {
    if (!test.leaks.some((leak) => !leak.informational)) continue
    const listing = await context.runner.run({
      argv: [target.pythonPath, '-m', 'test', '--testdir', target.testsDir, '--list-cases', test.name],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, 'refleak-cases', `${test.name}.list.log`),
      captureStdout: true,
    })
    const ids = listing.stdout.split('\n').filter(isTestCaseId).map((line) => line.trim())
    cases[test.name] = []
    for (const id of ids) {
      if (budget <= 0) {
        casesNotRun++
        continue
      }
      budget--
      const caseRun = await parseRegrtestRun(context, {
        argv: regrtest(huntArgs(logPath(context, 'refleak-cases', 'reflog.txt')), '-m', id, test.name),
        cwd: target.projectDir,
        env,
        logPath: logPath(context, 'refleak-cases', `${id}.log`),
      })
      cases[test.name].push({ ...caseRun, id })
    }
    if (ids.length) context.log.info(`${test.name}: re-ran ${cases[test.name].length} of ${ids.length} cases alone under -R`)
  }
  return { warmups: options.warmups, runs: options.runs, run, cases, casesNotRun }
}

/**
 * Each test file once under `-X showrefcount`, in its own process: the total printed at exit is
 * then that file's. (3.11 cannot combine -X showrefcount with -jN: the total corrupts the
 * worker's JSON result, see test/fixtures/cpython-3.11.2-pydebug/regrtest-showrefcount-j1-broken-worker.txt.)
 */
export async function runShowrefcount(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  options: Pick<RefleakOptions, 'testTimeoutSeconds'>,
  inheritedPythonPath?: string,
): Promise<ShowrefcountRun[]> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const testFiles = selectTestModules(await readdir(target.testsDir, { withFileTypes: true }).then((entries) => entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }))))
  return context.log.group(`-X showrefcount on ${testFiles.length} test files`, async () => {
    const runs: ShowrefcountRun[] = []
    for (const testFile of testFiles) {
      const command = {
        argv: [target.pythonPath, '-X', 'showrefcount', '-m', 'test', '--testdir', target.testsDir, '--timeout', String(options.testTimeoutSeconds), testFile],
        cwd: target.projectDir,
        env,
        logPath: logPath(context, 'showrefcount', `${testFile}.log`),
      }
      const result = await context.runner.run(command)
      const log = await parseLogFile(result.logPath, { workspace: context.workspace })
      runs.push({ ...parsedRun(result, log), parsed: { regrtest: regrtestOf(log), refcount: log.results.showrefcount ?? new ShowRefcountParser().end() }, testFile })
    }
    return runs
  })
}

async function parseRegrtestRun(context: StepContext, command: Parameters<StepContext['runner']['run']>[0]): Promise<ParsedRun<RegrtestResult>> {
  const result = await context.runner.run(command)
  const log = await parseLogFile(result.logPath, { workspace: context.workspace })
  return { ...parsedRun(result, log), parsed: regrtestOf(log) }
}

function regrtestOf(log: ParsedLog): RegrtestResult {
  return log.results.regrtest ?? new RegrtestParser().end()
}

function parsedRun(result: CommandResult, { lines, unparsed, ...details }: ParsedLog) {
  return {
    command: result.argv,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    log: result.logPath,
    lines,
    unparsed,
    details,
  }
}

/** The test modules regrtest's findtests() would pick in a --testdir: `test_*.py` files and `test_*` packages. */
export function selectTestModules(entries: readonly { name: string; isDirectory: boolean }[]): string[] {
  return entries
    .flatMap((entry) => {
      if (!entry.name.startsWith('test_')) return []
      if (entry.isDirectory) return [entry.name]
      return entry.name.endsWith('.py') ? [entry.name.slice(0, -3)] : []
    })
    .sort()
}
