import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { KNOWN_MINORS } from '../../../src/catalog/known-versions.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { planCell, type CellPlanResult } from '../../../src/plan/cell.js'
import { expectGolden } from '../../helpers/golden.js'

// One golden file per variant, one entry per minor release 3.6 to 3.15. UPDATE_GOLDEN=1
// rewrites them; review the diff like any other catalog change.
const goldenDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden/catalog')

function snapshot(result: CellPlanResult) {
  if (!result.ok) {
    const { id, reason, source, alternative } = result.refusal
    return { id, status: 'refused', reason, source, ...(alternative ? { alternative } : {}) }
  }
  const { cell } = result
  return {
    id: cell.id,
    status: cell.substitution ? 'equivalent' : 'built',
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    buildEnv: cell.buildEnv,
    runtimeEnv: cell.runtimeEnv,
    abiFlags: cell.abiFlags,
    extensionAbi: cell.extensionAbi,
    extensionRebuild: cell.extensionRebuild,
    buildDirName: cell.buildDirName,
    ...(cell.substitution ? { substitution: cell.substitution } : {}),
  }
}

describe('catalog golden tables: every variant on every minor release', () => {
  it('covers 3.6 to 3.15 without gaps', () => {
    expect(KNOWN_MINORS.map((known) => known.minor)).toEqual(['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'])
  })

  it.each(VARIANTS.map((variant) => variant.name))('%s', (name) => {
    const variant = VARIANTS.find((spec) => spec.name === name)!
    const table = Object.fromEntries(KNOWN_MINORS.map((known) => [known.minor, snapshot(planCell(parsePythonVersion(known.latest)!, variant))]))
    const file = path.join(goldenDir, `${name}.json`)
    const text = `${JSON.stringify(table, null, 2)}\n`
    expectGolden(file, text)
  })
})
