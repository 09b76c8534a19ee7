import { asciiTable, own, regExp, type LineParser, type LineRouting } from './line-parser.js'

/** What regrtest said about one test file (regrtest calls a test module a "test"). */
export type TestOutcome =
  | 'passed'
  | 'leaked'
  | 'failed'
  | 'env-changed'
  | 'crashed'
  | 'timed-out'
  | 'skipped'
  | 'resource-denied'
  | 'no-tests'
  | 'interrupted'
  /** Selected but never run: regrtest lists it as omitted after its worker or the run died. */
  | 'omitted'
  | 'unknown'

export type LeakKind = 'references' | 'memory blocks' | 'file descriptors'

/** One `-R` verdict line: `test_x leaked [1, 1, 1] references, sum=3` (Lib/test/libregrtest/refleak.py). */
export interface LeakVerdict {
  readonly kind: LeakKind
  /** Per-repetition deltas after the warm-up runs, exactly as regrtest printed them. */
  readonly deltas: number[]
  readonly sum: number
  /** 3.13+ prints non-failing deltas with " (this is fine)": informational, not a leak. */
  readonly informational: boolean
  readonly line: number
}

export interface RegrtestTest {
  readonly name: string
  outcome: TestOutcome
  /** The result words as printed, e.g. `failed (reference leak)`, `crashed (Exit code -6)`. */
  result?: string
  readonly leaks: LeakVerdict[]
  /** The `Fatal Python error: ...` message printed while this test ran. */
  fatalError?: string
  /** Line of the progress line that introduced the test. */
  readonly line: number
  /** Why it was skipped or failed: `test_x skipped -- not on this platform`, `test test_x failed -- Traceback ...` (first line). */
  reason?: string
  /** `Warning -- os.environ was modified by test_x` and friends (the first few, shortened). */
  warnings?: string[]
  /** The exception line of the first traceback printed for this test: `ModuleNotFoundError: No module named 'pytest'`. */
  exception?: string
  /** That traceback's first lines, from `Traceback (most recent call last):` to the exception line. */
  traceback?: string[]
  /** How long the file took, when regrtest printed it after the verdict (`passed (2 min 3 sec)`: 30 s or more with -jN). */
  seconds?: number
}

export interface RegrtestSummary {
  /** `FAILURE`, `SUCCESS`, `ENV CHANGED`, `NO TEST RUN` / `NO TESTS RAN`, `FAILURE then SUCCESS`, ... */
  state?: string
  totalDuration?: string
  /** Named lists from the closing summary: `failed`, `ok` (a count only), `skipped`, `env changed`, ... */
  readonly lists: Record<string, string[]>
  readonly counts: Record<string, number>
  /** 3.12+: `Total tests: run=N failures=N`, `Total test files: run=N/M failed=N`. */
  totalTests?: string
  totalTestFiles?: string
  /**
   * `Warning -- regrtest worker thread failed: ...`: regrtest itself broke while running a test (its
   * worker's output could not be decoded, say) and omits what was left; the exception says why.
   */
  workerFailure?: { message: string; exception?: string }
}

export interface RegrtestResult {
  /** From `== CPython 3.11.2 (main, ...)`. */
  readonly pythonVersion?: string
  readonly header: string[]
  readonly mode?: 'sequential' | 'parallel'
  /** From `beginning N repetitions`. */
  readonly repetitions?: number
  readonly tests: RegrtestTest[]
  readonly summary: RegrtestSummary
  /** 3.13+ (and --randomize): `Using random seed: N`. */
  readonly randomSeed?: number
  /** Lines about test files beyond MAX_REGRTEST_TESTS, and leak lines beyond MAX_LEAKS_PER_TEST: counted, not kept (bounded memory on huge logs). */
  readonly droppedTests?: number
  readonly droppedLeaks?: number
}

const MAX_REGRTEST_TESTS = 20_000
const MAX_LEAKS_PER_TEST = 100
const MAX_HEADER_LINES = 100

