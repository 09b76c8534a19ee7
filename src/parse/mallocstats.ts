import { addDiagnostic, BoundedList, emptyDiagnostics, isSpaces, parseGroupedInt, parseGroupedIntIn, type Diagnostics } from './diagnostics.js'
import { lineAt, lineStart, matchLines, type LineBlock } from './line-block.js'
import { asciiTable, escapeRegExp, firstCharacters, mayHoldMarker, own, regExp, type LineParser, type LineRouting } from './line-parser.js'

/**
 * pymalloc's statistics dump (Objects/obmalloc.c `_PyObject_DebugMallocStats`), printed by
 * `sys._debugmallocstats()` and, with PYTHONMALLOCSTATS set, each time a new arena is allocated:
 * a long-running process prints dozens of them, which we keep as a time series.
 *
 * Layouts: up to 3.9, 64 size classes (8-byte alignment in 3.4-era builds) and 256 KiB arenas;
 * 3.10+ 64-bit, 32 classes (16-byte alignment), 1 MiB arenas and an `arena map counts` block;
 * 3.13+ with mimalloc, a short `Medium block threshold` / `Allocated Blocks:` block instead.
 * Every `printone` line is `label` padded, `=`, a number with thousands commas.
 */
export interface SizeClassRow {
  readonly index: number
  readonly size: number
  readonly pools: number
  readonly blocksInUse: number
  readonly availableBlocks: number
}

export interface FreeListLine {
  readonly count: number
  /** e.g. `free PyDictObjects`, `free 2-sized PyTupleObjects`. */
  readonly name: string
  readonly bytesEach: number
  readonly totalBytes: number
}

export interface MallocStatsDump {
  readonly line: number
  /** `mimalloc` once the dump shows mimalloc's lines (3.13+ `PYTHONMALLOC=mimalloc` or free-threaded builds). */
  allocator: 'pymalloc' | 'mimalloc'
  smallBlockThreshold?: number
  sizeClassCount?: number
  readonly sizeClasses: SizeClassRow[]
  /** From `2 arenas * 1048576 bytes/arena`. */
  arenaCount?: number
  arenaSize?: number
  /** `unused pools * N bytes`: the pool size. */
  unusedPools?: number
  poolSize?: number
  /**
   * Every `label = N` line of the dump, keyed by its label without `#` (e.g. `arenas allocated total`, `bytes in allocated blocks`). The two `Total` lines are
   * `total` and `arena map total`.
   */
  readonly values: Record<string, number>
  /** Freelist lines that followed the dump (`sys._debugmallocstats()` only). */
  readonly freeLists: FreeListLine[]
  /** mimalloc (3.13+): `Allocated Blocks: N`, ... */
  mimalloc?: Record<string, number>
}

export interface MallocStatsResult {
  /** The dumps in order: a time series when PYTHONMALLOCSTATS printed one per new arena. */
  readonly dumps: MallocStatsDump[]
  readonly droppedDumps: number
  /** The last dump, kept even when the series was capped. */
  readonly last?: MallocStatsDump
  readonly diagnostics: Diagnostics
}

const MAX_MALLOCSTATS_DUMPS = 200
const MAX_SIZE_CLASSES = 256
const MAX_CACHED_KEYS = 128
const MAX_FREELISTS = 200

const THRESHOLD_START = 'Small block threshold = '
const THRESHOLD = regExp`^${THRESHOLD_START}(\d+), in (\d+) size classes\.$`
const MEDIUM_THRESHOLD = /^(Medium block threshold|Large object max size) = (\d+)$/
const PRINTONE = /^(.*?) *= *(-?[\d,]+)$/
const ARENAS = /^(\d+) arenas \* (\d+) bytes\/arena$/
const UNUSED_POOLS = /^(\d+) unused pools \* (\d+) bytes$/
// Free lists: "   9 free PyDictObjects * 48 bytes each =     432" (right-aligned, so a space or a digit first).
const FREE_LIST_MARK = ' bytes each'
const FREELIST = regExp`^ *(\d+) (free .+?) \* (\d+)${FREE_LIST_MARK} *= *([\d,]+)$`
const FREE_LIST_FIRST_CHARACTERS = ' 0123456789'
const FREE_LIST_FIRST = asciiTable(FREE_LIST_FIRST_CHARACTERS)
/**
 * A line that stands for lines left out, as dumps pasted into documentation and issues have them:
 * `...`, `…`, `[...]`, `(...)`, maybe followed by words (`... 25 more rows ...`). No '[', ']' or '='
 * after it, so a `... [12 refs, 3 blocks]` prompt line is not one.
 */
