import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KNOWN_MINORS } from '../../../src/catalog/known-versions.js'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { ConfigError } from '../../../src/errors.js'
import { MATRIX_DEFAULTS, planMatrix, RUNNER_LABELS } from '../../../src/plan/matrix.js'
import { compileSelector } from '../../../src/plan/select.js'

const minors = KNOWN_MINORS.map((known) => known.minor)
const names = VARIANTS.map((variant) => variant.name)
const labels = Object.keys(RUNNER_LABELS)

describe('planMatrix properties', () => {
  it('accounts for every requested cell exactly once: built, refused or skipped', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...minors), { minLength: 1 }),
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 1 }),
        fc.uniqueArray(fc.constantFrom(...labels), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom('cp3{6,7}-*', '*-asan', 'cp313t-*', 'cp31?-trace-refs', 'macos-*:*'), { maxLength: 2 }),
        (python, variants, os, skip) => {
          const config = { ...MATRIX_DEFAULTS, python, variants, os, skip, customVariants: [] }
          const total = python.length * variants.length * os.length
          let plan: ReturnType<typeof planMatrix>
          try {
            plan = planMatrix(config)
          } catch (error) {
            // Only an empty selection may throw here; it must really be empty.
            expect(error).toBeInstanceOf(ConfigError)
            expect((error as Error).message).toMatch(/matches no buildable cell/)
            return
          }
          const keys = plan.cells.map((planned) => `${planned.os}:${planned.cell.id}`)
          expect(new Set(keys).size).toBe(keys.length)
          const selectors = skip.map(compileSelector)
          const skipped = total - plan.cells.length - plan.refusals.length
          expect(skipped).toBeGreaterThanOrEqual(0)
          if (selectors.length === 0) expect(skipped).toBe(0)
          for (const planned of plan.cells) {
            expect(selectors.some((selector) => selector.matches(selector.pattern.includes(':') ? `${planned.os}:${planned.cell.id}` : planned.cell.id))).toBe(
              false,
            )
          }
          for (const refusal of plan.refusals) expect(refusal.source.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 200 },
    )
  })
})