const PROGRESS = /^\[\s*\d+\/\d+(?:\/\d+)?\] (\S+)(?: (.*))?$/
/** What makes a line a leak verdict, whatever test's name comes before it. */
const LEAK_MARKER = ' leaked ['
// The test's name: a regrtest module, or a pytest node id, whose parametrize brackets may hold spaces (python/pydebug_refleak.py).
const LEAK = regExp`^(\S(?:.*?\S)?)${LEAK_MARKER}(-?\d+(?:, -?\d+)*)?\] (references|memory blocks|file descriptors), sum=(-?\d+)( \(this is fine\))?$`
const RESULT_WORDS =
  /^(passed|failed|crashed|skipped|timed out|ran no tests|run no tests|interrupted|resource denied|env changed|worker bug|worker non-zero exit code)\b/
const STANDALONE_RESULT =
  /^(test\S*) ((?:passed|failed|crashed|skipped|timed out|ran no tests|run no tests|interrupted|resource denied|worker non-zero exit code)\b.*)$/
// "test_x skipped -- reason" (3.8+) and "test test_x failed -- Traceback ..." (-j workers, verbose off).
const REASON_LINE = /^(?:test )?(test\S*) (skipped|failed|crashed) -- (.*)$/
const ENV_WARNING = /^Warning -- (.*)$/
const MAX_WARNINGS_PER_TEST = 10
const TRACEBACK_START = 'Traceback (most recent call last):'
const WORKER_FAILED = 'regrtest worker thread failed:'
// A traceback's first lines say where it started, its last the user's frame and the exception: both kept, the middle counted.
const TRACEBACK_HEAD_LINES = 3
const MAX_TRACEBACK_LINES = 30
/**
 * Line starts a regrtest line can have (after the optional "H:MM:SS load avg: X.XX " prefix): a cheap
 * gate before the regexes, and what the detector routes on (REGRTEST_ROUTING).
 */
const REGRTEST_START_CHARACTERS = '0123456789[=tbFTRAUWl-'
const REGRTEST_FIRST_CHARS = asciiTable(REGRTEST_START_CHARACTERS)

/** A regrtest line starts like one, or is a leak verdict, which starts with any test's name. */
export const REGRTEST_ROUTING: LineRouting = { startCharacters: REGRTEST_START_CHARACTERS, markers: [LEAK_MARKER] }

const isDigit = (code: number) => code >= 48 && code <= 57

/**
 * The length of `^(?:\d+:\d\d:\d\d )?(?:load avg: \d+\.\d+ )?`, the prefix of progress lines
 * ("0:00:01 load avg: 0.52 ", 3.9+; both parts optional), read by hand: a regex replace on every
 * such line was this parser's largest cost.
 */
function logPrefixLength(line: string): number {
  let end = 0
  let index = 0
  while (isDigit(line.charCodeAt(index))) index++
  // "0:00:01 "
  if (
    index > 0 &&
    line.charCodeAt(index) === 58 &&
    isDigit(line.charCodeAt(index + 1)) &&
    isDigit(line.charCodeAt(index + 2)) &&
    line.charCodeAt(index + 3) === 58 &&
    isDigit(line.charCodeAt(index + 4)) &&
    isDigit(line.charCodeAt(index + 5)) &&
    line.charCodeAt(index + 6) === 32
  )
    end = index + 7
  // "load avg: 0.52 "
  if (line.startsWith('load avg: ', end)) {
    index = end + 10
    const integer = index
    while (isDigit(line.charCodeAt(index))) index++
    if (index > integer && line.charCodeAt(index) === 46) {
      const fraction = ++index
      while (isDigit(line.charCodeAt(index))) index++
      if (index > fraction && line.charCodeAt(index) === 32) end = index + 1
    }
  }
  return end
}
const DURATION_SUFFIX = / \((?:\d+ (?:hour|min) )*\d+(?:\.\d+)? (?:sec|ms)\)$/
const LIST_HEADING = /^(All )?(\d+) (?:tests?|re-run tests?) ?(.*?):$/
const OK_LINE = /^(?:All )?(\d+) tests? OK\.$/
const SLOWEST_ENTRY = /^- (\S+): (.+)$/

