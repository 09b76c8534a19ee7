import type { VariantCheck } from '../catalog/variants.js'
import type { GilMode } from '../plan/gil-mode.js'
import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { VariantChecksRun } from '../report/step-results.js'
import { runAllocationReport } from './run-allocation-report.js'
import { runCensus } from './run-census.js'
import { runCountAllocs } from './run-count-allocs.js'
import { runGilCheck } from './run-gil-check.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/** The checks this step runs, each test file on its own through a helper script: the user's test-command cannot serve them. */
const HELPER_CHECKS: readonly VariantCheck[] = ['gil', 'census', 'count-allocs', 'allocation-report']

export function perFileChecks(checks: readonly VariantCheck[]): VariantCheck[] {
  return checks.filter((check) => HELPER_CHECKS.includes(check))
}

/**
 * The checks the variant exists for, after the refleak hunt, on the same test files: first whether
 * the GIL came back (it decides what every other run tested), then the census, the per-type counts
 * and the allocation report.
 */
export async function runVariantChecks(
  context: StepContext,
  cell: CellPlan,
  checks: readonly VariantCheck[],
  target: TestTarget,
  runner: TestFileRunner,
  testFiles: readonly string[],
  options: Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'> & { readonly gil: GilMode },
  inheritedPythonPath?: string,
): Promise<VariantChecksRun> {
  if (testFiles.length === 0) return {}
  const has = (check: VariantCheck) => checks.includes(check)
  const gil = has('gil') ? { mode: options.gil, files: await runGilCheck(context, cell, target, runner, options, testFiles, inheritedPythonPath) } : undefined
  const census = has('census') ? { warmups: options.warmups, runs: options.runs, files: await runCensus(context, cell, target, runner, options, testFiles, inheritedPythonPath) } : undefined
  const countAllocs = has('count-allocs') ? await runCountAllocs(context, cell, target, runner, options, testFiles, inheritedPythonPath) : undefined
  const allocations = has('allocation-report') ? await runAllocationReport(context, cell, target, runner, options, testFiles, inheritedPythonPath) : undefined
  return { ...(gil ? { gil } : {}), ...(census ? { census } : {}), ...(countAllocs ? { countAllocs } : {}), ...(allocations ? { allocations } : {}) }
}
