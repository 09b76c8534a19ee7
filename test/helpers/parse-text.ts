import { LogDetector, type DetectOptions, type ParsedLog } from '../../src/parse/detect.js'
import { splitBlock, type LineBlock } from '../../src/parse/line-block.js'
import { emptyUnparsed, forgetUnparsed, recordUnparsed, stripAnsi, type LineParser, type UnparsedLines } from '../../src/parse/line-parser.js'

/** The text of a file as a block: a final '\n' ends the last line rather than starting an empty one, and '' has no lines. */
export function blockOfText(text: string): LineBlock {
  if (text.length === 0) return { text, ends: [], count: 0 }
  return splitBlock(text.charCodeAt(text.length - 1) === 10 ? text.slice(0, -1) : text)
}

/** A whole log given as text, through the detector as the file reader would feed it (one block). */
export function parseLogText(text: string, options: DetectOptions = {}): ParsedLog {
  const detector = new LogDetector(options)
  detector.pushBlock(blockOfText(text))
  return detector.end()
}

type ResultsOf<P extends Record<string, LineParser<unknown>>> = { [K in keyof P]: ReturnType<P[K]['end']> }

/** Routes each line to the first parser that recognises it; the rest are counted as unparsed. */
export class LineScanner<P extends Record<string, LineParser<unknown>>> {
  private lineNumber = 0
  private readonly unparsed = emptyUnparsed()
  /** The last line recorded as unparsed, which a parser may claim after all (LineParser.claimsLineBefore). */
  private lastUnparsed = 0

  constructor(private readonly parsers: P) {}

  next(rawLine: string): void {
    const lineNumber = ++this.lineNumber
    const line = stripAnsi(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine)
    let recognised = false
    for (const parser of Object.values(this.parsers)) {
      if (parser.next(line, lineNumber)) {
        recognised = true
        if (parser.claimsLineBefore && this.lastUnparsed === lineNumber - 1) forgetUnparsed(this.unparsed, lineNumber - 1)
        break
      }
    }
    // Blank lines separate blocks: parsers see them, but they carry nothing to lose.
    if (!recognised && line.trim() !== '') {
      recordUnparsed(this.unparsed, lineNumber, line)
      this.lastUnparsed = lineNumber
    }
  }

  end(): { results: ResultsOf<P>; lines: number; unparsed: UnparsedLines } {
    const results = Object.fromEntries(Object.entries(this.parsers).map(([name, parser]) => [name, parser.end()])) as ResultsOf<P>
    return { results, lines: this.lineNumber, unparsed: this.unparsed }
  }
}

/** Splits text into lines and scans them with the given parsers. */
export function scanText<P extends Record<string, LineParser<unknown>>>(parsers: P, text: string) {
  const scanner = new LineScanner(parsers)
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  for (const line of lines) scanner.next(line)
  return scanner.end()
}
