import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { HelperRun } from '../report/step-results.js'
import { runHelperPerTestFile } from './helper-per-test-file.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/**
 * count-allocs (COUNT_ALLOCS, 3.6-3.8): `sys.getcounts()` before and after each test file
 * (python/pydebug_counts.py); the detector reads both lists (parse/count-allocs.ts),
 * report/variant-checks.ts ranks the types by net growth.
 */
export async function runCountAllocs(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  options: Pick<RefleakOptions, 'testTimeoutSeconds'>,
  testFiles: readonly string[],
  inheritedPythonPath?: string,
): Promise<HelperRun[]> {
  return context.log.group(`per-type allocation counts (sys.getcounts) around each of ${testFiles.length} test files`, () =>
    runHelperPerTestFile(context, cell, target, runner, testFiles, { script: 'pydebug_counts.py', logDir: 'count-allocs', timeoutSeconds: options.testTimeoutSeconds }, inheritedPythonPath) as Promise<HelperRun[]>,
  )
}
