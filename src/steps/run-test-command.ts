import path from 'node:path'
import { pathExistsSync, readTextIfPresent, removeFile } from '../adapters/files.js'
import { mergeEnv } from '../adapters/process.js'
import { readLines } from '../adapters/read-lines.js'
import { ConfigError } from '../errors.js'
import { LogDetector } from '../parse/detect.js'
import { JUnitXmlParser, type JUnitResult } from '../parse/pytest-junit.js'
import { PytestParser, type PytestResult } from '../parse/pytest.js'
import { UnittestParser, type UnittestResult } from '../parse/unittest-output.js'
import type { LineParser } from '../parse/line-parser.js'
import { expandCommand, formatArgv, type CommandLine } from '../plan/command-line.js'
import type { CellPlan } from '../plan/cell.js'
import { planTestCommand, TEST_COMMAND_NAME, type TestCommandRunner } from '../plan/test-command.js'
import type { InterpreterInstall, TestCommandOutput, TestCommandRun, TestFileRun } from '../report/step-results.js'
import { PYTHON_ENV, SITE_ENV } from './build-extension.js'
import { logPath, type StepContext } from './context.js'
import { pathWithInterpreter } from './interpreter-path.js'
import { parsedRun } from './run-tests.js'

export interface TestCommandTarget {
  readonly command: CommandLine
  /** Working directory: the first extension project, as a developer would run its tests. */
  readonly projectDir: string
  /** Every extension build's importable folder, in the order given: first on PYTHONPATH. */
  readonly sitePaths: readonly string[]
  /** Past this the command is stopped: SIGABRT first, so faulthandler names where it hung. */
  readonly timeoutSeconds: number
  /** A tool the command runs under (`valgrind ...`): the command's words follow it. */
  readonly prefix?: readonly string[]
  /** Variables of a pass (a sanitizer's log_path), over the cell's. */
  readonly passEnv?: Readonly<Record<string, string>>
  /** Its log (and JUnit XML) under logs/: `test-command` unless a pass runs it again. */
  readonly logName?: string
}

/**
 * The user's own test command, with the cell's interpreter first on PATH (`python`, `python3`), its
 * runtime settings (cell.runtimeEnv), the extension builds first on PYTHONPATH and faulthandler on
 * (a crash names the test that was running). Its output goes through the pytest and unittest parsers
 * and the format detector (faults, debug-hook dumps, sanitizer reports); pytest's JUnit XML gives the
 * per-test results.
 */
export async function runTestCommand(
  context: StepContext,
  cell: CellPlan,
  interpreter: InterpreterInstall,
  target: TestCommandTarget,
  inheritedPythonPath?: string,
): Promise<TestCommandRun> {
  const env: Record<string, string> = {
    PYTHONPATH: [...target.sitePaths, ...(inheritedPythonPath ? [inheritedPythonPath] : [])].join(path.delimiter),
    // Keep the user's tree free of __pycache__ from a debug interpreter, as for regrtest.
    PYTHONDONTWRITEBYTECODE: '1',
    // faulthandler prints the Python stack of a crash: the frame in a test file names the test.
    PYTHONFAULTHANDLER: '1',
    PATH: await pathWithInterpreter(context, interpreter, context.env.PATH),
    [PYTHON_ENV]: interpreter.pythonPath,
    [SITE_ENV]: target.sitePaths[0] ?? '',
    ...cell.runtimeEnv,
    ...target.passEnv,
  }
  const expanded = expandCommand(target.command, mergeEnv(context.env, env))
  if (!expanded.ok) {
    throw new ConfigError(
      `test-command '${target.command.text}' refers to ${expanded.missing.map((name) => `$${name}`).join(', ')}, which ${expanded.missing.length === 1 ? 'is' : 'are'} not set; pydebug sets $${SITE_ENV} and $${PYTHON_ENV}.`,
    )
  }
  const logName = target.logName ?? 'test-command'
  const planned = planTestCommand(expanded.argv, { junitPath: logPath(context, `${logName}.junit.xml`) })
  if (planned.junitPath) await removeFile(planned.junitPath)
  const log = logPath(context, `${logName}.log`)
  const argv = [...(target.prefix ?? []), ...planned.argv]
  const result = await context.log.group(`test-command: ${formatArgv(argv)}`, () =>
    context.runner.run({ argv, cwd: target.projectDir, env, logPath: log, timeoutMs: target.timeoutSeconds * 1000, timeoutSignal: 'SIGABRT' }),
  )
  const { output, lines, unparsed, details } = await parseTestCommandLog(result.logPath, planned.runner, context.workspace)
  const junitText = planned.junitPath ? await readTextIfPresent(planned.junitPath) : undefined
  return {
    ...parsedRun(result, { lines, unparsed, ...details }),
    parsed: { ...output, ...(junitText !== undefined ? { junit: withTestFiles(parseJUnitXml(junitText), target.projectDir) } : {}) },
    text: target.command.text,
    runner: planned.runner,
    added: planned.added,
    ...(planned.junitPath ? { junitPath: planned.junitPath } : {}),
    cwd: target.projectDir,
    workspace: context.workspace,
  }
}

