import { ConfigError } from '../errors.js'
import type { FailOn } from './exit-code.js'
import { REPORT_SCHEMA_VERSION, type BaselineSection, type Finding, type Report } from './model.js'

/** What makes a finding the same finding in another run: what it is and where, never how much. */
export type IdentityFields = Pick<Finding, 'kind' | 'test' | 'case' | 'file' | 'line' | 'function'>

/** An identity taken apart again: the finding's kind, test file, case and place (`file:line`, or the function). */
export interface IdentityParts {
  readonly kind: string
  readonly test: string
  readonly case: string
  readonly where: string
}

const SEPARATOR = ' | '

/**
 * A finding's stable identity: `kind | test | case | where`, where is `file:line` or else the
 * function (the frame). The message, deltas, sums, addresses, pids and log paths are left out:
 * they change from run to run for the same defect (a leak of 3 references per run is the same
 * leak at 4). A `|` or `\` inside a part is escaped, so two findings never share an identity by
 * accident of their names.
 */
export function findingIdentity(finding: IdentityFields): string {
  const where = finding.file ? `${finding.file.replaceAll('\\', '/')}${finding.line ? `:${finding.line}` : ''}` : (finding.function ?? '')
  return [finding.kind, finding.test ?? '', finding.case ?? '', where].map(escapePart).join(SEPARATOR)
}

/** The parts of an identity `findingIdentity` made (for showing a fixed finding, which exists only as its identity). */
export function identityParts(identity: string): IdentityParts {
  const parts: string[] = ['']
  for (let index = 0; index < identity.length; index++) {
    const char = identity[index]
    if (char === '\\' && index + 1 < identity.length) parts[parts.length - 1] += identity[++index]
    else if (identity.startsWith(SEPARATOR, index)) {
      parts.push('')
      index += SEPARATOR.length - 1
    } else parts[parts.length - 1] += char
  }
  const [kind = '', test = '', testCase = '', where = ''] = parts
  return { kind, test, case: testCase, where }
}

function escapePart(part: string): string {
  return part.replaceAll('\\', '\\\\').replaceAll('|', '\\|')
}

/** A baseline as read: where it came from and the identities of its findings, most serious first, once each. */
export interface Baseline {
  readonly source: string
  readonly identities: readonly string[]
}

export type BaselineReading = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly problem: string }

/**
 * Reads a baseline: a cell's report.json, or the one `pydebug report merge` writes (both are
 * schema 1 with a `findings` list). Never throws: what is wrong is said in `problem`.
 */
export function readBaseline(text: string, source: string): BaselineReading {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'it is JSON but not an object' }
  const record = value as Record<string, unknown>
  if (record.schema !== REPORT_SCHEMA_VERSION)
    return {
      ok: false,
      problem: `it has no "schema": ${REPORT_SCHEMA_VERSION} (found ${JSON.stringify(record.schema) ?? 'none'}), so it is not a pydebug report`,
    }
  if (!Array.isArray(record.findings)) return { ok: false, problem: 'it has no "findings" list' }
  const identities: string[] = []
  for (const [index, entry] of record.findings.entries()) {
    const finding = entry as Record<string, unknown> | null
    if (typeof finding !== 'object' || finding === null || typeof finding.kind !== 'string')
      return { ok: false, problem: `findings[${index}] is not a finding (no "kind")` }
    identities.push(
      findingIdentity({
        kind: finding.kind as Finding['kind'],
        ...stringField(finding, 'test'),
        ...stringField(finding, 'case'),
        ...stringField(finding, 'file'),
        ...stringField(finding, 'function'),
        ...(typeof finding.line === 'number' ? { line: finding.line } : {}),
      }),
    )
  }
  return { ok: true, baseline: { source, identities: [...new Set(identities)] } }
}

function stringField<K extends 'test' | 'case' | 'file' | 'function'>(record: Record<string, unknown>, key: K): Partial<Record<K, string>> {
  const value = record[key]
  return typeof value === 'string' ? ({ [key]: value } as Partial<Record<K, string>>) : {}
}

/**
 * The baseline option's file as read (undefined: it could not be read), or a ConfigError naming
 * it, what is wrong and what to give instead: the one message of `pydebug run`, the action and
 * `pydebug report merge`.
 */
export function baselineOrError(text: string | undefined, given: string): Baseline {
  const reading: BaselineReading = text === undefined ? { ok: false, problem: 'no such file, or it cannot be read' } : readBaseline(text, given)
  if (reading.ok) return reading.baseline
  throw new ConfigError(
    `baseline '${given}': ${reading.problem}. Give the report.json of an earlier pydebug run (a cell's artifact) or the report.json pydebug report merge wrote.`,
  )
}

/** Each finding new or unchanged by identity, and the baseline's findings no longer seen (fixed). Without a baseline every finding is new. */
export function compareWithBaseline(findings: readonly IdentityFields[], baseline: Baseline | undefined): BaselineSection {
  const current = [...new Set(findings.map(findingIdentity))]
  if (!baseline) return { new: current, fixed: [], unchanged: [] }
  const before = new Set(baseline.identities)
  const now = new Set(current)
  return {
    source: baseline.source,
    new: current.filter((identity) => !before.has(identity)),
    fixed: baseline.identities.filter((identity) => !now.has(identity)),
    unchanged: current.filter((identity) => before.has(identity)),
  }
}

/** The report with its `baseline` section: when a baseline was given, or `fail-on` is `new` (then, without one, every finding is new). */
export function withBaseline<R extends Pick<Report, 'findings'>>(
  report: R,
  baseline: Baseline | undefined,
  failOn: FailOn,
): R & { baseline?: BaselineSection } {
  if (!baseline && failOn !== 'new') return report
  return { ...report, baseline: compareWithBaseline(report.findings, baseline) }
}

/** The findings `fail-on: new` fails on: those the baseline did not have (all of them without a baseline section). */
export function newFindings<F extends IdentityFields>(findings: readonly F[], section: BaselineSection | undefined): F[] {
  const known = new Set(section?.unchanged ?? [])
  return findings.filter((finding) => !known.has(findingIdentity(finding)))
}