export class RegrtestParser implements LineParser<RegrtestResult> {
  private pythonVersion?: string
  private readonly header: string[] = []
  private mode?: 'sequential' | 'parallel'
  private repetitions?: number
  private readonly tests = new Map<string, RegrtestTest>()
  private current?: RegrtestTest
  private readonly summary: RegrtestSummary = { lists: {}, counts: {} }
  private openList?: string
  private expectRepetitionProgress = 0
  private randomSeed?: number
  private droppedTests = 0
  private droppedLeaks = 0
  /** The traceback being read, and the test it belongs to (the test that was running when it was printed). */
  private traceback?: { readonly test: RegrtestTest; readonly lines: string[]; elided: number }
  private readingWorkerFailure = false

  /** True while a summary list, the -R progress ruler or a traceback is open: then every line matters, whatever it starts with. */
  get busy(): boolean {
    return this.openList !== undefined || this.expectRepetitionProgress > 0 || this.traceback !== undefined
  }

  next(rawLine: string, lineNumber: number): boolean {
    const first = rawLine.charCodeAt(0)
    if (this.traceback !== undefined && this.continueTraceback(rawLine)) return true
    if (
      this.openList === undefined &&
      this.expectRepetitionProgress === 0 &&
      !(first < 128 && REGRTEST_FIRST_CHARS[first] === 1) &&
      !rawLine.includes(LEAK_MARKER)
    )
      return false
    const prefix = isDigit(first) || first === 108 /* l */ ? logPrefixLength(rawLine) : 0
    const line = prefix === 0 ? rawLine : rawLine.slice(prefix)
    if (line === TRACEBACK_START && this.current) {
      this.traceback = { test: this.current, lines: [TRACEBACK_START], elided: 0 }
      return true
    }
    if (this.openList !== undefined) {
      if (this.continueList(line)) return true
      this.openList = undefined
    }
    if (this.expectRepetitionProgress > 0) {
      this.expectRepetitionProgress--
      if (/^[0-9:]+$/.test(line) || /^[.0-9X ]+$/.test(line)) return true
    }
    // Each check only runs for the first characters its patterns can start with (same order, same results, far fewer regexes).
    const head = line.charCodeAt(0)
    const digit = head >= 48 && head <= 57
    return (
      ((head === 82 /* R */ || head === 85 /* U */ || head === 61) /* = */ && this.header_(line)) ||
      (head === 91 /* [ */ && this.progress(line, lineNumber)) ||
      (line.includes(LEAK_MARKER) && this.leak(line, lineNumber)) ||
      (head === 98 /* b */ && this.repetitionStart(line)) ||
      (head === 70 /* F */ && this.fatal(line)) ||
      ((head === 116 /* t */ || head === 87) /* W */ && this.reasonOrWarning(line)) ||
      (head === 116 && this.standaloneResult(line)) ||
      ((digit || head === 61 || head === 84 /* T */ || head === 82 || head === 65) /* A */ && this.summaryLine(line))
    )
  }

  end(): RegrtestResult {
    return {
      ...(this.pythonVersion ? { pythonVersion: this.pythonVersion } : {}),
      header: this.header,
      ...(this.mode ? { mode: this.mode } : {}),
      ...(this.repetitions !== undefined ? { repetitions: this.repetitions } : {}),
      tests: settleOutcomes([...this.tests.values()], this.summary),
      summary: this.summary,
      ...(this.randomSeed !== undefined ? { randomSeed: this.randomSeed } : {}),
      ...(this.droppedTests > 0 ? { droppedTests: this.droppedTests } : {}),
      ...(this.droppedLeaks > 0 ? { droppedLeaks: this.droppedLeaks } : {}),
    }
  }

