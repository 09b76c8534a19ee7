import { CensusParser, describeLeakedType, leakedTypes, type CensusResult } from './census.js'
import { CountAllocsParser, type CountAllocsResult } from './count-allocs.js'
import type { Diagnostics } from './diagnostics.js'
import { FaultParser, type Fault, type FaultResult } from './fault.js'
import { explainUndefinedSymbol, ImportErrorParser, UNDEFINED_SYMBOL_MARKER, type ImportErrorResult } from './import-error.js'
import { workspaceRelative, type FrameHints } from './frames.js'
import { blockOfLines, blockOfText, firstFilledLine, lineAt, lineStart, matchLines, type LineBlock } from './line-block.js'
import { emptyUnparsed, recordUnparsed, stripAnsi, type LineParser, type UnparsedLines } from './line-parser.js'
import { MallocStatsParser, type MallocStatsResult } from './mallocstats.js'
import { DEAD_BYTES, PymallocDebugParser, type DebugMemoryBlock, type PymallocDebugResult } from './pymalloc-debug.js'
import { RefcountSeriesParser, type RefcountSeriesResult } from './refcount-series.js'
import { REGRTEST_START_CHARACTERS, RegrtestParser, type RegrtestResult } from './regrtest.js'
import { SanitizerParser, type SanitizerResult } from './sanitizer.js'
import { ShowRefcountParser, type ShowRefcountResult } from './showrefcount.js'
import { ValgrindXmlParser, type ValgrindResult } from './valgrind-xml.js'

/**
 * One entry point for any log: every line goes to every format's parser (a real test log
 * interleaves regrtest lines, a debug-hook dump, a fatal error and sanitizer output, and one line
 * may matter to two of them: `Fatal Python error` belongs to both the crashed test and the
 * fault), the kinds that recognised lines are reported, and what nobody recognised is counted.
 */
export const LOG_KINDS = ['regrtest', 'showrefcount', 'refcount-series', 'mallocstats', 'count-allocs', 'pymalloc-debug', 'fault', 'sanitizer', 'valgrind-xml', 'census', 'import-error'] as const
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

export type ProblemKind =
  | 'reference-leak'
  | 'block-leak'
  | 'fd-leak'
  | 'test-failure'
  | 'crash'
  | 'timeout'
  | 'buffer-overrun'
  | 'buffer-underrun'
  | 'use-after-free'
  | 'allocator-mismatch'
  | 'fatal-error'
  | 'memory-error'
  | 'memory-leak'
  | 'undefined-behavior'
  | 'reference-growth'
  | 'object-leak'
  | 'abi-mismatch'

/** What a log says went wrong, in words a report can show, with the place to point at. */
export interface LogProblem {
  readonly kind: ProblemKind
  /** `error`: the user's code or tests; `note`: seen, but not the extension's fault (e.g. CPython's own memcheck noise). */
  readonly severity: 'error' | 'warning' | 'note'
  readonly message: string
  readonly source: LogKind
  /** Line of the log where the evidence starts. */
  readonly logLine: number
  readonly test?: string
  readonly file?: string
  readonly line?: number
  readonly function?: string
  /** A leak's per-run deltas, as regrtest printed them. */
  readonly deltas?: readonly number[]
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
   * start like it. `all`: every parser sees every line (the reference the fuzz tests compare to).
   */
  readonly routing?: 'dispatch' | 'all'
}

const MAX_PROBLEMS = 500

interface RoutedParser {
  readonly kind: LogKind
  readonly parser: LineParser<unknown>
  /** `parser.next` then whether the parser is inside a block (bit 1) and recognised the line (bit 0). */
  readonly offer: (line: string, lineNumber: number) => number
  /**
   * For parsers whose blocks are most of a long log: while this parser is the only one inside a block,
   * takes the lines from line `from` of the block on while they have a shape no other parser accepts,
   * as `next` would, and returns how many it took times 2, plus 1 if the block is still open.
   */
  readonly ownedRun?: (block: LineBlock, from: number, lineNumber: number) => number
}

