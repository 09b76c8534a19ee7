import { addDiagnostic, BoundedList, emptyDiagnostics, isSpaces, type Diagnostics } from './diagnostics.js'
import { classifyFrame, type FrameHints, type FrameOrigin } from './frames.js'
import { lineAt, matchLines, type LineBlock } from './line-block.js'
import { asciiTable, MARKER_CHARACTER_CLASS, mayHoldMarker, own, type LineParser, type LineRouting } from './line-parser.js'

/**
 * Valgrind's XML output (`--xml=yes`, protocol 4; docs/internals/xml-output-protocol4.txt), read
 * line by line with a tiny tag tokenizer: no DOM, memory bounded by the caps below. Valgrind
 * writes one element per line, but the tokenizer does not rely on it.
 *
 * Suppressed errors never appear as `<error>`; `<suppcounts>` says how many each suppression
 * (e.g. CPython's Misc/valgrind-python.supp entries) hid, and `<errorcounts>` how many times each
 * unique error happened.
 */
export interface ValgrindFrame {
  readonly ip?: string
  readonly object?: string
  readonly function?: string
  readonly directory?: string
  readonly file?: string
  readonly line?: number
  readonly origin: FrameOrigin
}

export interface ValgrindError {
  /** Line of the `<error>` tag. */
  readonly line: number
  readonly unique: string
  readonly kind: string
  /** `<what>`, or `<xwhat><text>` for leaks. */
  readonly what: string
  /** Leak kinds: bytes and blocks lost. */
  readonly leakedBytes?: number
  readonly leakedBlocks?: number
  /** Every stack, first the error's own, then the auxiliary ones (`Address 0x... is 0 bytes after a block of size 16 alloc'd`). */
  readonly stacks: ValgrindFrame[][]
  readonly auxWhat: string[]
  /** How many times valgrind saw this error (from `<errorcounts>`), 1 when not listed. */
  count: number
  /**
   * Whose fault: `extension` when any frame of the first stack is in the user's code, `cpython`
   * when every attributed frame is CPython's or the system's (such as CPython's own uninitialised
   * reads in `maybe_small_long`), else `unknown`.
   */
  readonly blame: 'extension' | 'cpython' | 'unknown'
  /** The first frame in the user's code, the one a report should point at. */
  readonly culprit?: ValgrindFrame
}

export interface ValgrindResult {
  readonly tool?: string
  readonly protocolVersion?: number
  readonly pid?: number
  readonly command?: string
  /** `FINISHED` once the run ended normally; `RUNNING` when the process died (e.g. SIGABRT from a debug hook). */
  readonly state?: string
  readonly errors: ValgrindError[]
  readonly droppedErrors: number
  readonly suppressed: { name: string; count: number }[]
  /** Closing `</valgrindoutput>` seen. */
  readonly complete: boolean
  readonly diagnostics: Diagnostics
}

const MAX_VALGRIND_ERRORS = 200
const MAX_FRAMES = 24
const MAX_STACKS = 4
const MAX_DEPTH = 16
const MAX_ERROR_COUNTS = 10_000
const FRAME_FIELDS = new Set(['ip', 'obj', 'fn', 'dir', 'file', 'line'])

/** An XML line starts with a tag, maybe after indentation. */
const LINE_STARTS = '< \t'
const LINE_FIRST_CHARACTERS = asciiTable(LINE_STARTS)
export const VALGRIND_XML_ROUTING: LineRouting = { startCharacters: LINE_STARTS }

const TOKEN = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|([^<]+)/g
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" }

/** `[A-Za-z_][\w.-]*` between two offsets, without a regex (this runs for every line of the XML). */
function isPlainTagName(line: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = line.charCodeAt(index)
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
    if (letter || (index > start && ((code >= 48 && code <= 57) || code === 45 || code === 46))) continue
    return false
  }
  return true
}

