import * as core from '@actions/core'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_MATRIX_CONFIG_PATH, explicitConfigPath, locatedList, mergeMatrixInputs, parseMatrixConfigFile, planMatrixFromInput, shardIndexOf, type MatrixInput } from '../config/matrix-config.js'
import { ConfigError } from '../errors.js'
import { renderMatrixJson } from '../plan/render-matrix.js'

/** Inputs as written in matrix/action.yml, so messages name what the workflow author typed. */
const where = (name: string) => `input '${name}'`
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
    const configPath = explicitConfigPath(core.getInput('config')) ?? (existsSync(path.resolve(workspace, DEFAULT_MATRIX_CONFIG_PATH)) ? DEFAULT_MATRIX_CONFIG_PATH : undefined)
    let fileInput: MatrixInput = {}
    let parseWarnings: string[] = []
    if (configPath !== undefined) {
      const absolute = path.resolve(workspace, configPath)
      const expected = `Give the path of a pydebug config file relative to the workspace and check out the repository before this step, or leave the input at its default (${DEFAULT_MATRIX_CONFIG_PATH}, read when it exists).`
      if (!existsSync(absolute)) throw new ConfigError(`${where('config')} '${configPath}': no such file in the workspace (${absolute}). ${expected}`)
      let text: string
      try {
        text = readFileSync(absolute, 'utf8')
      } catch (error) {
        throw new ConfigError(`${where('config')} '${configPath}': cannot read ${absolute} (${(error as NodeJS.ErrnoException).code ?? String(error)}). ${expected}`)
      }
      ;({ input: fileInput, warnings: parseWarnings } = parseMatrixConfigFile(text, configPath))
    }
    const boolean = (name: string) => (given(name) === undefined ? undefined : core.getBooleanInput(name))
    const strict = boolean('strict')
    const split = boolean('split')
    const overrides: MatrixInput = {
      python: locatedList(given('python'), where('python')),
      variants: locatedList(given('variants'), where('variants')),
      os: locatedList(given('os'), where('os')),
      skip: locatedList(given('skip'), where('skip')),
      ...(strict !== undefined ? { strict } : {}),
      ...(split !== undefined ? { split } : {}),
      ...(given('source') !== undefined ? { source: given('source') } : {}),
      ...(given('max-jobs') !== undefined ? { maxJobs: { text: given('max-jobs')!, where: where('max-jobs') } } : {}),
      ...(given('cpython-tests-shards') !== undefined ? { cpythonTestsShards: { text: given('cpython-tests-shards')!, where: where('cpython-tests-shards') } } : {}),
    }
    const { plan, warnings } = planMatrixFromInput(mergeMatrixInputs(fileInput, overrides), parseWarnings)
    const shard = shardIndexOf(given('shard'), plan, where('shard'))
    for (const warning of warnings) core.warning(warning, annotationOf(warning))
    for (const refusal of plan.refusals) {
      core.notice(`${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ''}`, { title: `pydebug: ${refusal.id} (${refusal.os}) refused` })
    }
    const cells = plan.shards[shard]
    core.setOutput('matrix', renderMatrixJson(cells))
    core.setOutput('count', String(cells.length))
    core.setOutput('shards', String(plan.shards.length))
    core.setOutput('refused', JSON.stringify(plan.refusals.map(({ id, os, reason, source, alternative }) => ({ id, os, reason, source, ...(alternative ? { alternative } : {}) }))))
    core.info(`Planned ${cells.length} job(s)${plan.shards.length > 1 ? ` (shard ${shard + 1} of ${plan.shards.length})` : ''}; ${plan.refusals.length} refused.`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}

await run()
