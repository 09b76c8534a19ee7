import { describe, expect, it } from 'vitest'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { findVariant } from '../../../src/catalog/variants.js'
import { planCell } from '../../../src/plan/cell.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { readFixture } from '../../helpers/fixtures.js'

const plan = (version: string) => planCell(parsePythonVersion(version)!, findVariant('ref-debug')!)

describe('ref-debug (Py_REF_DEBUG on a release build)', () => {
  it('reports every test as leaking on 3.11 (a real run on examples/defects, the clean test too): the evidence for the refusal', () => {
    const parser = new RegrtestParser()
    for (const [index, line] of readFixture('cpython-3.11.2-ref-debug/regrtest-R-every-test-leaks.txt').split('\n').entries()) parser.next(line, index + 1)
    const tests = parser.end().tests
    expect(tests.map((test) => test.name)).toContain('test_clean')
    expect(
      tests.every((test) => test.outcome === 'leaked' && test.leaks.some((leak) => leak.kind === 'references' && leak.deltas.every((delta) => delta > 4000))),
    ).toBe(true)
  })

  it('is refused from 3.11, naming gh-89279 and pydebug instead; 3.10 still builds it', () => {
    const refused = plan('3.11.2')
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.refusal.reason).toContain('sys.gettotalrefcount() grows with every bytecode executed')
      expect(refused.refusal.source).toContain('gh-89279')
      expect(refused.refusal.alternative).toBe('pydebug')
    }
    expect(plan('3.13.5').ok).toBe(false)
    expect(plan('3.10.13').ok).toBe(true)
  })
})