const ELISION = /^\s*(?:\.{3,}|…|\[(?:\.{3}|…)\]|\((?:\.{3}|…)\))[^[\]=]*$/
const MIMALLOC_VALUE = /^ {4}(Allocated Blocks|Allocated Bytes|Allocated Bytes w\/ Overhead|Bytes Reserved|Bytes Committed): (-?\d+)$/

type Section = 'header' | 'classes' | 'totals' | 'arena map' | 'freelists'

/**
 * CLASS_ROW by hand (size class rows are a third of a dump's lines): fills `out` with the five
 * numbers, or returns false when the line is not exactly `^ *(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$`.
 */
function classRow(line: string, out: number[]): boolean {
  if (line.length === CLASS_ROW_LENGTH && CLASS_ROW_SHAPE.test(line) && fixedColumns(line, out)) return true
  const length = line.length
  let index = 0
  while (index < length && line.charCodeAt(index) === 32) index++
  for (let field = 0; field < 5; field++) {
    if (field > 0) {
      const spaces = index
      while (index < length && line.charCodeAt(index) === 32) index++
      if (index === spaces) return false
    }
    const start = index
    let value = 0
    for (; index < length; index++) {
      const code = line.charCodeAt(index)
      if (code < 48 || code > 57) break
      value = value * 10 + (code - 48)
    }
    if (index === start) return false
    // Past 15 digits the running sum may round differently from Number().
    out[field] = index - start > 15 ? Number(line.slice(start, index)) : value
  }
  return index === length
}

const CLASS_ROW_SHAPE = /^ *\d+ +\d+ +\d+ +\d+ +\d+$/
/**
 * Rows of CLASS_ROW_SHAPE that start with a space (so no parser that routes on digits would be
 * offered them), each with its line break, for `matchLines`.
 */
const CLASS_ROWS = /(?: +\d+ +\d+ +\d+ +\d+ +\d+(?:\n|$))+/y
const CLASS_ROW_LENGTH = 54

// printone (Objects/obmalloc.c) pads the label to 35 columns, writes "=", then the value right-aligned in 21.
const PRINTONE_EQUALS = 35
const PRINTONE_LENGTH = 57
const TOTAL_LABEL = 'Total'
// Sticky, to check a line in place in a block's text.
const NUMBERED_LABEL = /\d+ (?:arenas \* \d+ bytes\/arena|unused pools \* \d+ bytes) +=/y
const CLASS_HEADING = 'class   size   num pools   blocks in use  avail blocks'
const CLASS_RULE = '-----   ----   ---------   -------------  ------------'
// A pasted dump's heading may be cut short: its start still opens the table.
const CLASS_HEADING_START = CLASS_HEADING.slice(0, 12)
const CLASS_RULE_START = CLASS_RULE.slice(0, 12)
const ARENA_MAP_HEADING = 'arena map counts'

/** Outside a dump, its threshold line, its size-class heading (a dump pasted from its table on) or a free list (--without-pymalloc builds). */
export const MALLOCSTATS_ROUTING: LineRouting = { startCharacters: firstCharacters(THRESHOLD_START, CLASS_HEADING) + FREE_LIST_FIRST_CHARACTERS }

const KEY_LINE_PATTERNS = new Map<string, RegExp | undefined>()

/**
 * `# label`, padded to the "=" in column 35, then a value of digits and commas right-aligned: the
 * 'key' lines of this label (printoneShapeAt checks there is a digit). None for labels with
 * MARKER_CHARACTERS (a content marker or ANSI colour could be in the line then) or too long to be
 * padded. Shared by label, as dumps of different layouts take turns at the same position. Sticky,
 * so it can check a line in place in a block's text (`isKeyLine`).
 */
