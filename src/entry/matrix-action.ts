import * as core from '@actions/core'
import { runActionEntry } from '../adapters/action-entry.js'
import { explicitConfigPath, planMatrixFromInput, shardIndexOf } from '../config/matrix-config.js'
import { loadMatrixInput, type MatrixOptionValues } from '../config/matrix-input.js'
import { actionInputSource, inputName } from '../config/option-names.js'
import { renderMatrixJson } from '../plan/render-matrix.js'

/** An input of matrix/action.yml, or undefined when empty. */
const given = (name: string) => {
  const value = core.getInput(name)
  return value.trim() === '' ? undefined : value
}

// Config-file messages start with `file:line:col: `; annotations then point at the line.
function annotationOf(message: string): core.AnnotationProperties {
  const match = /^([^:\s]+):(\d+):(\d+): /.exec(message)
  return match ? { file: match[1], startLine: Number(match[2]), startColumn: Number(match[3]) } : {}
}

/** The matrix sub-action: the same planning as `pydebug matrix`, from the same ref as the main action. */
export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const boolean = (name: string) => (given(name) === undefined ? undefined : core.getBooleanInput(name))
    const values: MatrixOptionValues = {
      python: given('python'),
      variants: given('variants'),
      os: given('os'),
      skip: given('skip'),
      strict: boolean('strict'),
      split: boolean('split'),
      source: given('source'),
      'max-jobs': given('max-jobs'),
      'cpython-tests-shards': given('cpython-tests-shards'),
    }
    const { input, warnings: parseWarnings } = loadMatrixInput(explicitConfigPath(core.getInput('config')), values, actionInputSource(workspace))
    const { plan, warnings } = planMatrixFromInput(input, parseWarnings)
    const shard = shardIndexOf(given('shard'), plan, inputName('shard'))
    for (const warning of warnings) core.warning(warning, annotationOf(warning))
    for (const refusal of plan.refusals) {
      core.notice(`${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ''}`, {
        title: `pydebug: ${refusal.id} (${refusal.os}) refused`,
      })
    }
    const cells = plan.shards[shard]
    core.setOutput('matrix', renderMatrixJson(cells))
    core.setOutput('count', String(cells.length))
    core.setOutput('shards', String(plan.shards.length))
    core.setOutput(
      'refused',
      JSON.stringify(plan.refusals.map(({ id, os, reason, source, alternative }) => ({ id, os, reason, source, ...(alternative ? { alternative } : {}) }))),
    )
    core.info(
      `Planned ${cells.length} job(s)${plan.shards.length > 1 ? ` (shard ${shard + 1} of ${plan.shards.length})` : ''}; ${plan.refusals.length} refused.`,
    )
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

await runActionEntry(run, import.meta.url)
