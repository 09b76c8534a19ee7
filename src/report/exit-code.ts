import { FINDINGS_EXIT_CODE } from '../errors.js'
import { failsOnLeaks } from './finding-kinds.js'
import type { Report } from './model.js'

/** What a run fails on: any finding (leak, crash, failing test), only leaks, or nothing. */
export const FAIL_ON_VALUES = ['findings', 'leaks', 'never'] as const
export type FailOn = (typeof FAIL_ON_VALUES)[number]

/**
 * The exit code a report's findings give under `fail-on`: the one rule of `pydebug run` (and the
 * action), `pydebug report parse` and `pydebug report merge`.
 */
export function findingsExitCode(report: Pick<Report, 'findings'>, failOn: FailOn): number {
  if (failOn === 'never') return 0
  const failing = failOn === 'leaks' ? report.findings.filter((finding) => failsOnLeaks(finding.kind)) : report.findings
  return failing.length ? FINDINGS_EXIT_CODE : 0
}
