import { GilParser, type GilResult } from '../parse/gil.js'
import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { HelperRun } from '../report/step-results.js'
import { runHelperPerTestFile } from './helper-per-test-file.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/**
 * free-threading: each test file imported alone in a fresh interpreter (python/pydebug_gil.py), to
 * see whether the import (of the extension, through the test file) re-enabled the GIL and which
 * module it named. With `gil: force-off` the tests run with PYTHON_GIL=0, and this says so.
 */
export async function runGilCheck(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  options: Pick<RefleakOptions, 'testTimeoutSeconds'>,
  testFiles: readonly string[],
  inheritedPythonPath?: string,
): Promise<HelperRun<GilResult>[]> {
  return context.log.group(`whether importing each of ${testFiles.length} test files re-enables the GIL`, () =>
    runHelperPerTestFile(context, cell, target, runner, testFiles, { script: 'pydebug_gil.py', logDir: 'gil', timeoutSeconds: options.testTimeoutSeconds, ownParser: () => new GilParser() }, inheritedPythonPath) as Promise<HelperRun<GilResult>[]>,
  )
}
