import type { LineParser } from './line-parser.js'

/**
 * JUnit XML as pytest writes it (`--junitxml`, src/_pytest/junitxml.py): `<testsuite>` totals and
 * one `<testcase classname=... name=... file=... line=...>` per test, holding `<failure>`,
 * `<error>` or `<skipped>` with a `message` attribute and the report as text. pytest writes it on
 * one line, so this reads a stream of tags, not lines: a line only adds text. Not a general XML
 * parser: no DTDs, no CDATA inside the elements it reads (pytest escapes everything).
 */
export type JUnitOutcome = 'passed' | 'failed' | 'error' | 'skipped'

export interface JUnitCase {
  readonly classname: string
  readonly name: string
  outcome: JUnitOutcome
  /** The `message` attribute of the failure, error or skip. */
  message?: string
  /** The start of the failure's or error's text: pytest's long report, ending with `file:line: Exception`. */
  text?: string
  readonly file?: string
  readonly line?: number
  readonly seconds?: number
}

export interface JUnitSuite {
  readonly name?: string
  readonly tests: number
  readonly failures: number
  readonly errors: number
  readonly skipped: number
  readonly seconds?: number
}

export interface JUnitResult {
  readonly suites: JUnitSuite[]
  readonly cases: JUnitCase[]
  /** Test cases past MAX_JUNIT_CASES: counted, not kept. */
  readonly droppedCases: number
  /** Tags this parser could not read (an unterminated tag longer than the cap, a case inside a case). */
  readonly malformed: number
}

const MAX_JUNIT_CASES = 10_000
const MAX_TEXT = 4000
const MAX_PENDING = 1 << 20

const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeXmlText(text: string): string {
  return text.includes('&')
    ? text.replace(ENTITY, (_, decimal?: string, hex?: string, name?: string) =>
        name ? NAMED[name] : String.fromCodePoint(Number.parseInt(decimal ?? hex!, decimal ? 10 : 16)),
      )
    : text
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(ATTRIBUTE)) found[match[1]] = decodeXmlText(match[2] ?? match[3])
  return found
}

const number = (text: string | undefined) => (text === undefined || text === '' || Number.isNaN(Number(text)) ? undefined : Number(text))

export class JUnitXmlParser implements LineParser<JUnitResult> {
  private pending = ''
  private readonly suites: JUnitSuite[] = []
  private readonly cases: JUnitCase[] = []
  private current?: JUnitCase
  /** Inside `<failure>` or `<error>`: its text is kept (bounded). */
  private collectingText = false
  private droppedCases = 0
  private malformed = 0

  next(line: string): boolean {
    this.pending += `${line}\n`
    let from = 0
    for (;;) {
      const open = this.pending.indexOf('<', from)
      if (open < 0) {
        this.text(this.pending.slice(from))
        from = this.pending.length
        break
      }
      this.text(this.pending.slice(from, open))
      const close = this.pending.indexOf('>', open)
      if (close < 0) {
        from = open
        break
      }
      this.tag(this.pending.slice(open + 1, close))
      from = close + 1
    }
    this.pending = this.pending.slice(from)
    if (this.pending.length > MAX_PENDING) {
      this.malformed++
      this.pending = ''
    }
    return true
  }

  private text(text: string): void {
    if (!this.collectingText || !this.current || text === '') return
    const kept = this.current.text ?? ''
    if (kept.length < MAX_TEXT) this.current.text = kept + decodeXmlText(text).slice(0, MAX_TEXT - kept.length)
  }

  private tag(body: string): void {
    if (body.startsWith('?') || body.startsWith('!')) return
    const closing = body.startsWith('/')
    const name = /^\/?([A-Za-z_][\w:.-]*)/.exec(body)?.[1]
    const selfClosing = body.endsWith('/')
    if (closing) {
      if (name === 'testcase') this.finishCase()
      if (name === 'failure' || name === 'error') this.collectingText = false
      return
    }
    const attrs = attributes(body)
    if (name === 'testsuite') {
      this.suites.push({
        ...(attrs.name !== undefined ? { name: attrs.name } : {}),
        tests: number(attrs.tests) ?? 0,
        failures: number(attrs.failures) ?? 0,
        errors: number(attrs.errors) ?? 0,
        skipped: number(attrs.skipped ?? attrs.skips) ?? 0,
        ...(number(attrs.time) !== undefined ? { seconds: number(attrs.time) } : {}),
      })
    } else if (name === 'testcase') {
      if (this.current) {
        this.malformed++
        this.finishCase()
      }
      const line = number(attrs.line)
      const seconds = number(attrs.time)
      this.current = {
        classname: attrs.classname ?? '',
        name: attrs.name ?? '',
        outcome: 'passed',
        ...(attrs.file !== undefined ? { file: attrs.file } : {}),
        // pytest's `line` attribute counts from 0.
        ...(line !== undefined ? { line: line + 1 } : {}),
        ...(seconds !== undefined ? { seconds } : {}),
      }
      if (selfClosing) this.finishCase()
    } else if ((name === 'failure' || name === 'error' || name === 'skipped') && this.current) {
      // A test that failed and then errored in teardown is reported twice by pytest; the failure stays.
      if (this.current.outcome === 'passed' || (this.current.outcome === 'skipped' && name !== 'skipped')) {
        this.current.outcome = name === 'failure' ? 'failed' : name === 'error' ? 'error' : 'skipped'
        if (attrs.message !== undefined) this.current.message = attrs.message
      }
      this.collectingText = !selfClosing && name !== 'skipped'
    }
  }

  private finishCase(): void {
    if (!this.current) return
    if (this.cases.length < MAX_JUNIT_CASES) this.cases.push(this.current)
    else this.droppedCases++
    this.current = undefined
    this.collectingText = false
  }

  end(): JUnitResult {
    this.finishCase()
    return { suites: this.suites, cases: this.cases, droppedCases: this.droppedCases, malformed: this.malformed }
  }
}

/** pytest's node id of a JUnit case: `tests.test_add` + `test_x` → `tests/test_add.py::test_x` when the file is known. */
export function junitCaseId(testCase: Pick<JUnitCase, 'classname' | 'name' | 'file'>): string {
  if (testCase.file) {
    const module = testCase.file.replace(/\.py$/, '').split('/').join('.')
    const rest = testCase.classname.startsWith(`${module}.`) ? testCase.classname.slice(module.length + 1).split('.') : []
    return [testCase.file, ...rest, testCase.name].join('::')
  }
  return testCase.classname ? `${testCase.classname}.${testCase.name}` : testCase.name
}
