import { DEFAULT_MATRIX_CONFIG_PATH, planMatrixFromInput, shardIndexOf } from '../config/matrix-config.js'
import { loadMatrixInput } from '../config/matrix-input.js'
import { commandLineSource } from '../config/option-names.js'
import { ConfigError } from '../errors.js'
import { MATRIX_FORMATS, renderMatrix, type MatrixFormat } from '../plan/render-matrix.js'
import { parseCommandArgs, type CliCommand, type CliIo } from './command.js'

/** The flags of `pydebug matrix`, as parseArgs takes them. */
export const MATRIX_OPTIONS = {
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
when it exists (a --config FILE must exist); flags override its keys.

Options:
  --config FILE         matrix config (keys: python, variants, os, skip, custom-variants, strict, source, max-jobs, split, cpython-tests-shards)
  --format FORMAT       yaml (a strategy: block, default), json ({"include": [...]}), github (lines for $GITHUB_OUTPUT)
  --python V[,V...]     CPython versions, X.Y or X.Y.Z
  --variants N[,N...]   variants (see 'pydebug variants')
  --os LABEL[,...]      GitHub runner labels (default ubuntu-24.04)
  --skip GLOB[ ...]     cell identifiers to leave out, e.g. 'cp39-asan' or 'cp3{6,7}-*'
  --source URL          CPython source URL template for the cache keys (default python.org)
  --[no-]strict         refused or substituted cells are errors (--no-strict: notices, whatever the config says)
  --max-jobs N          jobs per matrix (default and maximum 256)
  --[no-]split          over max-jobs, split into shards instead of failing
  --cpython-tests-shards N  N jobs per cell, each running its share of CPython's own test suite
                        (ids and artifacts end in -cpy1ofN; rows carry cpython-tests-shard)
  --shard N             print shard N (default 1)`

export const matrixCommand: CliCommand = {
  summary: 'Print the CI matrix for .github/pydebug.yml as YAML, JSON or $GITHUB_OUTPUT lines',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, MATRIX_OPTIONS)
    const format = (values.format ?? 'yaml') as MatrixFormat
    if (!MATRIX_FORMATS.includes(format)) throw new ConfigError(`--format '${values.format}' is not a matrix format. Allowed: ${MATRIX_FORMATS.join(', ')}.`)

    const { input, warnings: parseWarnings } = loadMatrixInput(values.config, values, commandLineSource(io.cwd))
    const { plan, warnings } = planMatrixFromInput(input, parseWarnings)
    const shard = shardIndexOf(values.shard, plan, '--shard')
    for (const warning of warnings) io.stderr(`pydebug matrix: warning: ${warning}\n`)
    if (format !== 'yaml') {
      for (const refusal of plan.refusals)
        io.stderr(
          `pydebug matrix: refused ${refusal.id} (${refusal.os}): ${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ''}\n`,
        )
    }
    if (plan.shards.length > 1) io.stderr(`pydebug matrix: ${plan.cells.length} jobs in ${plan.shards.length} shards; this is shard ${shard + 1}.\n`)
    io.stdout(renderMatrix(plan, format, shard))
    return 0
  },
}
