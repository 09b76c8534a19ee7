import { addDiagnostic, BoundedList, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import type { LineBlock } from './line-block.js'
import { firstCharacters, guardedRun, regExp, type LineParser, type LineRouting, type OtherFormats } from './line-parser.js'

/**
 * The debug hooks' dump of one bad block (Objects/obmalloc.c `_PyObject_DebugDumpAddress`, 3.6 to
 * 3.15), printed just before `Fatal Python error: ...: bad trailing pad byte` and friends:
 *
 *   Debug memory block at address p=0x7f218a328820: API 'm'
 *       16 bytes originally requested
 *       The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.
 *       The 8 pad bytes at tail=0x7f218a328830 are not all FORBIDDENBYTE (0xfd):
 *           at tail+0: 0x78 *** OUCH
 *       Data at p: cd cd ...
 *   Enable tracemalloc to get the memory block allocation traceback   (or "Memory block allocated at ...")
 */
export interface PadBytes {
  /** How many pad bytes the hook checked (S-1 before the block, S after it). */
  readonly count: number
  readonly intact: boolean
  /** The bytes the dump listed, with their offset from p (negative: before) or from tail. */
  readonly bytes: { offset: number; value: number; corrupted: boolean }[]
}

export interface DebugMemoryBlock {
  readonly line: number
  readonly address: string
  /** `r` raw, `m` mem, `o` object domain: which allocator family made the block. */
  readonly api: string
  bytesRequested?: number
  leadingPad?: PadBytes
  trailingPad?: PadBytes
  /** Only with PYMEM_DEBUG_SERIALNO: `The block was made by call #N to debug malloc/realloc.` */
  serialNumber?: number
  /** Hex bytes from `Data at p:` (up to 8 + 8, with `...` between when longer). */
  data?: string
  /** Bytes written past the end: the furthest corrupted trailing pad byte + 1. */
  overrunBytes?: number
  /** Bytes written before the start: the furthest corrupted leading pad byte. */
  underrunBytes?: number
  /** From tracemalloc (PYTHONTRACEMALLOC=N): where the block was allocated, most recent call first. */
  allocatedAt?: { file: string; line: number }[]
  /** True when the dump said tracemalloc was off, so no allocation traceback exists. */
  tracemallocDisabled?: boolean
  /** The dump stopped before `Data at p:` (killed, interleaved, truncated log). */
  truncated?: boolean
}

/**
 * `<refcnt -2459565876494606883 at 0x7f66cdb89c40>`: PyObject_Print (and reprs built on it) of an
 * object whose reference count is not positive. A count that is the debug hooks' dead-byte pattern
 * read as a signed integer means the object's memory was freed: it was used after it was freed.
 */
export interface DeadObject {
  readonly line: number
  readonly refcnt: string
  readonly address: string
  /** The dead-byte pattern the count is made of: 0xDD since 3.8, 0xDB before (bpo-36389). */
  readonly pattern: 0xdd | 0xdb
}

export interface PymallocDebugResult {
  readonly blocks: DebugMemoryBlock[]
  readonly droppedBlocks: number
  readonly deadObjects: DeadObject[]
  readonly droppedDeadObjects: number
  readonly diagnostics: Diagnostics
}

/**
 * The byte the debug hooks write over a freed block (Objects/obmalloc.c PYMEM_DEADBYTE): 0xDD since
 * 3.8, 0xDB before (bpo-36389 changed the patterns so they differ from Windows' CRT debug heap).
 */
export const DEAD_BYTES = [0xdd, 0xdb] as const

// The dead-byte pattern read as a signed 64-bit and 32-bit reference count (Py_ssize_t), as %zd prints it.
const DEAD_REFCOUNTS = new Map<string, 0xdd | 0xdb>(
  DEAD_BYTES.flatMap((byte) => {
    const pattern = BigInt(byte)
    const of = (bytes: number) => Array.from({ length: bytes }, (_, index) => pattern << BigInt(8 * index)).reduce((a, b) => a | b)
    return [
      [BigInt.asIntN(64, of(8)).toString(), byte],
      [BigInt.asIntN(32, of(4)).toString(), byte],
    ] as [string, 0xdd | 0xdb][]
  }),
)
const REFCNT_START = '<refcnt '
const REFCNT_PRINT = regExp`^${REFCNT_START}(-?\d+) at (0x[0-9a-fA-F]+)>`
const MAX_DEAD_OBJECTS = 100

const MAX_DEBUG_BLOCKS = 100
const MAX_TRACEBACK_FRAMES = 100

// 'D'ebug memory block: the only way into a dump.
const DUMP_START = 'Debug memory block at '
const BLOCK_START = regExp`^${DUMP_START}address p=(\S+?): API '(.)'$`
const REQUESTED = /^ {4}(\d+) bytes originally requested$/
const PAD_OK = /^ {4}The (\d+) pad bytes at (p-\d+|tail=\S+) are FORBIDDENBYTE, as expected\.$/
const PAD_BAD = /^ {4}The (\d+) pad bytes at (p-\d+|tail=\S+) are not all FORBIDDENBYTE \(0x([0-9a-f]{2})\):$/
const PAD_BYTE = /^ {8}at (p-|tail\+)(\d+): 0x([0-9a-f]{2})( \*\*\* OUCH)?$/
const SERIAL = /^ {4}The block was made by call #(\d+) to debug malloc\/realloc\.$/
const DATA = /^ {4}Data at p:(.*)$/
const CORRUPT_START =
  /^ {4}Because memory is corrupted at the start, the count of bytes requested$|^ {7,8}may be bogus, and checking the trailing pad bytes may segfault\.$/
const TRACEMALLOC_OFF = /^Enable tracemalloc to get the memory block allocation traceback$/
const ALLOCATED_AT = /^Memory block allocated at \(most recent call first\):$/
const TRACEBACK_FRAME = /^ {2}File "(.*)", line (\d+)$/

type State = 'idle' | 'block' | 'after-block' | 'traceback'

export const PYMALLOC_DEBUG_ROUTING: LineRouting = { startCharacters: firstCharacters(DUMP_START, REFCNT_START) }

export class PymallocDebugParser implements LineParser<PymallocDebugResult> {
  private readonly blocks = new BoundedList<DebugMemoryBlock>(MAX_DEBUG_BLOCKS)
  private readonly deadObjects = new BoundedList<DeadObject>(MAX_DEAD_OBJECTS)
  private readonly diagnostics = emptyDiagnostics()
  private state: State = 'idle'
  private current?: DebugMemoryBlock
  private pad?: { which: 'leading' | 'trailing'; count: number; bytes: PadBytes['bytes'] }
  private currentKept = true

  /** Inside a dump: every line matters until it ends. */
  get busy(): boolean {
    return this.state !== 'idle'
  }

  /** The fast path (LineParser.ownedRun): the pad bytes of a dump, which hold ':'. */
  ownedRun(block: LineBlock, from: number, _lineNumber: number, others: OtherFormats): number {
    return guardedRun(this, block, from, others)
  }

  /**
   * For guardedRun, a line free of other formats' markers: a pad byte line (`        at tail+0: 0xfd`),
   * taken as `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line: string): boolean {
    return this.state === 'block' && this.pad !== undefined && line.charCodeAt(0) === 32 && this.padByteLine(line)
  }

  next(line: string, lineNumber: number): boolean {
    const first = line.charCodeAt(0)
    if (first === 60 /* < */ && line.startsWith(REFCNT_START)) return this.refcntPrint(line, lineNumber)
    if (first === 68 /* D */ && line.startsWith(DUMP_START)) {
      const start = BLOCK_START.exec(line)
      if (!start) return false
      this.finishBlock(lineNumber)
      this.current = { line: lineNumber, address: start[1], api: start[2] }
      this.currentKept = this.blocks.push(this.current)
      this.state = 'block'
      return true
    }
    if (this.state === 'idle') return false
    if (this.state === 'block') return this.blockLine(line, lineNumber)
    if (line === '') return this.state === 'after-block'
    if (TRACEMALLOC_OFF.test(line)) {
      if (this.current) this.current.tracemallocDisabled = true
      this.state = 'after-block'
      return true
    }
    if (ALLOCATED_AT.test(line)) {
      if (this.current) this.current.allocatedAt = []
      this.state = 'traceback'
      return true
    }
    if (this.state === 'traceback') {
      const frame = TRACEBACK_FRAME.exec(line)
      if (frame && this.current?.allocatedAt) {
        if (this.current.allocatedAt.length < MAX_TRACEBACK_FRAMES) this.current.allocatedAt.push({ file: frame[1], line: Number(frame[2]) })
        return true
      }
    }
    this.state = 'idle'
    this.current = undefined
    return false
  }

  end(): PymallocDebugResult {
    this.finishBlock(0)
    return {
      blocks: this.blocks.items,
      droppedBlocks: this.blocks.dropped,
      deadObjects: this.deadObjects.items,
      droppedDeadObjects: this.deadObjects.dropped,
      diagnostics: this.diagnostics,
    }
  }

  /** `<refcnt N at 0x...>`: recognised whatever N is; kept when N is the dead-byte pattern. */
  private refcntPrint(line: string, lineNumber: number): boolean {
    const match = REFCNT_PRINT.exec(line)
    if (!match) return false
    const pattern = DEAD_REFCOUNTS.get(match[1])
    if (pattern !== undefined) this.deadObjects.push({ line: lineNumber, refcnt: match[1], address: match[2], pattern })
    return true
  }

  private blockLine(line: string, lineNumber: number): boolean {
    const block = this.current!
    let match: RegExpExecArray | null
    if (this.pad && this.padByteLine(line)) return true
    this.closePad()
    if ((match = REQUESTED.exec(line))) {
      block.bytesRequested = Number(match[1])
      return true
    }
    if ((match = PAD_OK.exec(line))) {
      const which = match[2].startsWith('p-') ? 'leadingPad' : 'trailingPad'
      block[which] = { count: Number(match[1]), intact: true, bytes: [] }
      return true
    }
    if ((match = PAD_BAD.exec(line))) {
      this.pad = { which: match[2].startsWith('p-') ? 'leading' : 'trailing', count: Number(match[1]), bytes: [] }
      return true
    }
    if (CORRUPT_START.test(line)) return true
    if ((match = SERIAL.exec(line))) {
      block.serialNumber = Number(match[1])
      return true
    }
    if ((match = DATA.exec(line))) {
      block.data = match[1].trim()
      this.state = 'after-block'
      return true
    }
    // Anything else means the dump was cut short (a crash mid-print, or interleaved output).
    block.truncated = true
    addDiagnostic(this.diagnostics, lineNumber, `debug memory block at line ${block.line} ended before "Data at p:"`)
    this.state = 'idle'
    this.current = undefined
    return false
  }

  /** A byte of the open pad (`        at tail+0: 0xfd`): false, with nothing changed, for any other line. */
  private padByteLine(line: string): boolean {
    // A block past MAX_DEBUG_BLOCKS is not reported: its pad bytes are recognised, not kept.
    if (!this.currentKept) return PAD_BYTE.test(line)
    const match = PAD_BYTE.exec(line)
    if (match === null) return false
    const offset = Number(match[2])
    this.pad!.bytes.push({ offset: match[1] === 'p-' ? -offset : offset, value: parseInt(match[3], 16), corrupted: match[4] !== undefined })
    return true
  }

  private closePad(): void {
    if (!this.pad || !this.current) return
    const { which, count, bytes } = this.pad
    const block = this.current
    const corrupted = bytes.filter((byte) => byte.corrupted)
    if (which === 'leading') {
      block.leadingPad = { count, intact: false, bytes }
      if (corrupted.length > 0) block.underrunBytes = Math.max(...corrupted.map((byte) => -byte.offset))
    } else {
      block.trailingPad = { count, intact: false, bytes }
      if (corrupted.length > 0) block.overrunBytes = Math.max(...corrupted.map((byte) => byte.offset)) + 1
    }
    this.pad = undefined
  }

  private finishBlock(lineNumber: number): void {
    if (this.state === 'block' && this.current) {
      this.closePad()
      this.current.truncated = true
      addDiagnostic(this.diagnostics, lineNumber || this.current.line, `debug memory block at line ${this.current.line} ended before "Data at p:"`)
    }
    this.state = 'idle'
    this.current = undefined
  }
}
