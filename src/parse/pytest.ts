import { own, type LineParser } from './line-parser.js'

/**
 * pytest's terminal output (src/_pytest/terminal.py): the session header, the per-file progress
 * lines, the FAILURES / ERRORS sections, the short test summary (`FAILED <node id> - <message>`,
 * shown by default since pytest 6) and the final line, `== 1 failed, 2 passed in 0.12s ==` (or the
 * same without the rulers under `-q`). Per-test results come from its JUnit XML (pytest-junit.ts); this
 * parser gives the counts, the failing node ids and the file that was running when the output stops.
 */
export interface PytestFailure {
  readonly nodeId: string
  /** `FAILED` (an assertion or exception in the test) or `ERROR` (in a fixture, or collection). */
  readonly kind: 'failed' | 'error'
  readonly message?: string
}

export interface PytestFailureDetail {
  /** The title between the `___` rulers: the test's name, `ERROR at setup of test_x`, `ERROR collecting tests/x.py`. */
  readonly title: string
  /** Where the failure's traceback ends: `tests/test_add.py:16: AssertionError`. */
  file?: string
  line?: number
  /** The last lines of the section (the `E` lines and the location), bounded. */
  readonly lines: string[]
}

export interface PytestResult {
  readonly seen: boolean
  readonly rootdir?: string
  readonly collected?: number
  /** From the final line: `passed`, `failed`, `skipped`, `errors`, `xfailed`, `xpassed`, `deselected`, `warnings`, `rerun`. */
  readonly counts?: Readonly<Record<string, number>>
  readonly seconds?: number
  /** The final line as printed, without the rulers. */
  readonly summaryLine?: string
  readonly failures: PytestFailure[]
  readonly details: PytestFailureDetail[]
  /** The test file of the last progress line: the one running when a crash cut the output short. */
  readonly lastFile?: string
  /** Failures past MAX_PYTEST_FAILURES: counted, not kept. */
  readonly droppedFailures: number
}

const MAX_PYTEST_FAILURES = 200
const MAX_DETAIL_LINES = 12

const RULER_TITLE = /^=+ (.+?) =+$/
const SUMMARY_COUNTS = /^(?:=+ )?((?:\d+ [a-z]+)(?:, \d+ [a-z]+)*|no tests ran) in (\d+(?:\.\d+)?)s(?: \([^)]*\))?(?: =+)?$/
const COLLECTED = /^(?:collecting \.\.\. )?collected (\d+) items?(?: \/ \d+ (?:deselected|errors?|skipped))*(?: \/ \d+ selected)?$/
const PROGRESS = /^(\S+\.py) ([.FEsxXR]*)(?: +\[ *\d+%\])?(.*)$/
const QUIET_PROGRESS = /^[.FEsxXR]+ +\[ *\d+%\]$/
const SHORT_SUMMARY = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/
const DETAIL_TITLE = /^_{3,} (.+?) _{3,}$/
const LOCATION = /^(\S+\.py):(\d+): (\w[\w.]*)$/
const HEADER = /^(?:platform \S+ -- Python |cachedir: |rootdir: |configfile: |testpaths: |plugins: |collecting )/
// Printed after the failure reports, before the short summary: it ends them.
const GENERATED_XML = /^-+ generated xml file: .* -+$/
const SECTION_RULER = /^-{3,} .+ -{3,}$/

const PYTEST_TITLES = /^(?:test session starts|FAILURES|ERRORS|short test summary info|warnings summary|PASSES|slowest .*durations)$/

const PLURALS: Record<string, string> = { error: 'errors', warning: 'warnings' }

export class PytestParser implements LineParser<PytestResult> {
  private seen = false
  private rootdir?: string
  private collected?: number
  private counts?: Record<string, number>
  private seconds?: number
  private summaryLine?: string
  private readonly failures: PytestFailure[] = []
  private readonly details: PytestFailureDetail[] = []
  private detail?: PytestFailureDetail
  private lastFile?: string
  private droppedFailures = 0
  /** Inside FAILURES / ERRORS: every line belongs to a failure's report until the next ruler. */
  private inFailures = false
  /** Inside the short test summary: a multi-line message goes on, indented, after its entry. */
  private inShortSummary = false
  /**
   * What followed pytest's own text on the line just read: a crashing test's first line of output
   * (the debug hooks' `Debug memory block at ...`) starts right after the progress dots. Set by `next`
   * for the caller to hand to the other parsers; undefined when the line was pytest's alone.
   */
  remainder?: string

