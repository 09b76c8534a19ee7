import * as core from '@actions/core'
import path from 'node:path'
import { runActionEntry } from '../adapters/action-entry.js'
import { removeFile } from '../adapters/files.js'
import {
  ACTION_STATE,
  actionsLogger,
  createActionsCache,
  messageOf,
  reportArtifactName,
  runnerFactsOf,
  uploadReportArtifact,
  writeJobSummary,
} from '../adapters/actions.js'
import { cancelOnSignals } from '../adapters/cancellation.js'
import { runEnvironment } from '../adapters/run-environment.js'
import { ACTION_INPUT_NAMES, readActionInputs } from '../config/action-inputs.js'
import { loadCustomVariants } from '../config/matrix-input.js'
import { actionInputSource } from '../config/option-names.js'
import { validateRunOptions } from '../config/run-config.js'
import { PydebugError } from '../errors.js'
import { shardSuffix } from '../plan/cpython-tests.js'
import { annotationsOf, MAX_ERROR_ANNOTATIONS, type AnnotationPaths } from '../report/annotations.js'
import { interpreterOutputs } from '../report/action-outputs.js'
import type { Finding } from '../report/model.js'
import { describeCacheHit } from '../report/summary-md.js'
import { ensureInterpreter } from '../steps/build-python.js'
import { createStepContext } from '../steps/context.js'
import { planCellOrThrow, runCell } from '../steps/run-cell.js'

export async function run(): Promise<void> {
  // A cancelled job: the runner's SIGINT ends the commands, the report is written, and the post step uploads it.
  const cancellation = cancelOnSignals((message) => core.warning(`pydebug: ${message}`))
  try {
    const inputs = readActionInputs()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const customVariants = loadCustomVariants(inputs.config, actionInputSource(workspace))
    const config = validateRunOptions(inputs, ACTION_INPUT_NAMES, runEnvironment(workspace, process.env), { requireExtension: false, customVariants })
    const context = await createStepContext(config, {
      env: process.env,
      workspace,
      log: actionsLogger,
      remoteCache: createActionsCache(),
      cancel: cancellation.signal,
    })
    const cell = planCellOrThrow(config)

    if (!config.extension && config.cpythonTests.kind === 'none') {
      const interpreter = await ensureInterpreter(context, cell, config.source, config)
      for (const [name, value] of Object.entries(interpreterOutputs(interpreter))) core.setOutput(name, value)
      await writeJobSummary(
        `## pydebug: ${cell.id} · CPython ${cell.python.text} · ${cell.variant}\n\nInterpreter ${describeCacheHit(interpreter.cacheHit)} in ${interpreter.seconds.toFixed(1)} s: \`${interpreter.pythonPath}\`\n`,
      )
      return
    }

    // Saved first, so the post step finds the report folder (or what is left of it) whatever becomes of this step.
    core.saveState(ACTION_STATE.outDir, context.outDir)
    core.saveState(ACTION_STATE.cellId, cell.id)
    const artifactName = inputs.uploadArtifact
      ? reportArtifactName(
          inputs.artifactName,
          `pydebug-${cell.id}${config.cpythonTestsShard ? `-${shardSuffix(config.cpythonTestsShard)}` : ''}`,
          runnerFactsOf(process.env),
        )
      : undefined
    if (artifactName) core.saveState(ACTION_STATE.artifactName, artifactName)
    // An earlier run's report in this folder must not pass for this run's in the post step.
    for (const file of ['report.json', 'summary.md']) await removeFile(path.join(context.outDir, file))

    const outcome = await runCell(config, context, process.env.PYTHONPATH)
    if (outcome.interpreter) {
      for (const [name, value] of Object.entries(interpreterOutputs(outcome.interpreter))) core.setOutput(name, value)
    }
    core.setOutput('report-path', outcome.reportPath)
    core.setOutput('status', outcome.report.status)
    if (await writeJobSummary(outcome.summaryMarkdown)) core.saveState(ACTION_STATE.summaryWritten, 'true')
    annotate(outcome.report.findings, {
      workspace,
      ...(config.testsDir ? { testsDir: config.testsDir } : {}),
      ...(config.extension ? { projectDir: config.extension } : {}),
    })
    // Cancelled, the runner's SIGTERM and SIGKILL follow within seconds: an upload cut short would leave the name
    // taken by an artifact that never completes. The post step has time of its own.
    if (artifactName && outcome.report.status === 'cancelled') core.info(`the run was cancelled: the post step uploads the report as ${artifactName}`)
    else if (artifactName && (await uploadReportArtifact(artifactName, context.outDir))) core.saveState(ACTION_STATE.artifactUploaded, 'true')

    if (outcome.report.error) core.setFailed(outcome.report.error.message)
    else if (outcome.report.status === 'nothing-tested')
      core.setFailed(`pydebug tested nothing in ${cell.id}: ${outcome.report.findings[0].message.replace(/^nothing was tested: /, '')}`)
    else if (outcome.exitCode !== 0)
      core.setFailed(`pydebug found ${outcome.report.findings.length} problem(s) in ${cell.id}; see the job summary and ${outcome.reportPath}`)
  } catch (error) {
    core.setFailed(
      error instanceof PydebugError ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : messageOf(error)}`,
    )
  } finally {
    cancellation.dispose()
  }
}

/** The findings as annotations (report/annotations.ts), and how many GitHub's limit left out. */
function annotate(findings: Finding[], paths: AnnotationPaths): void {
  const { annotations, omitted } = annotationsOf(findings, paths)
  for (const { message, ...where } of annotations) core.error(message, where)
  if (omitted)
    core.warning(
      `${omitted} more finding${omitted === 1 ? '' : 's'} not annotated (GitHub shows ${MAX_ERROR_ANNOTATIONS} per step): see the job summary and report.json`,
    )
}

await runActionEntry(run, import.meta.url)
