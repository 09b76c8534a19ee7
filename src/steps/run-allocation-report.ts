import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { HelperRun } from '../report/step-results.js'
import { runHelperPerTestFile } from './helper-per-test-file.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/**
 * Each test file's cases run warm-ups times, then counted runs times between two dumps of the
 * allocator's statistics (python/pydebug_allocstats.py, `sys._debugmallocstats()`; one run between
 * the dumps is below the allocator's noise, see the script): the detector reads the dumps
 * (parse/mallocstats.ts), report/variant-checks.ts compares them.
 */
export async function runAllocationReport(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  options: Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'>,
  testFiles: readonly string[],
  inheritedPythonPath?: string,
): Promise<HelperRun[]> {
  return context.log.group(`allocator statistics before and after each of ${testFiles.length} test files`, () =>
    runHelperPerTestFile(context, cell, target, runner, testFiles, { script: 'pydebug_allocstats.py', args: ['--warmups', String(options.warmups), '--runs', String(options.runs)], logDir: 'allocations', timeoutSeconds: options.testTimeoutSeconds }, inheritedPythonPath) as Promise<HelperRun[]>,
  )
}
