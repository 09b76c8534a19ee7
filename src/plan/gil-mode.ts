import type { CellPlan } from './cell.js'

/**
 * `gil` on a free-threaded cell: `default` lets an extension that does not declare Py_mod_gil bring
 * the GIL back (and the report says so, loudly); `force-off` runs the tests with PYTHON_GIL=0.
 */
export const GIL_MODES = ['default', 'force-off'] as const
export type GilMode = (typeof GIL_MODES)[number]

/** The environment a cell's tests run in with `gil: force-off`: PYTHON_GIL=0 (3.13+ free-threaded builds). */
export function withGilMode(cell: CellPlan, mode: GilMode): CellPlan {
  return mode === 'force-off' ? { ...cell, runtimeEnv: { ...cell.runtimeEnv, PYTHON_GIL: '0' } } : cell
}
