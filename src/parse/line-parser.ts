import { lineAt, matchLines, type LineBlock } from './line-block.js'

/**
 * Parsers are push-based: feed lines with `next`, collect with `end`. `next` says whether the
 * parser recognised the line, so a scanner can route one mixed log through several parsers and
 * count what nobody recognised. Parsers never throw on input; odd lines become data.
 */
export interface LineParser<T> {
  /** Offers one line without its line break; returns true when the parser recognised it. */
  next(line: string, lineNumber: number): boolean
  end(): T
  /**
   * True while the parser is inside a block (a report, a dump, a traceback) and must see every line,
   * whatever it starts with, until the block ends. Parsers without blocks leave it out.
   */
  readonly busy?: boolean
  /**
   * True right after `next` recognised a line that shows the line before it, which `next` turned
   * down then, was this parser's too: a rule that opens a report is told from another tool's rule
   * only by the report's header after it. The caller then counts that line as recognised.
   */
  readonly claimsLineBefore?: boolean
  /**
   * The fast path for parsers whose blocks are most of a long log: while this parser is the only one
   * inside a block, takes the lines of `block` from line `from` (numbered `lineNumber`) on, as `next`
   * would, while they have a shape no other format's parser accepts, and returns how many it took.
   * Such a shape starts with a character no other parser recognises a line by, and holds no
   * MARKER_CHARACTERS, no CR and no declared ending; shapes the parser cannot vouch for so are
   * checked with `others` (see guardedRun).
   */
  ownedRun?(block: LineBlock, from: number, lineNumber: number, others: OtherFormats): number
}

/**
 * What a parser declares about its lines, next to its own line rules, for the detector
 * (parse/detect.ts) to build its routing tables from: outside a block, a parser is offered a line
 * only when one of these says it could recognise it.
 */
export interface LineRouting {
  /** The first characters of every line the parser can recognise outside a block. */
  readonly startCharacters: string
  /** Substrings that send a line to the parser whatever it starts with (a verdict that starts with any test's name). */
  readonly markers?: readonly string[]
  /** Line endings that do the same (a shell's `Segmentation fault` after the command it ran). */
  readonly endings?: readonly string[]
  /**
   * The parser reads a meaning into lines of other formats (the `ImportError` line that ends a
   * regrtest traceback): its results count whenever it recognised a line, though such lines alone
   * do not make a log of its kind.
   */
  readonly readsOthersLines?: boolean
}

/**
 * Every content marker (`LineRouting.markers`) holds one of these, and so does every ANSI colour
 * (`\x1b[...m`): a line without them can go to another parser only by its first or last character.
 * The detector checks the markers against it; parsers rely on it in their fast paths.
 */
export const MARKER_CHARACTERS = ':['

/** Whether a line holds one of MARKER_CHARACTERS (two native scans: most lines have neither). */
export function mayHoldMarker(line: string): boolean {
  // MARKER_CHARACTERS spelled out: a search for a constant character is the cheapest there is.
  return line.indexOf(':') >= 0 || line.indexOf('[') >= 0
}

/** MARKER_CHARACTERS escaped for a regex character class: `[^${...}]` matches none of them. */
export const MARKER_CHARACTER_CLASS = MARKER_CHARACTERS.replace(/[\\\]^[-]/g, '\\$&')

/** What the detector knows of every parser's routes, for a fast path whose lines may hold markers. */
export interface OtherFormats {
  /** Whether the line could go to another parser whatever its first character (an ANSI colour, a content marker, a declared ending), or ends in a CR. */
  concerns(line: string): boolean
  /** Whether any of the lines `[from, to)` of a block does (a CR at a line's end is ruled out by the run patterns). */
  concernSpan(block: LineBlock, from: number, to: number): boolean
}

/**
 * An owned run (LineParser.ownedRun) for parsers whose lines hold ':' and free text (sanitizer
 * frames, debug-hook pad bytes): only lines that concern no other format are offered to
 * `ownedLine`; `ownedLines`, when there is one, matches a run the parser takes with no change of
 * state in the block's text at once.
 */
export function guardedRun(
  parser: { ownedLine(line: string): boolean; ownedLines?(): RegExp | undefined },
  block: LineBlock,
  from: number,
  others: OtherFormats,
): number {
  let index = from
  while (index < block.count) {
    const runPattern = parser.ownedLines?.()
    if (runPattern !== undefined) {
      const end = matchLines(runPattern, block, index)
      if (end > index && !others.concernSpan(block, index, end)) index = end
      if (index === block.count) break
    }
    const line = lineAt(block, index)
    if (others.concerns(line) || !parser.ownedLine(line)) break
    index++
  }
  return index - from
}

/** The first character of each of `starts`: a LineRouting's start characters from the literals a parser's rules begin with. */
export function firstCharacters(...starts: string[]): string {
  return starts.map((start) => start.charAt(0)).join('')
}

/** `text` as a regex that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * A regex written as a template: its text as it stands (backslashes kept, as in a regex literal),
 * each `${...}` a string matched literally, or a list of strings any of which matches. So a line
 * pattern can hold the constants a LineRouting names, instead of copies of them.
 */
export function regExp(strings: TemplateStringsArray, ...literals: (string | readonly string[])[]): RegExp {
  const alternatives = literals.map((literal) => (typeof literal === 'string' ? escapeRegExp(literal) : `(?:${literal.map(escapeRegExp).join('|')})`))
  return new RegExp(String.raw({ raw: strings.raw }, ...alternatives))
}

/** Lines no parser recognised: a count and the first few, so nothing is lost silently and memory stays bounded. */
export interface UnparsedLines {
  count: number
  samples: { line: number; text: string }[]
}

const MAX_UNPARSED_SAMPLES = 20
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
 * Takes back the record of line `lineNumber`, the last one recorded: a parser claimed it after all
 * (LineParser.claimsLineBefore).
 */
export function forgetUnparsed(unparsed: UnparsedLines, lineNumber: number): void {
  unparsed.count--
  if (unparsed.samples.at(-1)?.line === lineNumber) unparsed.samples.pop()
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

/** A JSON object from a helper's record line, or undefined for anything else (parsers never throw). */
export function parseJsonRecord(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * A copy of `text` that does not keep the text it was cut from alive. Lines are slices of decoded
 * 16 KiB segments (adapters/read-lines.ts) and V8 substrings pin their parent, so what a parser
 * keeps from lines far apart in a long log (test names, verdicts) should be its own.
 */
export function own(text: string): string {
  // Concatenation then slice makes V8 flatten into a fresh string, which the slice then refers to.
  return text.length === 0 ? text : ` ${text}`.slice(1)
}

// CPython 3.14+ colours regrtest output (gh-127718) when FORCE_COLOR is set, as in CI.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC
const ANSI_SGR = /\x1b\[[0-9;]*m/g

export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI_SGR, '') : line
}
