import { isAscii } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { LineScanner, type LineParser } from '../parse/line-parser.js'

/**
 * Streams a log file as batches of lines (without line breaks), reading 1 MiB at a time: memory
 * stays bounded whatever the file size, and batching keeps the per-line cost of async iteration
 * out of the parsers' hot loop (node:readline yields one promise per line and is slower here).
 * Each line is decoded on its own rather than sliced from a decoded chunk: V8 substrings keep
 * their parent alive, so one retained 40-byte test name would otherwise pin a whole 1 MiB chunk.
 * A line longer than `maxLineLength` bytes is cut into pieces so one runaway line cannot exhaust
 * memory.
 */
export async function* readLineBatches(path: string, options: { chunkSize?: number; maxLineLength?: number } = {}): AsyncGenerator<string[]> {
  const maxLineLength = options.maxLineLength ?? 1 << 20
  let carry: Buffer | undefined
  for await (const chunk of createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 })) {
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer)
    const lines: string[] = []
    // Logs are nearly always ASCII, and latin1 decodes ASCII identically and faster than utf8.
    const encoding = isAscii(bytes) ? 'latin1' : 'utf8'
    let start = 0
    for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
      lines.push(bytes.toString(encoding, start, end))
      start = end + 1
    }
    // Cut runaway lines at a UTF-8 character boundary (never before a continuation byte).
    while (bytes.length - start > maxLineLength) {
      let cut = start + maxLineLength
      while (cut > start && (bytes[cut] & 0xc0) === 0x80) cut--
      lines.push(bytes.toString('utf8', start, cut))
      start = cut
    }
    carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined
    if (lines.length > 0) yield lines
  }
  if (carry && carry.length > 0) yield [carry.toString('utf8')]
}

/** One line at a time; convenient, slower than batches for large files. */
export async function* readLines(path: string): AsyncGenerator<string> {
  for await (const batch of readLineBatches(path)) yield* batch
}

/** Streams a log file through a LineScanner: each line goes to the first parser that recognises it. */
export async function scanLogFile<P extends Record<string, LineParser<unknown>>>(path: string, parsers: P): Promise<ReturnType<LineScanner<P>['end']>> {
  const scanner = new LineScanner(parsers)
  for await (const batch of readLineBatches(path)) for (const line of batch) scanner.next(line)
  return scanner.end()
}
