import { addDiagnostic, BoundedList, emptyDiagnostics, isSpaces, parseGroupedInt, parseGroupedIntIn, type Diagnostics } from './diagnostics.js'
import { lineAt, lineStart, matchLines, type LineBlock } from './line-block.js'
import { own, type LineParser } from './line-parser.js'

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
  /** Every `label = N` line of the dump, keyed by its label without `#` (e.g. `arenas allocated total`, `bytes in allocated blocks`). The two `Total` lines are `total` and `arena map total`. */
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

export const MAX_MALLOCSTATS_DUMPS = 200
const MAX_SIZE_CLASSES = 256
const MAX_CACHED_KEYS = 128
const MAX_FREELISTS = 200

const THRESHOLD = /^Small block threshold = (\d+), in (\d+) size classes\.$/
const MEDIUM_THRESHOLD = /^(Medium block threshold|Large object max size) = (\d+)$/
const PRINTONE = /^(.*?) *= *(-?[\d,]+)$/
const ARENAS = /^(\d+) arenas \* (\d+) bytes\/arena$/
const UNUSED_POOLS = /^(\d+) unused pools \* (\d+) bytes$/
const FREELIST = /^ *(\d+) (free .+?) \* (\d+) bytes each *= *([\d,]+)$/
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
const NUMBERED_LABEL = /^\d+ (?:arenas \* \d+ bytes\/arena|unused pools \* \d+ bytes) +=/
const CLASS_HEADING = 'class   size   num pools   blocks in use  avail blocks'
const CLASS_RULE = '-----   ----   ---------   -------------  ------------'

const KEY_LINE_PATTERNS = new Map<string, RegExp | undefined>()

/**
 * `# label`, padded to the "=" in column 35, then a value of digits and commas right-aligned: the
 * lines ownedKeyLine takes for this label (it checks there is a digit). None for labels with ':',
 * '[' or an escape (a content marker or ANSI colour could be in the line then) or too long to be
 * padded. Shared by label, as dumps of different layouts take turns at the same position. Sticky,
 * so it can check a line in place in a block's text (`isKeyLine`).
 */
