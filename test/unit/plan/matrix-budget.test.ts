import { describe, expect, it } from 'vitest'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { MATRIX_DEFAULTS, planMatrix } from '../../../src/plan/matrix.js'

// The budget is 100 ms for 1,000 cells (bench/plan-matrix.ts measures it properly);
// this guards against an accidental order-of-magnitude regression on a loaded 2-core machine.
describe('planning budget', () => {
  it('plans 1,000 cells well under 100 ms once warm', () => {
    const customVariants = Array.from({ length: 15 }, (_, index) => ({ name: `custom-${index}`, summary: 'budget', configureArgs: ['--with-pydebug'], macros: [`BUDGET_${index}`], custom: true }))
    const config = {
      ...MATRIX_DEFAULTS,
      python: ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'],
      variants: [...VARIANTS.map((variant) => variant.name), ...customVariants.map((variant) => variant.name)],
      os: ['ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-24.04-arm', 'macos-14'],
      customVariants,
      split: true,
    }
    planMatrix(config)
    const samples = Array.from({ length: 5 }, () => {
      const started = performance.now()
      const plan = planMatrix(config)
      expect(plan.cells.length + plan.refusals.length).toBe(1000)
      return performance.now() - started
    }).sort((a, b) => a - b)
    expect(samples[2]).toBeLessThan(100)
  })
})
