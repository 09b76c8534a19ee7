/**
 * What each log on disk may hold (`log-limit`). A test that prints in a loop would otherwise fill
 * the runner's disk before its time limit ends it, and with it the cache folder and the report. The
 * process is not stopped at the limit: its output is read to the end, so it finishes as it would
 * have. The log keeps the output's first part and its last (where a run's summary and a crash's dump
 * are), drops what comes between, and the parsers read what it kept.
 */

/** The input that sets the limit, as action.yml spells it (config/run-option-table.ts takes the name from here). */
export const LOG_LIMIT_INPUT = 'log-limit'

const BYTES_PER_MB = 1024 * 1024

/** The limit in bytes, from the input's megabytes; 0 (no limit) gives undefined. */
export function logLimitBytesOf(megabytes: number): number | undefined {
  return megabytes > 0 ? megabytes * BYTES_PER_MB : undefined
}

/** `256 MB`, `1.5 MB`, `900 bytes`: a size as the messages give it. */
export function formatBytes(bytes: number): string {
  if (bytes < BYTES_PER_MB) return `${bytes} bytes`
  const megabytes = bytes / BYTES_PER_MB
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`
}

/**
 * Output a log does not hold: past the limit (`log-limit`), or refused by the file system (a full
 * disk). report.json keeps it per log (`logs[].cut`).
 */
export type LogCut =
  | { readonly reason: 'log-limit'; readonly droppedBytes: number; readonly limitBytes: number }
  | { readonly reason: 'write-failed'; readonly droppedBytes: number; readonly error: string }

/** How the summary and the line in the log say it. */
export function describeLogCut(cut: LogCut): string {
  return cut.reason === 'log-limit'
    ? `${cut.droppedBytes} bytes of output were dropped at the ${LOG_LIMIT_INPUT} of ${formatBytes(cut.limitBytes)}, between the first part of the output and its end (raise ${LOG_LIMIT_INPUT}, in MB, to keep them)`
    : `${cut.droppedBytes} bytes of output could not be written to the log (${cut.error})`
}

/**
 * The line where a cut log's output was dropped (past the limit, between its first and last parts;
 * after a refused write, at its end). It starts like no format the parsers know, so it is only
 * counted as not parsed, never read as a result.
 */
export function logCutLine(cut: LogCut): string {
  return `pydebug: this log is incomplete: ${describeLogCut(cut)}; the process ran on to its end`
}
