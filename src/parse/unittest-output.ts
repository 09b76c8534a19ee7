import { own, type LineParser } from './line-parser.js'

/**
 * unittest's text runner (Lib/unittest/runner.py): the verbose lines `test_x (module.Class.test_x) ... ok`,
 * the `FAIL: ` / `ERROR: ` reports between `====` rulers, `Ran N tests in 0.002s`, and the verdict,
 * `OK`, `OK (skipped=1)` or `FAILED (failures=1, errors=2, skipped=1, expected failures=1)`.
 */
export interface UnittestFailure {
  readonly kind: 'failed' | 'error'
  /** `module.Class.test_x`, from `FAIL: test_x (module.Class.test_x)` (3.11+; older versions print `module.Class`). */
  readonly id: string
  /** The exception line at the end of its traceback. */
  exception?: string
  /** The traceback's last frame in the test: `File "/p/tests/test_x.py", line 11, in test_x`. */
  file?: string
  line?: number
  readonly traceback: string[]
}

export interface UnittestResult {
  readonly seen: boolean
  /** From `Ran N tests in S s`. */
  readonly ran?: number
  readonly seconds?: number
  /** `OK` or `FAILED`, with the counts in parentheses: failures, errors, skipped, expected failures, unexpected successes. */
  readonly verdict?: 'OK' | 'FAILED'
  readonly counts: Readonly<Record<string, number>>
  readonly failures: UnittestFailure[]
  /** The test of the last verbose line without its result: the one running when a crash cut the output short. */
  readonly running?: string
  readonly droppedFailures: number
}

const MAX_UNITTEST_FAILURES = 200
const MAX_TRACEBACK_LINES = 12

const RULER = /^(?:={70}|-{70})$/
const REPORT = /^(FAIL|ERROR): (\S+)(?: \(([^)]+)\))?(?: \[[^\]]*\])?$/
const RAN = /^Ran (\d+) tests? in (\d+(?:\.\d+)?)s$/
const VERDICT = /^(OK|FAILED)(?: \(([^)]*)\))?$/
const VERBOSE = /^(\w+) \(([\w.]+)\)(?:\n.*)? \.\.\. ?(.*)$/
const DOTS = /^[.EFsxu]+$/
const FRAME = /^ {2}File "(.+)", line (\d+), in (.+)$/

export class UnittestParser implements LineParser<UnittestResult> {
  private seen = false
  private ran?: number
  private seconds?: number
  private verdict?: 'OK' | 'FAILED'
  private counts: Record<string, number> = {}
  private readonly failures: UnittestFailure[] = []
  private failure?: UnittestFailure
  private running?: string
  private droppedFailures = 0
  /** Output that followed `... ` on a verbose line instead of a result: a crashing test's first line (see PytestParser.remainder). */
  remainder?: string

  next(line: string): boolean {
    this.remainder = undefined
    let match: RegExpExecArray | null
    if (RULER.test(line)) {
      this.seen = true
      if (line.startsWith('-') && this.failure && this.failure.traceback.length > 0) this.failure = undefined
      return true
    }
    if ((match = REPORT.exec(line))) {
      this.seen = true
      // 3.11+: `FAIL: test_x (module.Class.test_x)`; before: `FAIL: test_x (module.Class)`.
      const inParentheses = match[3]
      const id = inParentheses === undefined ? match[2] : inParentheses.endsWith(`.${match[2]}`) ? inParentheses : `${inParentheses}.${match[2]}`
      this.failure = { kind: match[1] === 'FAIL' ? 'failed' : 'error', id: own(id), traceback: [] }
      if (this.failures.length < MAX_UNITTEST_FAILURES) this.failures.push(this.failure)
      else this.droppedFailures++
      return true
    }
    if ((match = RAN.exec(line))) {
      this.seen = true
      this.failure = undefined
      this.ran = Number(match[1])
      this.seconds = Number(match[2])
      return true
    }
    if (this.ran !== undefined && (match = VERDICT.exec(line))) {
      this.verdict = match[1] as 'OK' | 'FAILED'
      for (const part of (match[2] ?? '').split(', ').filter(Boolean)) {
        const [name, count] = part.split('=')
        if (count !== undefined && /^\d+$/.test(count)) this.counts[name] = Number(count)
      }
      return true
    }
    if (this.failure) {
      if (line === '') return true
      const frame = FRAME.exec(line)
      if (frame) {
        this.failure.file = own(frame[1])
        this.failure.line = Number(frame[2])
      } else if (!line.startsWith(' ') && !line.startsWith('Traceback')) this.failure.exception ??= own(line)
      this.failure.traceback.push(own(line))
      if (this.failure.traceback.length > MAX_TRACEBACK_LINES) this.failure.traceback.splice(1, 1)
      return true
    }
    if ((match = VERBOSE.exec(line))) {
      this.seen = true
      const result = /^(?:ok|FAIL|ERROR|skipped|expected failure|unexpected success)/.test(match[3])
      this.running = result ? undefined : own(match[2])
      if (!result && match[3] !== '') this.remainder = match[3]
      return true
    }
    if (DOTS.test(line)) return (this.seen = true)
    return false
  }

  end(): UnittestResult {
    return {
      seen: this.seen,
      ...(this.ran !== undefined ? { ran: this.ran } : {}),
      ...(this.seconds !== undefined ? { seconds: this.seconds } : {}),
      ...(this.verdict ? { verdict: this.verdict } : {}),
      counts: this.counts,
      failures: this.failures,
      ...(this.running !== undefined ? { running: this.running } : {}),
      droppedFailures: this.droppedFailures,
    }
  }
}
