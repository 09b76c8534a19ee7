import path from 'node:path'
import { type DirEntry, listDirEntries, readTextIfPresent } from '../adapters/files.js'
import { parseLogFile } from '../adapters/read-lines.js'
import type { CommandResult } from '../adapters/process.js'
import type { ParsedLog, ParsedLogDetails } from '../parse/detect.js'
import { RegrtestParser, isTestCaseId, type RegrtestResult } from '../parse/regrtest.js'
import { ShowRefcountParser } from '../parse/showrefcount.js'
import { planCaseRuns } from '../plan/case-runs.js'
import type { CellPlan } from '../plan/cell.js'
import type { CaseRun, ParsedRun, RefleakHunt, ShowrefcountRun, TestDiscovery } from '../report/step-results.js'
import { logPath, type StepContext } from './context.js'
import { runTestFile } from './run-test-file.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'

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
  /** Cases of one leaking file re-run alone. */
  readonly maxCaseRuns: number
  /** Cases re-run alone across all leaking files. */
  readonly maxCaseRunsTotal: number
}

export function testEnv(cell: CellPlan, target: TestTarget, inherited: string | undefined): Record<string, string> {
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
export async function runRefleakHunt(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  options: RefleakOptions,
  discovery: TestDiscovery,
  inheritedPythonPath?: string,
): Promise<RefleakHunt> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const hunt = { warmups: options.warmups, runs: options.runs, discovery, cases: {}, casesNotRun: {}, caseIds: {} }
  if (discovery.modules.length === 0) {
    context.log.warning(`no test module (test_*.py or test_* package) at the top of ${target.testsDir}: the refleak hunt has nothing to run`)
    return hunt
  }
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
  const casesNotRun: Record<string, number> = {}
  const caseIds: Record<string, string[]> = {}
  const listCases = async (testName: string) => (caseIds[testName] = await listTestCases(context, target, env, testName, 'refleak-cases'))
  const leaking: { name: string; caseIds: string[] }[] = []
  for (const test of run.parsed.tests) {
    // A crash names the test function that was running; its full id (with the class) comes from the listing.
    if (test.outcome === 'crashed' || test.outcome === 'timed-out') await listCases(test.name)
    if (test.leaks.some((leak) => !leak.informational)) leaking.push({ name: test.name, caseIds: caseIds[test.name] ?? (await listCases(test.name)) })
  }
  for (const file of planCaseRuns(leaking, { perFile: options.maxCaseRuns, total: options.maxCaseRunsTotal })) {
    cases[file.name] = []
    for (const id of file.run) {
      const caseRun = await parseRegrtestRun(context, {
        argv: regrtest(huntArgs(logPath(context, 'refleak-cases', 'reflog.txt')), '-m', id, file.name),
        cwd: target.projectDir,
        env,
        logPath: logPath(context, 'refleak-cases', `${id}.log`),
      })
      cases[file.name].push({ ...caseRun, id })
    }
    if (file.notRun) casesNotRun[file.name] = file.notRun
    if (file.run.length || file.notRun) context.log.info(`${file.name}: re-ran ${file.run.length} of ${file.run.length + file.notRun} cases alone under -R`)
  }
  return { ...hunt, run, cases, casesNotRun, caseIds }
}

/** Every case id regrtest's `--list-cases` gives for one test file (its log goes to `logs/<logFolder>/`). */
export async function listTestCases(
  context: StepContext,
  target: TestTarget,
  env: Record<string, string>,
  testFile: string,
  logFolder: string,
): Promise<string[]> {
  const listing = await context.runner.run({
    argv: [target.pythonPath, '-m', 'test', '--testdir', target.testsDir, '--list-cases', testFile],
    cwd: target.projectDir,
    env,
    logPath: logPath(context, logFolder, `${testFile}.list.log`),
    captureStdout: true,
  })
  return listing.stdout
    .split('\n')
    .filter(isTestCaseId)
    .map((line) => line.trim())
}

