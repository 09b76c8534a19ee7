import { describe, expect, it } from 'vitest'
import { PytestLogParser, pytestFileOf, pytestOutcome } from '../../../src/parse/pytest-log.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { readFixture } from '../../helpers/fixtures.js'

function parse(text: string) {
  const parser = new PytestLogParser()
  for (const [index, line] of text.split('\n').entries()) parser.next(line, index + 1)
  return parser.end()
}

describe('PytestLogParser on real pytest output (pydebug_refleak plugin, 3.11.2 pydebug)', () => {
  it('reads each test start, its result word and the closing line; leak verdicts are left to the regrtest parser', () => {
    const result = parse(readFixture('pytest-7.2.1-cpython-3.11.2-pydebug/refleak-plugin-leaks.txt'))
    expect(result.started).toEqual(['tests/test_leaky.py::test_leak_refs[3]', 'tests/test_leaky.py::test_leak_blocks', 'tests/test_leaky.py::test_checked_sum'])
    expect(Object.values(result.results).map((test) => [test.id, test.words])).toEqual([
      ['tests/test_leaky.py::test_leak_refs[3]', ['PASSED']],
      ['tests/test_leaky.py::test_leak_blocks', ['PASSED']],
      ['tests/test_leaky.py::test_checked_sum', ['PASSED']],
    ])
    expect(result.summary).toBe('3 passed')
    // The session header and the two leak lines.
    expect(result.unrecognised.samples.map((sample) => sample.text)).toContain('tests/test_leaky.py::test_leak_refs[3] leaked [3, 3, 3] references, sum=9')
  })

  it('leaves the test a crash interrupted without a result', () => {
    const result = parse(readFixture('pytest-7.2.1-cpython-3.11.2-pydebug/refleak-plugin-crash.txt'))
    expect(result.started).toEqual(['tests/test_overrun.py::test_overrun'])
    expect(result.results['tests/test_overrun.py::test_overrun'].words).toEqual([])
    expect(result.summary).toBeUndefined()
  })

  it('lists the collected ids of --collect-only -q', () => {
    const result = parse(readFixture('pytest-7.2.1-cpython-3.11.2-pydebug/collect-only-q.txt'))
    expect(result.started).toEqual([
      'tests/test_leaky.py::test_leak_refs[3]',
      'tests/test_leaky.py::test_leak_blocks',
      'tests/test_leaky.py::test_checked_sum',
      'tests/test_overrun.py::test_overrun',
    ])
    expect(result.unrecognised.count).toBe(0)
  })

  it("reads the short summary: a failing test's reason, a file that could not be collected, ids with spaces", () => {
    const result = parse(
      [
        'tests/test_a.py::test_x[a b] ',
        'tests/test_a.py::test_x[a b] FAILED                                    [ 50%]',
        'tests/test_a.py::test_y PASSED                                          [100%]',
        'tests/test_a.py::test_y ERROR                                           [100%]',
        '=========================== short test summary info ============================',
        'FAILED tests/test_a.py::test_x[a b] - AssertionError: assert 1 == 2',
        "ERROR tests/test_bad.py - ModuleNotFoundError: No module named 'nope'",
        '==================== 1 failed, 1 passed, 2 errors in 0.12s =====================',
      ].join('\n'),
    )
    expect(result.results['tests/test_a.py::test_x[a b]']).toMatchObject({ words: ['FAILED'], reason: 'AssertionError: assert 1 == 2' })
    expect(pytestOutcome(result.results['tests/test_a.py::test_y'].words)).toBe('failed')
    expect(result.collectionErrors).toEqual({ 'tests/test_bad.py': "ModuleNotFoundError: No module named 'nope'" })
    expect(result.summary).toBe('1 failed, 1 passed, 2 errors')
  })

  it('never throws on odd input', () => {
    const parser = new PytestLogParser()
    for (const line of ['', '::', '.py::', 'FAILED', 'ERROR  - ', '= in 1s =', 'x'.repeat(100_000)]) expect(() => parser.next(line, 1)).not.toThrow()
    expect(parser.end().unrecognised.count).toBeGreaterThan(0)
  })
})

describe('pytest outcomes and ids', () => {
  it('lets a failure win over a pass (a teardown error after PASSED), and counts an expected failure as passing, as unittest does', () => {
    expect(pytestOutcome(['PASSED', 'ERROR'])).toBe('failed')
    expect(pytestOutcome(['XFAIL'])).toBe('passed')
    expect(pytestOutcome(['SKIPPED'])).toBe('skipped')
    expect(pytestOutcome([])).toBeUndefined()
    expect(pytestFileOf('tests/test_x.py::TestA::test_b[1-2]')).toBe('tests/test_x.py')
  })
})

describe('regrtest leak lines naming a pytest node id', () => {
  it('reads the id whole, brackets and spaces in a parametrize id included', () => {
    const parser = new RegrtestParser()
    parser.next('tests/test_leaky.py::test_leak_refs[3] leaked [3, 3, 3] references, sum=9', 1)
    parser.next('tests/test_a.py::test_x[a b] leaked [1, 2, 1] memory blocks, sum=4', 2)
    expect(parser.end().tests.map((test) => [test.name, test.leaks.map((leak) => [leak.kind, leak.deltas])])).toEqual([
      ['tests/test_leaky.py::test_leak_refs[3]', [['references', [3, 3, 3]]]],
      ['tests/test_a.py::test_x[a b]', [['memory blocks', [1, 2, 1]]]],
    ])
  })
})
