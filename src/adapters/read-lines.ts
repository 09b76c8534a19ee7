import { isAscii } from 'node:buffer'
import { open, type FileHandle } from 'node:fs/promises'
import { parseLog, type DetectOptions, type ParsedLog } from '../parse/detect.js'
import { blockOfLines, linesOf, splitBlock, type LineBlock } from '../parse/line-block.js'
import type { LineParser } from '../parse/line-parser.js'

/**
 * Bytes decoded into one string at a time, a block of lines (parse/line-block.ts). Decoding per
 * line was the reader's largest cost (one native call each), and slicing every line out of the
 * decoded text the next one: a block hands the detector the text and the line ends, and only
 * lines a parser looks at one by one are sliced. Decoding the whole 1 MiB read at once would let
 * one retained line pin a megabyte (V8 substrings keep their parent alive), so a retained line
 * pins at most one block of about this size, and parsers copy what they keep from lines far apart
 * (`own` in parse/line-parser.ts).
 */
const SEGMENT_BYTES = 1 << 14

/**
 * Streams a log file as blocks of lines (without line breaks), reading 1 MiB at a time into two
 * reused buffers: memory stays bounded whatever the file size, and blocks keep the per-line cost of
 * async iteration out of the parsers' hot loop (node:readline yields one promise per line and is
 * slower here; fs streams allocate a buffer per read). So that one runaway line cannot exhaust memory,
 * a line still unfinished at the end of a read is cut into pieces of `maxLineLength` bytes (at a
 * character's start) while more than that of it is held: a line can come whole up to `maxLineLength`
 * + `chunkSize` bytes, depending on where the reads end.
 */
export async function* readLineBlocks(path: string, options: { chunkSize?: number; maxLineLength?: number } = {}): AsyncGenerator<LineBlock> {
  // At least one byte each: a read of none means the end of the file, and a cut that does not advance
  // would cut the same bytes forever.
  const chunkSize = Math.max(1, options.chunkSize ?? 1 << 20)
  const maxLineLength = Math.max(1, options.maxLineLength ?? 1 << 20)
  const file = await open(path, 'r')
  // The buffers take turns: the next chunk is read straight into one, after the unfinished line carried
  // over to it, while the lines of the other are parsed. Waiting for each read left the parser idle for
  // about 5% of the time, and copying each chunk out of a separate read buffer cost another 2%.
  let current = Buffer.allocUnsafe(maxLineLength + chunkSize)
  let next = Buffer.allocUnsafe(maxLineLength + chunkSize)
  let carry = 0
  let reading: Promise<{ bytesRead: number }> | undefined = readInto(file, current, 0, chunkSize)
  try {
    for (;;) {
      const { bytesRead } = await reading!
      reading = undefined
      if (bytesRead === 0) break
      const length = carry + bytesRead
      // Complete lines end at the last newline (the carried bytes hold none); the rest is carried over,
      // less the pieces cut from a runaway line, at a UTF-8 character boundary (never before a
      // continuation byte, unless the bytes are no UTF-8 at all).
      const complete = current.lastIndexOf(10, length - 1) + 1
      const cuts = [complete]
      while (length - cuts[cuts.length - 1] > maxLineLength) {
        const from = cuts[cuts.length - 1]
        let cut = from + maxLineLength
        while (cut > from && (current[cut] & 0xc0) === 0x80) cut--
        cuts.push(cut > from ? cut : from + maxLineLength)
      }
      const rest = cuts[cuts.length - 1]
      carry = length - rest
      current.copy(next, 0, rest, length)
      reading = readInto(file, next, carry, chunkSize)
      let start = 0
      for (let end = segmentEnd(current, start, complete); end >= 0; end = segmentEnd(current, start, complete)) {
        yield decodeBlock(current.subarray(start, end))
        start = end + 1
      }
      // The pieces hold no line break: only complete lines were before them.
      if (cuts.length > 1) yield blockOfLines(cuts.slice(1).map((cut, index) => current.toString('utf8', cuts[index], cut)))!
      ;[current, next] = [next, current]
    }
    if (carry > 0) yield blockOfLines([current.toString('utf8', 0, carry)])!
  } finally {
    // A consumer that stops early leaves a read in flight: let it settle before closing the file.
    if (reading) await reading.catch(() => undefined)
    await file.close()
  }
}

function readInto(file: FileHandle, into: Buffer, offset: number, length: number): Promise<{ bytesRead: number }> {
  const reading = file.read(into, offset, length, null)
  // Awaited later: a failure while the consumer parses must not count as an unhandled rejection.
  reading.catch(() => undefined)
  return reading
}

/**
 * The newline that ends the next block of `buffer[from, length)`: the last one within SEGMENT_BYTES,
 * or the first after them for a longer line; -1 when no line is complete.
 */
function segmentEnd(buffer: Buffer, from: number, length: number): number {
  if (from >= length) return -1
  const last = buffer.lastIndexOf(10, Math.min(length, from + SEGMENT_BYTES) - 1)
  if (last >= from) return last
  const next = buffer.indexOf(10, from + SEGMENT_BYTES)
  return next >= 0 && next < length ? next : -1
}

function decodeBlock(segment: Buffer): LineBlock {
  // Split with String#indexOf on the decoded text: Buffer#indexOf costs a native call per line.
  return splitBlock(decode(segment))
}

/**
 * Logs are nearly always ASCII, and latin1 decodes ASCII identically and about five times faster than
 * utf8. A block with a non-ASCII character (3.11+ regrtest prints one in its `cwd:` line) is halved at a
 * newline until the parts that are not ASCII are small, and only those are decoded as utf8: a newline
 * byte is never part of a multi-byte sequence, valid or not, so the parts decode as the whole would.
 */
function decode(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1')
  const split = bytes.length < 2048 ? -1 : newlineNearMiddle(bytes)
  if (split < 0) return bytes.toString('utf8')
  return decode(bytes.subarray(0, split + 1)) + decode(bytes.subarray(split + 1))
}

/**
 * Where to halve `bytes`: the first newline from its middle on or, failing that, the last one before
 * it; -1 when there is neither. Never the last byte: a part whose only newline past the middle ends it
 * (a long line after a non-ASCII one) would split into itself and nothing, again and again.
 */
function newlineNearMiddle(bytes: Buffer): number {
  const middle = bytes.length >> 1
  const after = bytes.indexOf(10, middle)
  if (after >= 0 && after < bytes.length - 1) return after
  return middle > 0 ? bytes.lastIndexOf(10, middle - 1) : -1
}

/** One line at a time; convenient, slower than blocks for large files. */
export async function* readLines(path: string): AsyncGenerator<string> {
  for await (const block of readLineBlocks(path)) yield* linesOf(block)
}

/** Streams a log file through the detector; a missing file (a process that never started) parses as empty. */
export async function parseLogFile(path: string, options: DetectOptions = {}): Promise<ParsedLog> {
  try {
    return await parseLog(readLineBlocks(path), options)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return parseLog([], options)
  }
}

/** Streams a log file through one line parser (a line's CR dropped, lines numbered from 1); a missing file (a process that never started) reads as empty. */
export async function parseLogWith<R>(path: string, parser: LineParser<R>): Promise<R> {
  let lineNumber = 0
  try {
    for await (const line of readLines(path)) parser.next(line.endsWith('\r') ? line.slice(0, -1) : line, ++lineNumber)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  return parser.end()
}
