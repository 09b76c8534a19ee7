import { BoundedList, emptyDiagnostics, addDiagnostic, type Diagnostics } from './diagnostics.js'
import { firstCharacters, regExp, type LineParser, type LineRouting } from './line-parser.js'

/**
 * COUNT_ALLOCS builds (3.8 and older; removed in 3.9, bpo-39489). No build here can produce it,
 * so this follows CPython's format strings (Objects/object.c `dump_counts`, 3.6/3.7, and
 * `_Py_dump_counts`, 3.8; the same strings):
 *
 *   fprintf(f, "%s alloc'd: %" PY_FORMAT_SIZE_T "d, " "freed: %" PY_FORMAT_SIZE_T "d, "
 *              "max in use: %" PY_FORMAT_SIZE_T "d\n", tp->tp_name, tp->tp_allocs, tp->tp_frees, tp->tp_maxalloc);
 *   fprintf(f, "fast tuple allocs: %" PY_FORMAT_SIZE_T "d, " "empty: %" PY_FORMAT_SIZE_T "d\n", ...);
 *   fprintf(f, "fast int allocs: pos: %" PY_FORMAT_SIZE_T "d, " "neg: %" PY_FORMAT_SIZE_T "d\n", ...);
 *   fprintf(f, "null strings: %" PY_FORMAT_SIZE_T "d, " "1-strings: %" PY_FORMAT_SIZE_T "d\n", ...);
 *
 * and `sys.getcounts()`, a list of `Py_BuildValue("(snnn)", tp_name, tp_allocs, tp_frees,
 * tp_maxalloc)` tuples, most recently first-allocated type first, whose repr is one line:
 * `[('dict', 1523, 1021, 640), ('str', ...)]`.
 */
export interface TypeAllocCounts {
  readonly name: string
  readonly allocs: number
  readonly frees: number
  readonly maxInUse: number
  /** allocs - frees: instances still alive when the counts were taken. */
  readonly alive: number
}

export interface CountAllocsDump {
  readonly line: number
  readonly source: 'at-exit' | 'getcounts'
  readonly types: TypeAllocCounts[]
  droppedTypes: number
  fastTupleAllocs?: number
  emptyTupleAllocs?: number
  fastIntAllocsPositive?: number
  fastIntAllocsNegative?: number
  nullStrings?: number
  oneCharStrings?: number
}

export interface CountAllocsResult {
  readonly dumps: CountAllocsDump[]
  readonly droppedDumps: number
  readonly diagnostics: Diagnostics
}

const MAX_COUNT_DUMPS = 100
const MAX_TYPES = 5000