// Tag names of protocol 4, most frequent first (a frame is eight lines): simpleLine returns these
// constants instead of a fresh slice, so the per-line name costs no allocation, and comparing it with
// the names in `close` and using it as a frame key needs no string hashing.
const KNOWN_TAGS = [
  'line',
  'ip',
  'obj',
  'fn',
  'dir',
  'file',
  'frame',
  'stack',
  'unique',
  'tid',
  'kind',
  'what',
  'error',
  'xwhat',
  'text',
  'leakedbytes',
  'leakedblocks',
  'auxwhat',
  'pair',
  'count',
  'name',
  'status',
  'state',
  'time',
  'arg',
  'exe',
  'errorcounts',
  'suppcounts',
  'valgrindoutput',
  'protocolversion',
  'protocoltool',
  'preamble',
  'pid',
  'ppid',
  'tool',
  'args',
  'vargv',
  'argv',
  'threadname',
]
const TAGS_BY_LENGTH: string[][] = []
for (const tag of KNOWN_TAGS) (TAGS_BY_LENGTH[tag.length] ??= []).push(tag)

/** The tag name between two offsets: a shared constant when known, else a slice (undefined when not a plain name). */
function tagName(line: string, start: number, end: number): string | undefined {
  const candidates = TAGS_BY_LENGTH[end - start]
  if (candidates !== undefined) {
    const first = line.charCodeAt(start)
    for (let index = 0; index < candidates.length; index++) {
      const tag = candidates[index]
      if (tag.charCodeAt(0) === first && line.startsWith(tag, start)) return tag
    }
  }
  return isPlainTagName(line, start, end) ? line.slice(start, end) : undefined
}

/** Element text as data: trimmed, entities decoded. */
function elementValue(text: string): string {
  return decode(text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text)
}

function decode(text: string): string {
  return text.includes('&') ? text.replace(/&(?:lt|gt|amp|quot|apos);/g, (entity) => ENTITIES[entity]) : text
}

/**
 * The frame being read once MAX_VALGRIND_ERRORS are kept: such frames are dropped by closeFrame
 * anyway, and on a large log nearly every frame is past the cap, so their fields are not even read.
 */
const SKIPPED_FRAME: Record<string, string> = Object.freeze({}) as Record<string, string>
/**
 * Shapes of lines past the cap, for runs matched in a block's text (line-block.ts `matchLines`): one
 * element on its own line, `<tag>text</tag>` with no MARKER_CHARACTERS or '<' in the text (so no other
 * format's content marker or ANSI colour), or a lone `<tag>` / `</tag>`, each with its line break.
 * Spelled out per tag, as a backreference to the tag name made the regex slower.
 */
const EOL = '(?:\\n|$)'
const element = (tags: string[]) => ` *<(?:${tags.map((tag) => `${tag}>[^<${MARKER_CHARACTER_CLASS}\\n]*<\\/${tag}`).join('|')})>${EOL}`
const enclosing = (tag: string, content: string) => ` *<${tag}>${EOL}${content} *<\\/${tag}>${EOL}`
/** A frame field (the shape simpleLine accepts for FRAME_FIELDS). */
const SKIPPED_FRAME_FIELD = element(['ip', 'obj', 'fn', 'dir', 'file', 'line'])
/** Fields of the frame being skipped. */
const SKIPPED_FRAME_FIELDS = new RegExp(`(?:${SKIPPED_FRAME_FIELD})+`, 'y')
const SKIPPED_FRAME_LINES = enclosing('frame', `(?:${SKIPPED_FRAME_FIELD})*`)
/** Whole frames of an error past the cap: `<frame>`, its fields, `</frame>`, as FRAME_OPEN, the fields and FRAME_CLOSE take them. */
const SKIPPED_FRAMES = new RegExp(`(?:${SKIPPED_FRAME_LINES})+`, 'y')
/**
 * One whole error past the cap, as protocol 4 writes it: its fields, `<xwhat>` with its own, and
 * stacks of frames. Read line by line, it would only fill a draft that closeError drops.
 */
const SKIPPED_ERROR = new RegExp(
  enclosing(
    'error',
    `(?:${element(['unique', 'tid', 'threadname', 'kind', 'what', 'auxwhat'])}|${enclosing('xwhat', `(?:${element(['text', 'leakedbytes', 'leakedblocks'])})*`)}|${enclosing('stack', `(?:${SKIPPED_FRAME_LINES})*`)})*`,
  ),
  'y',
)
const FRAME_OPEN = /^ *<frame>$/
const FRAME_CLOSE = /^ *<\/frame>$/

interface ErrorDraft {
  line: number
  unique: string
  kind: string
  what: string
  leakedBytes?: number
  leakedBlocks?: number
  stacks: Omit<ValgrindFrame, 'origin'>[][]
  auxWhat: string[]
}

