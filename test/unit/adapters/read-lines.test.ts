import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { parseLogFile, readLineBlocks } from '../../../src/adapters/read-lines.js'
import { linesOf } from '../../../src/parse/line-block.js'

// PYDEBUG_FUZZ_RUNS=5000 for a longer hunt, as in test/unit/parse/fuzz.test.ts.
const RUNS = Number(process.env.PYDEBUG_FUZZ_RUNS ?? 300)
const TIMEOUT = Math.max(20_000, RUNS * 40)

// The reader's own sizes (src/adapters/read-lines.ts): blocks of about 16 KiB, and parts of a block
// with a non-ASCII character are halved at a newline while they are 2048 bytes or more.
const SEGMENT_BYTES = 1 << 14
const SMALLEST_HALVED_PART = 2048
const DEFAULT_SIZE = 1 << 20

interface ReadOptions {
  chunkSize: number
  maxLineLength: number
}

const dir = mkdtempSync(path.join(tmpdir(), 'pydebug-read-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let written = 0
/** A new file each time: rewriting one (truncating it) waits for the disk on ext4, several ms a file. */
function writeLog(bytes: Buffer | string): string {
  const file = path.join(dir, `${++written}.log`)
  writeFileSync(file, bytes)
  return file
}

async function readAll(file: string, options: Partial<ReadOptions> = {}): Promise<string[]> {
  const lines: string[] = []
  for await (const block of readLineBlocks(file, options)) {
    expect(block.count).toBe(block.ends.length)
    expect(block.ends.at(-1)).toBe(block.text.length)
    lines.push(...linesOf(block))
  }
  return lines
}

/**
 * What readLineBlocks gives for a file of `bytes`, read from the code: the lines of
 * `bytes.toString('utf8').split('\n')`, without the empty one after a final newline (an empty file
 * has no lines), and a line longer than maxLineLength bytes possibly in pieces. Reads end every
 * chunkSize bytes of the file (a regular file's reads return all that is asked) and at its end; at the
 * end of each read that falls inside a line (its newline not read yet), what the reader holds of the
 * line is cut into pieces of maxLineLength bytes, moved back to the start of a UTF-8 character when one
 * starts after the piece's first byte, for as long as it holds more than maxLineLength bytes. The rest
 * of the line is its last piece, whatever its length, and each piece is decoded on its own.
 */
function expectedLines(bytes: Buffer, { chunkSize, maxLineLength }: ReadOptions): string[] {
  const lines = bytes.toString('utf8').split('\n')
  if (lines.at(-1) === '') lines.pop()
  const expected: string[] = []
  let start = 0
  for (const line of lines) {
    const newline = bytes.indexOf(10, start)
    const end = newline < 0 ? bytes.length : newline
    if (end - start <= maxLineLength) {
      expected.push(line)
    } else {
      const pieces = piecesOf(bytes, start, end, chunkSize, maxLineLength)
      // Room for the longest character: pieces are then cut at character boundaries, or inside runs of
      // stray continuation bytes that decode one U+FFFD each whatever the cut, and join into the line.
      if (maxLineLength >= 4) expect(pieces.join('')).toBe(line)
      expected.push(...pieces)
    }
    start = end + 1
  }
  return expected
}

function piecesOf(bytes: Buffer, start: number, end: number, chunkSize: number, maxLineLength: number): string[] {
  const pieces: string[] = []
  let from = start
  for (let readEnd = (Math.floor(start / chunkSize) + 1) * chunkSize; ; readEnd += chunkSize) {
    const read = Math.min(readEnd, bytes.length)
    if (read > end) break
    while (read - from > maxLineLength) {
      let cut = from + maxLineLength
      while (cut > from && (bytes[cut] & 0xc0) === 0x80) cut--
      if (cut === from) cut = from + maxLineLength
      pieces.push(bytes.toString('utf8', from, cut))
      from = cut
    }
    if (read === bytes.length) break
  }
  pieces.push(bytes.toString('utf8', from, end))
  return pieces
}

describe('readLineBlocks decodes a block with a non-ASCII character whatever its shape', () => {
  it('reads a 3 kB log with a non-ASCII cwd line and a 3,000-character line (once: Maximum call stack size exceeded)', async () => {
    const text = `== cwd: /tmp/tést\n${'x'.repeat(3000)}\nend\n`
    const file = writeLog(text)
    expect(await readAll(file)).toEqual(text.split('\n').slice(0, -1))
    expect((await parseLogFile(file)).lines).toBe(3)
  })

  it('reads sizes below one byte as one byte (a cut of none would cut the same bytes forever)', async () => {
    const bytes = Buffer.from('ab\n€\n')
    expect(await readAll(writeLog(bytes), { chunkSize: 0, maxLineLength: 0 })).toEqual(expectedLines(bytes, { chunkSize: 1, maxLineLength: 1 }))
  })

  // Valid characters of each length, and bytes that are no UTF-8: a lone lead byte, a character without its
  // last byte, a stray continuation byte.
  const CHARACTERS = ['é', '€', '😀', Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0x80])].map((character) => Buffer.from(character))

  it('reads a 3,000-character line after a non-ASCII character, its line break at every offset from 3,000 to 4,100', async () => {
    const long = Buffer.from(`${'x'.repeat(3000)}\n`)
    // Whether the block ends at the long line's break, at an empty line after it (then a newline is its last
    // byte), or at a short line; with and without a final newline. 5 endings and 6 characters take turns
    // over 1,101 offsets: every pairing comes up about 36 times.
    const endings = ['', '\n', '\n\n', 'end', 'end\n'].map((ending) => Buffer.from(ending))
    for (let headLength = 0; headLength <= 1100; headLength++) {
      const character = CHARACTERS[headLength % CHARACTERS.length]
      const ending = endings[headLength % endings.length]
      // Short ASCII lines before the long one, the character in the first of them or, without room, in the long line.
      const head = Buffer.from('abcdefghi\n'.repeat(Math.ceil(headLength / 10)).slice(0, headLength))
      const line = Buffer.from(long)
      if (headLength > character.length) character.copy(head, 0)
      else character.copy(line, headLength)
      const bytes = Buffer.concat([head, line, ending])
      expect(await readAll(writeLog(bytes)), `head of ${headLength} bytes`).toEqual(
        expectedLines(bytes, { chunkSize: DEFAULT_SIZE, maxLineLength: DEFAULT_SIZE }),
      )
    }
  }, 60_000)

  it('reads a 3,000-character line among short ones with one non-ASCII character at every offset of the file', async () => {
    const base = Buffer.from(`== cwd: /tmp/test\n${'short line\n'.repeat(20)}${'x'.repeat(3000)}\n${'short line\n'.repeat(40)}`)
    for (let at = 0; at < base.length; at++) {
      const character = CHARACTERS[at % CHARACTERS.length]
      const bytes = Buffer.from(base)
      character.copy(bytes, at)
      expect(await readAll(writeLog(bytes)), `character at ${at}`).toEqual(expectedLines(bytes, { chunkSize: DEFAULT_SIZE, maxLineLength: DEFAULT_SIZE }))
    }
  }, 60_000)
})

