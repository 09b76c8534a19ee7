import { addDiagnostic, BoundedList, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import { lineAt, matchLines, type LineBlock } from './line-block.js'
import { escapeRegExp, firstCharacters, MARKER_CHARACTER_CLASS, mayHoldMarker, own, regExp, type LineParser, type LineRouting } from './line-parser.js'

/**
 * A process dying loudly: `Fatal Python error: ...` (Python/pylifecycle.c `fatal_error`, including
 * faulthandler's signal handler and the debug hooks), C assertion failures, faulthandler timeouts,
 * and the thread tracebacks and `Extension modules:` list that follow (Python/traceback.c,
 * Python/faulthandler.c).
 */
export interface PythonFrame {
  readonly file: string
  readonly line: number
  /** Absent on tracemalloc-style lines, which have no function. */
  readonly function?: string
}

export interface ThreadTraceback {
  /** `0x00007f218a3ec740`; absent for `Stack (most recent call first):`. */
  readonly id?: string
  readonly current: boolean
  readonly frames: PythonFrame[]
  /** faulthandler printed `  ...`: the stack was deeper than it dumps. */
  truncated?: boolean
  /** faulthandler printed `  <no Python frame>`. */
  noPythonFrame?: boolean
}

export type FaultKind = 'fatal-error' | 'signal' | 'timeout' | 'assertion' | 'traceback-dump'

export interface Fault {
  readonly line: number
  readonly kind: FaultKind
  /** Everything after `Fatal Python error: `, e.g. `_PyMem_DebugRawFree: bad trailing pad byte`. */
  readonly message: string
  /** 3.9+ prefix naming the C function that gave up, e.g. `_PyMem_DebugRawFree`. */
  readonly function?: string
  /** The message without the function prefix, e.g. `bad trailing pad byte`, `Segmentation fault`. */
  readonly reason: string
  /** `initialized`, `finalizing (tstate=0x...)`, ... */
  runtimeState?: string
  readonly threads: ThreadTraceback[]
  /** 3.10+: third-party and stdlib extension modules loaded at the crash: `leaky (total: 1)`. */
  extensionModules?: { names: string[]; total: number }
  /** The object dump `_PyObject_Dump` prints before a refcount assertion (address, refcount, type name, repr). */
  object?: Record<string, string>
  /** C assertion: `file:line: function: Assertion `expr' failed.` */
  assertion?: { file: string; line: number; function: string; expression: string }
  /** What the shell or test runner reported afterwards: `Segmentation fault (core dumped)`. */
  exitSignal?: string
  /**
   * The exceptions CPython printed with the fatal error, in printed order (a cause before what it
   * caused): `ValueError: set but not returned`, then `SystemError: <built-in function f> returned a
   * result with an exception set` for `_Py_CheckFunctionResult`.
   */
  exceptions?: string[]
}

export interface FaultResult {
  readonly faults: Fault[]
  readonly droppedFaults: number
  readonly diagnostics: Diagnostics
}

const MAX_FAULTS = 100
const MAX_FRAMES_PER_THREAD = 50
const MAX_THREADS_PER_FAULT = 100

// Signals faulthandler names (Python/faulthandler.c `faulthandler_handlers`).
const SIGNAL_REASONS = new Set(['Segmentation fault', 'Bus error', 'Illegal instruction', 'Floating point exception', 'Floating-point exception', 'Aborted'])

// Outside a thread's traceback, every line this parser reads starts with one of these, or ends like
// an assertion or a shell's report of a signal (FAULT_ROUTING).
const FATAL_START = 'Fatal Python error: '
const FATAL = regExp`^${FATAL_START}(.*)$`
const WINDOWS_FATAL_START = 'Windows fatal exception: '
const WINDOWS_FATAL = regExp`^${WINDOWS_FATAL_START}(.+)$`
const TIMEOUT_START = 'Timeout ('
const TIMEOUT = regExp`^${TIMEOUT_START}(\d+:\d\d:\d\d(?:\.\d+)?)\)!$`
// glibc: "%s%s%s:%u: %s%sAssertion `%s' failed." = `python3: ../Objects/object.c:42: func: Assertion `x' failed.`
const ASSERTION_MARK = ': Assertion '
const ASSERTION_ENDING = "' failed."
const ASSERTION = regExp`^(?:[^:\s]+: )?([^:]+):(\d+): ([^:]+)${ASSERTION_MARK}[\`'](.*)${ASSERTION_ENDING}$`
const RUNTIME_STATE_START = 'Python runtime state: '
const RUNTIME_STATE = regExp`^${RUNTIME_STATE_START}(.+)$`
const CURRENT_THREAD_START = 'Current thread'
const THREAD_START = 'Thread'
const THREAD = regExp`^(${CURRENT_THREAD_START}|${THREAD_START}) (0x[0-9a-fA-F]+)(?: \[[^\]]*\])? \(most recent call first\):$`
const STACK = 'Stack (most recent call first):'
const FRAME_START = '  File "'
const FRAME = regExp`^${FRAME_START}(.*)", line (\d+|\?\?\?) in (.*)$`
// The lines FRAME matches (lazy and without groups: the same lines, found faster), for frames not kept.
const FRAME_SHAPE = regExp`^${FRAME_START}.*?", line (?:\d+|\?\?\?) in .*$`
/**
 * Lines ownedLine takes while its fault is past the cap: FRAME_SHAPE without MARKER_CHARACTERS, each
 * with its line break, for `matchLines` (`[^\n\r\u2028\u2029]` is what `.` matches).
 */
const SKIPPED_FRAMES = new RegExp(
  String.raw`(?:${escapeRegExp(FRAME_START)}[^\n\r\u2028\u2029${MARKER_CHARACTER_CLASS}]*?", line (?:\d+|\?\?\?) in [^\n\r\u2028\u2029${MARKER_CHARACTER_CLASS}]*(?:\n|$))+`,
  'y',
)
const EXTENSION_MODULES_START = 'Extension modules: '
const EXTENSION_MODULES = regExp`^${EXTENSION_MODULES_START}(.*?)(?:, \.\.\.)? \(total: (\d+)\)$`
const OBJECT_FIELD_START = 'object '
const OBJECT_FIELD = regExp`^${OBJECT_FIELD_START}(address|refcount|type|type name|repr) *: (.*)$`
const GARBAGE_COLLECTING = 'Garbage-collecting'
// What a shell or test runner prints after a child it ran died of a signal.
const EXIT_SIGNALS = ['Segmentation fault', 'Aborted', 'Bus error', 'Illegal instruction', 'Floating point exception']
const CORE_DUMPED = ' (core dumped)'
const EXIT_SIGNAL = regExp`^(?:.*\s)?(${EXIT_SIGNALS})(?:${CORE_DUMPED})?$`
const EXIT_SIGNAL_ENDINGS = [...EXIT_SIGNALS, CORE_DUMPED]

// Between "Python runtime state:" and the thread dump, _Py_FatalErrorFormat prints the pending exception (Python/pylifecycle.c).
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt|Iteration)(?:: .*)?$/
const CHAINED_EXCEPTION =
  /^(?:The above exception was the direct cause of the following exception|During handling of the above exception, another exception occurred):$/
