import { describe, expect, it } from 'vitest'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

const CAPTURED_IN = { workspace: '/tmp/lead-cap' }

describe("the debug hooks' dead-byte pattern: double free and use after free", () => {
  it('a double free whose dump a segfault cut short is named a double free or use after free, at the test', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/showrefcount-double-free-cut-by-segfault.txt'), CAPTURED_IN)
    const [block] = parsed.results['pymalloc-debug']!.blocks
    expect(block.truncated).toBe(true)
    expect(block.leadingPad?.bytes.map((byte) => byte.value)).toEqual([0xdd, 0xdd, 0xdd, 0xdd, 0xdd, 0xdd, 0xdd])
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        kind: 'use-after-free',
        test: 'test_double_free',
        file: 'afterfree/tests/test_double_free.py',
        line: 8,
        message: expect.stringMatching(/^double free or use after free: the block's pad bytes read 0xDD, the pattern the debug hooks write over freed memory/),
      }),
    )
  })

  it('a dump with the raw dead byte as its API id still parses (the byte is not UTF-8)', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/pymalloc-debug-double-free-segfault.txt'))
    expect(parsed.results['pymalloc-debug']!.blocks).toHaveLength(1)
    expect(parsed.results['pymalloc-debug']!.blocks[0].leadingPad?.bytes.every((byte) => byte.value === 0xdd)).toBe(true)
  })

  it('an object printed with the dead pattern as its reference count was used after it was freed, though the test passed', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/showrefcount-print-after-free.txt'))
    expect(parsed.results.regrtest?.summary.state).toBe('SUCCESS')
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        kind: 'use-after-free',
        severity: 'error',
        test: 'test_print_after_free',
        message:
          'use after free: an object at 0x7f66cdb89c40 was used after it was freed (printed as <refcnt -2459565876494606883>, its reference count is the dead-byte pattern 0xDD the debug hooks write over freed memory)',
      }),
    ])
    expect(parsed.unparsed.count).toBe(0)
  })

  it('recognises the pre-3.8 pattern 0xDB and 32-bit counts, as PyObject_Print\'s "<refcnt %zd at %p>" prints them', () => {
    // No CPython before 3.8 can be built here: the lines are made exactly as Objects/object.c prints them.
    const pattern = (byte: bigint, bits: number) =>
      BigInt.asIntN(
        bits,
        Array.from({ length: bits / 8 }, (_, index) => byte << BigInt(8 * index)).reduce((a, b) => a | b),
      ).toString()
    for (const [byte, bits] of [
      [0xdbn, 64],
      [0xddn, 32],
      [0xdbn, 32],
    ] as const) {
      const parsed = parseLogText(`<refcnt ${pattern(byte, bits)} at 0x55d0c0ffee00>\n`)
      expect(parsed.problems.map((problem) => problem.kind)).toEqual(['use-after-free'])
      expect(parsed.problems[0].message).toContain(`pattern 0x${byte.toString(16).toUpperCase()}`)
    }
    expect(pattern(0xdbn, 64)).toBe('-2604246222170760229')
    // A count of 0 or an ordinary negative number is printed the same way, and is not a use after free.
    expect(parseLogText('<refcnt 0 at 0x55d0c0ffee00>\n<refcnt -1 at 0x55d0c0ffee00>\n').problems).toEqual([])
  })
})