  private reasonOrWarning(line: string): boolean {
    // REASON_LINE starts with "test", ENV_WARNING with "Warning".
    let match = line.charCodeAt(0) === 116 /* t */ ? REASON_LINE.exec(line) : null
    if (match && this.tests.has(match[1])) {
      const test = this.tests.get(match[1])!
      test.reason ??= own(match[3].slice(0, 300))
      // The progress line already said "skipped (resource denied)" or "failed (1 failure)": keep that.
      if (test.result === undefined) this.setResult(test, match[2])
      // "test test_x failed -- Traceback (most recent call last):": the traceback follows.
      if (match[3] === TRACEBACK_START) this.traceback = { test, lines: [TRACEBACK_START], elided: 0 }
      return true
    }
    match = line.charCodeAt(0) === 87 /* W */ ? ENV_WARNING.exec(line) : null
    if (match && this.readingWorkerFailure) {
      // The failure's traceback, a line at a time behind "Warning -- ": indented frames, then the exception.
      const text = match[1]
      if (text.charCodeAt(0) === 32) return true
      this.readingWorkerFailure = false
      this.summary.workerFailure!.exception = own(text.slice(0, 300))
      return true
    }
    if (match?.[1].startsWith(WORKER_FAILED)) {
      const message = match[1].slice(WORKER_FAILED.length).trim()
      this.summary.workerFailure ??= { message: own(message.slice(0, 300)) }
      this.readingWorkerFailure = message === TRACEBACK_START
      return true
    }
    if (match && this.current) {
      const warnings = (this.current.warnings ??= [])
      if (warnings.length < MAX_WARNINGS_PER_TEST) warnings.push(own(match[1].slice(0, 300)))
      return true
    }
    return false
  }