function keyLinePattern(key: string): RegExp | undefined {
  let pattern = KEY_LINE_PATTERNS.get(key)
  if (pattern === undefined && !KEY_LINE_PATTERNS.has(key)) {
    const padding = PRINTONE_EQUALS - 2 - key.length
    pattern = key.length === 0 || padding < 0 || mayHoldMarker(key) ? undefined : new RegExp(`# ${escapeRegExp(key)} {${padding}}= *[\\d,]+`, 'y')
    // own(): a label is a slice of a log line, and the cache outlives the log.
    if (KEY_LINE_PATTERNS.size < 1024) KEY_LINE_PATTERNS.set(own(key), pattern)
  }
  return pattern
}

/** Whether `text[start, end)` is a line of printone's width with its "=" in printone's column. */
function isPrintoneAt(text: string, start: number, end: number): boolean {
  return end - start === PRINTONE_LENGTH && text.charCodeAt(start + PRINTONE_EQUALS) === 61 /* = */
}

/** Whether `text[start, end)` is a whole line `pattern` (from keyLinePattern) matches. */
function isKeyLine(pattern: RegExp, text: string, start: number, end: number): boolean {
  pattern.lastIndex = start
  return pattern.test(text) && pattern.lastIndex === end
}

/**
 * The value of a printone line in CPython's columns, read from the right: digits and commas, then
 * only spaces back to the "=". Undefined (try the general path) for anything else, or past 15 digits.
 * `padded`: the caller has already matched the spaces (a label's regex), so they are not checked again.
 * `offset`: where the line starts in `line`, a block's text.
 */
function printoneValue(line: string, padded = false, offset = 0): number | undefined {
  let index = offset + PRINTONE_LENGTH - 1
  let value = 0
  let scale = 1
  let digits = 0
  for (; index > offset + PRINTONE_EQUALS; index--) {
    const code = line.charCodeAt(index)
    if (code === 44 /* , */) continue
    if (code < 48 || code > 57) break
    value += (code - 48) * scale
    scale *= 10
    digits++
  }
  return digits === 0 || digits > 15 || (!padded && !isSpaces(line, offset + PRINTONE_EQUALS + 1, index + 1)) ? undefined : value
}

// CPython prints a row as "%5u %6u %11zu %15zu %13zu": the digit runs end at these columns.
const CLASS_ROW_ENDS = [5, 12, 24, 40, 54]

/**
 * A line of CLASS_ROW_SHAPE in CPython's columns: each digit run is read back from its column's
 * end, so the padding is never scanned. False (nothing read) when a run does not end there.
 */
function fixedColumns(line: string, out: number[]): boolean {
  for (let field = 0; field < 5; field++) {
    const end = CLASS_ROW_ENDS[field]
    const code = line.charCodeAt(end - 1)
    if (code < 48 || code > 57 || (field < 4 && line.charCodeAt(end) !== 32)) return false
  }
  // Five digit runs end at the five columns, and the shape has exactly five runs: these are they.
  for (let field = 0; field < 5; field++) {
    const end = CLASS_ROW_ENDS[field]
    let start = end - 1
    while (start > 0 && line.charCodeAt(start - 1) !== 32) start--
    let value = 0
    for (let index = start; index < end; index++) value = value * 10 + (line.charCodeAt(index) - 48)
    out[field] = end - start > 15 ? Number(line.slice(start, end)) : value
  }
  return true
}

/** The number after a printone line's "=": the padding is skipped natively when it is plain spaces. */
function numberAfter(line: string, equals: number): number | undefined {
  const space = line.lastIndexOf(' ')
  // Same result as trimming: no space after `space`, only spaces between "=" and it.
  if (space > equals && space < line.length - 1 && isSpaces(line, equals + 1, space)) return parseGroupedIntIn(line, space + 1, line.length)
  return parseGroupedIntIn(line, equals + 1, line.length)
}

// Lines past these code points may hold whitespace String#trim removes: such labels take the slow path.
const isPlainEdge = (code: number) => code > 32 && code < 127

/**
 * What a line is to the parser, told once for the three ways a line reaches it: `next`, the fast
 * path's `ownedLine`, and `ownedRun`'s printone lines read in place (`shapeOf`, `printoneShapeAt`).
 */
