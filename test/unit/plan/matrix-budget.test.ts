import { describe, expect, it } from 'vitest'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { MATRIX_DEFAULTS, planMatrix } from '../../../src/plan/matrix.js'

// The budget is 100 ms for 1,000 cells: bench/plan-matrix.ts times it against a baseline
// measured in the same run. No timing here: a timed test fails on a loaded machine (this one did,
// 141 ms with two other test runs beside it) and says nothing about the code.
describe('a 1,000-cell matrix', () => {
  it('plans every cell or refuses it, the same way twice', () => {
    const customVariants = Array.from({ length: 15 }, (_, index) => ({
      name: `custom-${index}`,
      summary: 'budget',
      configureArgs: ['--with-pydebug'],
      macros: [`BUDGET_${index}`],
      custom: true,
    }))
    const config = {
      ...MATRIX_DEFAULTS,
      python: ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'],
      variants: [...VARIANTS.map((variant) => variant.name), ...customVariants.map((variant) => variant.name)],
      os: ['ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-24.04-arm', 'macos-14'],
      customVariants,
      split: true,
    }
    const first = planMatrix(config)
    expect(first.cells.length + first.refusals.length).toBe(1000)
    expect(planMatrix(config)).toEqual(first)
  })
})