/** What makes a line a type's counts: they start with the type's name, which can be anything. */
const TYPE_MARKER = " alloc'd: "
const TYPE_LINE = regExp`^(.+)${TYPE_MARKER}(-?\d+), freed: (-?\d+), max in use: (-?\d+)$`
// The shortest type line, "x alloc'd: 0, freed: 0, max in use: 0".
const MIN_TYPE_LINE_LENGTH = 38
const FAST_TUPLE_START = 'fast tuple allocs: '
const FAST_TUPLE = regExp`^${FAST_TUPLE_START}(-?\d+), empty: (-?\d+)$`
const FAST_INT_START = 'fast int allocs: '
const FAST_INT = regExp`^${FAST_INT_START}pos: (-?\d+), neg: (-?\d+)$`
const STRINGS_START = 'null strings: '
const STRINGS = regExp`^${STRINGS_START}(-?\d+), 1-strings: (-?\d+)$`
/** `sys.getcounts()`'s list: a tuple whose name is in either quote. */
const GETCOUNTS_STARTS = ["[('", '[("']
// A repr of a (str, int, int, int) tuple; the name may use either quote, with backslash escapes.
const COUNTS_TUPLE = /\((?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"), (-?\d+), (-?\d+), (-?\d+)\)/g

export const COUNT_ALLOCS_ROUTING: LineRouting = {
  startCharacters: firstCharacters(...GETCOUNTS_STARTS, FAST_TUPLE_START, FAST_INT_START, STRINGS_START),
  markers: [TYPE_MARKER],
}

export class CountAllocsParser implements LineParser<CountAllocsResult> {
  private readonly dumps = new BoundedList<CountAllocsDump>(MAX_COUNT_DUMPS)
  private readonly diagnostics = emptyDiagnostics()
  private current?: CountAllocsDump
  private currentKept = true

  next(line: string, lineNumber: number): boolean {
    let match: RegExpExecArray | null
    if (line.charCodeAt(0) === 91 /* [ */ && (line.startsWith(GETCOUNTS_STARTS[0]) || line.startsWith(GETCOUNTS_STARTS[1])))
      return this.getcounts(line, lineNumber)
    if (line.length >= MIN_TYPE_LINE_LENGTH && line.includes(TYPE_MARKER) && (match = TYPE_LINE.exec(line))) {
      if (this.current?.source !== 'at-exit' || this.current.fastTupleAllocs !== undefined) this.start(lineNumber, 'at-exit')
      if (this.currentKept) this.addType(this.current!, match[1], match[2], match[3], match[4])
      return true
    }
    if (line.charCodeAt(0) === 102 /* f */ && (match = FAST_TUPLE.exec(line))) {
      const dump = this.atExitDump(lineNumber)
      dump.fastTupleAllocs = Number(match[1])
      dump.emptyTupleAllocs = Number(match[2])
      return true
    }
    if (line.charCodeAt(0) === 102 && (match = FAST_INT.exec(line))) {
      const dump = this.atExitDump(lineNumber)
      dump.fastIntAllocsPositive = Number(match[1])
      dump.fastIntAllocsNegative = Number(match[2])
      return true
    }
    if (line.charCodeAt(0) === 110 /* n */ && (match = STRINGS.exec(line))) {
      const dump = this.atExitDump(lineNumber)
      dump.nullStrings = Number(match[1])
      dump.oneCharStrings = Number(match[2])
      // The last line of the at-exit dump.
      this.current = undefined
      return true
    }
    return false
  }

  end(): CountAllocsResult {
    return { dumps: this.dumps.items, droppedDumps: this.dumps.dropped, diagnostics: this.diagnostics }
  }

  private getcounts(line: string, lineNumber: number): boolean {
    const dump = this.start(lineNumber, 'getcounts')
    let matched = 0
    let consumed = 1
    COUNTS_TUPLE.lastIndex = 0
    for (let match = COUNTS_TUPLE.exec(line); match; match = COUNTS_TUPLE.exec(line)) {
      if (match.index !== consumed) break
      // A dump past the cap is only checked: its entries are not kept.
      if (this.currentKept) this.addType(dump, (match[1] ?? match[2]).replace(/\\(.)/g, '$1'), match[3], match[4], match[5])
      matched++
      consumed = match.index + match[0].length
      if (line.startsWith(', ', consumed)) consumed += 2
    }
    if (line.slice(consumed) !== ']') addDiagnostic(this.diagnostics, lineNumber, `sys.getcounts() list cut short after ${matched} entries`)
    this.current = undefined
    return true
  }

  private atExitDump(lineNumber: number): CountAllocsDump {
    return this.current && this.current.source === 'at-exit' ? this.current : this.start(lineNumber, 'at-exit')
  }

  private start(lineNumber: number, source: CountAllocsDump['source']): CountAllocsDump {
    this.current = { line: lineNumber, source, types: [], droppedTypes: 0 }
    this.currentKept = this.dumps.push(this.current)
    return this.current
  }

  private addType(dump: CountAllocsDump, name: string, allocs: string, frees: string, maxInUse: string): void {
    if (dump.types.length >= MAX_TYPES) {
      dump.droppedTypes++
      return
    }
    const allocCount = Number(allocs)
    const freeCount = Number(frees)
    dump.types.push({ name, allocs: allocCount, frees: freeCount, maxInUse: Number(maxInUse), alive: allocCount - freeCount })
  }
}