const MAX_EXCEPTIONS_PER_FAULT = 5

export const FAULT_ROUTING: LineRouting = {
  startCharacters: firstCharacters(
    FATAL_START,
    RUNTIME_STATE_START,
    CURRENT_THREAD_START,
    THREAD_START,
    TIMEOUT_START,
    STACK,
    EXTENSION_MODULES_START,
    WINDOWS_FATAL_START,
    OBJECT_FIELD_START,
    GARBAGE_COLLECTING,
  ),
  endings: [ASSERTION_ENDING, ...EXIT_SIGNAL_ENDINGS],
}

function endsLikeExitSignal(line: string): boolean {
  for (const ending of EXIT_SIGNAL_ENDINGS) if (line.endsWith(ending)) return true
  return false
}

export class FaultParser implements LineParser<FaultResult> {
  private readonly faults = new BoundedList<Fault>(MAX_FAULTS)
  private readonly diagnostics = emptyDiagnostics()
  private current?: Fault
  private thread?: ThreadTraceback
  /** `object address  : ...` lines come before the fatal error they explain. */
  private pendingObject?: Record<string, string>
  private currentKept = true
  private readonly droppedThread: ThreadTraceback = { current: false, frames: [] }
  /** After a fatal error's runtime state line, until its thread dump: the exception it printed. */
  private readingExceptions = false

