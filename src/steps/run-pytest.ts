import path from 'node:path'
import { PYTEST_PLUGIN_MODULE, pytestPluginDir } from '../adapters/bundled-files.js'
import { readTextIfPresent } from '../adapters/files.js'
import { parseLogFile, parseLogWith, readLines } from '../adapters/read-lines.js'
import { ConfigError } from '../errors.js'
import { PytestLogParser, pytestFileOf } from '../parse/pytest-log.js'
import { RegrtestParser } from '../parse/regrtest.js'
import type { CellPlan } from '../plan/cell.js'
import { PYTEST_CONFIG_FILES, pytestConfigIn, type ProjectTestFacts } from '../plan/test-runner.js'
import type { PytestFileRun, PytestHunt, TestDiscovery } from '../report/step-results.js'
import { logPath, type StepContext } from './context.js'
import { parsedRun, type RefleakOptions, type TestTarget } from './run-tests.js'

/** Where pytest configuration is, in the words the runner choice's reason uses: the project's folder, and conftest.py in the tests folder too. */
export async function readProjectTestFacts(projectDir: string, discovery: TestDiscovery): Promise<ProjectTestFacts> {
  const pytestConfig: string[] = []
  for (const name of PYTEST_CONFIG_FILES) {
    const text = await readTextIfPresent(path.join(projectDir, name))
    const found = text === undefined ? undefined : pytestConfigIn(name, text)
    if (found) pytestConfig.push(found)
  }
  const testsConftest = path.join(discovery.testsDir, 'conftest.py')
  if (path.dirname(testsConftest) !== path.resolve(projectDir) && (await readTextIfPresent(testsConftest)) !== undefined) {
    pytestConfig.push(path.relative(projectDir, testsConftest).split(path.sep).join('/'))
  }
  return { pytestConfig, modules: discovery.modules, pytestStyle: discovery.pytestStyle }
}

/**
 * The refleak hunt for a pytest suite: pytest collects the tests folder once, then runs each test
 * file in its own process with pydebug's plugin (python/pydebug_refleak.py), which repeats every
 * test `warmups + runs` times and prints regrtest's own `leaked [...]` lines. pytest runs with
 * `-s`: its default capture would take a crashing test's C-level output (the debug hooks' dump,
 * `Fatal Python error`) into a temporary file that dies with the process; `-v` and the plugin put
 * each test's start on a line of its own, so the test a crash interrupted is known.
 */
export async function runPytestRefleakHunt(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  options: Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'>,
  discovery: TestDiscovery,
  inheritedPythonPath?: string,
): Promise<PytestHunt> {
  const pluginDir = pytestPluginDir()
  const pythonPath = [target.sitePath, pluginDir, ...(inheritedPythonPath ? [inheritedPythonPath] : [])].join(path.delimiter)
  const env = { PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1', ...cell.runtimeEnv }
  const pytestVersion = await probePytest(context, target, env, inheritedPythonPath)
  // No .pytest_cache in the user's project; node ids relative to the project, whatever pytest would pick as rootdir.
  const pytestArgs = ['-m', 'pytest', '-p', 'no:cacheprovider', '--rootdir', target.projectDir]

  const collect = await context.log.group(`pytest --collect-only on ${target.testsDir}`, async () => {
    const result = await context.runner.run({
      argv: [target.pythonPath, ...pytestArgs, '--collect-only', '-q', target.testsDir],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, 'pytest', 'collect.log'),
    })
    const log = await parseLogFile(result.logPath, { workspace: context.workspace })
    return { ...parsedRun(result, log), parsed: await parseLogWith(result.logPath, new PytestLogParser()) }
  })

  const byFile = new Map<string, string[]>()
  for (const id of collect.parsed.started) {
    const file = pytestFileOf(id)
    byFile.set(file, [...(byFile.get(file) ?? []), id])
  }
  const files: PytestFileRun[] = []
  await context.log.group(`pytest with ${PYTEST_PLUGIN_MODULE} ${options.warmups}:${options.runs} on ${byFile.size} test files`, async () => {
    for (const [file, caseIds] of byFile) {
      const result = await context.runner.run({
        argv: [
          target.pythonPath,
          ...pytestArgs,
          '-p',
          PYTEST_PLUGIN_MODULE,
          '--pydebug-refleak',
          `${options.warmups}:${options.runs}`,
          '--pydebug-refleak-log',
          logPath(context, 'pytest', 'reflog.txt'),
          '-s',
          '-v',
          file,
        ],
        cwd: target.projectDir,
        env,
        logPath: logPath(context, 'pytest', `${file.replace(/[\\/]/g, '__')}.log`),
        // As regrtest's --timeout, per test file.
        timeoutMs: options.testTimeoutSeconds * 1000,
      })
      const log = await parseLogFile(result.logPath, { workspace: context.workspace })
      files.push({
        ...parsedRun(result, log, file),
        parsed: { regrtest: log.results.regrtest ?? new RegrtestParser().end(), pytest: await parseLogWith(result.logPath, new PytestLogParser()) },
        file,
        caseIds,
      })
      context.log.info(`${file}: ${files[files.length - 1].parsed.pytest.summary ?? `exit ${result.exitCode ?? result.signal}`}`)
    }
  })
  return { warmups: options.warmups, runs: options.runs, discovery: { ...discovery, nested: [] }, collect, files, pytestVersion }
}

/** pytest must be importable by the debug interpreter; when it is not, say how to provide it. */
async function probePytest(context: StepContext, target: TestTarget, env: Record<string, string>, inheritedPythonPath: string | undefined): Promise<string> {
  const result = await context.runner.run({
    argv: [target.pythonPath, '-c', 'import pytest; print(pytest.__version__)'],
    cwd: target.projectDir,
    env,
    logPath: logPath(context, 'pytest', 'probe.log'),
    captureStdout: true,
  })
  if (result.exitCode === 0) return result.stdout.trim()
  let cause = ''
  for await (const line of readLines(result.logPath)) if (line.trim()) cause = line.trim()
  throw new ConfigError(
    `pytest runs these tests (${target.testsDir}), but the debug interpreter cannot import it${cause ? ` (${cause})` : ''}. ` +
      `Install it for the tests with test-requirements: pytest (CLI: --test-requirements pytest), or put a folder holding pytest and its dependencies on PYTHONPATH` +
      `${inheritedPythonPath ? ` (PYTHONPATH is ${inheritedPythonPath})` : ''}. To run them with regrtest instead, set test-runner: regrtest.`,
  )
}
