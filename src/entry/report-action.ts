import path from 'node:path'
import * as core from '@actions/core'
import { runActionEntry } from '../adapters/action-entry.js'
import { messageOf, reportArtifactName, uploadReportArtifact, withoutWorkflowCommands, writeJobSummary } from '../adapters/actions.js'
import { makeScratchDir, readTextIfPresent, removeTree, writeText } from '../adapters/files.js'
import { reportCommand } from '../cli/report-command.js'
import { PydebugError } from '../errors.js'

/** report/action.yml's inputs as `pydebug report merge` flags: the CLI's messages then name the input. */
const FLAG_INPUTS: Readonly<Record<string, string>> = {
  '<folder>': 'reports',
  '--matrix': 'matrix',
  '--refused': 'refused',
  '--baseline': 'baseline',
  '--fail-on': 'fail-on',
  '--title': 'title',
  '--out': 'out',
}

function namingInputs(message: string): string {
  return message.replace(/(<folder>|--[a-z-]+)(?=[: '])/g, (flag) => (FLAG_INPUTS[flag] ? `input '${FLAG_INPUTS[flag]}'` : flag))
}

/**
 * The roll-up sub-action: `pydebug report merge` over the downloaded cell reports, its summary.md
 * as the job summary, the merged folder as an artifact. The matrix action's outputs go in as
 * they are (JSON text), so a workflow needs no shell step to write them to files.
 */
export async function run(): Promise<void> {
  const scratch = await makeScratchDir('pydebug-report-action-')
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const given = (name: string) => core.getInput(name).trim()
    const out = path.resolve(workspace, given('out') || 'pydebug-rollup')
    const planFile = async (name: string) => {
      if (!given(name)) return []
      const file = path.join(scratch, `${name}.json`)
      await writeText(file, given(name))
      return [`--${name}`, file]
    }
    const args = [
      'merge',
      ...(given('reports') || 'reports').split(/[\s,]+/).filter(Boolean),
      ...(await planFile('matrix')),
      ...(await planFile('refused')),
      ...(given('baseline') ? ['--baseline', given('baseline')] : []),
      '--fail-on',
      given('fail-on') || 'never',
      '--title',
      given('title') || 'pydebug',
      '--out',
      out,
    ]
    const code = await reportCommand.run(args, {
      cwd: workspace,
      env: process.env,
      stdout: (text) => core.info(withoutWorkflowCommands(text.trimEnd())),
      stderr: (text) => {
        for (const line of text.trimEnd().split('\n')) core.warning(namingInputs(line))
      },
    })
    const summaryPath = path.join(out, 'summary.md')
    core.setOutput('report-path', path.join(out, 'report.json'))
    core.setOutput('summary-path', summaryPath)
    const summary = await readTextIfPresent(summaryPath)
    if (summary) await writeJobSummary(summary)
    if (core.getBooleanInput('upload-artifact'))
      await uploadReportArtifact(reportArtifactName(given('artifact-name'), 'pydebug-rollup', { attempt: process.env.GITHUB_RUN_ATTEMPT }), out)
    if (code !== 0)
      core.setFailed(
        `pydebug report: the roll-up fails fail-on '${given('fail-on') || 'never'}': findings, or cells that failed or did not run (see the job summary)`,
      )
  } catch (error) {
    core.setFailed(
      error instanceof PydebugError
        ? namingInputs(error.message)
        : `internal error: ${error instanceof Error ? (error.stack ?? messageOf(error)) : messageOf(error)}`,
    )
  } finally {
    await removeTree(scratch)
  }
}

await runActionEntry(run, import.meta.url)
