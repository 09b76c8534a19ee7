import { FINDINGS_EXIT_CODE } from '../errors.js'
import { newFindings } from './baseline.js'
import { failsOnLeaks } from './finding-kinds.js'
import type { Report } from './model.js'

/** What a run fails on: any finding (leak, crash, failing test), only leaks, only findings the baseline did not have, or nothing. */
export const FAIL_ON_VALUES = ['findings', 'leaks', 'new', 'never'] as const
export type FailOn = (typeof FAIL_ON_VALUES)[number]

/**
 * The exit code a report's findings give under `fail-on`: the one rule of `pydebug run` (and the
 * action), `pydebug report parse` and `pydebug report merge`. `new` reads the report's `baseline`
 * section (report/baseline.ts): without one, every finding is new.
 */
export function findingsExitCode(report: Pick<Report, 'findings' | 'baseline'>, failOn: FailOn): number {
  if (failOn === 'never') return 0
  const failing =
    failOn === 'leaks'
      ? report.findings.filter((finding) => failsOnLeaks(finding.kind))
      : failOn === 'new'
        ? newFindings(report.findings, report.baseline)
        : report.findings
  return failing.length ? FINDINGS_EXIT_CODE : 0
}