  /** Inside a thread traceback or a fatal error's exception: every line matters until it ends. */
  get busy(): boolean {
    return this.thread !== undefined || this.readingExceptions
  }

  next(line: string, lineNumber: number): boolean {
    if (this.readingExceptions) {
      const taken = this.exceptionLine(line)
      if (taken !== undefined) return taken
    }
    const first = line.charCodeAt(0)
    // A cheap first-character gate: every line this parser reads starts with one of these.
    if (first === 32 /* ' ' */) return this.frameLine(line, lineNumber)
    let match: RegExpExecArray | null
    switch (first) {
      case 70 /* F */:
        if ((match = FATAL.exec(line))) {
          this.startFatal(match[1], lineNumber)
          return true
        }
        break
      case 80 /* P */:
        if (this.current && (match = RUNTIME_STATE.exec(line))) {
          this.current.runtimeState = match[1]
          // The exception comes before the thread dump; a state line inside a dump opens nothing.
          this.readingExceptions = this.current.kind === 'fatal-error' && this.thread === undefined
          return true
        }
        break
      case 67 /* C */:
      case 84 /* T */:
        if ((match = THREAD.exec(line))) {
          this.startThread(match[2], match[1] === 'Current thread', lineNumber)
          return true
        }
        if ((match = TIMEOUT.exec(line))) {
          this.start('timeout', `Timeout (${match[1]})!`, undefined, `timeout after ${match[1]}`, lineNumber)
          return true
        }
        break
      case 83 /* S */:
        if (line === STACK) {
          this.startThread(undefined, true, lineNumber)
          return true
        }
        break
      case 69 /* E */:
        if (this.current && (match = EXTENSION_MODULES.exec(line))) {
          const names = match[1] === '' ? [] : match[1].split(', ')
          this.current.extensionModules = { names, total: Number(match[2]) }
          this.thread = undefined
          return true
        }
        break
      case 87 /* W */:
        if ((match = WINDOWS_FATAL.exec(line))) {
          this.start('signal', line, undefined, match[1], lineNumber)
          return true
        }
        break
      case 111 /* o */:
        if ((match = OBJECT_FIELD.exec(line))) {
          this.pendingObject ??= {}
          if (Object.keys(this.pendingObject).length < 8) this.pendingObject[match[1]] = match[2].slice(0, 300)
          return true
        }
        break
      case 71 /* G */:
        if (line === GARBAGE_COLLECTING && this.current) return true
        break
    }
    if (line.endsWith(ASSERTION_ENDING) && line.includes(ASSERTION_MARK) && (match = ASSERTION.exec(line))) {
      this.start('assertion', line, match[3], `Assertion \`${match[4]}' failed`, lineNumber)
      this.current!.assertion = { file: match[1], line: Number(match[2]), function: match[3], expression: match[4] }
      return true
    }
    if (this.current && this.current.exitSignal === undefined && line.length < 300 && endsLikeExitSignal(line) && EXIT_SIGNAL.test(line)) {
      this.current.exitSignal = line.trim()
      return true
    }
    // A blank line or anything else ends the thread's traceback; faulthandler separates threads with blank lines.
    this.thread = undefined
    return false
  }

  end(): FaultResult {
    return { faults: this.faults.items, droppedFaults: this.faults.dropped, diagnostics: this.diagnostics }
  }

  /**
   * A line of the exception a fatal error printed: true when taken, false for a blank line inside it,
   * undefined (and the exception read) for anything else, which `next` then reads as usual.
   */
  private exceptionLine(line: string): boolean | undefined {
    if (line === '') return false
    // The exception's own traceback, when it has one, and the lines that chain two exceptions.
    if (line.charCodeAt(0) === 32 || line === 'Traceback (most recent call last):' || CHAINED_EXCEPTION.test(line)) return true
    if (EXCEPTION_LINE.test(line)) {
      const exceptions = (this.current!.exceptions ??= [])
      if (exceptions.length < MAX_EXCEPTIONS_PER_FAULT) exceptions.push(own(line.slice(0, 300)))
      return true
    }
    this.readingExceptions = false
    return undefined
  }