export class ValgrindXmlParser implements LineParser<ValgrindResult> {
  private inside = false
  private complete = false
  private readonly path: string[] = []
  private text = ''
  private readonly errors = new BoundedList<ValgrindError>(MAX_VALGRIND_ERRORS)
  private readonly counts = new Map<string, number>()
  private readonly suppressed: ValgrindResult['suppressed'] = []
  private readonly diagnostics = emptyDiagnostics()
  private readonly info: { tool?: string; protocolVersion?: number; pid?: number; command?: string; state?: string } = {}
  private error?: ErrorDraft
  private frame?: Record<string, string>
  private pair?: { count?: number; unique?: string; name?: string }

  constructor(private readonly hints: FrameHints = {}) {}

  /** Inside `<valgrindoutput>`: every line matters until it closes. */
  get busy(): boolean {
    return this.inside
  }

  /** The fast path (LineParser.ownedRun): `ownedLine` over consecutive lines, up to `</valgrindoutput>`. */
  ownedRun(block: LineBlock, from: number, lineNumber: number): number {
    let index = from
    while (index < block.count && this.inside) {
      // Errors and frames past the cap, most of a long XML file, are matched in the block's text, many lines at once.
      if (this.betweenSkippedErrors()) {
        // Each error opens and closes, and is only counted, as closeError does past the cap.
        for (let end = matchLines(SKIPPED_ERROR, block, index); end > index; end = matchLines(SKIPPED_ERROR, block, index)) {
          this.errors.dropped++
          this.error = undefined
          this.text = ''
          index = end
        }
      } else if (this.inSkippedFrame()) {
        const end = matchLines(SKIPPED_FRAME_FIELDS, block, index)
        if (end > index) this.text = ''
        index = end
      } else if (this.inSkippedStack()) {
        // Each frame opens and closes with no trace: the frame being read is none, as after closeFrame.
        const end = matchLines(SKIPPED_FRAMES, block, index)
        if (end > index) {
          this.frame = undefined
          this.text = ''
        }
        index = end
      }
      if (index === block.count || !this.ownedLine(lineAt(block, index), lineNumber + index - from)) break
      index++
    }
    return index - from
  }

  private inSkippedFrame(): boolean {
    const path = this.path
    return this.frame === SKIPPED_FRAME && path.length < MAX_DEPTH && path[path.length - 1] === 'frame'
  }

  /** Where an `<error>` would open an error past the cap, with no frame being read. */
  private betweenSkippedErrors(): boolean {
    return this.errors.items.length >= MAX_VALGRIND_ERRORS && this.frame === undefined && this.path.length === 1 && this.path[0] === 'valgrindoutput'
  }

  /** In a stack where a `<frame>` would open a frame past the cap (`open` pushes it, and its fields are skipped). */
  private inSkippedStack(): boolean {
    const path = this.path
    return this.errors.items.length >= MAX_VALGRIND_ERRORS && path.length < MAX_DEPTH - 1 && path[path.length - 1] === 'stack'
  }

  /**
   * The fast path's line while the XML is the only open block (fields of skipped frames are taken by
   * ownedRun): a one-element line with no MARKER_CHARACTERS (so no other format's content marker or
   * ANSI colour) is taken as `next` would take it. False, with nothing changed, for any other line.
   */
  private ownedLine(line: string, lineNumber: number): boolean {
    if (!this.inside) return false
    if (this.inSkippedFrame() && FRAME_CLOSE.test(line)) {
      this.close('frame', lineNumber)
      return true
    }
    if (FRAME_OPEN.test(line)) {
      this.open('frame', lineNumber)
      return true
    }
    return !mayHoldMarker(line) && this.simpleLine(line, lineNumber)
  }

  next(line: string, lineNumber: number): boolean {
    if (!this.inside) {
      const first = line.charCodeAt(0)
      if (!(first < 128 && LINE_FIRST_CHARACTERS[first] === 1)) return false
      // What trimStart() would leave starts at the first "<" (no copy: most indented lines are other logs').
      const open = first === 60 ? 0 : line.indexOf('<')
      if (open < 0 || (open > 0 && line.slice(0, open).trim() !== '')) return false
      if (line.startsWith('<?xml', open) && line.includes('?>', open)) return true
      if (!line.startsWith('<valgrindoutput>', open)) return false
      this.inside = true
      this.complete = false
    }
    if (this.simpleLine(line, lineNumber)) return true
    TOKEN.lastIndex = 0
    for (let token = TOKEN.exec(line); token; token = TOKEN.exec(line)) {
      const [, closing, name, selfClosing, text] = token
      if (text !== undefined) {
        if (this.path.length > 0) this.text += text
        continue
      }
      if (closing) this.close(name, lineNumber)
      else if (!selfClosing) this.open(name, lineNumber)
    }
    return true
  }