/** The command's run in the shape of a test file's, for the passes that read those (memcheck, the sanitizers): its outcome from its exit. */
export function testCommandAsFileRun(run: TestCommandRun): TestFileRun {
  const outcome = run.timedOut ? 'timed-out' : run.signal ? 'crashed' : run.exitCode === 0 ? 'passed' : 'failed'
  return { ...run, testFile: TEST_COMMAND_NAME, outcome: { outcome }, progress: { started: [] } }
}

/**
 * pytest's default JUnit flavour (xunit2) names a test's module (`tests.test_add`), not its file:
 * the file is the longest prefix of the dotted name that exists under the working directory, so the
 * report can use pytest's own node ids (`tests/test_add.py::test_x`).
 */
function withTestFiles(junit: JUnitResult, cwd: string): JUnitResult {
  const found = new Map<string, string | undefined>()
  const fileOf = (classname: string) => {
    if (!found.has(classname)) {
      const parts = classname.split('.')
      let file: string | undefined
      for (let count = parts.length; count > 0 && file === undefined; count--) {
        const candidate = `${parts.slice(0, count).join('/')}.py`
        if (pathExistsSync(path.join(cwd, candidate))) file = candidate
      }
      found.set(classname, file)
    }
    return found.get(classname)
  }
  return {
    ...junit,
    cases: junit.cases.map((testCase) =>
      testCase.file !== undefined ? testCase : { ...testCase, ...(fileOf(testCase.classname) ? { file: fileOf(testCase.classname) } : {}) },
    ),
  }
}

export function parseJUnitXml(text: string): JUnitResult {
  const parser = new JUnitXmlParser()
  for (const line of text.split('\n')) parser.next(line)
  return parser.end()
}

/**
 * One pass over the log: each line goes to the test runner's parser first; the lines it does not
 * take go to the format detector (faults, debug-hook dumps, sanitizer reports), which then counts
 * what nobody recognised. A line the runner's parser took reaches the detector as a blank line (or as
 * the output that followed the runner's text on it), so its line numbers stay the log's. (pytest's and unittest's formats are not in the detector's
 * routing tables: their lines start with anything, which its first-character routing cannot serve.)
 */
export async function parseTestCommandLog(logFile: string, runner: TestCommandRunner, workspace?: string) {
  const parsers: { name: 'pytest' | 'unittest'; parser: LineParser<PytestResult | UnittestResult> & { readonly remainder?: string } }[] = [
    ...(runner !== 'unittest' ? [{ name: 'pytest' as const, parser: new PytestParser() }] : []),
    ...(runner !== 'pytest' ? [{ name: 'unittest' as const, parser: new UnittestParser() }] : []),
  ]
  const detector = new LogDetector(workspace ? { workspace } : {})
  let lineNumber = 0
  try {
    for await (const raw of readLines(logFile)) {
      lineNumber++
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
      const claimedBy = parsers.find(({ parser }) => parser.next(line, lineNumber))
      detector.push(claimedBy ? (claimedBy.parser.remainder ?? '') : raw)
    }
  } catch (error) {
    // A command that never started has no log.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const { lines, unparsed, ...details } = detector.end()
  const output: { pytest?: PytestResult; unittest?: UnittestResult } = {}
  for (const { name, parser } of parsers) {
    const parsed = parser.end()
    if (parsed.seen) (output as Record<string, unknown>)[name] = parsed
  }
  return { output: output as TestCommandOutput, lines, unparsed, details }
}