type LineShape =
  /** `Small block threshold = 512, in 32 size classes.`: a new dump. */
  | 'threshold'
  /** The size-class table's heading or rule; outside a dump, the heading of one pasted from its table on. */
  | 'class-heading'
  | 'class-row'
  | 'arena-map'
  | 'free-list'
  | 'blank'
  /** Lines left out of a pasted dump (ELISION). */
  | 'elision'
  | 'mimalloc-threshold'
  | 'mimalloc-value'
  /** `# label = N` in CPython's columns, with the label this position had in the previous dump. */
  | 'key'
  /** `Total = N`, `2 arenas * 1048576 bytes/arena = N` or `0 unused pools * 16384 bytes = N`, in CPython's columns. */
  | 'total'
  /** Any other `label = N`. */
  | 'printone'
  /** A `label = N` whose N is out of range. */
  | 'out-of-range'
  /** None of the dump's: outside a dump, nothing; inside, its end (stats dumps have no end marker). */
  | 'other'

/**
 * Whether the fast path may take a line of this shape while a dump is the only open block: shapes
 * no other format's parser accepts. Each starts with a character no other parser recognises it by
 * (a leading space only valgrind's routes on, and it wants a tag), holds no MARKER_CHARACTERS and
 * ends in no fault's ending (a digit, or a heading's last word).
 */
function isOwnedShape(shape: LineShape, line: string): boolean {
  switch (shape) {
    // A leading space, so no parser that routes on digits (regrtest) would be offered it.
    case 'class-row':
      return line.charCodeAt(0) === 32
    case 'key':
    case 'total':
    case 'blank':
    case 'threshold':
    case 'arena-map':
      return true
    // A heading cut short is read (shapeOf), but may go on with anything.
    case 'class-heading':
      return line === CLASS_HEADING || line === CLASS_RULE
    case 'free-list':
      return line.charCodeAt(0) === 32 && !mayHoldMarker(line)
    default:
      return false
  }
}

export class MallocStatsParser implements LineParser<MallocStatsResult> {
  private readonly dumps = new BoundedList<MallocStatsDump>(MAX_MALLOCSTATS_DUMPS)
  private readonly diagnostics = emptyDiagnostics()
  private current?: MallocStatsDump
  private section: Section = 'header'
  private readonly row = [0, 0, 0, 0, 0]
  /**
   * The `# label` keys of the previous dumps by position: every dump prints the same labels in the
   * same order, so a key is usually reused rather than sliced, and a reused key needs no hashing.
   */
  private readonly keys: string[] = []
  /** Per key: the whole printone line with that label in CPython's columns (see keyLinePattern). */
  private readonly keyPatterns: (RegExp | undefined)[] = []
  private keyIndex = 0
  /** What the last shapeOf or printoneShapeAt found: the captures of the regex that told the shape, a printone line's value and "=". */
  private shapeMatch: RegExpExecArray | null = null
  private shapeNumber = 0
  private shapeEquals = 0

  /** Inside a dump: stats dumps have no end marker, so every line matters until one does not fit. */
  get busy(): boolean {
    return this.current !== undefined
  }

  next(line: string, lineNumber: number): boolean {
    return this.take(this.shapeOf(line), line, lineNumber)
  }

  /**
   * The fast path (LineParser.ownedRun) while a dump is the only open block: the lines of owned
   * shapes (isOwnedShape), taken as `next` would take them; the first of any other shape stops it,
   * untouched.
   */
  ownedRun(block: LineBlock, from: number, lineNumber: number): number {
    let index = from
    const { text, ends } = block
    while (index < block.count) {
      const start = lineStart(block, index)
      // Printone lines in CPython's columns, half the lines of a dump: told and taken in place, no slice.
      const printone = this.printoneShapeAt(text, start, ends[index])
      if (printone !== undefined) {
        this.takePrintone(printone, text, start)
        index++
        continue
      }
      if (this.section === 'classes' && !this.currentKept && this.current !== undefined) {
        // The rows of a dump past the cap, kept as they are (addClassRow): matched in the block's text, many lines at once.
        const end = matchLines(CLASS_ROWS, block, index)
        if (end > index) {
          if (this.pendingRowCount < MAX_SIZE_CLASSES) this.pendingRows.push(text.slice(start, ends[end - 1]))
          this.pendingRowCount += end - index
          index = end
          if (index === block.count) break
        }
      }
      if (!this.ownedLine(lineAt(block, index), lineNumber + index - from)) break
      index++
    }
    return index - from
  }

  end(): MallocStatsResult {
    if (this.lastSeen && !this.currentKept) this.materializeRows(this.lastSeen)
    return { dumps: this.dumps.items, droppedDumps: this.dumps.dropped, ...(this.lastSeen ? { last: this.lastSeen } : {}), diagnostics: this.diagnostics }
  }