  private header_(line: string): boolean {
    // By first character: each pattern starts with a literal, so only its own can match (same results, fewer regexes).
    switch (line.charCodeAt(0)) {
      case 82 /* R */:
        // "Run tests sequentially (timeout: 20 min)" when --timeout is given
        if (line === 'Run tests sequentially' || line.startsWith('Run tests sequentially (')) {
          this.mode = 'sequential'
          return true
        }
        // 3.13: "Run 1 test sequentially in a single process (timeout: 20 min)" with --timeout
        if (/^Run (?:\d+ tests? )?sequentially in a single process(?: \(timeout: [^)]*\))?$/.test(line)) {
          this.mode = 'sequential'
          return true
        }
        if (/^Run (?:\d+ )?tests? in parallel using \d+ (?:child process|worker process)/.test(line)) {
          this.mode = 'parallel'
          return true
        }
        return false
      case 85 /* U */:
        {
          const seed = /^Using random seed:? (\d+)$/.exec(line)
          if (seed) this.randomSeed = Number(seed[1])
          return seed !== null
        }
      case 61 /* = */:
        {
          const header = /^== (?!Tests result:)(.+?)$/.exec(line)
          if (!header) return false
          if (this.header.length < MAX_HEADER_LINES) this.header.push(header[1])
          const version = /^CPython (\S+)/.exec(header[1])
          if (version) this.pythonVersion = version[1]
          return true
        }
    }
    return false
  }

  private progress(line: string, lineNumber: number): boolean {
    const match = PROGRESS.exec(line)
    if (!match) return false
    const [, name, rest = ''] = match
    // Sequential runs print the previous test's verdict after " -- " on the next progress line.
    const [ownResult, previous] = splitOnce(rest, ' -- ')
    if (previous !== undefined) this.applyResultText(previous)
    const test = this.test(name, lineNumber)
    this.current = test
    if (ownResult && RESULT_WORDS.test(ownResult)) this.setResult(test, ownResult)
    return true
  }

  private leak(line: string, lineNumber: number): boolean {
    const match = LEAK.exec(line)
    if (!match) return false
    const [, name, deltas = '', kind, sum, fine] = match
    const leaks = this.test(name, lineNumber).leaks
    if (leaks.length >= MAX_LEAKS_PER_TEST) {
      this.droppedLeaks++
      return true
    }
    leaks.push({
      kind: own(kind) as LeakKind,
      deltas: deltas ? deltas.split(', ').map(Number) : [],
      sum: Number(sum),
      informational: fine !== undefined,
      line: lineNumber,
    })
    return true
  }

  private repetitionStart(line: string): boolean {
    const match = /^beginning (\d+) repetitions\b/.exec(line)
    if (!match) return false
    this.repetitions = Number(match[1])
    this.expectRepetitionProgress = 2
    return true
  }

  private fatal(line: string): boolean {
    const match = /^Fatal Python error: (.+)$/.exec(line)
    if (!match) return false
    if (this.current && this.current.fatalError === undefined) this.current.fatalError = own(match[1])
    return true
  }

  private standaloneResult(line: string): boolean {
    const match = STANDALONE_RESULT.exec(line)
    if (!match || !this.tests.has(match[1])) return false
    this.setResult(this.tests.get(match[1])!, match[2])
    return true
  }

  private summaryLine(line: string): boolean {
    // By first character, as in header_: the patterns that start with it, in the same order.
    const first = line.charCodeAt(0)
    let match: RegExpExecArray | null
    if (first === 61 /* = */ || first === 84 /* T */) {
      if ((match = /^(?:== )?Tests result: (.+?)(?: ==)?$/.exec(line))) {
        this.summary.state = match[1]
        return true
      }
      if (first === 61 || !line.startsWith('Total ')) return false
      if ((match = /^Total duration: (.+)$/.exec(line))) {
        this.summary.totalDuration = match[1]
        return true
      }
      if ((match = /^Total tests: (.+)$/.exec(line))) {
        this.summary.totalTests = match[1]
        return true
      }
      if ((match = /^Total test files: (.+)$/.exec(line))) {
        this.summary.totalTestFiles = match[1]
        return true
      }
      return false
    }
    if (first === 82 /* R */) {
      if ((match = /^Result: (.+)$/.exec(line))) this.summary.state = match[1]
      return match !== null
    }
    if ((match = OK_LINE.exec(line))) {
      this.summary.counts.ok = Number(match[1])
      return true
    }
    if (first !== 65 /* A */ && (match = /^(\d+) slowest tests:$/.exec(line))) {
      this.openList = 'slowest'
      this.summary.lists.slowest = []
      return true
    }
    if ((match = LIST_HEADING.exec(line))) {
      const name = listName(line, match[3])
      this.summary.counts[name] = Number(match[2])
      this.summary.lists[name] = []
      this.openList = name
      return true
    }
    return false
  }

  /**
   * A traceback's frame and source lines are indented; its first line that is not ends it: the
   * exception, e.g. `ModuleNotFoundError: No module named 'pytest'`, the cause a failure's finding
   * names. The first traceback of a test is kept (a chained exception's first part is the origin).
   */
  private continueTraceback(line: string): boolean {
    const traceback = this.traceback!
    const first = line.charCodeAt(0)
    if (first === 32 /* space */ || first === 9 /* tab */) {
      if (traceback.test.exception !== undefined) return true
      if (traceback.lines.length === MAX_TRACEBACK_LINES) {
        traceback.lines.splice(TRACEBACK_HEAD_LINES, 1)
        traceback.elided++
      }
      traceback.lines.push(own(line.slice(0, 300)))
      return true
    }
    this.traceback = undefined
    // An empty line or a progress line: the traceback was cut short, and this line is not its exception.
    if (line.trim() === '' || PROGRESS.test(line.slice(logPrefixLength(line)))) return false
    const exception = own(line.slice(0, 300))
    if (traceback.test.exception === undefined) {
      traceback.test.exception = exception
      const { lines, elided } = traceback
      traceback.test.traceback = elided
        ? [...lines.slice(0, TRACEBACK_HEAD_LINES), `  ... (${elided} more lines)`, ...lines.slice(TRACEBACK_HEAD_LINES), exception]
        : [...lines, exception]
    }
    return true
  }

  private continueList(line: string): boolean {
    const list = this.summary.lists[this.openList!]
    if (this.openList === 'slowest') {
      const entry = SLOWEST_ENTRY.exec(line)
      if (!entry) return false
      list.push(`${entry[1]}: ${entry[2]}`)
      return true
    }
    if (!/^ {4}\S/.test(line)) return false
    list.push(...line.trim().split(/\s+/))
    return true
  }

  private applyResultText(text: string): void {
    const match = STANDALONE_RESULT.exec(text)
    if (match && this.tests.has(match[1])) this.setResult(this.tests.get(match[1])!, match[2])
  }

  private setResult(test: RegrtestTest, text: string): void {
    const cut = text.indexOf(' -- ')
    let result = cut < 0 ? text : text.slice(0, cut)
    // DURATION_SUFFIX ends in ")".
    if (result.charCodeAt(result.length - 1) === 41) {
      const duration = DURATION_SUFFIX.exec(result)
      if (duration) {
        test.seconds = durationSeconds(duration[0])
        result = result.slice(0, duration.index)
      }
    }
    // The same verdict again (a test run many times): nothing to copy or classify.
    if (test.result === result) return
    test.result = own(result)
    test.outcome = outcomeOf(result)
  }

  private test(name: string, lineNumber: number): RegrtestTest {
    let test = this.tests.get(name)
    if (!test) {
      // Up to 20,000 tests, each maybe far from the last: own copies, so each does not pin its part of the log.
      test = { name: own(name), outcome: 'unknown', leaks: [], line: lineNumber }
      // Past the cap a test is still parsed (its lines are recognised) but not kept.
      if (this.tests.size < MAX_REGRTEST_TESTS) this.tests.set(test.name, test)
      else this.droppedTests++
    }
    return test
  }
}

