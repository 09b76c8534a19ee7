import { addDiagnostic, BoundedList, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import { classifyFrame, type FrameHints, type FrameOrigin } from './frames.js'
import type { LineBlock } from './line-block.js'
import { asciiTable, firstCharacters, guardedRun, regExp, type LineParser, type LineRouting, type OtherFormats } from './line-parser.js'

/**
 * AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer reports (compiler-rt
 * sanitizer_common). ASan/LSan reports open with `==PID==ERROR: <Tool>: <kind>`, list stacks as
 * `    #N 0xADDR in func file:line[:col]`, and close with `SUMMARY: <Tool>: ...`. UBSan prints one
 * `file:line:col: runtime error: message` line per finding. LSan only prints leaks that no
 * suppression matched, then a `Suppressions used:` table, which we keep as counts.
 */
export interface NativeFrame {
  readonly index: number
  readonly address?: string
  readonly function?: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  /** `(/path/python3.11+0x344860)` when there is no debug info. */
  readonly module?: string
  readonly origin: FrameOrigin
}

export interface SanitizerStack {
  /** `access` for the faulting access, else the heading: `allocated by thread T0 here`, `freed by thread T0 here`, ... */
  readonly role: string
  readonly frames: NativeFrame[]
  truncated?: boolean
}

export interface SanitizerLeak {
  readonly direct: boolean
  readonly bytes: number
  readonly objects: number
  readonly stack: SanitizerStack
}

export interface SanitizerReport {
  readonly line: number
  readonly tool: 'AddressSanitizer' | 'LeakSanitizer' | 'UndefinedBehaviorSanitizer' | 'ThreadSanitizer' | 'MemorySanitizer'
  readonly pid?: number
  /** `heap-buffer-overflow`, `heap-use-after-free`, `detected memory leaks`, `signed integer overflow`, ... */
  readonly kind: string
  readonly message: string
  /** `WRITE` / `READ` and size: `WRITE of size 1 at 0x602000002700 thread T0`. */
  access?: { operation: string; size: number; address: string; thread: string }
  /** `0x602000002700 is located 0 bytes to the right of 16-byte region [...)`. */
  location?: { offset: number; direction: string; regionSize: number }
  readonly stacks: SanitizerStack[]
  readonly leaks: SanitizerLeak[]
  droppedLeaks: number
  summary?: string
  /** LSan: bytes and allocations in the SUMMARY line. */
  leakedBytes?: number
  leakedAllocations?: number
  /** UBSan: where the undefined behaviour happened. */
  at?: { file: string; line: number; column?: number }
  /** The first frame in the user's extension, the one a report should point at. */
  culprit?: NativeFrame
  /** Report cut short (no SUMMARY line). */
  truncated?: boolean
}

export interface SanitizerResult {
  readonly reports: SanitizerReport[]
  readonly droppedReports: number
  /** LSan `Suppressions used:` rows: the leaks a suppression file hid. */
  readonly suppressed: { name: string; count: number; bytes: number }[]
  readonly diagnostics: Diagnostics
}

const MAX_SANITIZER_REPORTS = 100
const MAX_FRAMES = 32
const MAX_LEAKS = 100

// Lines that start with the process id: `==3351==ERROR: AddressSanitizer: ...`, `==3351==ABORTING`.
const PID_START = '=='
const ERROR_HEADER = regExp`^${PID_START}(\d+)==ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer): (\S+(?: \S+)*?)(?: on (?:unknown )?address .*| on .*)?$`
const WARNING_START = 'WARNING: '
const WARNING_HEADER = regExp`^${WARNING_START}(ThreadSanitizer|MemorySanitizer): (.+?)(?: \(pid=(\d+)\))?$`
/**
 * ASan opens a report with a rule of '=', LSan frames its suppression table with rules of '-'; a
 * rule outside a report is theirs only when the header follows it (unittest prints both kinds).
 */
const RULE_CHARACTERS = '=-'
const MIN_RULE_LENGTH = 20
const SHADOW_HEADING = 'Shadow bytes around the buggy address:'
const SUPPRESSIONS_HEADING = 'Suppressions used:'
const FRAME = /^ {4}#(\d+) (0x[0-9a-f]+)(?: in (.+?))?(?: (\S+?)(?::(\d+))?(?::(\d+))?)?$/
// The lines FRAME matches, without its captures: `.+?` before an optional group backtracks at every
// character, and past MAX_SANITIZER_REPORTS only whether a line is a frame matters.
const FRAME_SHAPE = /^ {4}#\d+ 0x[0-9a-f]+(?: in .+| \S+)?$/
// Runs of lines for `matchLines`, each with its line break, none ending in a CR (`[^\n\r\u2028\u2029]` is
// what `.` matches): FRAME_SHAPE lines, and the shadow map's rows (two spaces first).
const FRAME_SHAPES = /(?: {4}#\d+ 0x[0-9a-f]+(?: in [^\n\r\u2028\u2029]+| [^\s]+)?(?:\n|$))+/y
// Only the map's own shapes (`  0x0c047fff8000: fa fa`, `  Heap left redzone:  fa`): other indented
// lines (a malloc stats free list printed in between) may be another parser's.
const SHADOW_ROW = /^ {2}(?:0x[0-9a-f]+|[A-Z][\w ]*):/
const SHADOW_ROWS = /(?: {2}(?:0x[0-9a-f]+|[A-Z][\w ]*):(?:[^\n]*[^\n\r])?(?:\n|$))+/y
const FRAME_MODULE = /^\((.+?)\+0x[0-9a-f]+\)$/
const ACCESS = /^(READ|WRITE) of size (\d+) at (0x[0-9a-f]+) thread (\S+)/
// ThreadSanitizer's report, indented two spaces: the racing access (`Read of size 8 at 0x... by thread T3:`),
// the previous one it races with, where the threads were created, where the memory is.
const TSAN_ACCESS =
  /^ {2}(Previous )?((?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) of size (\d+) at (0x[0-9a-f]+) by (main thread|thread (T\d+))(?: \(mutexes: [^)]*\))?:$/
const TSAN_STACK_HEADING =
  /^ {2}(Thread T\d+ \([^)]*\) created by (?:main thread|thread T\d+)|Mutex \S+ \([^)]*\) created|Location is heap block of size \d+ at 0x[0-9a-f]+ allocated by (?:main thread|thread T\d+))(?: at)?:$/
