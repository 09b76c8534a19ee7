import { REPORT_SCHEMA_VERSION, type Report } from './model.js'

/** `error.kind` of the report the action's post step writes when the main step left none. */
export const MAIN_STEP_ENDED_KIND = 'MainStepEnded'

/**
 * The report.json the post step writes in place of the main step's when main ended before writing
 * one (it crashed, or was killed: a job cancelled or timed out past the runner's grace period), so
 * the artifact still says what happened beside the logs main had written.
 */
export function reportOfEndedMainStep(toolVersion: string, generatedAt: string, cellId: string | undefined): Report {
  return {
    schema: REPORT_SCHEMA_VERSION,
    tool: { name: 'pydebug', version: toolVersion },
    generatedAt,
    status: 'error',
    error: {
      kind: MAIN_STEP_ENDED_KIND,
      message:
        `pydebug's main step${cellId ? ` (${cellId})` : ''} ended before it wrote report.json: it crashed or was killed ` +
        '(a cancelled or timed-out job whose main step did not end in time). The logs it had written are in logs/ beside this file.',
    },
    extensions: [],
    findings: [],
    logs: [],
  }
}