function keyLinePattern(key: string): RegExp | undefined {
  let pattern = KEY_LINE_PATTERNS.get(key)
  if (pattern === undefined && !KEY_LINE_PATTERNS.has(key)) {
    const padding = PRINTONE_EQUALS - 2 - key.length
    pattern = key.length === 0 || padding < 0 || /[:[\x1b]/.test(key) ? undefined : new RegExp(`# ${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} {${padding}}= *[\\d,]+`, 'y')
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
  /** Per key: the whole printone line with that label in CPython's columns (see ownedKeyLine). */
  private readonly keyPatterns: (RegExp | undefined)[] = []
  private keyIndex = 0

  /** Inside a dump: stats dumps have no end marker, so every line matters until one does not fit. */
  get busy(): boolean {
    return this.current !== undefined
  }

  /** `ownedLine` over consecutive lines: how many, from line `from` of the block on, it took. */
  ownedRun(block: LineBlock, from: number, lineNumber: number): number {
    let index = from
    const { text, ends } = block
    while (index < block.count) {
      const dump = this.current
      const start = lineStart(block, index)
      if (dump !== undefined && isPrintoneAt(text, start, ends[index]) && text.charCodeAt(start) === 35 /* # */ && this.section !== 'freelists') {
        // A `# label = N` line, as ownedLine would take it, checked in place: half the lines of a dump.
        if (!this.ownedKeyLine(dump, text, start)) break
        index++
        continue
      }
      if (this.section === 'classes' && !this.currentKept && dump !== undefined) {
        // The rows of a dump past the cap are matched in the block's text, many lines at once, and kept as they are.
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

  /**
   * The detector's fast path while a dump is the only open block: takes the lines of a dump that no
   * other format's parser accepts (size-class rows in CPython's columns, printone lines with CPython's
   * labels, the fixed headings, free-list lines, blank lines) with the same effect `next` has, and
   * returns true; anything else returns false, untouched, and goes the usual way. Lines it takes hold
   * no ':' or '[', so no content marker and no ANSI colour can be in them.
   */
  private ownedLine(line: string, lineNumber: number): boolean {
    const dump = this.current
    if (dump === undefined) return false
    const length = line.length
    if (length === 0) return true
    const first = line.charCodeAt(0)
    // A leading space, so no parser that routes on digits (regrtest) would be offered it.
    if (length === CLASS_ROW_LENGTH && first === 32) {
      if (this.section !== 'classes' || !CLASS_ROW_SHAPE.test(line)) return false
      this.addClassRow(dump, line)
      return true
    }
    if (isPrintoneAt(line, 0, length)) {
      if (this.section === 'freelists') return false
      if (first === 35 /* # */) return this.ownedKeyLine(dump, line, 0)
      // "Total", "2 arenas * 1048576 bytes/arena", "0 unused pools * 16384 bytes": the rest of the totals.
      const total = first === 84 /* T */ && line.startsWith('Total ') && isSpaces(line, 5, PRINTONE_EQUALS)
      if (!total && !(first >= 48 && first <= 57 && NUMBERED_LABEL.test(line))) return false
      const value = printoneValue(line)
      if (value === undefined) return false
      if (this.section !== 'arena map') this.section = 'totals'
      this.value(dump, total ? 'Total' : line.slice(0, PRINTONE_EQUALS).trimEnd(), value)
      return true
    }
    if (line === CLASS_HEADING || line === CLASS_RULE) {
      this.section = 'classes'
      return true
    }
    if (line === 'arena map counts') {
      this.section = 'arena map'
      return true
    }
    if (first === 83 /* S */) return THRESHOLD.test(line) && this.next(line, lineNumber)
    // Free lists: "   9 free PyDictObjects * 48 bytes each =     432" (right-aligned, so a space first).
    if (first !== 32 || line.indexOf(':') >= 0 || line.indexOf('[') >= 0) return false
    const equals = line.lastIndexOf('=')
    if (equals > 11 && line.startsWith('bytes each ', equals - 11) && this.freeListLine(line)) {
      this.section = 'freelists'
      return true
    }
    return false
  }

  /**
   * A `# label = N` line, `PRINTONE_LENGTH` long from `start` in `text` (a line, or a block's text),
   * whose label this position had in the previous dump.
   */
  private ownedKeyLine(dump: MallocStatsDump, text: string, start: number): boolean {
    const position = this.keyIndex
    // One regex test checks the whole line natively: comparing the label and padding with startsWith
    // went through them a character at a time and was this parser's largest cost.
    const pattern = this.keyPatterns[position]
    if (pattern === undefined || !isKeyLine(pattern, text, start, start + PRINTONE_LENGTH)) return false
    const value = printoneValue(text, true, start)
    if (value === undefined) return false
    this.keyIndex++
    if (this.section !== 'arena map') this.section = 'totals'
    dump.values[this.keys[position]!] = value
    return true
  }

  next(line: string, lineNumber: number): boolean {
    const first = line.charCodeAt(0)
    let match: RegExpExecArray | null
    if (first === 83 /* S */ && (match = THRESHOLD.exec(line))) {
      this.startDump(lineNumber, 'pymalloc')
      this.current!.smallBlockThreshold = Number(match[1])
      this.current!.sizeClassCount = Number(match[2])
      return true
    }
    const dump = this.current
    if (!dump) {
      // A dump pasted from its size-class table on (the threshold line left out): read it, and say so.
      if (first === 99 /* c */ && line === CLASS_HEADING) {
        this.startDump(lineNumber, 'pymalloc')
        this.section = 'classes'
        addDiagnostic(this.diagnostics, lineNumber, 'malloc stats dump without its "Small block threshold" line: read from the size-class table on')
        return true
      }
      // Freelist lines can come without a pymalloc dump (--without-pymalloc builds).
      const last = line.charCodeAt(line.length - 1)
      if ((first === 32 || (first >= 48 && first <= 57)) && last >= 48 && last <= 57 && line.includes(' bytes each') && FREELIST.test(line)) {
        this.startDump(lineNumber, 'pymalloc')
        this.section = 'freelists'
        return this.freeListLine(line)
      }
      return false
    }
    if (line === '') return true
    // Lines left out (a dump pasted into an issue): a gap, not the end. What follows is read as it
    // comes: size-class rows, or any totals line, whichever section the gap ended in.
    if ((first === 46 /* . */ || first === 32 || first === 8230 /* … */ || first === 91 /* [ */ || first === 40 /* ( */) && ELISION.test(line)) {
      addDiagnostic(this.diagnostics, lineNumber, `malloc stats dump with lines left out (${line.trim().slice(0, 40)}): read on past the gap`)
      if (this.section === 'freelists') this.section = 'totals'
      return true
    }
    // "# label = N" lines (half a dump) can only be printone lines: none of these checks matches them.
    if (first !== 35 /* # */) {
      // Rows right after the threshold line: the table's heading was left out.
      if ((this.section === 'classes' || this.section === 'header') && CLASS_ROW_SHAPE.test(line)) {
        this.section = 'classes'
        this.addClassRow(dump, line)
        return true
      }
      if ((first === 77 /* M */ || first === 76 /* L */) && (match = MEDIUM_THRESHOLD.exec(line))) {
        dump.allocator = 'mimalloc'
        dump.values[match[1].toLowerCase()] = Number(match[2])
        return true
      }
      match = first === 32 && (line.startsWith('    A') || line.startsWith('    B')) ? MIMALLOC_VALUE.exec(line) : null
      if (match) {
        dump.allocator = 'mimalloc'
        ;(dump.mimalloc ??= {})[match[1]] = Number(match[2])
        return true
      }
      if (line.startsWith('class   size') || line.startsWith('-----   ----')) {
        this.section = 'classes'
        return true
      }
      if (line === 'arena map counts') {
        this.section = 'arena map'
        return true
      }
    }
    const equals = line.lastIndexOf('=')
    // Freelist lines: "   9 free PyDictObjects * 48 bytes each =     432" (the label is right-aligned, so "bytes each " ends at the "=").
    if (first !== 35 && equals > 11 && line.startsWith('bytes each ', equals - 11) && this.freeListLine(line)) {
      this.section = 'freelists'
      return true
    }
    // printone lines: "label" padded, "=", a number with thousands commas (split by hand: the hottest path here).
    if (equals > 0 && this.section !== 'freelists') {
      const value = numberAfter(line, equals)
      if (value !== undefined) {
        this.section = this.section === 'arena map' ? 'arena map' : 'totals'
        const cached = this.keys[this.keyIndex]
        if (first === 35 /* # */ && cached !== undefined && cached.length > 0 && line.charCodeAt(1) === 32 && line.startsWith(cached, 2) && isSpaces(line, 2 + cached.length, equals)) {
          // "# " + the label this position had in the previous dump + padding: what the general path below would find.
          this.keyIndex++
          dump.values[cached] = value
          return true
        }
        let start = 0
        let end = equals
        while (start < end && line.charCodeAt(start) === 32) start++
        while (end > start && line.charCodeAt(end - 1) === 32) end--
        if (start === end || (isPlainEdge(line.charCodeAt(start)) && isPlainEdge(line.charCodeAt(end - 1)))) {
          // "# label": the common case, keyed without the "# " (one slice instead of three).
          if (line.charCodeAt(start) === 35 /* # */) dump.values[this.key(line, start + 2, end)] = value
          else this.value(dump, line.slice(start, end), value)
        } else this.value(dump, line.slice(0, equals).trim(), value)
        return true
      }
      if (PRINTONE.test(line)) {
        addDiagnostic(this.diagnostics, lineNumber, `malloc stats value out of range: ${line.slice(0, 120)}`)
        return true
      }
    }
    // Something else: the dump is over (stats dumps have no end marker).
    this.current = undefined
    return false
  }

  end(): MallocStatsResult {
    if (this.lastSeen && !this.currentKept) this.materializeRows(this.lastSeen)
    return { dumps: this.dumps.items, droppedDumps: this.dumps.dropped, ...(this.lastSeen ? { last: this.lastSeen } : {}), diagnostics: this.diagnostics }
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
    for (const line of this.pendingFreeLists) this.freeListLine(line, dump)
    this.pendingRows.length = 0
    this.pendingRowCount = 0
    this.pendingFreeLists.length = 0
  }

  private startDump(lineNumber: number, allocator: MallocStatsDump['allocator']): void {
    this.current = { line: lineNumber, allocator, sizeClasses: [], values: {}, freeLists: [] }
    this.section = 'header'
    this.keyIndex = 0
    this.lastSeen = this.current
    this.currentKept = this.dumps.push(this.current)
    this.pendingRows.length = 0
    this.pendingRowCount = 0
    this.pendingFreeLists.length = 0
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
    dump.values[label === 'Total' ? (this.section === 'arena map' ? 'arena map total' : 'total') : label] = value
  }

  /** A free-list line of the current dump: false, with nothing changed, when the line is not one. */
  private freeListLine(line: string, dump: MallocStatsDump = this.current!): boolean {
    if (!this.currentKept) {
      // Kept as a line, read only if this dump turns out to be the last (see pendingRows); only the
      // lines the kept path would keep count towards the cap.
      if (!FREELIST.test(line)) return false
      if (this.pendingFreeLists.length < MAX_FREELISTS && parseGroupedIntIn(line, line.lastIndexOf('=') + 1, line.length) !== undefined) this.pendingFreeLists.push(line)
      return true
    }
    const match = FREELIST.exec(line)
    if (!match) return false
    const totalBytes = parseGroupedInt(match[4])
    if (dump.freeLists.length < MAX_FREELISTS && totalBytes !== undefined) {
      dump.freeLists.push({ count: Number(match[1]), name: match[2], bytesEach: Number(match[3]), totalBytes })
    }
    return true
  }
}