// One closure per parser class, so each `next` and `busy` access sees a single class: a shared call
// site over nine classes was megamorphic and the detector's largest cost.
function createParsers(options: DetectOptions): RoutedParser[] {
  const factories: Record<LogKind, () => RoutedParser> = {
    regrtest: () => {
      const parser = new RegrtestParser()
      return { kind: 'regrtest', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0) }
    },
    showrefcount: () => {
      const parser = new ShowRefcountParser()
      return { kind: 'showrefcount', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
    'refcount-series': () => {
      const parser = new RefcountSeriesParser()
      return { kind: 'refcount-series', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
    mallocstats: () => {
      const parser = new MallocStatsParser()
      return { kind: 'mallocstats', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0), ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0) }
    },
    'count-allocs': () => {
      const parser = new CountAllocsParser()
      return { kind: 'count-allocs', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
    'pymalloc-debug': () => {
      const parser = new PymallocDebugParser()
      return { kind: 'pymalloc-debug', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0), ownedRun: (block, from) => guardedRun(parser, block, from) }
    },
    fault: () => {
      const parser = new FaultParser()
      return { kind: 'fault', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0), ownedRun: (block, from) => parser.ownedRun(block, from) * 2 + (parser.busy ? 1 : 0) }
    },
    sanitizer: () => {
      const parser = new SanitizerParser(options)
      return { kind: 'sanitizer', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0), ownedRun: (block, from) => guardedRun(parser, block, from) }
    },
    'valgrind-xml': () => {
      const parser = new ValgrindXmlParser(options)
      return { kind: 'valgrind-xml', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0), ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0) }
    },
    census: () => {
      const parser = new CensusParser()
      return { kind: 'census', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
    'import-error': () => {
      const parser = new ImportErrorParser()
      return { kind: 'import-error', parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) }
    },
  }
  const kinds = options.kinds ?? LOG_KINDS
  return kinds.map((kind) => factories[kind]())
}

/**
 * When a parser is not inside a block, the only lines it can recognise start with these
 * characters (each parser checks the same first characters itself before any regex), or pass
 * the content check below. Routing on them means most lines reach one or two parsers, not nine.
 */
const START_CHARACTERS: Record<LogKind, string> = {
  regrtest: REGRTEST_START_CHARACTERS,
  // ShowRefcountParser has no gate of its own: "[N refs, M blocks]", maybe after ">>> " / "... " prompts.
  showrefcount: '[>.',
  'refcount-series': 'g',
  // 'c': a dump pasted from its size-class heading on (mallocstats.ts).
  mallocstats: 'S 0123456789c',
  'count-allocs': '[fn',
  'pymalloc-debug': 'D<',
  fault: 'FPCTSEWoG',
  sanitizer: '=SW-',
  'valgrind-xml': '< \t',
  // `pydebug-census: {...}` (python/pydebug_census.py).
  census: 'p',
  // Only by its marker (below): `ImportError: ...` may follow pytest's `E   ` or another prefix.
  'import-error': '',
}

/**
 * Lines that can start with anything: a leak verdict names any test, type names and C paths are
 * free-form. These three only for lines with a content marker (below); the fault's, by a line's end.
 */
const MARKER_CHECKS: Partial<Record<LogKind, (line: string) => boolean>> = {
  regrtest: (line) => line.length >= 25 && line.includes(' leaked ['),
  'count-allocs': (line) => line.length >= 38 && line.includes(" alloc'd: "),
  sanitizer: (line) => line.length >= 20 && line.includes(': runtime error: '),
  'import-error': (line) => line.includes(UNDEFINED_SYMBOL_MARKER),
}

/**
 * Kinds that read a meaning into lines of other formats (the `ImportError` line that ends a regrtest
 * traceback): their results count whenever they recognised a line, though such lines alone do not
 * make a log of their kind.
 */
const READS_OTHERS_LINES: ReadonlySet<LogKind> = new Set(['import-error'])

function endsLikeFault(line: string): boolean {
  return faultEndingAt(line, line.length)
}