const DURATION_UNIT_SECONDS: Record<string, number> = { hour: 3600, min: 60, sec: 1, ms: 0.001 }

/** ` (1 min 2.5 sec)` → 62.5: libregrtest/utils.py format_duration read back. */
function durationSeconds(text: string): number {
  let seconds = 0
  for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d+)?) (hour|min|sec|ms)/g)) seconds += Number(value) * DURATION_UNIT_SECONDS[unit]
  return Math.round(seconds * 1000) / 1000
}

function outcomeOf(result: string): TestOutcome {
  if (result.startsWith('passed')) return 'passed'
  if (result.startsWith('failed (reference leak)')) return 'leaked'
  if (result.startsWith('failed (env changed)') || result.startsWith('env changed')) return 'env-changed'
  if (result.startsWith('failed')) return 'failed'
  if (result.startsWith('crashed') || result.startsWith('worker bug') || result.startsWith('worker non-zero exit code')) return 'crashed'
  if (result.startsWith('timed out')) return 'timed-out'
  if (result.startsWith('skipped (resource denied)') || result.startsWith('resource denied')) return 'resource-denied'
  if (result.startsWith('skipped')) return 'skipped'
  if (result.startsWith('ran no tests') || result.startsWith('run no tests')) return 'no-tests'
  if (result.startsWith('interrupted')) return 'interrupted'
  return 'unknown'
}

/** Normalises the many summary headings to short list names: `failed`, `skipped`, `env changed`, `resource denied`, ... */
function listName(line: string, words: string): string {
  if (line.includes('altered the execution environment')) return 'env changed'
  if (line.includes('re-run')) return 're-run'
  if (words.startsWith('skipped (resource denied)')) return 'resource denied'
  return words.replace(/^\((.*)\)$/, '$1') || 'tests'
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator)
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + separator.length)]
}

/** `--list-cases` prints one test id per line: `test_leaky.LeakyTests.test_leak_refs`. */
export function isTestCaseId(line: string): boolean {
  return /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*){2,}$/.test(line.trim())
}

/**
 * Sequential runs print no verdict for a test that passed, and some verdicts only in the closing
 * lists: a test still 'unknown' at the end takes its outcome from those lists, or 'passed' when
 * the summary counted OK tests and names it nowhere else.
 */
function settleOutcomes(tests: RegrtestTest[], summary: RegrtestSummary): RegrtestTest[] {
  // Omitted tests never got a progress line: they exist only in the closing list.
  const known = new Set(tests.map((test) => test.name))
  for (const name of summary.lists.omitted ?? []) {
    if (!known.has(name)) tests.push({ name, outcome: 'omitted', leaks: [], line: 0 })
  }
  const listed = new Map<string, TestOutcome>()
  const fromList: [string, TestOutcome][] = [
    ['failed', 'failed'],
    ['env changed', 'env-changed'],
    ['skipped', 'skipped'],
    ['resource denied', 'resource-denied'],
    ['run no tests', 'no-tests'],
  ]
  for (const [list, outcome] of fromList) for (const name of summary.lists[list] ?? []) if (!listed.has(name)) listed.set(name, outcome)
  for (const test of tests) {
    if (test.outcome !== 'unknown') continue
    const outcome = listed.get(test.name)
    if (outcome) test.outcome = outcome === 'failed' && test.leaks.some((leak) => !leak.informational) ? 'leaked' : outcome
    else if (summary.counts.ok !== undefined && summary.counts.ok > 0) test.outcome = 'passed'
  }
  return tests
}
