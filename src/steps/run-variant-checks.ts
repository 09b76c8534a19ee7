import type { VariantCheck } from '../catalog/variants.js'
import { GilParser } from '../parse/gil.js'
import type { GilMode } from '../plan/gil-mode.js'
import type { CellPlan } from '../plan/cell.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import type { GilResult } from '../parse/gil.js'
import type { HelperRun, VariantChecksRun } from '../report/step-results.js'
import type { StepContext } from './context.js'
import { runHelperPerTestFile, type HelperSpec } from './helper-per-test-file.js'
import type { RefleakOptions, TestTarget } from './run-tests.js'

type HelperOptions = Pick<RefleakOptions, 'warmups' | 'runs' | 'testTimeoutSeconds'>
const repetitions = (options: HelperOptions) => ['--warmups', String(options.warmups), '--runs', String(options.runs)]

/**
 * The checks this step runs, each test file on its own through a helper script (python/), in the
 * order they run: the user's test-command cannot serve them. Each entry: the log group's title and
 * the helper's spec; every helper's process has the file's whole timeout.
 */
const HELPER_CHECKS = {
  /**
   * free-threading: each test file imported alone in a fresh interpreter (python/pydebug_gil.py), to
   * see whether the import (of the extension, through the test file) re-enabled the GIL and which
   * module it named. With `gil: force-off` the tests run with PYTHON_GIL=0, and this says so. First:
   * it decides what every other run tested.
   */
  gil: (files: number) => ({
    title: `whether importing each of ${files} test files re-enables the GIL`,
    spec: (options: HelperOptions): HelperSpec<GilResult> => ({
      script: 'pydebug_gil.py',
      logDir: 'gil',
      timeoutSeconds: options.testTimeoutSeconds,
      ownParser: () => new GilParser(),
    }),
  }),
  /**
   * trace-refs: each test file's cases run warm-ups + counted runs times in one process
   * (python/pydebug_census.py), with a census of live objects by type (`sys.getobjects(0)`) after
   * each run, so a leak is named by its type. The detector reads the census lines (parse/census.ts)
   * and makes an `object-leak` problem of every type that grew in every counted run.
   */
  census: (files: number) => ({
    title: `census of live objects by type (sys.getobjects) on ${files} test files`,
    spec: (options: HelperOptions): HelperSpec<undefined> => ({
      script: 'pydebug_census.py',
      args: repetitions(options),
      logDir: 'census',
      timeoutSeconds: options.testTimeoutSeconds,
    }),
  }),
  /**
   * count-allocs (COUNT_ALLOCS, 3.6-3.8): `sys.getcounts()` before and after each test file
   * (python/pydebug_counts.py); the detector reads both lists (parse/count-allocs.ts),
   * report/variant-checks.ts ranks the types by net growth.
   */
  'count-allocs': (files: number) => ({
    title: `per-type allocation counts (sys.getcounts) around each of ${files} test files`,
    spec: (options: HelperOptions): HelperSpec<undefined> => ({
      script: 'pydebug_counts.py',
      logDir: 'count-allocs',
      timeoutSeconds: options.testTimeoutSeconds,
    }),
  }),
  /**
   * Each test file's cases run warm-ups times, then counted runs times between two dumps of the
   * allocator's statistics (python/pydebug_allocstats.py, `sys._debugmallocstats()`; one run between
   * the dumps is below the allocator's noise, see the script): the detector reads the dumps
   * (parse/mallocstats.ts), report/variant-checks.ts compares them.
   */
  'allocation-report': (files: number) => ({
    title: `allocator statistics before and after each of ${files} test files`,
    spec: (options: HelperOptions): HelperSpec<undefined> => ({
      script: 'pydebug_allocstats.py',
      args: repetitions(options),
      logDir: 'allocations',
      timeoutSeconds: options.testTimeoutSeconds,
    }),
  }),
} as const satisfies Partial<Record<VariantCheck, unknown>>

type HelperCheck = keyof typeof HELPER_CHECKS

const isHelperCheck = (check: VariantCheck): check is HelperCheck => Object.hasOwn(HELPER_CHECKS, check)

export function perFileChecks(checks: readonly VariantCheck[]): VariantCheck[] {
  return checks.filter(isHelperCheck)
}

/**
 * The checks the variant exists for, after the refleak hunt, on the same test files, in
 * HELPER_CHECKS's order: first whether the GIL came back, then the census, the per-type counts and
 * the allocation report.
 */
export async function runVariantChecks(
  context: StepContext,
  cell: CellPlan,
  checks: readonly VariantCheck[],
  target: TestTarget,
  runner: TestFileRunner,
  testFiles: readonly string[],
  options: HelperOptions & { readonly gil: GilMode },
  inheritedPythonPath?: string,
): Promise<VariantChecksRun> {
  if (testFiles.length === 0) return {}
  const runs: Partial<Record<HelperCheck, HelperRun<unknown>[]>> = {}
  for (const check of Object.keys(HELPER_CHECKS) as HelperCheck[]) {
    if (!checks.includes(check)) continue
    const { title, spec } = HELPER_CHECKS[check](testFiles.length)
    runs[check] = await context.log.group(title, () =>
      runHelperPerTestFile<unknown>(context, cell, target, runner, testFiles, spec(options), inheritedPythonPath),
    )
  }
  return {
    ...(runs.gil ? { gil: { mode: options.gil, files: runs.gil as HelperRun<GilResult>[] } } : {}),
    ...(runs.census ? { census: { warmups: options.warmups, runs: options.runs, files: runs.census as HelperRun[] } } : {}),
    ...(runs['count-allocs'] ? { countAllocs: runs['count-allocs'] as HelperRun[] } : {}),
    ...(runs['allocation-report'] ? { allocations: runs['allocation-report'] as HelperRun[] } : {}),
  }
}