  /** A line of an owned shape, taken as `next` would take it; false, with nothing changed, for any other. */
  private ownedLine(line: string, lineNumber: number): boolean {
    if (this.current === undefined) return false
    const shape = this.shapeOf(line)
    return isOwnedShape(shape, line) && this.take(shape, line, lineNumber)
  }

  /** The shape of a line (captures and values in the shape fields); reads, changes nothing. */
  private shapeOf(line: string): LineShape {
    const first = line.charCodeAt(0)
    if (first === 83 /* S */ && (this.shapeMatch = THRESHOLD.exec(line)) !== null) return 'threshold'
    if (this.current === undefined) {
      if (line === CLASS_HEADING) return 'class-heading'
      return this.isFreeList(line, first) ? 'free-list' : 'other'
    }
    // No line has two of the shapes below: they are tested most frequent first. Size-class rows (a
    // third of a dump) also right after the threshold line: the table's heading was left out.
    if ((this.section === 'classes' || this.section === 'header') && first !== 35 /* # */ && CLASS_ROW_SHAPE.test(line)) return 'class-row'
    const printone = this.printoneShapeAt(line, 0, line.length)
    if (printone !== undefined) return printone
    if (line === '') return 'blank'
    // "# label = N" lines (half a dump) can only be printone lines: none of these checks matches them.
    if (first !== 35 /* # */) {
      if ((first === 46 /* . */ || first === 32 || first === 8230 /* … */ || first === 91 /* [ */ || first === 40) /* ( */ && ELISION.test(line))
        return 'elision'
      if ((first === 77 /* M */ || first === 76) /* L */ && (this.shapeMatch = MEDIUM_THRESHOLD.exec(line)) !== null) return 'mimalloc-threshold'
      if (first === 32 && (line.startsWith('    A') || line.startsWith('    B')) && (this.shapeMatch = MIMALLOC_VALUE.exec(line)) !== null)
        return 'mimalloc-value'
      if (line.startsWith(CLASS_HEADING_START) || line.startsWith(CLASS_RULE_START)) return 'class-heading'
      if (line === ARENA_MAP_HEADING) return 'arena-map'
      if (this.isFreeList(line, first)) return 'free-list'
    }
    // printone lines: "label" padded, "=", a number with thousands commas (split by hand: the hottest path here).
    const equals = this.section === 'freelists' ? -1 : line.lastIndexOf('=')
    if (equals <= 0) return 'other'
    const value = numberAfter(line, equals)
    if (value === undefined) return PRINTONE.test(line) ? 'out-of-range' : 'other'
    this.shapeNumber = value
    this.shapeEquals = equals
    return 'printone'
  }

  /**
   * The shape of `text[start, end)` when it is a printone line in CPython's columns that needs no
   * slice: a `# label` with the label this position had in the previous dump ('key'), or a total
   * ('total'), with its value in `shapeNumber`. Undefined for anything else, read by shapeOf.
   */
  private printoneShapeAt(text: string, start: number, end: number): 'key' | 'total' | undefined {
    if (this.current === undefined || this.section === 'freelists' || !isPrintoneAt(text, start, end)) return undefined
    const first = text.charCodeAt(start)
    let value: number | undefined
    if (first === 35 /* # */) {
      // One regex test checks the whole line natively: comparing the label and padding with startsWith
      // went through them a character at a time and was this parser's largest cost.
      const pattern = this.keyPatterns[this.keyIndex]
      if (pattern === undefined || !isKeyLine(pattern, text, start, end) || (value = printoneValue(text, true, start)) === undefined) return undefined
      this.shapeNumber = value
      return 'key'
    }
    const total = first === 84 /* T */ && text.startsWith(TOTAL_LABEL, start) && isSpaces(text, start + TOTAL_LABEL.length, start + PRINTONE_EQUALS)
    if (!total && !(first >= 48 && first <= 57 && isNumberedLabelAt(text, start))) return undefined
    if ((value = printoneValue(text, false, start)) === undefined) return undefined
    this.shapeNumber = value
    return 'total'
  }

