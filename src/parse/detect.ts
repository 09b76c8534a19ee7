import { CENSUS_ROUTING, CensusParser, type CensusResult } from './census.js'
import { COUNT_ALLOCS_ROUTING, CountAllocsParser, type CountAllocsResult } from './count-allocs.js'
import type { Diagnostics } from './diagnostics.js'
import { FAULT_ROUTING, FaultParser, type FaultResult } from './fault.js'
import type { FrameHints } from './frames.js'
import { IMPORT_ERROR_ROUTING, ImportErrorParser, type ImportErrorResult } from './import-error.js'
import { blockOfLines, firstFilledLine, lineStart, type LineBlock } from './line-block.js'
import {
  emptyUnparsed,
  escapeRegExp,
  forgetUnparsed,
  MARKER_CHARACTERS,
  mayHoldMarker,
  recordUnparsed,
  stripAnsi,
  type LineParser,
  type LineRouting,
  type OtherFormats,
  type UnparsedLines,
} from './line-parser.js'
import { MALLOCSTATS_ROUTING, MallocStatsParser, type MallocStatsResult } from './mallocstats.js'
import { problemsOf, type LogProblem } from './problems.js'
import { PYMALLOC_DEBUG_ROUTING, PymallocDebugParser, type PymallocDebugResult } from './pymalloc-debug.js'
import { REFCOUNT_SERIES_ROUTING, RefcountSeriesParser, type RefcountSeriesResult } from './refcount-series.js'
import { REGRTEST_ROUTING, RegrtestParser, type RegrtestResult } from './regrtest.js'
import { SANITIZER_ROUTING, SanitizerParser, type SanitizerResult } from './sanitizer.js'
import { SHOWREFCOUNT_ROUTING, ShowRefcountParser, type ShowRefcountResult } from './showrefcount.js'
import { VALGRIND_XML_ROUTING, ValgrindXmlParser, type ValgrindResult } from './valgrind-xml.js'

// What a parsed log says went wrong is read from its results in parse/problems.ts; the report model imports it from here.
export type { LogProblem, ProblemKind } from './problems.js'

/**
 * One entry point for any log: every line goes to every format's parser that could want it (a real
 * test log interleaves regrtest lines, a debug-hook dump, a fatal error and sanitizer output, and
 * one line may matter to two of them: `Fatal Python error` belongs to both the crashed test and the
 * fault), the kinds that recognised lines are reported, and what nobody recognised is counted.
 * Which parser could want a line comes from what each declared about its lines (LineRouting).
 */
export const LOG_KINDS = [
  'regrtest',
  'showrefcount',
  'refcount-series',
  'mallocstats',
  'count-allocs',
  'pymalloc-debug',
  'fault',
  'sanitizer',
  'valgrind-xml',
  'census',
  'import-error',
] as const
export type LogKind = (typeof LOG_KINDS)[number]

export interface LogResults {
  regrtest?: RegrtestResult
  showrefcount?: ShowRefcountResult
  'refcount-series'?: RefcountSeriesResult
  mallocstats?: MallocStatsResult
  'count-allocs'?: CountAllocsResult
  'pymalloc-debug'?: PymallocDebugResult
  fault?: FaultResult
  sanitizer?: SanitizerResult
  'valgrind-xml'?: ValgrindResult
  census?: CensusResult
  'import-error'?: ImportErrorResult
}

export interface ParsedLog {
  /** Kinds with at least one recognised line, in the order they first appeared. */
  readonly kinds: LogKind[]
  readonly recognisedLines: Partial<Record<LogKind, number>>
  readonly lines: number
  readonly unparsed: UnparsedLines
  readonly diagnostics: { kind: LogKind; count: number; samples: Diagnostics['samples'] }[]
  readonly results: LogResults
  readonly problems: LogProblem[]
}

/** What a report keeps of a parsed log: the log entry already has `lines` and `unparsed`. */
export type ParsedLogDetails = Omit<ParsedLog, 'lines' | 'unparsed'>

export interface DetectOptions extends FrameHints {
  /** Only these kinds (default: all). */
  readonly kinds?: readonly LogKind[]
  /**
   * `dispatch` (default): a line goes to the parsers busy with a block plus those whose lines can
   * start, hold or end like it. `all`: every parser sees every line (the reference the fuzz tests compare to).
   */
  readonly routing?: 'dispatch' | 'all'
}