const TSAN_LOCATION = /^ {2}Location is (?:global|stack of|TLS of|heap block) /
// TSan's frames have no address: `#0 racy_increment /src/defects.c:51 (defects.so+0x158b)`, `#1 <null> <null> (libc.so.6+0x...)`.
const TSAN_FRAME = /^ {4}#(\d+) (\S+) (\S+?)(?::(\d+))?(?::(\d+))? \((\S+?)\+0x[0-9a-f]+\)$/
const LOCATION = /^0x[0-9a-f]+ is located (\d+) bytes (to the right of|to the left of|inside of|after|before) (\d+)-byte region/
const STACK_HEADING = /^((?:previously )?(?:allocated|freed) by thread \S+(?: \([^)]*\))? here|Thread \S+ created by .+ here):$/
const LEAK = /^(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:$/
const SUMMARY_START = 'SUMMARY: '
const SUMMARY = regExp`^${SUMMARY_START}(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|MemorySanitizer): (.*)$`
const LEAK_SUMMARY = /^(\d+) byte\(s\) leaked in (\d+) allocation\(s\)\.$/
/** What makes a line a UBSan finding, whatever source path it starts with. */
const RUNTIME_ERROR_MARKER = ': runtime error: '
const UBSAN = regExp`^([^:]+):(\d+)(?::(\d+))?${RUNTIME_ERROR_MARKER}(.+)$`
const SUPPRESSION_ROW = /^ *(\d+) +(\d+) +(\S.*)$/
const PID_LINE = regExp`^${PID_START}\d+==`

type State = 'idle' | 'report' | 'shadow' | 'suppressions'

export const SANITIZER_ROUTING: LineRouting = {
  startCharacters: firstCharacters(PID_START, WARNING_START, SUMMARY_START, SHADOW_HEADING, SUPPRESSIONS_HEADING) + RULE_CHARACTERS,
  markers: [RUNTIME_ERROR_MARKER],
}

const RULE_FIRST = asciiTable(RULE_CHARACTERS)

/** Whether a line is a rule: MIN_RULE_LENGTH or more of one of RULE_CHARACTERS, and nothing else. */
function isRule(line: string): boolean {
  const character = line.charCodeAt(0)
  if (!(character < 128 && RULE_FIRST[character] === 1) || line.length < MIN_RULE_LENGTH) return false
  for (let index = 1; index < line.length; index++) if (line.charCodeAt(index) !== character) return false
  return true
}

export class SanitizerParser implements LineParser<SanitizerResult> {
  private readonly reports = new BoundedList<SanitizerReport>(MAX_SANITIZER_REPORTS)
  private readonly suppressed: SanitizerResult['suppressed'] = []
  private readonly diagnostics = emptyDiagnostics()
  private state: State = 'idle'
  private current?: SanitizerReport
  private stack?: SanitizerStack
  private currentKept = false
  /** The last rule `next` turned down (outside a report): a header right after it claims it. */
  private ruleLine = -1
  /** See LineParser.claimsLineBefore: the header `next` just read came right after a rule it turned down. */
  claimsLineBefore = false

  constructor(private readonly hints: FrameHints = {}) {}

  /** Inside a report, shadow map or suppression table: every line matters until it ends. */
  get busy(): boolean {
    return this.state !== 'idle'
  }

  /** The fast path (LineParser.ownedRun): stack frames and shadow rows, which hold ':'. */
  ownedRun(block: LineBlock, from: number, _lineNumber: number, others: OtherFormats): number {
    return guardedRun(this, block, from, others)
  }

  /**
   * For guardedRun, a line free of other formats' markers: a frame of the current stack, or a row of
   * the shadow map, taken as `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line: string): boolean {
    if (line.charCodeAt(0) !== 32) return false
    if (this.state === 'shadow') return SHADOW_ROW.test(line)
    return this.inStack() && this.stackFrame(line)
  }

  /**
   * Lines ownedLine would take now without changing anything (a shadow row, a frame of a report past
   * the cap), as one regex for a run of them in a block's text; undefined when there are none.
   */
  ownedLines(): RegExp | undefined {
    if (this.state === 'shadow') return SHADOW_ROWS
    return this.inStack() && !this.currentKept ? FRAME_SHAPES : undefined
  }

  /** Inside a report's stack, where a frame line is this report's next frame. */
  private inStack(): boolean {
    return this.state === 'report' && this.current !== undefined && this.stack !== undefined
  }

  /** A frame of the current stack: false, with nothing changed, for any other line. */
  private stackFrame(line: string): boolean {
    if (!this.currentKept) return FRAME_SHAPE.test(line) || TSAN_FRAME.test(line)
    const match = FRAME.exec(line)
    if (match !== null) {
      const [, index, address, fn, location, lineText, column] = match
      const module = location ? FRAME_MODULE.exec(location) : null
      this.pushFrame({
        index: Number(index),
        address,
        ...(fn ? { function: fn } : {}),
        ...(location && !module ? { file: location } : {}),
        ...(lineText ? { line: Number(lineText) } : {}),
        ...(column ? { column: Number(column) } : {}),
        ...(module ? { module: module[1] } : {}),
      })
      return true
    }
    const tsan = TSAN_FRAME.exec(line)
    if (tsan === null) return false
    const [, index, fn, location, lineText, column, module] = tsan
    this.pushFrame({
      index: Number(index),
      ...(fn !== '<null>' ? { function: fn } : {}),
      ...(location !== '<null>' ? { file: location } : {}),
      ...(lineText ? { line: Number(lineText) } : {}),
      ...(column ? { column: Number(column) } : {}),
      module,
    })
    return true
  }

  next(line: string, lineNumber: number): boolean {
    this.claimsLineBefore = false
    const first = line.charCodeAt(0)
    let match: RegExpExecArray | null
    if (isRule(line)) {
      if (this.state !== 'idle' || this.current !== undefined) return true
      this.ruleLine = lineNumber
      return false
    }
    if (first === 61 /* = */) {
      if ((match = ERROR_HEADER.exec(line))) {
        this.start(lineNumber, match[2] as SanitizerReport['tool'], match[3], line, Number(match[1]))
        return this.claimRule(lineNumber)
      }
      if (PID_LINE.test(line)) {
        if (/ABORTING$/.test(line)) this.closeReport()
        return true
      }
    }
    if (first === 83 /* S */) {
      if ((match = SUMMARY.exec(line))) {
        this.summary(match[1] as SanitizerReport['tool'], match[2], lineNumber)
        return true
      }
      if (line === SHADOW_HEADING) {
        this.state = 'shadow'
        return true
      }
      if (line === SUPPRESSIONS_HEADING) {
        this.state = 'suppressions'
        return this.claimRule(lineNumber)
      }
    }
    if (first === 87 /* W */ && (match = WARNING_HEADER.exec(line))) {
      this.start(lineNumber, match[1] as SanitizerReport['tool'], match[2], line, match[3] ? Number(match[3]) : undefined)
      return this.claimRule(lineNumber)
    }
    if (this.state === 'suppressions') {
      if (/^ *count +bytes +template$/.test(line)) return true
      if ((match = SUPPRESSION_ROW.exec(line))) {
        if (this.suppressed.length < 1000) this.suppressed.push({ count: Number(match[1]), bytes: Number(match[2]), name: match[3] })
        return true
      }
      if (/^-+$/.test(line) || line === '') return true
      this.state = 'idle'
    }
    if (this.state === 'shadow') {
      // The shadow map and its legend: indented rows, "=>" marker row, legend lines.
      if (line.startsWith('  ') || line.startsWith('=>') || line.startsWith('Shadow byte legend')) return true
      this.state = this.current ? 'report' : 'idle'
    }
    if (line.includes(RUNTIME_ERROR_MARKER) && (match = UBSAN.exec(line))) {
      this.start(lineNumber, 'UndefinedBehaviorSanitizer', match[4].split(':')[0], match[4])
      this.current!.at = { file: match[1], line: Number(match[2]), ...(match[3] ? { column: Number(match[3]) } : {}) }
      this.stack = { role: 'access', frames: [] }
      this.current!.stacks.push(this.stack)
      return true
    }
    if (!this.current) return false
    if (first === 32 && this.stack && this.stackFrame(line)) return true
    if (line === '') {
      this.stack = undefined
      // UBSan prints no SUMMARY unless asked (GCC's runtime by default): its stack ends at the blank line.
      if (this.current.tool === 'UndefinedBehaviorSanitizer' && this.current.stacks.every((stack) => stack.frames.length > 0)) {
        this.closeReport()
        return true
      }
      return this.state === 'report'
    }
    if (first === 32 && (match = TSAN_ACCESS.exec(line))) {
      const thread = match[6] ?? match[5]
      const operation = match[2][0].toUpperCase() + match[2].slice(1)
      if (match[1]) this.stack = { role: `previous ${match[2].toLowerCase()} by ${match[5]}`, frames: [] }
      else {
        this.current.access = { operation, size: Number(match[3]), address: match[4], thread }
        this.stack = { role: 'access', frames: [] }
      }
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack)
      return true
    }
    if (first === 32 && (match = TSAN_STACK_HEADING.exec(line))) {
      this.stack = { role: match[1].replace(/ \([^)]*\)/, ''), frames: [] }
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack)
      return true
    }
    if (first === 32 && TSAN_LOCATION.test(line)) {
      this.stack = undefined
      return true
    }
    if ((match = ACCESS.exec(line))) {
      this.current.access = { operation: match[1], size: Number(match[2]), address: match[3], thread: match[4] }
      this.stack = { role: 'access', frames: [] }
      this.current.stacks.push(this.stack)
      return true
    }
    if ((match = LOCATION.exec(line))) {
      this.current.location = { offset: Number(match[1]), direction: match[2], regionSize: Number(match[3]) }
      return true
    }
    if ((match = STACK_HEADING.exec(line))) {
      this.stack = { role: match[1], frames: [] }
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack)
      return true
    }
    if ((match = LEAK.exec(line))) {
      this.stack = { role: 'allocated from', frames: [] }
      const leak = { direct: match[1] === 'Direct', bytes: Number(match[2]), objects: Number(match[3]), stack: this.stack }
      if (this.current.leaks.length < MAX_LEAKS) this.current.leaks.push(leak)
      else this.current.droppedLeaks++
      return true
    }
    // ASan's hints ("HINT: ...", "AddressSanitizer can not describe address ...") belong to the report.
    if (
      this.state === 'report' &&
      /^(?:HINT|AddressSanitizer|LeakSanitizer|The signal is caused|Address 0x|This frame has| {2}\[|Objects leaked above|==\d+==)/.test(line)
    )
      return true
    return false
  }

  /** A report's header or a suppression table's heading, recognised: the rule right before it, turned down then, is its too. */
  private claimRule(lineNumber: number): true {
    this.claimsLineBefore = this.ruleLine === lineNumber - 1
    return true
  }

  end(): SanitizerResult {
    if (this.current && this.current.summary === undefined && this.current.tool !== 'UndefinedBehaviorSanitizer') {
      this.current.truncated = true
      addDiagnostic(this.diagnostics, this.current.line, `${this.current.tool} report at line ${this.current.line} has no SUMMARY line`)
    }
    for (const report of this.reports.items) this.pickCulprit(report)
    return { reports: this.reports.items, droppedReports: this.reports.dropped, suppressed: this.suppressed, diagnostics: this.diagnostics }
  }

  private start(lineNumber: number, tool: SanitizerReport['tool'], kind: string, message: string, pid?: number): void {
    if (this.current && this.current.summary === undefined && this.current.tool !== 'UndefinedBehaviorSanitizer') {
      this.current.truncated = true
      addDiagnostic(this.diagnostics, lineNumber, `${this.current.tool} report at line ${this.current.line} ended before its SUMMARY line`)
    }
    this.current = { line: lineNumber, tool, ...(pid !== undefined ? { pid } : {}), kind, message, stacks: [], leaks: [], droppedLeaks: 0 }
    // Past the cap the report is still read (its lines are recognised) but not kept, and its frames are not worked out.
    this.currentKept = this.reports.push(this.current)
    this.stack = undefined
    this.state = 'report'
  }

  private pushFrame(frame: Omit<NativeFrame, 'origin'>): void {
    const stack = this.stack!
    if (stack.frames.length >= MAX_FRAMES) {
      stack.truncated = true
      return
    }
    stack.frames.push({ ...frame, origin: classifyFrame(frame, this.hints) })
  }

  private summary(tool: SanitizerReport['tool'], text: string, lineNumber: number): void {
    if (!this.current || (this.current.tool !== tool && !(tool === 'AddressSanitizer' && this.current.tool === 'LeakSanitizer'))) {
      // UBSan prints a SUMMARY for its own runtime error line; others without a header are odd.
      if (tool !== 'UndefinedBehaviorSanitizer' || !this.current) {
        this.start(lineNumber, tool, text.split(' ')[0], `SUMMARY: ${tool}: ${text}`)
        this.current!.truncated = true
        addDiagnostic(this.diagnostics, lineNumber, `${tool} SUMMARY without a report header`)
      }
    }
    const report = this.current!
    report.summary = text
    const leaked = LEAK_SUMMARY.exec(text)
    if (leaked) {
      report.leakedBytes = Number(leaked[1])
      report.leakedAllocations = Number(leaked[2])
    }
    this.stack = undefined
    this.closeReport()
  }

  private closeReport(): void {
    this.state = 'idle'
    this.current = undefined
    this.stack = undefined
  }

  private pickCulprit(report: SanitizerReport): void {
    const stacks = report.leaks.length > 0 ? report.leaks.map((leak) => leak.stack) : report.stacks
    for (const stack of stacks) {
      const culprit = stack.frames.find((frame) => frame.origin === 'extension')
      if (culprit) {
        report.culprit = culprit
        return
      }
    }
  }
}