  /** A free-list line, its captures in `shapeMatch`. */
  private isFreeList(line: string, first: number): boolean {
    // Every indented line reaches this outside a dump: its first and last characters rule out most
    // before the scan for the mark (FREELIST ends in a digit or a comma).
    const last = line.charCodeAt(line.length - 1)
    return (
      first < 128 &&
      FREE_LIST_FIRST[first] === 1 &&
      ((last >= 48 && last <= 57) || last === 44) &&
      line.includes(FREE_LIST_MARK) &&
      (this.shapeMatch = FREELIST.exec(line)) !== null
    )
  }

  /** What `next` does with a line of the shape shapeOf found: true when the line is the dump's. */
  private take(shape: LineShape, line: string, lineNumber: number): boolean {
    const dump = this.current!
    const match = this.shapeMatch!
    // Most frequent first.
    switch (shape) {
      case 'class-row':
        this.section = 'classes'
        this.addClassRow(dump, line)
        return true
      case 'key':
      case 'total':
        this.takePrintone(shape, line, 0)
        return true
      case 'printone':
        this.printone(dump, line)
        return true
      case 'blank':
        return true
      case 'threshold': {
        const started = this.startDump(lineNumber)
        started.smallBlockThreshold = Number(match[1])
        started.sizeClassCount = Number(match[2])
        return true
      }
      case 'class-heading':
        if (this.current === undefined) {
          this.startDump(lineNumber)
          addDiagnostic(this.diagnostics, lineNumber, 'malloc stats dump without its "Small block threshold" line: read from the size-class table on')
        }
        this.section = 'classes'
        return true
      case 'free-list':
        // Freelist lines can come without a pymalloc dump (--without-pymalloc builds).
        this.addFreeList(this.current ?? this.startDump(lineNumber), line, match)
        this.section = 'freelists'
        return true
      case 'elision':
        // Lines left out (a dump pasted into an issue): a gap, not the end. What follows is read as it
        // comes: size-class rows, or any totals line, whichever section the gap ended in.
        addDiagnostic(this.diagnostics, lineNumber, `malloc stats dump with lines left out (${line.trim().slice(0, 40)}): read on past the gap`)
        if (this.section === 'freelists') this.section = 'totals'
        return true
      case 'mimalloc-threshold':
        dump.allocator = 'mimalloc'
        dump.values[match[1].toLowerCase()] = Number(match[2])
        return true
      case 'mimalloc-value':
        dump.allocator = 'mimalloc'
        ;(dump.mimalloc ??= {})[match[1]] = Number(match[2])
        return true
      case 'arena-map':
        this.section = 'arena map'
        return true
      case 'out-of-range':
        addDiagnostic(this.diagnostics, lineNumber, `malloc stats value out of range: ${line.slice(0, 120)}`)
        return true
      case 'other':
        this.current = undefined
        return false
    }
  }

  /** A 'key' or 'total' line starting at `start` in `text` (a line, or a block's text). */
  private takePrintone(shape: 'key' | 'total', text: string, start: number): void {
    const dump = this.current!
    if (this.section !== 'arena map') this.section = 'totals'
    if (shape === 'key') dump.values[this.keys[this.keyIndex++]!] = this.shapeNumber
    else this.value(dump, text.charCodeAt(start) === 84 /* T */ ? TOTAL_LABEL : text.slice(start, start + PRINTONE_EQUALS).trimEnd(), this.shapeNumber)
  }

  /** A 'printone' line: its label read the general way. */
  private printone(dump: MallocStatsDump, line: string): void {
    const equals = this.shapeEquals
    const value = this.shapeNumber
    if (this.section !== 'arena map') this.section = 'totals'
    let start = 0
    let end = equals
    while (start < end && line.charCodeAt(start) === 32) start++
    while (end > start && line.charCodeAt(end - 1) === 32) end--
    if (start === end || (isPlainEdge(line.charCodeAt(start)) && isPlainEdge(line.charCodeAt(end - 1)))) {
      // "# label": the common case, keyed without the "# " (one slice instead of three).
      if (line.charCodeAt(start) === 35 /* # */) dump.values[this.key(line, start + 2, end)] = value
      else this.value(dump, line.slice(start, end), value)
    } else this.value(dump, line.slice(0, equals).trim(), value)
  }

  private lastSeen?: MallocStatsDump