interface RoutedParser {
  readonly parser: LineParser<unknown>
  /**
   * `parser.next`, then whether the parser recognised the line (bit 0), is inside a block (bit 1)
   * and claims the line before (bit 2, LineParser.claimsLineBefore).
   */
  readonly offer: (line: string, lineNumber: number) => number
  /** `parser.ownedRun`: how many lines it took times 2, plus 1 if the block is still open. */
  readonly ownedRun?: (block: LineBlock, from: number, lineNumber: number) => number
}

/**
 * Each kind's parser and what it declared about its lines. One closure per parser class, so each
 * `next` and `busy` access sees a single class: a shared call site over nine classes was
 * megamorphic and the detector's largest cost.
 */
const FORMATS: { readonly [K in LogKind]: { readonly routing: LineRouting; readonly create: (options: DetectOptions) => RoutedParser } } = {
  regrtest: {
    routing: REGRTEST_ROUTING,
    create: () => {
      const parser = new RegrtestParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0) }
    },
  },
  showrefcount: {
    routing: SHOWREFCOUNT_ROUTING,
    create: () => {
      const parser = new ShowRefcountParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  },
  'refcount-series': {
    routing: REFCOUNT_SERIES_ROUTING,
    create: () => {
      const parser = new RefcountSeriesParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  },
  mallocstats: {
    routing: MALLOCSTATS_ROUTING,
    create: () => {
      const parser = new MallocStatsParser()
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0),
      }
    },
  },
  'count-allocs': {
    routing: COUNT_ALLOCS_ROUTING,
    create: () => {
      const parser = new CountAllocsParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  },
  'pymalloc-debug': {
    routing: PYMALLOC_DEBUG_ROUTING,
    create: () => {
      const parser = new PymallocDebugParser()
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n, OTHER_FORMATS) * 2 + (parser.busy ? 1 : 0),
      }
    },
  },
  fault: {
    routing: FAULT_ROUTING,
    create: () => {
      const parser = new FaultParser()
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from) => parser.ownedRun(block, from) * 2 + (parser.busy ? 1 : 0),
      }
    },
  },
  sanitizer: {
    routing: SANITIZER_ROUTING,
    create: (options) => {
      const parser = new SanitizerParser(options)
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0) | (parser.claimsLineBefore ? 4 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n, OTHER_FORMATS) * 2 + (parser.busy ? 1 : 0),
      }
    },
  },
  'valgrind-xml': {
    routing: VALGRIND_XML_ROUTING,
    create: (options) => {
      const parser = new ValgrindXmlParser(options)
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0),
      }
    },
  },
  census: {
    routing: CENSUS_ROUTING,
    create: () => {
      const parser = new CensusParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  },
  'import-error': {
    routing: IMPORT_ERROR_ROUTING,
    create: () => {
      const parser = new ImportErrorParser()
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  },
}

/** A declared marker or ending, with its kind's index in LOG_KINDS. */
interface KindText {
  readonly text: string
  readonly kind: number
}

/** Every kind's declarations of one sort (markers, endings), each with its kind's index. */
function declared(sort: 'markers' | 'endings'): KindText[] {
  return LOG_KINDS.flatMap((kind, index) => (FORMATS[kind].routing[sort] ?? []).map((text) => ({ text, kind: index })))
}

const MARKERS = declared('markers')
for (const { text } of MARKERS) {
  // A programming error, not an input's: hasMarker would never look for this marker.
  if (!mayHoldMarker(text)) throw new Error(`content marker ${JSON.stringify(text)} holds none of "${MARKER_CHARACTERS}", which the detector checks for first`)
}
// One scan for all the markers instead of one each: most lines contain none of them.
const ANY_MARKER = new RegExp(MARKERS.map(({ text }) => escapeRegExp(text)).join('|'))
const ESCAPE_OR_MARKER = new RegExp(['\\x1b', ...MARKERS.map(({ text }) => escapeRegExp(text))].join('|'))

/** The declared endings by their last character (all ASCII): a line is compared only with those that end like it. */
const ENDINGS_BY_LAST_CHARACTER: (KindText[] | undefined)[] = new Array<KindText[] | undefined>(128).fill(undefined)
for (const ending of declared('endings')) {
  const last = ending.text.charCodeAt(ending.text.length - 1)
  if (!(last < 128)) throw new Error(`line ending ${JSON.stringify(ending.text)} does not end in an ASCII character`)
  ;(ENDINGS_BY_LAST_CHARACTER[last] ??= []).push(ending)
}

/** The kinds (bit i for LOG_KINDS[i]) whose endings end the line of `text` that ends at `end`: compared in place, no slice. */
function endingKindsAt(text: string, end: number): number {
  const last = text.charCodeAt(end - 1)
  const endings = last < 128 ? ENDINGS_BY_LAST_CHARACTER[last] : undefined
  if (endings === undefined) return 0
  let kinds = 0
  // A position before the line's start compares across its line break, which no ending holds.
  for (let index = 0; index < endings.length; index++)
    if (text.startsWith(endings[index].text, end - endings[index].text.length)) kinds |= 1 << endings[index].kind
  return kinds
}

/**
 * Whether a line without ANSI colours has a content marker. A regex scan of every line was the
 * detector's largest cost, yet every marker holds one of MARKER_CHARACTERS, which most lines lack
 * and String#indexOf rules out several times faster than a regex scan.
 */
function hasMarker(line: string): boolean {
  return mayHoldMarker(line) && ANY_MARKER.test(line)
}

/** For the parsers' fast paths: whether lines could go to another parser whatever their first character. */
const OTHER_FORMATS: OtherFormats = {
  concerns: (line) => line.indexOf('\x1b') >= 0 || hasMarker(line) || line.charCodeAt(line.length - 1) === 13 || endingKindsAt(line, line.length) !== 0,
  concernSpan: (block, from, to) => {
    const { text, ends } = block
    for (let index = from; index < to; index++) if (endingKindsAt(text, ends[index]) !== 0) return true
    // The rest of what `concerns` looks for, in one scan of the lines.
    return ESCAPE_OR_MARKER.test(text.slice(lineStart(block, from), ends[to - 1]))
  },
}

export class LogDetector {
  private readonly parsers: RoutedParser[]
  private readonly kinds: readonly LogKind[]
  private readonly offers: RoutedParser['offer'][]
  /** Per parser: lines recognised, and the line number of the first one only it recognised. */
  private readonly recognisedCounts: number[]
  /** Kinds that recognised a line no other parser claimed: a lone `Fatal Python error` does not make a log a regrtest log. */
  private readonly firstExclusiveLine: number[]
  private readonly unparsed = emptyUnparsed()
  private lineNumber = 0
  /** Per first character (0-127): bit i set when parser i can recognise a line starting with it outside a block; 128 is "other". */
  private readonly startMasks = new Uint32Array(129)
  /** Per kind of LOG_KINDS: its parser's bit, 0 when it is not among the kinds. */
  private readonly bitOfKind: number[]
  /** The parsers' bits of the kinds with markers, and those markers (MARKERS, in order). */
  private readonly markerBits: number[]
  /** The bits of the parsers that declared endings: a line already offered to them all needs no look at its end. */
  private readonly endingBits: number
  private readonly routeAll: boolean
  /** The last line routed that nobody recognised, and the last one exactly one parser did (and which): for LineParser.claimsLineBefore. */
  private lastUnparsedLine = -1
  private lastExclusiveLine = -1
  private lastExclusiveParser = -1
  /**
   * Bit i set while parser i is inside a block. A parser's state only changes when it is offered a
   * line, so the bit is refreshed right after each call: reading every parser's getter on every
   * line was the detector's biggest cost (a megamorphic property access each).
   */
  private busyMask = 0
  /** Per parser: its `ownedRun` fast path, if any; none with `routing: 'all'`. */
  private readonly ownedRuns: (RoutedParser['ownedRun'] | undefined)[]

  constructor(private readonly options: DetectOptions = {}) {
    this.kinds = options.kinds ?? LOG_KINDS
    this.parsers = this.kinds.map((kind) => FORMATS[kind].create(options))
    this.routeAll = options.routing === 'all'
    this.ownedRuns = this.parsers.map(({ ownedRun }) => (this.routeAll ? undefined : ownedRun))
    this.offers = this.parsers.map((entry) => entry.offer)
    this.recognisedCounts = this.parsers.map(() => 0)
    this.firstExclusiveLine = this.parsers.map(() => 0)
    this.bitOfKind = LOG_KINDS.map((kind) => (this.kinds.includes(kind) ? 1 << this.kinds.indexOf(kind) : 0))
    this.markerBits = MARKERS.map(({ kind }) => this.bitOfKind[kind])
    this.endingBits = LOG_KINDS.reduce((bits, kind, index) => (FORMATS[kind].routing.endings ? bits | this.bitOfKind[index] : bits), 0)
    for (const [index, kind] of this.kinds.entries()) {
      for (const character of FORMATS[kind].routing.startCharacters) this.startMasks[character.charCodeAt(0)] |= 1 << index
    }
  }

  /** Offers one raw line (no line break; a trailing CR and ANSI colours are removed here). */
  push(rawLine: string): void {
    this.route(rawLine)
  }

  /** Offers consecutive raw lines (see `pushBlock`). */
  pushLines(lines: readonly string[]): void {
    const block = blockOfLines(lines)
    if (block !== undefined) this.pushBlock(block)
    // A line with a '\n' of its own cannot be told apart in a block: route each, the reference path.
    else for (const line of lines) this.route(line)
  }

  /**
   * Offers a block of consecutive raw lines. Inside a malloc stats dump, a valgrind XML file, a
   * traceback, a sanitizer report or a debug-hook dump, with no other block open, most lines have a
   * shape only that parser accepts: it takes a run of them at once, skipping the routing in `route`
   * (and, for runs it matches in the block's text, the slicing of each line). Same result (the fuzz
   * tests compare with routing: 'all', which has no such shortcut): nobody else would have been
   * offered them, or would have recognised them. None of them ends in a CR (the shapes exclude it, or
   * OTHER_FORMATS turns such lines away), so they need no stripping.
   */
  pushBlock(block: LineBlock): void {
    const runs = this.ownedRuns
    const { text, ends, count } = block
    for (let index = 0; index < count; ) {
      const busy = this.busyMask
      if (busy !== 0 && (busy & (busy - 1)) === 0) {
        const parser = 31 - Math.clz32(busy)
        const run = runs[parser]
        const state = run === undefined ? 0 : run(block, index, this.lineNumber + 1)
        const taken = state >>> 1
        if (taken > 0) {
          if ((state & 1) === 0) this.busyMask = 0
          this.recognisedCounts[parser] += taken
          if (this.firstExclusiveLine[parser] === 0) {
            // As in `route`: a blank line is nobody's evidence.
            const first = firstFilledLine(block, index, index + taken)
            if (first >= 0) this.firstExclusiveLine[parser] = this.lineNumber + 1 + first - index
          }
          this.lineNumber += taken
          index += taken
          if (index === count) break
        }
      }
      const start = lineStart(block, index)
      const end = ends[index++]
      // A blank line outside any block would go to no parser, and is nobody's evidence.
      if (start === end && this.busyMask === 0 && !this.routeAll) this.lineNumber++
      else this.route(text.slice(start, end))
    }
  }

  /** Offers one line to the parsers that can want it. */
  private route(rawLine: string): void {
    const lineNumber = ++this.lineNumber
    let line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine
    let marker = false
    if (line.length > 0) {
      if (line.indexOf('\x1b') >= 0) {
        // ANSI colours (3.14+ regrtest) are stripped only when they come before any content marker.
        const found = line.search(ESCAPE_OR_MARKER)
        if (found >= 0 && line.charCodeAt(found) === 27) {
          line = stripAnsi(line)
          marker = line.search(ANY_MARKER) >= 0
        } else marker = found >= 0
      } else marker = hasMarker(line)
    }
    const first = line.charCodeAt(0)
    const offers = this.offers
    let wanted = this.routeAll ? -1 : line.length === 0 ? 0 : this.startMasks[Math.min(first, 128)]
    if (!this.routeAll && line.length > 0) {
      if (marker) {
        for (let index = 0; index < MARKERS.length; index++) {
          const bit = this.markerBits[index]
          if ((wanted & bit) === 0 && line.includes(MARKERS[index].text)) wanted |= bit
        }
      }
      const endings = (wanted & this.endingBits) === this.endingBits ? 0 : endingKindsAt(line, line.length)
      if (endings !== 0) for (let kind = 0; kind < LOG_KINDS.length; kind++) if ((endings & (1 << kind)) !== 0) wanted |= this.bitOfKind[kind]
    }
    let claimedBy = -1
    let claims = 0
    wanted |= this.busyMask
    if (this.routeAll) wanted = (1 << offers.length) - 1
    // Only the wanted parsers, lowest bit (first parser) first: most lines want one or two of nine.
    for (let bits = wanted; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits
      const index = 31 - Math.clz32(bit)
      const state = offers[index](line, lineNumber)
      if ((state & 2) !== 0) this.busyMask |= bit
      else this.busyMask &= ~bit
      if ((state & 1) !== 0) {
        claims++
        claimedBy = index
        this.recognisedCounts[index]++
        if ((state & 4) !== 0) this.claimLineBefore(index, lineNumber - 1)
      }
    }
    if (claims === 1) {
      if (this.firstExclusiveLine[claimedBy] === 0 && line !== '') this.firstExclusiveLine[claimedBy] = lineNumber
      this.lastExclusiveLine = lineNumber
      this.lastExclusiveParser = claimedBy
    } else if (claims === 0 && line.length > 0 && line.trim() !== '') {
      recordUnparsed(this.unparsed, lineNumber, line)
      this.lastUnparsedLine = lineNumber
    }
  }

  /**
   * Parser `index` recognised line `before`, the line routed before this one, after all
   * (LineParser.claimsLineBefore): counted as if it had said so then. (Lines taken by a fast path
   * are never claimed so: the claiming parser was not offered them.)
   */
  private claimLineBefore(index: number, before: number): void {
    this.recognisedCounts[index]++
    if (this.lastUnparsedLine === before) {
      forgetUnparsed(this.unparsed, before)
      this.lastUnparsedLine = -1
      if (this.firstExclusiveLine[index] === 0) this.firstExclusiveLine[index] = before
    } else if (this.lastExclusiveLine === before && this.lastExclusiveParser !== index) {
      // Two parsers recognised it: no longer the other's alone, and it was the last line routed, so no later one of its is lost.
      if (this.firstExclusiveLine[this.lastExclusiveParser] === before) this.firstExclusiveLine[this.lastExclusiveParser] = 0
      this.lastExclusiveLine = -1
    }
  }

  end(): ParsedLog {
    const results: LogResults = {}
    const diagnostics: ParsedLog['diagnostics'] = []
    const detected = this.parsers.map((_, index) => index).filter((index) => this.firstExclusiveLine[index] > 0)
    // Kinds in the order they first appeared in the log.
    detected.sort((a, b) => this.firstExclusiveLine[a] - this.firstExclusiveLine[b])
    for (const [index, { parser }] of this.parsers.entries()) {
      const kind = this.kinds[index]
      const result = parser.end() as { diagnostics?: Diagnostics }
      if (this.firstExclusiveLine[index] === 0 && !(FORMATS[kind].routing.readsOthersLines && this.recognisedCounts[index] > 0)) continue
      ;(results as Record<string, unknown>)[kind] = result
      if (result.diagnostics && result.diagnostics.count > 0) diagnostics.push({ kind, ...result.diagnostics })
    }
    const kinds = detected.map((index) => this.kinds[index])
    return {
      kinds,
      recognisedLines: Object.fromEntries(detected.map((index) => [this.kinds[index], this.recognisedCounts[index]])),
      lines: this.lineNumber,
      unparsed: this.unparsed,
      diagnostics,
      results,
      problems: problemsOf(results, this.options),
    }
  }
}

/** Parses a log given as lines, batches of lines or blocks (see adapters/read-lines.ts), sync or async. */
export async function parseLog(
  source: Iterable<string | string[] | LineBlock> | AsyncIterable<string | string[] | LineBlock>,
  options: DetectOptions = {},
): Promise<ParsedLog> {
  const detector = new LogDetector(options)
  for await (const item of source as AsyncIterable<string | string[] | LineBlock>) {
    if (typeof item === 'string') detector.push(item)
    else if (Array.isArray(item)) detector.pushLines(item)
    else detector.pushBlock(item)
  }
  return detector.end()
}
