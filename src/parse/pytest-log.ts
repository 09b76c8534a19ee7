import { emptyUnparsed, own, recordUnparsed, type LineParser, type UnparsedLines } from './line-parser.js'

/**
 * What pytest printed, run as pydebug runs it (`-v -s` with the pydebug_refleak plugin, or
 * `--collect-only -q`): which tests started, each test's verbose result word, the short summary's
 * reasons and the closing line. The plugin puts every test's start on a line of its own, so a test
 * that started and has no result is the one a crash interrupted.
 *
 *   tests/test_x.py::test_y[3]                      started (and a collected id under --collect-only -q)
 *   tests/test_x.py::test_y[3] PASSED   [ 33%]       its result
 *   FAILED tests/test_x.py::test_z - AssertionError  the short summary's reason
 *   ERROR tests/test_bad.py - ModuleNotFoundError    a file that could not be collected
 *   ===== 1 failed, 2 passed in 0.12s =====          the closing line
 *
 * Lines it does not know (the tests' own output, pytest's tracebacks, leak verdicts, which the
 * regrtest parser reads) are counted, never an error.
 */
export type PytestWord = 'PASSED' | 'FAILED' | 'ERROR' | 'SKIPPED' | 'XFAIL' | 'XPASS'

export interface PytestTestResult {
  readonly id: string
  /** Every result word printed for it, in order: a teardown error comes after PASSED. */
  readonly words: PytestWord[]
  /** The short summary's reason: `AssertionError: assert 1 == 2`. */
  reason?: string
  readonly line: number
}

export interface PytestLogResult {
  /** Test ids in the order they started (or were listed by --collect-only). */
  readonly started: string[]
  readonly results: Record<string, PytestTestResult>
  /** Files pytest could not collect, with the short summary's reason. */
  readonly collectionErrors: Record<string, string>
  /** The closing line's counts: `1 failed, 2 passed in 0.12s` (the duration left out). */
  readonly summary?: string
  readonly unrecognised: UnparsedLines
  /** Tests beyond MAX_PYTEST_TESTS: counted, not kept. */
  readonly droppedTests?: number
}

const MAX_PYTEST_TESTS = 50_000
const WORDS = 'PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS'
// The id is a path to a .py file, then `::`; a parametrized id may hold spaces inside its brackets.
const RESULT = new RegExp(`^(\\S+?\\.py::.*?) (${WORDS})(?:\\s+\\[\\s*\\d+%\\])?\\s*$`)
const STARTED = /^(\S+?\.py::\S(?:.*\S)?) ?$/
const SHORT_SUMMARY = /^(FAILED|ERROR) (\S+?\.py(?:::.*?)?)(?: - (.*))?$/
const CLOSING = /^=+ (.*?) in \d+(?:\.\d+)?s(?: \([^)]*\))? =+$/
const COLLECT_COUNT = /^\d+ tests? collected in \d+(?:\.\d+)?s$|^no tests collected/

export class PytestLogParser implements LineParser<PytestLogResult> {
  private readonly started: string[] = []
  private readonly results = new Map<string, PytestTestResult>()
  private readonly collectionErrors: Record<string, string> = {}
  private summary?: string
  private readonly unrecognised = emptyUnparsed()
  private droppedTests = 0

  next(line: string, lineNumber: number): boolean {
    if (this.read(line, lineNumber)) return true
    if (line.trim() !== '') recordUnparsed(this.unrecognised, lineNumber, line)
    return false
  }

  end(): PytestLogResult {
    return {
      started: this.started,
      results: Object.fromEntries(this.results),
      collectionErrors: this.collectionErrors,
      ...(this.summary !== undefined ? { summary: this.summary } : {}),
      unrecognised: this.unrecognised,
      ...(this.droppedTests ? { droppedTests: this.droppedTests } : {}),
    }
  }

  private read(line: string, lineNumber: number): boolean {
    // A leak verdict names a test too; it is the regrtest parser's line.
    if (line.includes(' leaked [')) return false
    let match = RESULT.exec(line)
    if (match) {
      this.test(match[1], lineNumber)?.words.push(match[2] as PytestWord)
      return true
    }
    if ((match = STARTED.exec(line))) {
      if (!this.results.has(match[1])) this.test(match[1], lineNumber)
      return true
    }
    if ((match = SHORT_SUMMARY.exec(line))) {
      const [, word, id, reason = ''] = match
      if (id.includes('::')) {
        const test = this.test(id, lineNumber)
        if (test && test.reason === undefined && reason) test.reason = own(reason.slice(0, 300))
        if (test && !test.words.includes(word as PytestWord)) test.words.push(word as PytestWord)
      } else {
        this.collectionErrors[own(id)] = own(reason.slice(0, 300))
      }
      return true
    }
    if ((match = CLOSING.exec(line))) {
      this.summary = own(match[1])
      return true
    }
    return COLLECT_COUNT.test(line)
  }

  private test(id: string, lineNumber: number): PytestTestResult | undefined {
    let test = this.results.get(id)
    if (!test) {
      if (this.results.size >= MAX_PYTEST_TESTS) {
        this.droppedTests++
        return undefined
      }
      test = { id: own(id), words: [], line: lineNumber }
      this.results.set(test.id, test)
      this.started.push(test.id)
    }
    return test
  }
}

/** A test's outcome from its result words: any failure or error wins, then a pass, then a skip. */
export function pytestOutcome(words: readonly PytestWord[]): 'passed' | 'failed' | 'skipped' | undefined {
  if (words.includes('FAILED') || words.includes('ERROR')) return 'failed'
  if (words.includes('PASSED') || words.includes('XFAIL') || words.includes('XPASS')) return 'passed'
  if (words.includes('SKIPPED')) return 'skipped'
  return undefined
}

/** The file part of a pytest node id: `tests/test_x.py::T::test_y[1]` -> `tests/test_x.py`. */
export function pytestFileOf(id: string): string {
  const cut = id.indexOf('::')
  return cut < 0 ? id : id.slice(0, cut)
}
