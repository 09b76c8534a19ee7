import * as core from '@actions/core'
import path from 'node:path'
import { actionsLogger, createActionsCache, messageOf, uploadReportArtifact, writeJobSummary } from '../adapters/actions.js'
import { runEnvironment } from '../adapters/run-environment.js'
import { ACTION_INPUT_NAMES, readActionInputs } from '../config/action-inputs.js'
import { loadCustomVariants } from '../config/custom-variants.js'
import { validateRunOptions } from '../config/run-config.js'
import { PydebugError } from '../errors.js'
import { shardSuffix } from '../plan/cpython-tests.js'
import { FINDING_KINDS } from '../report/finding-kinds.js'
import type { Finding } from '../report/model.js'
import { describeCacheHit } from '../report/summary-md.js'
import { ensureInterpreter } from '../steps/build-python.js'
import { createStepContext } from '../steps/context.js'
import { planCellOrThrow, runCell } from '../steps/run-cell.js'

// Annotations past 10 per level and step are not shown (REST checks docs); the summary has all.
const MAX_ANNOTATIONS = 10

export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const customVariants = loadCustomVariants(inputs.config, workspace, "input 'config'")
    const config = validateRunOptions(inputs, ACTION_INPUT_NAMES, runEnvironment(workspace, process.env), { requireExtension: false, customVariants })
    const context = await createStepContext(config, { env: process.env, workspace, log: actionsLogger, remoteCache: createActionsCache() })
    const cell = planCellOrThrow(config)

    if (!config.extension && config.cpythonTests.kind === 'none') {
      const interpreter = await ensureInterpreter(context, cell, config.source, config)
      core.setOutput('python-path', interpreter.pythonPath)
      core.setOutput('cache-hit', String(interpreter.cacheHit !== 'none'))
      await writeJobSummary(`## pydebug: ${cell.id} · CPython ${cell.python.text} · ${cell.variant}\n\nInterpreter ${describeCacheHit(interpreter.cacheHit)} in ${interpreter.seconds.toFixed(1)} s: \`${interpreter.pythonPath}\`\n`)
      return
    }

    const outcome = await runCell(config, context, process.env.PYTHONPATH)
    if (outcome.interpreter) {
      core.setOutput('python-path', outcome.interpreter.pythonPath)
      core.setOutput('cache-hit', String(outcome.interpreter.cacheHit !== 'none'))
    }
    core.setOutput('report-path', outcome.reportPath)
    core.setOutput('status', outcome.report.status)
    await writeJobSummary(outcome.summaryMarkdown)
    annotate(outcome.report.findings, config.testsDir, workspace)
    if (inputs.uploadArtifact) await uploadReportArtifact(inputs.artifactName.trim() || `pydebug-${cell.id}${config.cpythonTestsShard ? `-${shardSuffix(config.cpythonTestsShard)}` : ''}`, context.outDir)

    if (outcome.report.error) core.setFailed(outcome.report.error.message)
    else if (outcome.report.status === 'nothing-tested') core.setFailed(`pydebug tested nothing in ${cell.id}: ${outcome.report.findings[0].message.replace(/^nothing was tested: /, '')}`)
    else if (outcome.exitCode !== 0) core.setFailed(`pydebug found ${outcome.report.findings.length} problem(s) in ${cell.id}; see the job summary and ${outcome.reportPath}`)
  } catch (error) {
    core.setFailed(error instanceof PydebugError ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : messageOf(error)}`)
  }
}

/** One annotation per finding on the test file it came from, most serious first. */
function annotate(findings: Finding[], testsDir: string | undefined, workspace: string): void {
  for (const finding of findings.slice(0, MAX_ANNOTATIONS)) {
    // CPython's own test files are not in the workspace.
    const file = finding.file ?? (finding.test && testsDir && finding.pass !== 'cpython-tests' ? path.relative(workspace, path.join(testsDir, `${finding.test}.py`)) : undefined)
    const owner = finding.case ?? finding.test
    core.error(finding.message, { title: `pydebug: ${FINDING_KINDS[finding.kind].label}${owner ? ` in ${owner}` : ''}`, ...(file ? { file } : {}), ...(finding.file && finding.line ? { startLine: finding.line } : {}) })
  }
}

await run()
