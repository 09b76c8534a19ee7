import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs'
import { Socket } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { logCutLine, type LogCut } from '../plan/log-limit.js'

/**
 * After the process exits, how long its output may still take to reach the end of the pipe. A
 * process it started in the background and left running keeps the pipe open: past this the log is
 * closed without the rest, as a file would have been left to it.
 */
const DRAIN_AFTER_EXIT_MS = 2000

/**
 * A process's log: one pipe for its stdout and stderr, so their order is exact (as with one file
 * descriptor), read here and written to the file up to `limitBytes`. Past the limit the output is
 * still read, so the process runs on; the log keeps its first part and its last, and a line where
 * the two meet says how much was dropped between them.
 */
export interface LogPipe {
  /** The pipe's write end, for the child's stdout and stderr; this process's copy is closed by `childStarted`. */
  readonly writeFd: number
  /** Call once the child holds the write end (or could not start): from then on the pipe ends when the child's copies close. */
  childStarted(): void
  /** Call once the child has exited: reads the rest of its output, closes the log, and says what it does not hold. */
  finish(): Promise<LogCut | undefined>
}

/**
 * A named pipe (mkfifo), unlinked once both ends are open: node has no pipe(2), and a socket pair (what
 * node's 'pipe' gives a child) is not a pipe to the child: opening /dev/stdout or /dev/stderr fails on one.
 */
async function openPipe(): Promise<{ readFd: number; writeFd: number }> {
  const fifo = path.join(os.tmpdir(), `pydebug-log-${randomBytes(8).toString('hex')}`)
  await promisify(execFile)('mkfifo', ['-m', '600', fifo])
  try {
    // Non-blocking, so the read end opens before any writer; the write end then opens at once.
    const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    return { readFd, writeFd: openSync(fifo, constants.O_WRONLY) }
  } finally {
    unlinkSync(fifo)
  }
}

/** The most of a cut log's end kept in memory until the process ends: a run's summary and a crash's dump are at the end. */
const MAX_TAIL_BYTES = 4 * 1024 * 1024

export async function openLogPipe(logPath: string, limitBytes: number | undefined): Promise<LogPipe> {
  const logFd = openSync(logPath, 'a')
  let pipe: { readFd: number; writeFd: number }
  try {
    pipe = await openPipe()
  } catch (error) {
    closeSync(logFd)
    throw error
  }
  const reader = new Socket({ fd: pipe.readFd, readable: true, writable: false })
  // Past the limit the log keeps its first part and its last, where a run's verdicts and a crash's dump are:
  // the head goes to the file as it comes, the tail waits in memory, and what comes between is dropped.
  const tailBytes = limitBytes === undefined ? 0 : Math.min(Math.floor(limitBytes / 4), MAX_TAIL_BYTES)
  const headBytes = limitBytes === undefined ? Number.POSITIVE_INFINITY : limitBytes - tailBytes
  let headWritten = 0
  let headFull = false
  const tail: Buffer[] = []
  let tailLength = 0
  let droppedBetween = 0
  let writeError: { error: string; droppedBytes: number } | undefined
  let endsWithNewline = true
  /** Writes all of `bytes`, or notes the file system's refusal (a full disk) and counts what it refused. */
  const write = (bytes: Buffer | string) => {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
    let offset = 0
    try {
      while (offset < buffer.length) offset += writeSync(logFd, buffer, offset)
    } catch (error) {
      writeError = { error: error instanceof Error ? error.message : String(error), droppedBytes: buffer.length - offset }
    }
    if (offset > 0) endsWithNewline = buffer[offset - 1] === 0x0a
    return offset
  }
  reader.on('data', (data: Buffer) => {
    if (writeError) {
      writeError.droppedBytes += data.length
      return
    }
    let chunk = data
    if (!headFull) {
      if (headWritten + chunk.length <= headBytes) {
        headWritten += write(chunk)
        return
      }
      // The head ends at a line's end where this chunk has one before the limit, so no parser reads half a line.
      const room = chunk.subarray(0, headBytes - headWritten)
      const lineEnd = room.lastIndexOf(0x0a)
      const head = lineEnd >= 0 ? room.subarray(0, lineEnd + 1) : room
      headWritten += write(head)
      headFull = true
      chunk = chunk.subarray(head.length)
    }
    tail.push(chunk)
    tailLength += chunk.length
    while (tail.length > 1 && tailLength - tail[0].length >= tailBytes) {
      const first = tail.shift()!
      tailLength -= first.length
      droppedBetween += first.length
    }
  })
  const ended = new Promise<void>((resolve) => {
    reader.on('end', resolve)
    reader.on('close', resolve)
    // A read error ends the log where it is; the process is not this reader's to stop.
    reader.on('error', () => resolve())
  })
  /** The kept tail: its last `tailBytes`, from the start of a line when something before it was dropped. */
  const keptTail = (): Buffer => {
    let kept = Buffer.concat(tail)
    if (kept.length > tailBytes) {
      droppedBetween += kept.length - tailBytes
      kept = kept.subarray(kept.length - tailBytes)
    }
    if (droppedBetween === 0) return kept
    const lineStart = kept.indexOf(0x0a) + 1
    droppedBetween += lineStart
    return kept.subarray(lineStart)
  }
  let writeEndOpen = true
  const childStarted = () => {
    if (!writeEndOpen) return
    writeEndOpen = false
    closeSync(pipe.writeFd)
  }
  return {
    writeFd: pipe.writeFd,
    childStarted,
    async finish() {
      childStarted()
      let timer: NodeJS.Timeout | undefined
      await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_AFTER_EXIT_MS)))])
      clearTimeout(timer)
      reader.destroy()
      let cut: LogCut | undefined
      if (!writeError) {
        const kept = keptTail()
        if (droppedBetween > 0) {
          cut = { reason: 'log-limit', droppedBytes: droppedBetween, limitBytes: limitBytes! }
          write(`${endsWithNewline ? '' : '\n'}${logCutLine(cut)}\n`)
        }
        write(kept)
      }
      // The disk that refused the output may refuse this line too: report.json still says it (logs[].cut).
      if (writeError) {
        cut = { reason: 'write-failed', droppedBytes: writeError.droppedBytes, error: writeError.error }
        write(`\n${logCutLine(cut)}\n`)
      }
      closeSync(logFd)
      return cut
    },
  }
}
