import { parseLogFile, readLines } from '../adapters/read-lines.js'
import { bundledPythonScript } from '../adapters/bundled-files.js'
import type { LineParser } from '../parse/line-parser.js'
import type { CellPlan } from '../plan/cell.js'
import { logPath, type StepContext } from './context.js'
import { parsedRun, testEnv, type ParsedRun, type TestTarget } from './run-tests.js'

/** One test file run by one of pydebug's helper scripts (python/pydebug_*.py), its log read by the detector. */
export interface HelperRun<R = undefined> extends ParsedRun<R> {
  readonly testFile: string
}

export interface HelperSpec<R> {
  /** File name under python/, e.g. `pydebug_census.py`. */
  readonly script: string
  /** Arguments after `--testdir <tests>` and before the test file. */
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
  testFiles: readonly string[],
  spec: HelperSpec<R>,
  inheritedPythonPath?: string,
): Promise<HelperRun<R | undefined>[]> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const script = bundledPythonScript(spec.script)
  const runs: HelperRun<R | undefined>[] = []
  for (const testFile of testFiles) {
    const result = await context.runner.run({
      argv: [target.pythonPath, script, '--testdir', target.testsDir, ...(spec.args ?? []), testFile],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, spec.logDir, `${testFile}.log`),
      timeoutMs: spec.timeoutSeconds * 1000,
      // faulthandler's dump on a hang names the test that hung.
      timeoutSignal: 'SIGABRT',
    })
    const log = await parseLogFile(result.logPath, { workspace: context.workspace })
    let own: R | undefined
    if (spec.ownParser) {
      const parser = spec.ownParser()
      let lineNumber = 0
      try {
        for await (const line of readLines(result.logPath)) parser.next(line.endsWith('\r') ? line.slice(0, -1) : line, ++lineNumber)
      } catch (error) {
        // A process that never started wrote no log: nothing to read.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      own = parser.end()
    }
    runs.push({ ...parsedRun(result, log, testFile), parsed: own, testFile })
  }
  return runs
}