  end(): ValgrindResult {
    if (this.inside && !this.complete)
      addDiagnostic(this.diagnostics, 0, 'valgrind XML ended before </valgrindoutput> (the process was killed or the file truncated)')
    const errors = this.errors.items
    for (const error of errors) error.count = this.counts.get(error.unique) ?? 1
    return {
      ...this.info,
      errors,
      droppedErrors: this.errors.dropped,
      suppressed: this.suppressed,
      complete: this.complete,
      diagnostics: this.diagnostics,
    }
  }

  /** Valgrind writes `<tag>`, `</tag>` or `<tag>text</tag>` alone on a line: read those without the tokenizer. */
  private simpleLine(line: string, lineNumber: number): boolean {
    // Indentation, then "<": the first "<" with only spaces before it.
    const start = line.indexOf('<')
    if (start < 0 || !isSpaces(line, 0, start)) return false
    const close = line.indexOf('>', start)
    if (close < 0 || (close !== line.length - 1 && line.charCodeAt(line.length - 1) !== 62)) return false
    const closing = line.charCodeAt(start + 1) === 47 /* / */
    const nameStart = start + (closing ? 2 : 1)
    if (close === nameStart) return false
    const name = tagName(line, nameStart, close)
    if (name === undefined) return false
    if (close === line.length - 1) {
      if (closing) this.close(name, lineNumber)
      else this.open(name, lineNumber)
      return true
    }
    // "<name>text</name>": the closing tag must be the same name, with no other tag in between.
    const closingTag = line.length - name.length - 3
    if (
      closing ||
      closingTag <= close ||
      line.charCodeAt(closingTag) !== 60 ||
      line.charCodeAt(closingTag + 1) !== 47 ||
      !line.startsWith(name, closingTag + 2)
    )
      return false
    const path = this.path
    if (this.frame === SKIPPED_FRAME && path.length < MAX_DEPTH && path[path.length - 1] === 'frame' && FRAME_FIELDS.has(name)) {
      // A field of a frame past the cap: open then close would only push and pop the name.
      if (line.indexOf('<', close + 1) !== closingTag) return false
      this.text = ''
      return true
    }
    const text = line.slice(close + 1, closingTag)
    if (text.includes('<')) return false
    this.open(name, lineNumber)
    this.text = text
    this.close(name, lineNumber)
    return true
  }

  private open(name: string, lineNumber: number): void {
    if (this.path.length >= MAX_DEPTH) return
    this.path.push(name)
    this.text = ''
    if (name === 'error' && this.path.length === 2) this.error = { line: lineNumber, unique: '', kind: '', what: '', stacks: [], auxWhat: [] }
    else if (name === 'stack' && this.error && this.error.stacks.length < MAX_STACKS) this.error.stacks.push([])
    else if (name === 'frame') this.frame = this.errors.items.length >= MAX_VALGRIND_ERRORS ? SKIPPED_FRAME : {}
    else if (name === 'pair') this.pair = {}
  }

