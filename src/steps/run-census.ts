import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { HelperRun } from '../report/step-results.js'
import { runHelperPerTestFile } from './helper-per-test-file.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/**
 * trace-refs: each test file's cases run warm-ups + counted runs times in one process
 * (python/pydebug_census.py), with a census of live objects by type (`sys.getobjects(0)`) after
 * each run, so a leak is named by its type. The detector reads the census lines (parse/census.ts)
 * and makes an `object-leak` problem of every type that grew in every counted run.
 */
export async function runCensus(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  options: Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'>,
  testFiles: readonly string[],
  inheritedPythonPath?: string,
): Promise<HelperRun[]> {
  return context.log.group(`census of live objects by type (sys.getobjects) on ${testFiles.length} test files`, () =>
    runHelperPerTestFile(
      context,
      cell,
      target,
      runner,
      testFiles,
      {
        script: 'pydebug_census.py',
        args: ['--warmups', String(options.warmups), '--runs', String(options.runs)],
        logDir: 'census',
        // The file's cases run warm-ups + runs times in this one process.
        timeoutSeconds: options.testTimeoutSeconds,
      },
      inheritedPythonPath,
    ) as Promise<HelperRun[]>,
  )
}
