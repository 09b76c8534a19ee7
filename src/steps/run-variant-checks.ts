import type { VariantCheck } from '../catalog/variants.js'
import type { GilMode } from '../config/run-config.js'
import type { GilResult } from '../parse/gil.js'
import type { CellPlan } from '../plan/cell.js'
import type { StepContext } from './context.js'
import type { HelperRun } from './helper-per-test-file.js'
import { runAllocationReport } from './run-allocation-report.js'
import { runCensus } from './run-census.js'
import { runCountAllocs } from './run-count-allocs.js'
import { runGilCheck } from './run-gil-check.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

/** What the variant's own checks ran (catalog `checks`), in the steps' terms; report/variant-checks.ts reads it. */
export interface VariantChecksRun {
  readonly allocations?: HelperRun[]
  readonly census?: { readonly warmups: number; readonly runs: number; readonly files: HelperRun[] }
  readonly countAllocs?: HelperRun[]
  readonly gil?: { readonly mode: GilMode; readonly files: HelperRun<GilResult | undefined>[] }
}

/** The environment a cell's tests run in with `gil: force-off`: PYTHON_GIL=0 (3.13+ free-threaded builds). */
export function withGilMode(cell: CellPlan, mode: GilMode): CellPlan {
  return mode === 'force-off' ? { ...cell, runtimeEnv: { ...cell.runtimeEnv, PYTHON_GIL: '0' } } : cell
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
  testFiles: readonly string[],
  options: Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'> & { readonly gil: GilMode },
  inheritedPythonPath?: string,
): Promise<VariantChecksRun> {
  if (testFiles.length === 0) return {}
  const has = (check: VariantCheck) => checks.includes(check)
  const gil = has('gil') ? { mode: options.gil, files: await runGilCheck(context, cell, target, options, testFiles, inheritedPythonPath) } : undefined
  const census = has('census') ? { warmups: options.warmups, runs: options.runs, files: await runCensus(context, cell, target, options, testFiles, inheritedPythonPath) } : undefined
  const countAllocs = has('count-allocs') ? await runCountAllocs(context, cell, target, options, testFiles, inheritedPythonPath) : undefined
  const allocations = has('allocation-report') ? await runAllocationReport(context, cell, target, options, testFiles, inheritedPythonPath) : undefined
  return { ...(gil ? { gil } : {}), ...(census ? { census } : {}), ...(countAllocs ? { countAllocs } : {}), ...(allocations ? { allocations } : {}) }
}
