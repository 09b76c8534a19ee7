import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_MATRIX_CONFIG_PATH, locatedList, mergeMatrixInputs, parseMatrixConfigFile, planMatrixFromInput, shardIndexOf, type MatrixInput } from '../config/matrix-config.js'
import { ConfigError } from '../errors.js'
import { MATRIX_FORMATS, renderMatrix, type MatrixFormat } from '../plan/render-matrix.js'
import { parseCommandArgs, type CliCommand, type CliIo } from './command.js'

const OPTIONS = {
  config: { type: 'string' },
  format: { type: 'string' },
  python: { type: 'string', multiple: true },
  variants: { type: 'string', multiple: true },
  os: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  source: { type: 'string' },
  'max-jobs': { type: 'string' },
  shard: { type: 'string' },
  strict: { type: 'boolean' },
  split: { type: 'boolean' },
  'cpython-tests-shards': { type: 'string' },
} as const

const USAGE = `Usage: pydebug matrix [--config FILE] [--format yaml|json|github] [options]

Plans the CI matrix: one job per runner, CPython version and variant, with its identifier,
configure arguments, runtime environment, ABI group and cache key. Reads ${DEFAULT_MATRIX_CONFIG_PATH}
when it exists; flags override its keys.

Options:
  --config FILE         matrix config (keys: python, variants, os, skip, custom-variants, strict, source, max-jobs, split, cpython-tests-shards)
  --format FORMAT       yaml (a strategy: block, default), json ({"include": [...]}), github (lines for $GITHUB_OUTPUT)
  --python V[,V...]     CPython versions, X.Y or X.Y.Z
  --variants N[,N...]   variants (see 'pydebug variants')
  --os LABEL[,...]      GitHub runner labels (default ubuntu-24.04)
  --skip GLOB[ ...]     cell identifiers to leave out, e.g. 'cp39-asan' or 'cp3{6,7}-*'
  --source URL          CPython source URL template for the cache keys (default python.org)
  --strict              refused or substituted cells are errors
  --max-jobs N          jobs per matrix (default and maximum 256)
  --split               over max-jobs, split into shards instead of failing
  --cpython-tests-shards N  N jobs per cell, each running its share of CPython's own test suite
                        (ids and artifacts end in -cpy1ofN; rows carry cpython-tests-shard)
  --shard N             print shard N (default 1)`

export const matrixCommand: CliCommand = {
  summary: 'Print the CI matrix for .github/pydebug.yml as YAML, JSON or $GITHUB_OUTPUT lines',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, OPTIONS)
    const format = (values.format ?? 'yaml') as MatrixFormat
    if (!MATRIX_FORMATS.includes(format)) throw new ConfigError(`--format '${values.format}' is not a matrix format. Allowed: ${MATRIX_FORMATS.join(', ')}.`)

    const configPath = values.config ?? (existsSync(path.resolve(io.cwd, DEFAULT_MATRIX_CONFIG_PATH)) ? DEFAULT_MATRIX_CONFIG_PATH : undefined)
    let fileInput: MatrixInput = {}
    let parseWarnings: string[] = []
    if (configPath !== undefined) {
      let text: string
      try {
        text = readFileSync(path.resolve(io.cwd, configPath), 'utf8')
      } catch (error) {
        throw new ConfigError(`--config '${configPath}': cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`)
      }
      ;({ input: fileInput, warnings: parseWarnings } = parseMatrixConfigFile(text, configPath))
    }
    const overrides: MatrixInput = {
      python: locatedList(values.python, '--python'),
      variants: locatedList(values.variants, '--variants'),
      os: locatedList(values.os, '--os'),
      skip: locatedList(values.skip, '--skip'),
      ...(values.strict ? { strict: true } : {}),
      ...(values.split ? { split: true } : {}),
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values['max-jobs'] !== undefined ? { maxJobs: { text: values['max-jobs'], where: '--max-jobs' } } : {}),
      ...(values['cpython-tests-shards'] !== undefined ? { cpythonTestsShards: { text: values['cpython-tests-shards'], where: '--cpython-tests-shards' } } : {}),
    }
    const { plan, warnings } = planMatrixFromInput(mergeMatrixInputs(fileInput, overrides), parseWarnings)
    const shard = shardIndexOf(values.shard, plan, '--shard')
    for (const warning of warnings) io.stderr(`pydebug matrix: warning: ${warning}\n`)
    if (format !== 'yaml') {
      for (const refusal of plan.refusals) io.stderr(`pydebug matrix: refused ${refusal.id} (${refusal.os}): ${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ''}\n`)
    }
    if (plan.shards.length > 1) io.stderr(`pydebug matrix: ${plan.cells.length} jobs in ${plan.shards.length} shards; this is shard ${shard + 1}.\n`)
    io.stdout(renderMatrix(plan, format, shard))
    return 0
  },
}
