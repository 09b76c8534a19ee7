/**
 * Consecutive lines as one decoded text and where each line ends: what the file reader produces
 * (adapters/read-lines.ts) and the detector consumes. A parser inside a long block (a malloc stats
 * dump, valgrind XML) can match a run of its lines in the text with one sticky regex, so those
 * lines never become strings of their own; the others are sliced out one at a time.
 */
export interface LineBlock {
  /** The lines joined by '\n', with no line break after the last one. */
  readonly text: string
  /** Line i is `text.slice(lineStart(block, i), ends[i])`. */
  readonly ends: readonly number[]
  readonly count: number
}

export function lineStart(block: LineBlock, index: number): number {
  return index === 0 ? 0 : block.ends[index - 1] + 1
}

export function lineAt(block: LineBlock, index: number): string {
  return block.text.slice(lineStart(block, index), block.ends[index])
}

/** Every line of a block, as strings. */
export function linesOf(block: LineBlock): string[] {
  const lines: string[] = []
  for (let index = 0; index < block.count; index++) lines.push(lineAt(block, index))
  return lines
}

/** `text` split at every '\n', as String#split would. */
export function splitBlock(text: string): LineBlock {
  // A plain array: small typed arrays each get a backing store outside the heap, slower to make and free.
  const ends: number[] = []
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) ends.push(newline)
  ends.push(text.length)
  return { text, ends, count: ends.length }
}

/**
 * Lines given as strings, as a block; undefined when one of them holds a '\n' itself, which a
 * block cannot tell from a line break (callers then offer those lines one by one).
 */
export function blockOfLines(lines: readonly string[]): LineBlock | undefined {
  const ends: number[] = []
  let end = -1
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (line.indexOf('\n') >= 0) return undefined
    end += line.length + 1
    ends.push(end)
  }
  return { text: lines.join('\n'), ends, count: lines.length }
}

/**
 * Where a run of lines matched by `pattern` from line `from` on stops: the index of the first line
 * it does not cover (`from` when it does not match). `pattern` must be sticky (`y`), match whole
 * lines each followed by `(?:\n|$)`, and never match an empty line, so it can only end right after
 * a line.
 */
export function matchLines(pattern: RegExp, block: LineBlock, from: number): number {
  pattern.lastIndex = lineStart(block, from)
  if (!pattern.test(block.text)) return from
  const end = pattern.lastIndex
  let index = from
  // Line i is covered when it starts before the match's end: the match ends after a '\n' or at the text's end.
  while (index < block.count && lineStart(block, index) < end) index++
  return index
}

/** The first line in `[from, to)` that is not empty, or -1. */
export function firstFilledLine(block: LineBlock, from: number, to: number): number {
  for (let index = from; index < to; index++) if (lineStart(block, index) < block.ends[index]) return index
  return -1
}
