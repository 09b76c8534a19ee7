/**
 * regrtest's `--junit-xml` file (Lib/test/support/testresult.py, Lib/test/libregrtest/main.py
 * save_xml_result): `<testsuites tests= errors= failures=>`, one `<testsuite>` per test file that
 * ran, one `<testcase name="test.test_int.IntTestCases.test_basic" time="0.001">` per case, with a
 * `<failure>`, `<error>` or `<skipped>` child. Read with a scanner, not a DOM: it never throws, and
 * counts what it cannot read.
 */

export interface JunitFileTotals {
  cases: number
  failures: number
  errors: number
  skipped: number
  /** The sum of its cases' `time`. */
  seconds: number
}

export interface RegrtestJunit {
  /** The root's own totals, as regrtest added them up; absent when the root element is missing. */
  readonly totals?: { readonly tests: number; readonly errors: number; readonly failures: number }
  readonly suites: number
  readonly cases: number
  readonly failures: number
  readonly errors: number
  readonly skipped: number
  /** Per test file (`test_int`), named after its suite's first case (junitSuiteFile). */
  readonly files: Record<string, JunitFileTotals>
  /** Suites whose test file the case ids do not say (test_unittest's cases are `unittest.test...`). */
  readonly unnamedSuites: number
}

const ROOT = /<testsuites\b([^>]*)>/
const SUITE = /<testsuite\b/g
const CASE = /<testcase\b([^>]*?)(\/>|>)/g
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g
const CHILD = /<(failure|error|skipped)\b/

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const match of text.matchAll(ATTRIBUTE)) result[match[1]] = decodeEntities(match[2])
  return result
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ENTITIES[name])
}

const count = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : 0)

/**
 * The test file a suite belongs to, from its first case's id: `test.test_int.IntTestCases.test_basic`
 * → `test_int` (Lib/test), `test_hang.Tests.test_sleep` → `test_hang` (--testdir). Test files whose
 * cases live elsewhere (test_unittest runs `unittest.test...`) are not named.
 */
function junitSuiteFile(firstCaseId: string): string | undefined {
  const parts = firstCaseId.split('.')
  if (parts[0] === 'test' && parts[1]?.startsWith('test_')) return parts[1]
  return parts[0].startsWith('test_') ? parts[0] : undefined
}

export function parseRegrtestJunit(xml: string): RegrtestJunit {
  const rootMatch = ROOT.exec(xml)
  const root = rootMatch ? attributes(rootMatch[1]) : undefined
  const files: Record<string, JunitFileTotals> = {}
  const totals = { cases: 0, failures: 0, errors: 0, skipped: 0 }
  let unnamedSuites = 0
  const suiteStarts = [...xml.matchAll(SUITE)].map((match) => match.index)
  suiteStarts.forEach((start, position) => {
    const suite = xml.slice(start, suiteStarts[position + 1] ?? xml.length)
    const cases = [...suite.matchAll(CASE)]
    const file = cases.length ? junitSuiteFile(attributes(cases[0][1]).name ?? '') : undefined
    if (cases.length && !file) unnamedSuites++
    const fileTotals = file ? (files[file] ??= { cases: 0, failures: 0, errors: 0, skipped: 0, seconds: 0 }) : undefined
    cases.forEach((match, index) => {
      totals.cases++
      const seconds = Number(attributes(match[1]).time)
      if (fileTotals) {
        fileTotals.cases++
        if (Number.isFinite(seconds)) fileTotals.seconds += seconds
      }
      if (match[2] !== '>') return
      // The case's children run to its closing tag (or to the next case, if the file was cut short).
      const end = suite.indexOf('</testcase>', match.index)
      const next = cases[index + 1]?.index ?? suite.length
      const child = CHILD.exec(suite.slice(match.index + match[0].length, end < 0 ? next : Math.min(end, next)))?.[1]
      const key = child === 'failure' ? 'failures' : child === 'error' ? 'errors' : child === 'skipped' ? 'skipped' : undefined
      if (!key) return
      totals[key]++
      if (fileTotals) fileTotals[key]++
    })
  })
  for (const fileTotals of Object.values(files)) fileTotals.seconds = Math.round(fileTotals.seconds * 1000) / 1000
  return {
    ...(root ? { totals: { tests: count(root.tests), errors: count(root.errors), failures: count(root.failures) } } : {}),
    suites: suiteStarts.length,
    ...totals,
    files,
    unnamedSuites,
  }
}