/** Whether the line of `text` that ends at `end` ends like a fault (compared in place: no slice). */
function faultEndingAt(text: string, end: number): boolean {
  // By last character: only the endings that end with it are compared.
  switch (text.charCodeAt(end - 1)) {
    case 46 /* . */:
      return text.startsWith("' failed.", end - 9)
    case 41 /* ) */:
      return text.startsWith('(core dumped)', end - 13)
    case 116 /* t */:
      return text.startsWith('Segmentation fault', end - 18)
    case 100 /* d */:
      return text.startsWith('Aborted', end - 7)
    case 114 /* r */:
      return text.startsWith('Bus error', end - 9)
    case 110 /* n */:
      return text.startsWith('Illegal instruction', end - 19) || text.startsWith('Floating point exception', end - 24)
  }
  return false
}

// One scan for the three substrings above instead of three: most lines contain none of them.
const ANY_CONTENT_MARKER = / leaked \[|alloc'd: |: runtime error: |: undefined symbol: /
const ESCAPE_OR_CONTENT_MARKER = /\x1b| leaked \[|alloc'd: |: runtime error: |: undefined symbol: /

/**
 * Whether a line without ANSI colours has a content marker. A regex scan of every line was the
 * detector's largest cost, yet every marker holds a ':' or a '[', which most lines lack and
 * String#indexOf rules out several times faster than a regex scan.
 */
function hasContentMarker(line: string): boolean {
  if (line.indexOf(':') < 0 && line.indexOf('[') < 0) return false
  return ANY_CONTENT_MARKER.test(line)
}

/**
 * An owned run for parsers whose lines hold ':' and free text (sanitizer frames, debug-hook pad
 * bytes): only lines no other format could claim are offered to `ownedLine`.
 */
function guardedRun(parser: { ownedLine(line: string): boolean; ownedLines?(): RegExp | undefined; readonly busy: boolean }, block: LineBlock, from: number): number {
  let index = from
  while (index < block.count) {
    // A run the parser takes with no change of state is matched in the block's text, then cleared as a whole.
    const runPattern = parser.ownedLines?.()
    if (runPattern !== undefined) {
      const end = matchLines(runPattern, block, index)
      if (end > index && !spanConcernsOthers(block, index, end)) index = end
      if (index === block.count) break
    }
    const line = lineAt(block, index)
    if (concernsOthers(line) || !parser.ownedLine(line)) break
    index++
  }
  return (index - from) * 2 + (parser.busy ? 1 : 0)
}

/**
 * Whether any of the lines `[from, to)` of a block concerns other parsers (`concernsOthers`; a CR at
 * a line's end is ruled out by the parsers' run patterns).
 */
function spanConcernsOthers(block: LineBlock, from: number, to: number): boolean {
  const { text, ends } = block
  for (let index = from; index < to; index++) if (faultEndingAt(text, ends[index])) return true
  // The rest of what concernsOthers looks for, in one scan of the lines.
  return ESCAPE_OR_CONTENT_MARKER.test(text.slice(lineStart(block, from), ends[to - 1]))
}

/**
 * Whether a line could go to a parser whatever its first character (an ANSI colour, a content marker,
 * a fault's ending), or ends in a CR, which `route` strips before it looks.
 */
function concernsOthers(line: string): boolean {
  return line.indexOf('\x1b') >= 0 || hasContentMarker(line) || line.charCodeAt(line.length - 1) === 13 || endsLikeFault(line)
}

export class LogDetector {
  private readonly parsers: RoutedParser[]
  private readonly kinds: LogKind[]
  private readonly offers: RoutedParser['offer'][]
  /** Per parser: lines recognised, and the line number of the first one only it recognised. */
  private readonly recognisedCounts: number[]
  /** Kinds that recognised a line no other parser claimed: a lone `Fatal Python error` does not make a log a regrtest log. */
  private readonly firstExclusiveLine: number[]
  private readonly unparsed = emptyUnparsed()
  private lineNumber = 0
  /** Per first character (0-127): bit i set when parser i can start a block with it; 128 is "other". */
  private readonly startMasks = new Uint32Array(129)
  private readonly markerChecks: ((line: string) => boolean)[] = []
  private readonly markerCheckBits: number[] = []
  /** The fault parser's bit, 0 when it is not among the kinds. */
  private readonly faultBit: number
  private readonly routeAll: boolean
  /**
   * Bit i set while parser i is inside a block. A parser's state only changes when it is offered a
   * line, so the bit is refreshed right after each call: reading nine different parsers' getters on
   * every line was the detector's biggest cost (a megamorphic property access each).
   */
  private busyMask = 0
  /** Per parser: its `ownedRun` fast path, if any; none with `routing: 'all'`. */
  private readonly ownedRuns: (RoutedParser['ownedRun'] | undefined)[]

  constructor(private readonly options: DetectOptions = {}) {
    this.parsers = createParsers(options)
    this.routeAll = options.routing === 'all'
    this.ownedRuns = this.parsers.map(({ ownedRun }) => (this.routeAll ? undefined : ownedRun))
    this.kinds = this.parsers.map((entry) => entry.kind)
    this.faultBit = this.kinds.includes('fault') ? 1 << this.kinds.indexOf('fault') : 0
    this.offers = this.parsers.map((entry) => entry.offer)
    this.recognisedCounts = this.parsers.map(() => 0)
    this.firstExclusiveLine = this.parsers.map(() => 0)
    for (const [index, kind] of this.kinds.entries()) {
      for (const character of START_CHARACTERS[kind]) this.startMasks[character.charCodeAt(0)] |= 1 << index
      const check = MARKER_CHECKS[kind]
      if (check) {
        this.markerChecks.push(check)
        this.markerCheckBits.push(1 << index)
      }
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
   * `concernsOthers` turns such lines away), so they need no stripping.
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
        const found = line.search(ESCAPE_OR_CONTENT_MARKER)
        if (found >= 0 && line.charCodeAt(found) === 27) {
          line = stripAnsi(line)
          marker = line.search(ANY_CONTENT_MARKER) >= 0
        } else marker = found >= 0
      } else marker = hasContentMarker(line)
    }
    const first = line.charCodeAt(0)
    const offers = this.offers
    let wanted = this.routeAll ? -1 : line.length === 0 ? 0 : this.startMasks[first < 128 ? first : 128]
    if (!this.routeAll && line.length > 0) {
      if (marker) {
        for (let check = 0; check < this.markerChecks.length; check++) {
          const bit = this.markerCheckBits[check]
          if ((wanted & bit) === 0 && this.markerChecks[check](line)) wanted |= bit
        }
      }
      if ((wanted & this.faultBit) === 0 && endsLikeFault(line)) wanted |= this.faultBit
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
      }
    }
    if (claims === 1) {
      if (this.firstExclusiveLine[claimedBy] === 0 && line !== '') this.firstExclusiveLine[claimedBy] = lineNumber
    } else if (claims === 0 && line.length > 0 && line.trim() !== '') recordUnparsed(this.unparsed, lineNumber, line)
  }

  end(): ParsedLog {
    const results: LogResults = {}
    const diagnostics: ParsedLog['diagnostics'] = []
    const detected = this.parsers.map((_, index) => index).filter((index) => this.firstExclusiveLine[index] > 0)
    // Kinds in the order they first appeared in the log.
    detected.sort((a, b) => this.firstExclusiveLine[a] - this.firstExclusiveLine[b])
    for (const [index, { kind, parser }] of this.parsers.entries()) {
      const result = parser.end() as { diagnostics?: Diagnostics }
      if (this.firstExclusiveLine[index] === 0 && !(READS_OTHERS_LINES.has(kind) && this.recognisedCounts[index] > 0)) continue
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
export async function parseLog(source: Iterable<string | string[] | LineBlock> | AsyncIterable<string | string[] | LineBlock>, options: DetectOptions = {}): Promise<ParsedLog> {
  const detector = new LogDetector(options)
  for await (const item of source as AsyncIterable<string | string[] | LineBlock>) {
    if (typeof item === 'string') detector.push(item)
    else if (Array.isArray(item)) detector.pushLines(item)
    else detector.pushBlock(item)
  }
  return detector.end()
}

/** For tests and small inputs. */
export function parseLogText(text: string, options: DetectOptions = {}): ParsedLog {
  const detector = new LogDetector(options)
  detector.pushBlock(blockOfText(text))
  return detector.end()
}

function problemsOf(results: LogResults, options: FrameHints): LogProblem[] {
  const problems: LogProblem[] = []
  const add = (problem: LogProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const owners = faultOwners(results.regrtest, results.fault)
  regrtestProblems(results.regrtest, results.fault, owners, add)
  faultProblems(results.fault, results['pymalloc-debug'], owners, options, add)
  deadObjectProblems(results.regrtest, results['pymalloc-debug'], add)
  importErrorProblems(results.regrtest, results['import-error'], add)
  // A sanitizer report printed by a regrtest worker comes after its test's progress line: that test's.
  const sanitizerOwners = ownersOf(results.regrtest, results.sanitizer?.reports ?? [])
  for (const report of results.sanitizer?.reports ?? []) {
    const owner = sanitizerOwners.get(report)
    const where = report.culprit ?? report.stacks[0]?.frames.find((frame) => frame.origin !== 'system')
    const place = where ? { ...(where.file ? { file: workspaceRelative(where.file, options.workspace) } : {}), ...(where.line ? { line: where.line } : {}), ...(where.function ? { function: where.function } : {}) } : {}
    if (report.leaks.length > 0) {
      for (const leak of report.leaks) {
        const culprit = leak.stack.frames.find((frame) => frame.origin === 'extension')
        add({
          kind: 'memory-leak',
          severity: culprit ? 'error' : 'note',
          message: `${leak.direct ? 'direct' : 'indirect'} leak of ${leak.bytes} bytes in ${leak.objects} allocations${culprit ? ` from ${culprit.function ?? '?'}${culprit.file ? ` (${workspaceRelative(culprit.file, options.workspace)}:${culprit.line ?? '?'})` : ''}` : ''}`,
          source: 'sanitizer',
          logLine: report.line,
          ...(owner !== undefined ? { test: owner } : {}),
          ...(culprit?.file ? { file: workspaceRelative(culprit.file, options.workspace) } : {}),
          ...(culprit?.line ? { line: culprit.line } : {}),
          ...(culprit?.function ? { function: culprit.function } : {}),
        })
      }
      continue
    }
    const access = report.access ? `: ${report.access.operation} of size ${report.access.size}` : ''
    // The user's C function first: the report's own location may be a libc or CPython frame.
    const inUserCode = report.culprit !== undefined && place.function !== undefined
    const at = inUserCode || !report.at ? (place.function ? ` in ${place.function}${place.file ? ` (${place.file}:${place.line ?? '?'})` : ''}` : '') : ` at ${workspaceRelative(report.at.file, options.workspace)}:${report.at.line}`
    add({
      kind: report.tool === 'UndefinedBehaviorSanitizer' ? 'undefined-behavior' : 'memory-error',
      severity: 'error',
      // UBSan's one line says what overflowed and how (`2147483647 * 2 cannot be represented in type 'int'`); ASan's kind is its headline.
      message: `${report.tool} ${report.tool === 'UndefinedBehaviorSanitizer' ? report.message : report.kind}${access}${at}`,
      source: 'sanitizer',
      logLine: report.line,
      ...(owner !== undefined ? { test: owner } : {}),
      ...(inUserCode || !report.at ? place : { file: workspaceRelative(report.at.file, options.workspace), line: report.at.line }),
    })
  }
  for (const error of results['valgrind-xml']?.errors ?? []) {
    const culprit = error.culprit
    const file = culprit?.file ? workspaceRelative(culprit.directory ? `${culprit.directory}/${culprit.file}` : culprit.file, options.workspace) : undefined
    add({
      kind: error.kind.startsWith('Leak_') ? 'memory-leak' : 'memory-error',
      severity: error.blame === 'extension' ? 'error' : 'note',
      message: `${error.kind}: ${error.what}${culprit ? ` in ${culprit.function ?? '?'}${file ? ` (${file}:${culprit.line ?? '?'})` : ''}` : error.blame === 'cpython' ? ' (inside CPython, not the extension)' : ''}`,
      source: 'valgrind-xml',
      logLine: error.line,
      ...(file ? { file } : {}),
      ...(culprit?.line ? { line: culprit.line } : {}),
      ...(culprit?.function ? { function: culprit.function } : {}),
    })
  }
  for (const file of results.census?.files ?? []) {
    const leaked = leakedTypes(file)
    if (leaked.length === 0) continue
    const shown = leaked.slice(0, 5)
    const more = leaked.length > shown.length ? ` and ${leaked.length - shown.length} more types` : ''
    add({
      kind: 'object-leak',
      severity: 'error',
      message: `${file.test}: ${shown.map(describeLeakedType).join(', ')}${more} (live objects by type after each counted run, sys.getobjects)`,
      source: 'census',
      logLine: file.runs.find((run) => !run.warmup)?.line ?? file.line,
      // No `deltas`: the message holds each type's counts per run, and the summary shows a finding's deltas instead of its message.
      test: file.test,
    })
  }
  const series = results['refcount-series']
  if (series?.steadyGrowth !== undefined && series.steadyGrowth > 0 && series.samples.length >= 3) {
    add({ kind: 'reference-growth', severity: 'warning', message: `total references grew by ${series.steadyGrowth} at every step`, source: 'refcount-series', logLine: series.first?.line ?? 0 })
  }
  return problems
}

/** Which test printed each item (in log order): the last test whose progress line came before it (sequential and -jN alike). */
function ownersOf<T extends { readonly line: number }>(regrtest: RegrtestResult | undefined, items: readonly T[]): Map<T, string> {
  const owners = new Map<T, string>()
  // Omitted tests have no progress line (line 0): they printed nothing.
  const tests = (regrtest?.tests ?? []).filter((test) => test.line > 0).sort((a, b) => a.line - b.line)
  if (tests.length === 0) return owners
  let index = 0
  for (const item of items) {
    while (index + 1 < tests.length && tests[index + 1].line < item.line) index++
    if (tests[index].line < item.line) owners.set(item, tests[index].name)
  }
  return owners
}

function faultOwners(regrtest: RegrtestResult | undefined, faults: FaultResult | undefined): Map<Fault, string> {
  return ownersOf(regrtest, faults?.faults ?? [])
}

/** Objects printed with a dead-byte reference count: each was used after its memory was freed. */
function deadObjectProblems(regrtest: RegrtestResult | undefined, debug: PymallocDebugResult | undefined, add: (problem: LogProblem) => void): void {
  const objects = debug?.deadObjects ?? []
  const owners = ownersOf(regrtest, objects)
  const reported = new Set<string>()
  for (const object of objects) {
    const owner = owners.get(object)
    // A test run many times (-R) prints the same use after free each time: once per test is enough.
    if (reported.has(owner ?? '')) continue
    reported.add(owner ?? '')
    const byte = `0x${object.pattern.toString(16).toUpperCase()}`
    add({
      kind: 'use-after-free',
      severity: 'error',
      message: `use after free: an object at ${object.address} was used after it was freed (printed as <refcnt ${object.refcnt}>, its reference count is the dead-byte pattern ${byte} the debug hooks write over freed memory)`,
      source: 'pymalloc-debug',
      logLine: object.line,
      ...(owner !== undefined ? { test: owner } : {}),
    })
  }
}

/**
 * A module the dynamic linker refused for a symbol of another ABI: on 3.8-3.12 a trace-refs
 * interpreter keeps pydebug's `d` SOABI, so a pydebug build of a module is found, loaded, and
 * fails with `undefined symbol: PyModule_Create2`. Symbols of no known ABI macro count when they
 * are CPython's (another CPython's headers); others (a C++ runtime not linked) are the test's failure.
 */
function importErrorProblems(regrtest: RegrtestResult | undefined, imports: ImportErrorResult | undefined, add: (problem: LogProblem) => void): void {
  const found = imports?.undefinedSymbols ?? []
  const owners = ownersOf(regrtest, found)
  for (const item of found) {
    const { reason, abi } = explainUndefinedSymbol(item.symbol)
    if (!abi && !/^_?Py/.test(item.symbol)) continue
    const owner = owners.get(item)
    add({
      kind: 'abi-mismatch',
      severity: 'error',
      message: `${item.module.split('/').pop()} was built for another ABI (${reason}): rebuild it for this interpreter (${item.module})`,
      source: 'import-error',
      logLine: item.line,
      ...(owner !== undefined ? { test: owner } : {}),
    })
  }
}

function regrtestProblems(regrtest: RegrtestResult | undefined, faults: FaultResult | undefined, owners: Map<Fault, string>, add: (problem: LogProblem) => void): void {
  const timeouts = new Map<string, Fault>()
  for (const fault of faults?.faults ?? []) {
    const owner = owners.get(fault)
    if (fault.kind === 'timeout' && owner !== undefined && !timeouts.has(owner)) timeouts.set(owner, fault)
  }
  for (const test of regrtest?.tests ?? []) {
    for (const leak of test.leaks) {
      if (leak.informational) continue
      const kind = leak.kind === 'references' ? 'reference-leak' : leak.kind === 'memory blocks' ? 'block-leak' : 'fd-leak'
      add({ kind, severity: 'error', message: `${test.name} leaked [${leak.deltas.join(', ')}] ${leak.kind}, sum=${leak.sum}`, source: 'regrtest', logLine: leak.line, test: test.name, deltas: leak.deltas })
    }
    if (test.outcome === 'crashed' || test.outcome === 'failed' || test.outcome === 'timed-out') {
      // With -jN, regrtest reports a --timeout as a crashed worker; faulthandler's "Timeout (H:MM:SS)!" tells the truth.
      const timeout = timeouts.get(test.name)
      if (timeout) {
        add({ kind: 'timeout', severity: 'error', message: `${test.name} timed out: ${timeout.message} (regrtest: ${test.result ?? test.outcome})`, source: 'regrtest', logLine: test.line, test: test.name })
        continue
      }
      const kind = test.outcome === 'crashed' ? 'crash' : test.outcome === 'timed-out' ? 'timeout' : 'test-failure'
      const detail = test.fatalError ? `: Fatal Python error: ${test.fatalError}` : ''
      add({ kind, severity: 'error', message: `${test.name} ${test.result ?? test.outcome}${detail}`, source: 'regrtest', logLine: test.line, test: test.name })
    }
  }
}

// The debug hooks name the C function that checked the block (3.9+): what the program was doing.
const HOOK_OPERATIONS: Record<string, string> = {
  _PyMem_DebugRawFree: 'free',
  _PyMem_DebugFree: 'free',
  _PyMem_DebugRawRealloc: 'realloc',
  _PyMem_DebugRealloc: 'realloc',
  _PyMem_DebugCheckAddress: 'check',
}

function faultProblems(faults: FaultResult | undefined, debug: PymallocDebugResult | undefined, owners: Map<Fault, string>, options: FrameHints, add: (problem: LogProblem) => void): void {
  const blocks = debug?.blocks ?? []
  let blockIndex = 0
  for (const fault of faults?.faults ?? []) {
    // The dump that explains a fault is the last one printed before it.
    let block: DebugMemoryBlock | undefined
    while (blockIndex < blocks.length && blocks[blockIndex].line < fault.line) block = blocks[blockIndex++]
    const frame = pythonLocation(fault)
    const owner = owners.get(fault)
    const place: { test?: string; file?: string; line?: number; function?: string } = {
      ...(owner !== undefined ? { test: owner } : {}),
      ...(frame ? { file: workspaceRelative(frame.file, options.workspace), line: frame.line, ...(frame.function ? { function: frame.function } : {}) } : {}),
    }
    // The test's line first; a helper it called, where the crash really happened, after it.
    const via = frame?.via ? ` (${frame.function ?? 'test'}, through ${workspaceRelative(frame.via.file, options.workspace)}:${frame.via.line}${frame.via.function ? ` in ${frame.via.function}` : ''})` : ''
    const where = frame ? ` in ${place.file}:${frame.line}${via}` : ''
    const operation = fault.function ? HOOK_OPERATIONS[fault.function] : undefined
    const on = operation ? ` on ${operation}` : ''
    // A dump of a freed block may be cut short by the crash it causes: its dead bytes still tell.
    if (block && (/pad byte|bad ID/.test(fault.reason) || deadPatternOf(block) !== undefined)) {
      const [kind, message] = describeBlock(block, fault)
      add({ kind, severity: 'error', message: `${message} detected${on}${where}`, source: 'fault', logLine: block.line, ...place })
      continue
    }
    // A test's timeout is already reported with the test (regrtestProblems).
    if (fault.kind === 'traceback-dump' || (fault.kind === 'timeout' && owner !== undefined)) continue
    const kind = fault.kind === 'timeout' ? 'timeout' : fault.kind === 'signal' ? 'crash' : 'fatal-error'
    // The exceptions say what the C code did wrong (a result returned with an exception set: which one).
    const exceptions = fault.exceptions?.length ? ` (${fault.exceptions.join(' → ')})` : ''
    add({ kind, severity: 'error', message: `${fault.kind === 'timeout' ? fault.message : `Fatal Python error: ${fault.message}`}${exceptions}${where}`, source: 'fault', logLine: fault.line, ...place })
  }
}

/** The dead-byte pattern a block's leading pad bytes all hold: the hooks already freed it. */
function deadPatternOf(block: DebugMemoryBlock): number | undefined {
  const bytes = block.leadingPad?.bytes ?? []
  const first = bytes[0]?.value
  return first !== undefined && (DEAD_BYTES as readonly number[]).includes(first) && bytes.every((byte) => byte.value === first) ? first : undefined
}

function describeBlock(block: DebugMemoryBlock, fault: Fault): [ProblemKind, string] {
  const plural = (n: number) => `${n} byte${n === 1 ? '' : 's'}`
  const dead = deadPatternOf(block)
  if (dead !== undefined) {
    const was = dead === 0xdb ? ' (CPython before 3.8)' : ''
    return ['use-after-free', `double free or use after free: the block's pad bytes read 0x${dead.toString(16).toUpperCase()}, the pattern the debug hooks write over freed memory${was}`]
  }
  if (/bad ID/.test(fault.reason)) return ['allocator-mismatch', `block from API '${block.api}' ${fault.reason.replace(/^bad ID: /, '')}`]
  if (block.underrunBytes !== undefined) return ['buffer-underrun', `buffer underrun of ${plural(block.underrunBytes)} before a ${block.bytesRequested ?? '?'}-byte block`]
  // The dump can be cut short before its pad bytes (a crash while printing, a pasted excerpt): the
  // fatal error still says which pad was hit, but not by how many bytes, and no count is made up.
  if (/leading pad byte/.test(fault.reason)) return ['buffer-underrun', `buffer underrun before a ${block.bytesRequested ?? '?'}-byte block (its leading pad bytes were overwritten; the log does not show how many)`]
  if (block.overrunBytes === undefined) return ['buffer-overrun', `buffer overrun past a ${block.bytesRequested ?? '?'}-byte block (its trailing pad bytes were overwritten; the log does not show how many)`]
  return ['buffer-overrun', `buffer overrun of ${plural(block.overrunBytes)}`]
}

/**
 * Where a crash points in the user's Python: the innermost frame of the crashing thread that is a
 * test function in a test file (`test_*` in `test_*.py`, as unittest and pytest name them), since
 * that is the test that called into the extension; the frames above it (a test helper) are kept as
 * `via`. Without such a frame, the innermost frame (tracebacks are most recent call first).
 */
function pythonLocation(fault: Fault): { file: string; line: number; function?: string; via?: { file: string; line: number; function?: string } } | undefined {
  const thread = fault.threads.find((candidate) => candidate.current) ?? fault.threads[0]
  const frames = thread?.frames ?? []
  const test = frames.findIndex((frame) => frame.function?.startsWith('test') && /(?:^|[\\/])test_[^\\/]*\.py$/.test(frame.file))
  if (test <= 0) return frames[0]
  return { ...frames[test], via: frames[0] }
}
