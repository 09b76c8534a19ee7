import { parseLogFile, parseLogWith } from '../adapters/read-lines.js'
import { bundledPythonScript } from '../adapters/bundled-files.js'
import type { LineParser } from '../parse/line-parser.js'
import type { CellPlan } from '../plan/cell.js'
import { logPath, type StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { HelperRun } from '../report/step-results.js'
import { parsedRun, testEnv, type TestTarget } from './run-tests.js'

export interface HelperSpec<R> {
  /** File name under python/, e.g. `pydebug_census.py`. */
  readonly script: string
  /** Arguments after the runner's (`--testdir <tests>`, `--pytest --rootdir <project>`) and before the test file. */
  readonly args?: readonly string[]
  /** Folder under logs/ for the per-file logs. */
  readonly logDir: string
  readonly timeoutSeconds: number
  /** A parser for lines of the helper's own the detector does not know, run over the same log. */
  readonly ownParser?: () => LineParser<R>
}

/**
 * Runs a helper script once per test file, in its own process (a crash ends only that file's run),
 * with the tests' environment (the variant's runtime settings, the extension first on PYTHONPATH).
 */
export async function runHelperPerTestFile<R>(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  testFiles: readonly string[],
  spec: HelperSpec<R>,
  inheritedPythonPath?: string,
): Promise<HelperRun<R | undefined>[]> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const script = bundledPythonScript(spec.script)
  const runs: HelperRun<R | undefined>[] = []
  for (const testFile of testFiles) {
    const result = await context.runner.run({
      argv: [target.pythonPath, script, ...runner.helperArgs, ...(spec.args ?? []), testFile],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, spec.logDir, `${runner.logName(testFile)}.log`),
      timeoutMs: spec.timeoutSeconds * 1000,
      // faulthandler's dump on a hang names the test that hung.
      timeoutSignal: 'SIGABRT',
    })
    const log = await parseLogFile(result.logPath, { workspace: context.workspace })
    const own = spec.ownParser ? await parseLogWith(result.logPath, spec.ownParser()) : undefined
    runs.push({ ...parsedRun(result, log, testFile), parsed: own, testFile })
  }
  return runs
}
