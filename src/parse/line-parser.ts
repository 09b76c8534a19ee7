/**
 * Parsers are push-based: feed lines with `next`, collect with `end`. `next` says whether the
 * parser recognised the line, so a scanner can route one mixed log through several parsers and
 * count what nobody recognised. Parsers never throw on input; odd lines become data.
 */
export interface LineParser<T> {
  /** Offers one line without its line break; returns true when the parser recognised it. */
  next(line: string, lineNumber: number): boolean
  end(): T
}

/** Lines no parser recognised: a count and the first few, so nothing is lost silently and memory stays bounded. */
export interface UnparsedLines {
  count: number
  samples: { line: number; text: string }[]
}

export const MAX_UNPARSED_SAMPLES = 20
const MAX_SAMPLE_LENGTH = 300

export function emptyUnparsed(): UnparsedLines {
  return { count: 0, samples: [] }
}

export function recordUnparsed(unparsed: UnparsedLines, lineNumber: number, text: string): void {
  unparsed.count++
  if (unparsed.samples.length < MAX_UNPARSED_SAMPLES) {
    unparsed.samples.push({ line: lineNumber, text: text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH)}…` : text })
  }
}

/**
 * `table[code] === 1` for each character of `characters` (ASCII): a per-line test of a first or last
 * character, cheaper than a Set lookup, which had cost more than the checks it gates.
 */
export function asciiTable(characters: string): Uint8Array {
  const table = new Uint8Array(128)
  for (const character of characters) table[character.charCodeAt(0)] = 1
  return table
}

/**
 * A copy of `text` that does not keep the text it was cut from alive. Lines are slices of decoded
 * 16 KiB segments (adapters/read-lines.ts) and V8 substrings pin their parent, so what a parser
 * keeps from lines far apart in a long log (test names, verdicts) should be its own.
 */
/** A JSON object from a helper's record line, or undefined for anything else (parsers never throw). */
export function parseJsonRecord(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export function own(text: string): string {
  // Concatenation then slice makes V8 flatten into a fresh string, which the slice then refers to.
  return text.length === 0 ? text : (' ' + text).slice(1)
}

// CPython 3.14+ colours regrtest output (gh-127718) when FORCE_COLOR is set, as in CI.
const ANSI_SGR = /\x1b\[[0-9;]*m/g

export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI_SGR, '') : line
}

type ResultsOf<P extends Record<string, LineParser<unknown>>> = { [K in keyof P]: ReturnType<P[K]['end']> }

/** Routes each line to the first parser that recognises it; the rest are counted as unparsed. */
export class LineScanner<P extends Record<string, LineParser<unknown>>> {
  private lineNumber = 0
  private readonly unparsed = emptyUnparsed()

  constructor(private readonly parsers: P) {}

  next(rawLine: string): void {
    this.lineNumber++
    const line = stripAnsi(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine)
    let recognised = false
    for (const parser of Object.values(this.parsers)) {
      if (parser.next(line, this.lineNumber)) {
        recognised = true
        break
      }
    }
    // Blank lines separate blocks: parsers see them, but they carry nothing to lose.
    if (!recognised && line.trim() !== '') recordUnparsed(this.unparsed, this.lineNumber, line)
  }

  end(): { results: ResultsOf<P>; lines: number; unparsed: UnparsedLines } {
    const results = Object.fromEntries(Object.entries(this.parsers).map(([name, parser]) => [name, parser.end()])) as ResultsOf<P>
    return { results, lines: this.lineNumber, unparsed: this.unparsed }
  }
}

/** Convenience for tests and small inputs: splits text into lines and scans it. */
export function scanText<P extends Record<string, LineParser<unknown>>>(parsers: P, text: string) {
  const scanner = new LineScanner(parsers)
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  for (const line of lines) scanner.next(line)
  return scanner.end()
}