  private close(name: string, lineNumber: number): void {
    if (name === 'valgrindoutput') {
      this.inside = false
      this.complete = true
      this.path.length = 0
      return
    }
    const index = this.path.lastIndexOf(name)
    if (index < 0) {
      addDiagnostic(this.diagnostics, lineNumber, `unexpected </${name}>`)
      return
    }
    const parent = this.path[index - 1]
    const grandparent = this.path[index - 2]
    this.path.length = index
    const text = this.text
    this.text = ''
    if (this.frame && parent === 'frame') {
      // Only the fields a frame has (ip, obj, fn, dir, file, line): a hostile file cannot grow it.
      if (this.frame !== SKIPPED_FRAME && FRAME_FIELDS.has(name)) this.frame[name] = elementValue(text)
      return
    }
    const value = elementValue(text)
    if (name === 'frame' && this.frame) {
      this.closeFrame()
      return
    }
    if (this.error && grandparent === 'error' && parent === 'xwhat') {
      if (name === 'text') this.error.what = value
      else if (name === 'leakedbytes') this.error.leakedBytes = Number(value)
      else if (name === 'leakedblocks') this.error.leakedBlocks = Number(value)
      return
    }
    if (this.error && parent === 'error') {
      if (name === 'unique') this.error.unique = value
      else if (name === 'kind') this.error.kind = value
      else if (name === 'what') this.error.what = value
      else if (name === 'auxwhat' && this.error.auxWhat.length < 8) this.error.auxWhat.push(value)
      return
    }
    if (name === 'error' && this.error) {
      this.closeError()
      return
    }
    if (this.pair && parent === 'pair') {
      if (name === 'count') this.pair.count = Number(value)
      else if (name === 'unique') this.pair.unique = value
      else if (name === 'name') this.pair.name = value
      return
    }
    if (name === 'pair' && this.pair) {
      // Thousands of these across a long log: own copies, so each does not pin its part of the log.
      if (parent === 'errorcounts' && this.pair.unique !== undefined && this.counts.size < MAX_ERROR_COUNTS)
        this.counts.set(own(this.pair.unique), this.pair.count ?? 1)
      if (parent === 'suppcounts' && this.pair.name !== undefined && this.suppressed.length < 1000)
        this.suppressed.push({ name: own(this.pair.name), count: this.pair.count ?? 0 })
      this.pair = undefined
      return
    }
    if (parent === 'valgrindoutput') {
      if (name === 'protocolversion') this.info.protocolVersion = Number(value)
      else if (name === 'tool') this.info.tool = value
      else if (name === 'pid') this.info.pid = Number(value)
      return
    }
    if (parent === 'status' && name === 'state') this.info.state = value
    else if (parent === 'preamble' && name === 'line' && value.startsWith('Command: ')) this.info.command = value.slice('Command: '.length)
  }

  private closeFrame(): void {
    const raw = this.frame!
    this.frame = undefined
    const stack = this.error?.stacks[this.error.stacks.length - 1]
    if (!stack || stack.length >= MAX_FRAMES || this.errors.items.length >= MAX_VALGRIND_ERRORS) return
    const frame: { -readonly [K in keyof Omit<ValgrindFrame, 'origin'>]: Omit<ValgrindFrame, 'origin'>[K] } = {}
    if (raw.ip !== undefined) frame.ip = raw.ip
    if (raw.obj !== undefined) frame.object = raw.obj
    if (raw.fn !== undefined) frame.function = raw.fn
    if (raw.dir !== undefined) frame.directory = raw.dir
    if (raw.file !== undefined) frame.file = raw.file
    if (raw.line !== undefined && /^\d+$/.test(raw.line)) frame.line = Number(raw.line)
    stack.push(frame)
  }

  private closeError(): void {
    const draft = this.error!
    this.error = undefined
    // Past the cap, count the error without working out its frames.
    if (this.errors.items.length >= MAX_VALGRIND_ERRORS) {
      this.errors.dropped++
      return
    }
    const stacks = draft.stacks.map((stack) =>
      stack.map((frame) => {
        const file = frame.file !== undefined ? (frame.directory ? `${frame.directory}/${frame.file}` : frame.file) : undefined
        return { ...frame, origin: classifyFrame({ function: frame.function, file, module: frame.object }, this.hints) }
      }),
    )
    const culprit = stacks[0]?.find((frame) => frame.origin === 'extension')
    const attributed = (stacks[0] ?? []).filter((frame) => frame.origin !== 'unknown')
    const blame = culprit ? 'extension' : attributed.length > 0 && attributed.every((frame) => frame.origin !== 'extension') ? 'cpython' : 'unknown'
    this.errors.push({
      line: draft.line,
      unique: draft.unique,
      kind: draft.kind,
      what: draft.what,
      ...(draft.leakedBytes !== undefined ? { leakedBytes: draft.leakedBytes } : {}),
      ...(draft.leakedBlocks !== undefined ? { leakedBlocks: draft.leakedBlocks } : {}),
      stacks,
      auxWhat: draft.auxWhat,
      count: 1,
      blame,
      ...(culprit ? { culprit } : {}),
    })
  }
}