  next(line: string): boolean {
    this.remainder = undefined
    let match: RegExpExecArray | null
    if ((match = SUMMARY_COUNTS.exec(line))) {
      this.seen = true
      this.inFailures = false
      this.inShortSummary = false
      this.detail = undefined
      this.summaryLine = own(match[0].replace(/^=+ | =+$/g, ''))
      this.seconds = Number(match[2])
      const counts: Record<string, number> = {}
      if (match[1] !== 'no tests ran') {
        for (const part of match[1].split(', ')) {
          const [count, word] = part.split(' ')
          counts[PLURALS[word] ?? word] = Number(count)
        }
      }
      this.counts = counts
      return true
    }
    if ((match = RULER_TITLE.exec(line))) {
      const title = match[1]
      // Under -q there is no session header: the first ruler is FAILURES or the short summary.
      this.seen ||= PYTEST_TITLES.test(title)
      this.inFailures = title === 'FAILURES' || title === 'ERRORS'
      this.inShortSummary = title === 'short test summary info'
      this.detail = undefined
      return this.seen
    }
    if (QUIET_PROGRESS.test(line)) return (this.seen = true)
    if (!this.seen) return false
    if ((match = DETAIL_TITLE.exec(line)) && this.inFailures) {
      this.detail = { title: own(match[1]), lines: [] }
      if (this.details.length < MAX_PYTEST_FAILURES) this.details.push(this.detail)
      return true
    }
    if (this.inFailures && GENERATED_XML.test(line)) {
      this.inFailures = false
      this.detail = undefined
      return true
    }
    if (this.inFailures) {
      if (this.detail) {
        const location = LOCATION.exec(line)
        if (location) {
          this.detail.file = own(location[1])
          this.detail.line = Number(location[2])
        }
        if (line.trim() !== '') this.detail.lines.push(own(line))
        if (this.detail.lines.length > MAX_DETAIL_LINES) this.detail.lines.shift()
      }
      return true
    }
    // ` +  where 4 = add(2, 2)`: the assertion's explanation, when the terminal was wide enough to print it whole.
    if (this.inShortSummary && line.charCodeAt(0) === 32 && this.failures.length > 0) return true
    if ((match = SHORT_SUMMARY.exec(line))) {
      if (this.failures.length < MAX_PYTEST_FAILURES) {
        this.failures.push({ nodeId: own(match[2]), kind: match[1] === 'FAILED' ? 'failed' : 'error', ...(match[3] ? { message: own(match[3]) } : {}) })
      } else this.droppedFailures++
      return true
    }
    if ((match = COLLECTED.exec(line))) {
      this.collected = Number(match[1])
      return true
    }
    if ((match = PROGRESS.exec(line))) {
      this.lastFile = own(match[1])
      if (match[3] !== '' && match[3].trim() !== '') this.remainder = match[3]
      return true
    }
    if (SECTION_RULER.test(line)) return true
    if (HEADER.test(line)) {
      if (line.startsWith('rootdir: ')) this.rootdir = own(line.slice('rootdir: '.length).split(',')[0])
      return true
    }
    return false
  }

  end(): PytestResult {
    return {
      seen: this.seen,
      ...(this.rootdir !== undefined ? { rootdir: this.rootdir } : {}),
      ...(this.collected !== undefined ? { collected: this.collected } : {}),
      ...(this.counts ? { counts: this.counts } : {}),
      ...(this.seconds !== undefined ? { seconds: this.seconds } : {}),
      ...(this.summaryLine !== undefined ? { summaryLine: this.summaryLine } : {}),
      failures: this.failures,
      details: this.details,
      ...(this.lastFile !== undefined ? { lastFile: this.lastFile } : {}),
      droppedFailures: this.droppedFailures,
    }
  }
}
