import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { LineScanner, type LineParser } from '../parse/line-parser.js'

/**
 * Streams a log file as batches of lines (without line breaks), reading 1 MiB at a time: memory
 * stays bounded whatever the file size, and batching keeps the per-line cost of async iteration
 * out of the parsers' hot loop (node:readline yields one promise per line and is ~3x slower here).
 * A line longer than `maxLineLength` is cut into pieces so one runaway line cannot exhaust memory.
 */
export async function* readLineBatches(path: string, options: { chunkSize?: number; maxLineLength?: number } = {}): AsyncGenerator<string[]> {
  const maxLineLength = options.maxLineLength ?? 1 << 20
  const decoder = new StringDecoder('utf8')
  let carry = ''
  for await (const chunk of createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 })) {
    const text = carry + decoder.write(chunk as Buffer)
    const lines: string[] = []
    let start = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.push(text.slice(start, end))
      start = end + 1
    }
    carry = text.slice(start)
    while (carry.length > maxLineLength) {
      lines.push(carry.slice(0, maxLineLength))
      carry = carry.slice(maxLineLength)
    }
    if (lines.length > 0) yield lines
  }
  carry += decoder.end()
  if (carry !== '') yield [carry]
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
