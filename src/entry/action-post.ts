/**
 * The action's post step (action.yml `post`, `post-if: always()`): the runner runs it after the job's
 * steps, also when the job failed, was cancelled or timed out. What the main step did not get to do
 * with its report folder (ACTION_STATE), this does: the job summary, and the artifact upload. When
 * main ended before writing report.json, it writes one that says so, so the artifact still explains
 * the logs in it.
 */
import * as core from '@actions/core'
import path from 'node:path'
import { ACTION_STATE, messageOf, uploadReportArtifact, writeJobSummary } from '../adapters/actions.js'
import { runActionEntry } from '../adapters/action-entry.js'
import { readTextIfPresent, writeFileAtomic } from '../adapters/files.js'
import { reportOfEndedMainStep } from '../report/missing-report.js'
import type { Report } from '../report/model.js'
import { renderSummaryMarkdown } from '../report/summary-md.js'
import { TOOL_VERSION } from '../version.js'

export async function runPost(): Promise<void> {
  const outDir = core.getState(ACTION_STATE.outDir)
  // Main stopped before it ran a cell (bad input, say): it has no report folder.
  if (!outDir) return
  const summaryWritten = core.getState(ACTION_STATE.summaryWritten) === 'true'
  const artifactName = core.getState(ACTION_STATE.artifactUploaded) === 'true' ? '' : core.getState(ACTION_STATE.artifactName)
  if (summaryWritten && !artifactName) return

  let summary: string | undefined
  try {
    summary = await summaryOfReport(outDir, core.getState(ACTION_STATE.cellId))
  } catch (error) {
    core.warning(`the report in ${outDir} could not be read or written: ${messageOf(error)}`)
  }
  if (summary !== undefined && !summaryWritten) await writeJobSummary(summary)
  if (artifactName) await uploadReportArtifact(artifactName, outDir)
}

/** The report's summary.md; when main left no report.json, the report and summary that say so, written beside its logs. */
async function summaryOfReport(outDir: string, cellId: string): Promise<string> {
  const reportText = await readTextIfPresent(path.join(outDir, 'report.json'))
  if (reportText !== undefined) {
    return (await readTextIfPresent(path.join(outDir, 'summary.md'))) ?? renderSummaryMarkdown(JSON.parse(reportText) as Report)
  }
  core.warning(`pydebug's main step left no report.json in ${outDir}: writing one that says so, beside the logs it wrote`)
  const report = reportOfEndedMainStep(TOOL_VERSION, new Date().toISOString(), cellId || undefined)
  const summary = renderSummaryMarkdown(report)
  await writeFileAtomic(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  await writeFileAtomic(path.join(outDir, 'summary.md'), summary)
  return summary
}

await runActionEntry(runPost, import.meta.url)