  private startFatal(message: string, lineNumber: number): void {
    // A C assertion is followed by its own "Fatal Python error: Aborted": one fault, not two.
    if (this.current?.kind === 'assertion' && this.current.threads.length === 0 && message === 'Aborted') return
    const prefixed = /^([A-Za-z_][A-Za-z0-9_]*): (.*)$/.exec(message)
    const reason = prefixed ? prefixed[2] : message
    const kind: FaultKind = SIGNAL_REASONS.has(reason) ? 'signal' : 'fatal-error'
    this.start(kind, message, prefixed?.[1], reason, lineNumber)
  }

  private start(kind: FaultKind, message: string, fn: string | undefined, reason: string, lineNumber: number): void {
    this.readingExceptions = false
    this.current = { line: lineNumber, kind, message, ...(fn ? { function: fn } : {}), reason, threads: [] }
    if (this.pendingObject) {
      this.current.object = this.pendingObject
      this.pendingObject = undefined
    }
    this.thread = undefined
    this.currentKept = this.faults.push(this.current)
  }

  private startThread(id: string | undefined, current: boolean, lineNumber: number): void {
    this.readingExceptions = false
    // faulthandler.dump_traceback() and friends print threads with no fatal error before them.
    if (!this.current || (this.current.extensionModules !== undefined && this.current.kind !== 'timeout')) {
      this.start('traceback-dump', 'traceback dump', undefined, 'traceback dump', lineNumber)
    }
    if (!this.currentKept) {
      // A fault past MAX_FAULTS is not reported: its threads are read into one scratch traceback
      // (still counted in `threads`, which says whether a fault has tracebacks).
      this.droppedThread.frames.length = 0
      this.thread = this.droppedThread
    } else this.thread = id ? { id, current, frames: [] } : { current, frames: [] }
    if (this.current!.threads.length < MAX_THREADS_PER_FAULT) this.current!.threads.push(this.thread)
  }

  /** The fast path (LineParser.ownedRun): `ownedLine` over consecutive lines. */
  ownedRun(block: LineBlock, from: number): number {
    let index = from
    // The frames of a fault past the cap are only checked: a run of them is matched in the block's text at once.
    if (!this.currentKept && this.thread !== undefined) index = matchLines(SKIPPED_FRAMES, block, index)
    while (index < block.count && this.ownedLine(lineAt(block, index))) index++
    return index - from
  }

  /**
   * The fast path's line while a traceback is the only open block: a `  File "...", line N in f`
   * line with no MARKER_CHARACTERS (so no other format's content marker or ANSI colour) is taken as
   * `next` would take it. False, with nothing changed, for any other line.
   */
  private ownedLine(line: string): boolean {
    if (this.thread === undefined || this.readingExceptions || !line.startsWith(FRAME_START) || mayHoldMarker(line)) return false
    return this.frame(line)
  }

  /** A frame line of the current thread: true when it is one. */
  private frame(line: string): boolean {
    // A fault past MAX_FAULTS is counted, not reported: its frames are recognised but not kept.
    if (!this.currentKept) return FRAME_SHAPE.test(line)
    const frame = FRAME.exec(line)
    if (!frame) return false
    if (this.thread!.frames.length < MAX_FRAMES_PER_THREAD) {
      this.thread!.frames.push({ file: frame[1], line: frame[2] === '???' ? 0 : Number(frame[2]), function: frame[3] })
    } else this.thread!.truncated = true
    return true
  }

  private frameLine(line: string, lineNumber: number): boolean {
    if (!this.thread) return false
    if (this.frame(line)) return true
    if (line === '  ...') return (this.thread.truncated = true)
    if (line === '  <no Python frame>') return (this.thread.noPythonFrame = true)
    if (/^ {2}<.*>$/.test(line)) return true
    addDiagnostic(this.diagnostics, lineNumber, `unexpected line in thread traceback: ${line.slice(0, 120)}`)
    this.thread = undefined
    return false
  }
}
