import { describe, expect, it } from 'vitest'
import { blockOfLines, firstFilledLine, lineAt, linesOf, matchLines, splitBlock } from '../../../src/parse/line-block.js'
import { blockOfText } from '../../helpers/parse-text.js'

describe('line blocks: decoded text and where each line ends', () => {
  it('splits as String#split would, and a file-like text without the empty line after its final newline', () => {
    for (const text of ['', 'a', 'a\n', 'a\n\n', '\n', 'a\nb', 'a\r\nb\r\n', '\n\nx\n']) {
      expect(linesOf(splitBlock(text))).toEqual(text.split('\n'))
      const lines = text.split('\n')
      if (lines.at(-1) === '') lines.pop()
      expect(linesOf(blockOfText(text))).toEqual(lines)
    }
  })

  it('joins lines into one block, unless a line holds a line break of its own', () => {
    const block = blockOfLines(['first', '', 'third\r'])!
    expect(block.count).toBe(3)
    expect(lineAt(block, 2)).toBe('third\r')
    expect(linesOf(blockOfLines([])!)).toEqual([])
    expect(blockOfLines(['a', 'b\nc'])).toBeUndefined()
  })

  it('matchLines covers whole lines only, up to the last line with no line break after it', () => {
    const digits = /(?:\d+(?:\n|$))+/y
    const block = splitBlock('x\n1\n22\ny\n3\n')
    expect(matchLines(digits, block, 0)).toBe(0)
    expect(matchLines(digits, block, 1)).toBe(3)
    // Line 5 is the empty line after the final newline: not covered.
    expect(matchLines(digits, block, 4)).toBe(5)
    const last = splitBlock('y\n4\n55')
    expect(matchLines(digits, last, 1)).toBe(3)
    // A line that only starts like the pattern is not covered.
    expect(matchLines(digits, splitBlock('1\n2x'), 0)).toBe(1)
  })

  it('firstFilledLine skips blank lines', () => {
    const block = splitBlock('\n\nz\n')
    expect(firstFilledLine(block, 0, 4)).toBe(2)
    expect(firstFilledLine(block, 0, 2)).toBe(-1)
  })
})