  private key(line: string, start: number, end: number): string {
    const ordinal = this.keyIndex++
    const cached = this.keys[ordinal]
    if (cached !== undefined && cached.length === end - start && line.startsWith(cached, start)) return cached
    const key = line.slice(start, end)
    if (ordinal < MAX_CACHED_KEYS) {
      this.keys[ordinal] = key
      this.keyPatterns[ordinal] = keyLinePattern(key)
    }
    return key
  }

  /**
   * A dump past MAX_MALLOCSTATS_DUMPS is only reported if it turns out to be the last, so its size-class
   * rows and free lists are kept as lines and read only then: on a long series, reading 32 rows per
   * dump into objects was this parser's largest cost.
   */
  private currentKept = true
  /** Rows of the current dump, one per line or several lines matched at once (ownedRun). */
  private readonly pendingRows: string[] = []
  private pendingRowCount = 0
  private readonly pendingFreeLists: string[] = []

  /** A size-class row of the current dump (`classRow` has accepted it, or its shape is CLASS_ROW_SHAPE). */
  private addClassRow(dump: MallocStatsDump, line: string): void {
    if (!this.currentKept) {
      if (this.pendingRowCount++ < MAX_SIZE_CLASSES) this.pendingRows.push(line)
      return
    }
    if (dump.sizeClasses.length >= MAX_SIZE_CLASSES || !classRow(line, this.row)) return
    const row = this.row
    dump.sizeClasses.push({ index: row[0], size: row[1], pools: row[2], blocksInUse: row[3], availableBlocks: row[4] })
  }

  private materializeRows(dump: MallocStatsDump): void {
    this.currentKept = true
    for (const rows of this.pendingRows) for (const line of rows.split('\n')) this.addClassRow(dump, line)
    for (const line of this.pendingFreeLists) this.addFreeList(dump, line, FREELIST.exec(line)!)
    this.pendingRows.length = 0
    this.pendingRowCount = 0
    this.pendingFreeLists.length = 0
  }

  private startDump(lineNumber: number): MallocStatsDump {
    const dump: MallocStatsDump = { line: lineNumber, allocator: 'pymalloc', sizeClasses: [], values: {}, freeLists: [] }
    this.current = dump
    this.section = 'header'
    this.keyIndex = 0
    this.lastSeen = dump
    this.currentKept = this.dumps.push(dump)
    this.pendingRows.length = 0
    this.pendingRowCount = 0
    this.pendingFreeLists.length = 0
    return dump
  }

  private value(dump: MallocStatsDump, label: string, value: number): void {
    let match: RegExpExecArray | null
    const first = label.charCodeAt(0)
    if (first === 35 /* # */) {
      dump.values[label.slice(2)] = value
      return
    }
    if (first >= 48 && first <= 57 && (match = ARENAS.exec(label))) {
      dump.arenaCount = Number(match[1])
      dump.arenaSize = Number(match[2])
      dump.values['arenas bytes'] = value
      return
    }
    if (first >= 48 && first <= 57 && (match = UNUSED_POOLS.exec(label))) {
      dump.unusedPools = Number(match[1])
      dump.poolSize = Number(match[2])
      dump.values['unused pools bytes'] = value
      return
    }
    // "# label" lines returned above: this label is the key as it stands.
    dump.values[label === TOTAL_LABEL ? (this.section === 'arena map' ? 'arena map total' : 'total') : label] = value
  }

  /** A free-list line (FREELIST matched it, `match`) of `dump`. */
  private addFreeList(dump: MallocStatsDump, line: string, match: RegExpExecArray): void {
    if (!this.currentKept) {
      // Kept as a line, read only if this dump turns out to be the last (see pendingRows); only the
      // lines the kept path would keep count towards the cap.
      if (this.pendingFreeLists.length < MAX_FREELISTS && parseGroupedInt(match[4]) !== undefined) this.pendingFreeLists.push(line)
      return
    }
    const totalBytes = parseGroupedInt(match[4])
    if (dump.freeLists.length < MAX_FREELISTS && totalBytes !== undefined) {
      dump.freeLists.push({ count: Number(match[1]), name: match[2], bytesEach: Number(match[3]), totalBytes })
    }
  }
}

/** Whether `text` at `start` begins with an arena or pool count's label (NUMBERED_LABEL, in place). */
function isNumberedLabelAt(text: string, start: number): boolean {
  NUMBERED_LABEL.lastIndex = start
  return NUMBERED_LABEL.test(text)
}