// What the property places in the file: line breaks (more often), characters of 2, 3 and 4 bytes, and
// bytes that are no UTF-8 (a stray continuation byte, a byte never in UTF-8, a character without its
// last byte, an encoded surrogate, an overlong encoding).
const PLACED = [...Array.from({ length: 4 }, () => '\n'), '\r\n', 'é', '€', '😀', [0x80], [0xff], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]].map((unit) =>
  Buffer.from(unit as string),
)

/** Where a unit goes: a multiple of one of the reader's sizes, a fraction of the file or its end, give or take a few bytes. */
const placement = fc.record({
  anchor: fc.constantFrom('segment', 'chunk', 'maxLine', 'smallestHalved', 'fraction', 'end', 'anywhere'),
  multiple: fc.nat(64),
  offset: fc.integer({ min: -5, max: 5 }),
  unit: fc.nat(PLACED.length - 1),
})

const readSize = (sizes: number[]) => fc.oneof(fc.constantFrom(...sizes), fc.integer({ min: 1, max: 70_000 }))

const logFile = fc.record({
  options: fc.record({
    chunkSize: readSize([1, 2, 3, 7, 64, 1000, 2048, 3001, 4096, SEGMENT_BYTES, SEGMENT_BYTES + 1, 65_536, DEFAULT_SIZE]),
    maxLineLength: readSize([1, 2, 3, 4, 5, 100, 2047, 2048, 3000, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, DEFAULT_SIZE]),
  }),
  size: fc.oneof(
    fc.integer({ min: 0, max: 4096 }),
    fc.integer({ min: 0, max: 40_000 }),
    fc.constantFrom(2048, 3001, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 2 * SEGMENT_BYTES + 1),
  ),
  // ASCII lines of this many bytes under what is placed; 0 for one line with no break at all.
  lineLength: fc.oneof(fc.constant(0), fc.nat(120), fc.constantFrom(2047, 3000, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1)),
  placements: fc.array(placement, { maxLength: 24 }),
})

type LogFile = typeof logFile extends fc.Arbitrary<infer Value> ? Value : never

function buildFile({ options, size: wantedSize, lineLength, placements }: LogFile): Buffer {
  // Reads of a few bytes copy the carried line each time: keep those files small.
  const size = Math.min(wantedSize, Math.max(256, options.chunkSize * 64))
  const bytes = Buffer.alloc(size)
  for (let at = 0; at < size; at++) bytes[at] = lineLength > 0 && at % (lineLength + 1) === lineLength ? 10 : 0x61 + (at % 26)
  const unitOf: Record<string, number> = {
    segment: SEGMENT_BYTES,
    chunk: options.chunkSize,
    maxLine: options.maxLineLength,
    smallestHalved: SMALLEST_HALVED_PART,
  }
  for (const { anchor, multiple, offset, unit } of placements) {
    const placed = PLACED[unit]
    let at: number
    if (anchor === 'end') at = size - placed.length - Math.abs(offset)
    else if (anchor === 'anywhere') at = Math.floor((size * multiple) / 64)
    else if (anchor === 'fraction') at = Math.floor((size * (multiple % 17)) / 16) + offset
    else at = unitOf[anchor] * (multiple % (Math.floor(size / unitOf[anchor]) + 1)) + offset
    if (at >= 0 && at + placed.length <= size) placed.copy(bytes, at)
  }
  return bytes
}

describe('readLineBlocks on files of ASCII lines, non-ASCII characters and long lines, at every boundary', () => {
  it(
    'never throws, and reads the lines Buffer#toString splits the file into, long ones cut as documented',
    async () => {
      await fc.assert(
        fc.asyncProperty(logFile, async (generated) => {
          const bytes = buildFile(generated)
          const file = writeLog(bytes)
          expect(await readAll(file, generated.options)).toEqual(expectedLines(bytes, generated.options))
          expect(await readAll(file)).toEqual(expectedLines(bytes, { chunkSize: DEFAULT_SIZE, maxLineLength: DEFAULT_SIZE }))
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})