// Module-level `def test_...` or a pytest import: what pytest collects and unittest does not.
const PYTEST_STYLE = /^(?:def test\w*\s*\(|import pytest\b|from pytest\b)/m
const UNITTEST_CASE = /^class \w+\([^)]*TestCase[^)]*\)\s*:/m
const MAX_NESTED_DEPTH = 4

/**
 * The test modules regrtest's `--testdir` runs (the top level only, as its findtests() does), the
 * sub-folders holding test files it will not see, and the modules written for pytest.
 */
export async function discoverTestModules(testsDir: string): Promise<TestDiscovery> {
  const entries = await listDirEntries(testsDir)
  const modules = selectTestModules(entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory })))
  const nested: { dir: string; modules: number }[] = []
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > MAX_NESTED_DEPTH) return
    const children = await listDirEntries(path.join(testsDir, relative)).catch((): DirEntry[] => [])
    const found = children.filter((child) => !child.isDirectory && /^test_.*\.py$/.test(child.name)).length
    if (found > 0 && relative !== '') nested.push({ dir: relative.split(path.sep).join('/'), modules: found })
    for (const child of children) {
      if (!child.isDirectory || child.name.startsWith('.') || child.name === '__pycache__' || (relative === '' && child.name.startsWith('test_'))) continue
      await walk(path.join(relative, child.name), depth + 1)
    }
  }
  await walk('', 0)
  const pytestStyle: string[] = []
  for (const module of modules) {
    const text = (await readTextIfPresent(path.join(testsDir, `${module}.py`))) ?? ''
    if (PYTEST_STYLE.test(text) && !UNITTEST_CASE.test(text)) pytestStyle.push(module)
  }
  return { testsDir, modules, nested, pytestStyle }
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
  files: TestFileRunner,
  options: Pick<RefleakOptions, 'testTimeoutSeconds'>,
  testFiles: readonly string[],
  inheritedPythonPath?: string,
): Promise<ShowrefcountRun[]> {
  const env = testEnv(cell, target, inheritedPythonPath)
  return context.log.group(`-X showrefcount on ${testFiles.length} test files`, async () => {
    const runs: ShowrefcountRun[] = []
    for (const testFile of testFiles) {
      const run = await runTestFile(context, files, {
        prefix: [target.pythonPath, '-X', 'showrefcount'],
        testFile,
        env,
        cwd: target.projectDir,
        logPath: logPath(context, 'showrefcount', `${files.logName(testFile)}.log`),
        timeoutSeconds: options.testTimeoutSeconds,
      })
      runs.push({ ...run, refcount: run.details.results.showrefcount ?? new ShowRefcountParser().end() })
    }
    return runs
  })
}

/** Runs one regrtest command and reads its log: every format the detector knows, regrtest's result first. */
export async function parseRegrtestRun(context: StepContext, command: Parameters<StepContext['runner']['run']>[0]): Promise<ParsedRun<RegrtestResult>> {
  const result = await context.runner.run(command)
  const log = await parseLogFile(result.logPath, { workspace: context.workspace })
  return { ...parsedRun(result, log), parsed: regrtestOf(log) }
}

function regrtestOf(log: ParsedLog): RegrtestResult {
  return log.results.regrtest ?? new RegrtestParser().end()
}

/**
 * A command's result and what the detector read in its log, as every step reports a process it ran.
 * With `testFile` (a process that ran one test file), every problem in its log belongs to that
 * file, so a crash a later pass sees again joins the file's finding instead of standing alone.
 */
export function parsedRun(result: CommandResult, { lines, unparsed, ...details }: Pick<ParsedLog, 'lines' | 'unparsed'> & ParsedLogDetails, testFile?: string) {
  return {
    command: result.argv,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    log: result.logPath,
    ...(result.logCut ? { logCut: result.logCut } : {}),
    lines,
    unparsed,
    details: testFile === undefined ? details : { ...details, problems: details.problems.map((problem) => ({ ...problem, test: testFile })) },
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
