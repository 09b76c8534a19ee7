import { isAscii } from 'node:buffer'
import { open, type FileHandle } from 'node:fs/promises'
import { parseLog, type DetectOptions, type ParsedLog } from '../parse/detect.js'

/**
 * Bytes decoded into one string at a time, the lines then sliced out of it. Decoding per line
 * was the reader's largest cost (one native call each); decoding the whole 1 MiB read at once
 * would let one retained line pin a megabyte (V8 substrings keep their parent alive), so a
 * retained line pins at most one segment of about this size, and parsers copy what they keep from
 * lines far apart (`own` in parse/line-parser.ts).
 */
const SEGMENT_BYTES = 1 << 14

/**
 * Lines per batch, in bytes of input. Small batches die young: a 1 MiB batch (20,000 lines) lived
 * through several scavenges, and copying it made the garbage collector the reader's largest cost.
 */
const BATCH_BYTES = 1 << 16

/**
 * Streams a log file as batches of lines (without line breaks), reading 1 MiB at a time into one
 * reused buffer: memory stays bounded whatever the file size, and batching keeps the per-line cost
 * of async iteration out of the parsers' hot loop (node:readline yields one promise per line and
 * is slower here; fs streams allocate a buffer per read). A line longer than `maxLineLength`
 * bytes is cut into pieces so one runaway line cannot exhaust memory.
 */
export async function* readLineBatches(path: string, options: { chunkSize?: number; maxLineLength?: number } = {}): AsyncGenerator<string[]> {
  const chunkSize = options.chunkSize ?? 1 << 20
  const maxLineLength = options.maxLineLength ?? 1 << 20
  const file = await open(path, 'r')
  // The next chunk is read into `incoming` while this one is parsed: waiting for each read left the
  // parser idle for about 5% of the time.
  const incoming = Buffer.allocUnsafe(chunkSize)
  let reading: Promise<{ bytesRead: number }> | undefined = readAhead(file, incoming)
  try {
    let buffer = Buffer.allocUnsafe(chunkSize)
    let carry = 0
    for (;;) {
      const { bytesRead } = await reading!
      reading = undefined
      if (bytesRead === 0) break
      if (buffer.length - carry < bytesRead) {
        // Only while a line is longer than a read: bounded by maxLineLength + chunkSize.
        const bigger = Buffer.allocUnsafe(carry + chunkSize)
        buffer.copy(bigger, 0, 0, carry)
        buffer = bigger
      }
      incoming.copy(buffer, carry, 0, bytesRead)
      reading = readAhead(file, incoming)
      const length = carry + bytesRead
      let start = 0
      for (;;) {
        const lines: string[] = []
        const next = splitLines(buffer, start, length, lines)
        if (next === start) break
        start = next
        yield lines
      }
      // Cut runaway lines at a UTF-8 character boundary (never before a continuation byte).
      const pieces: string[] = []
      while (length - start > maxLineLength) {
        let cut = start + maxLineLength
        while (cut > start && (buffer[cut] & 0xc0) === 0x80) cut--
        pieces.push(buffer.toString('utf8', start, cut))
        start = cut
      }
      carry = length - start
      if (carry > 0 && start > 0) buffer.copy(buffer, 0, start, length)
      if (pieces.length > 0) yield pieces
    }
    if (carry > 0) yield [buffer.toString('utf8', 0, carry)]
  } finally {
    // A consumer that stops early leaves a read in flight: let it settle before closing the file.
    if (reading) await reading.catch(() => undefined)
    await file.close()
  }
}

function readAhead(file: FileHandle, into: Buffer): Promise<{ bytesRead: number }> {
  const reading = file.read(into, 0, into.length, null)
  // Awaited later: a failure while the consumer parses must not count as an unhandled rejection.
  reading.catch(() => undefined)
  return reading
}

/**
 * Pushes complete lines of `buffer[from, length)` onto `lines`, about BATCH_BYTES of them; returns
 * where the rest starts (`from` when no line is complete).
 */
function splitLines(buffer: Buffer, from: number, length: number, lines: string[]): number {
  let start = from
  const batchEnd = from + BATCH_BYTES
  while (start < length && start < batchEnd) {
    const last = buffer.lastIndexOf(10, Math.min(length, start + SEGMENT_BYTES) - 1)
    let end = last >= start ? last : buffer.indexOf(10, start + SEGMENT_BYTES)
    if (end < 0 || end >= length) {
      if (last < start) break
      end = last
    }
    const segment = buffer.subarray(start, end)
    if (isAscii(segment)) {
      // Logs are nearly always ASCII, and latin1 decodes ASCII identically and faster than utf8.
      // String#indexOf on the decoded text: Buffer#indexOf costs a native call per line.
      const text = segment.toString('latin1')
      let lineStart = 0
      for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', lineStart)) {
        lines.push(text.slice(lineStart, newline))
        lineStart = newline + 1
      }
      lines.push(lineStart === 0 ? text : text.slice(lineStart))
    } else {
      // A newline byte never occurs inside a multi-byte UTF-8 sequence, so splitting the decoded text is safe.
      for (const line of segment.toString('utf8').split('\n')) lines.push(line)
    }
    start = end + 1
  }
  return start
}

/** One line at a time; convenient, slower than batches for large files. */
export async function* readLines(path: string): AsyncGenerator<string> {
  for await (const batch of readLineBatches(path)) yield* batch
}

/** Streams a log file through the detector; a missing file (a process that never started) parses as empty. */
export async function parseLogFile(path: string, options: DetectOptions = {}): Promise<ParsedLog> {
  try {
    return await parseLog(readLineBatches(path), options)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return parseLog([], options)
  }
}
