import * as core from '@actions/core'
import { runActionEntry } from '../adapters/action-entry.js'
import { actionsLogger, createActionsCache, messageOf, uploadReportArtifact, writeJobSummary } from '../adapters/actions.js'
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
  try {
    const inputs = readActionInputs()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const customVariants = loadCustomVariants(inputs.config, actionInputSource(workspace))
    const config = validateRunOptions(inputs, ACTION_INPUT_NAMES, runEnvironment(workspace, process.env), { requireExtension: false, customVariants })
    const context = await createStepContext(config, { env: process.env, workspace, log: actionsLogger, remoteCache: createActionsCache() })
    const cell = planCellOrThrow(config)

    if (!config.extension && config.cpythonTests.kind === 'none') {
      const interpreter = await ensureInterpreter(context, cell, config.source, config)
      for (const [name, value] of Object.entries(interpreterOutputs(interpreter))) core.setOutput(name, value)
      await writeJobSummary(
        `## pydebug: ${cell.id} · CPython ${cell.python.text} · ${cell.variant}\n\nInterpreter ${describeCacheHit(interpreter.cacheHit)} in ${interpreter.seconds.toFixed(1)} s: \`${interpreter.pythonPath}\`\n`,
      )
      return
    }

    const outcome = await runCell(config, context, process.env.PYTHONPATH)
    if (outcome.interpreter) {
      for (const [name, value] of Object.entries(interpreterOutputs(outcome.interpreter))) core.setOutput(name, value)
    }
    core.setOutput('report-path', outcome.reportPath)
    core.setOutput('status', outcome.report.status)
    await writeJobSummary(outcome.summaryMarkdown)
    annotate(outcome.report.findings, {
      workspace,
      ...(config.testsDir ? { testsDir: config.testsDir } : {}),
      ...(config.extension ? { projectDir: config.extension } : {}),
    })
    if (inputs.uploadArtifact)
      await uploadReportArtifact(
        inputs.artifactName.trim() || `pydebug-${cell.id}${config.cpythonTestsShard ? `-${shardSuffix(config.cpythonTestsShard)}` : ''}`,
        context.outDir,
      )

    if (outcome.report.error) core.setFailed(outcome.report.error.message)
    else if (outcome.report.status === 'nothing-tested')
      core.setFailed(`pydebug tested nothing in ${cell.id}: ${outcome.report.findings[0].message.replace(/^nothing was tested: /, '')}`)
    else if (outcome.exitCode !== 0)
      core.setFailed(`pydebug found ${outcome.report.findings.length} problem(s) in ${cell.id}; see the job summary and ${outcome.reportPath}`)
  } catch (error) {
    core.setFailed(
      error instanceof PydebugError ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : messageOf(error)}`,
    )
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
