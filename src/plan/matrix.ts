import { findKnownMinor } from '../catalog/known-versions.js'
import { minorOf, parsePythonVersion, type PythonVersion } from '../catalog/python-version.js'
import { findVariant, type VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { planBuildCacheKey, type PlatformFacts } from './cache-key.js'
import { planCell, type CellPlan, type CellRefusal } from './cell.js'
import { shardSuffix, type ShardSpec } from './cpython-tests.js'
import { compileSelector, type Selector } from './select.js'
import { resolveSourceSpec, sourceIdentityOf } from './source.js'

/** GitHub refuses a matrix with more jobs than this per workflow run. */
export const GITHUB_MATRIX_JOB_LIMIT = 256

/** A validated matrix request: what `.github/pydebug.yml`, CLI flags and the matrix action all become. */
export interface MatrixConfig {
  /** Minor (`3.11`, built at the catalog's latest release) or exact (`3.11.4`) versions. */
  readonly python: readonly string[]
  readonly variants: readonly string[]
  /** GitHub runner labels. @default ['ubuntu-24.04'] */
  readonly os: readonly string[]
  /** Globs over cell identifiers (`cp39-asan`, `cp3{6,7}-*`); with a colon, over `<os>:<id>` (`macos-*:*-valgrind`). */
  readonly skip: readonly string[]
  readonly customVariants: readonly VariantSpec[]
  /** Refused and substituted cells become errors. @default false */
  readonly strict: boolean
  /** Source URL template for the cache key (see resolveSourceSpec). @default python.org */
  readonly source?: string
  /** @default 256, GitHub's limit */
  readonly maxJobs: number
  /** Over maxJobs: split into shards instead of refusing. @default false */
  readonly split: boolean
  /** Jobs per (os, python, variant) that share CPython's own test suite between them (`cpython-tests-shard`). @default 1 */
  readonly cpythonTestsShards?: number
}

export const MATRIX_DEFAULTS = {
  variants: ['pydebug'],
  os: ['ubuntu-24.04'],
  skip: [] as string[],
  strict: false,
  maxJobs: GITHUB_MATRIX_JOB_LIMIT,
  split: false,
} as const

/** One job of the generated matrix, with kebab-case keys as workflow authors write them. */
export interface MatrixRow {
  readonly id: string
  readonly os: string
  /** Exact release for the main action's `python-version` input. */
  readonly 'python-version': string
  readonly python: string
  readonly variant: string
  readonly 'configure-args': string
  readonly 'build-env': string
  readonly 'runtime-env': string
  readonly 'abi-flags': string
  readonly 'abi-group': string
  readonly 'extension-rebuild': string
  readonly 'cache-key': string
  readonly artifact: string
  /** `INDEX/COUNT` for the main action's `cpython-tests-shard` input; only in a matrix with `cpython-tests-shards`. */
  readonly 'cpython-tests-shard'?: string
  readonly note?: string
}

export interface PlannedCell {
  readonly os: string
  readonly cell: CellPlan
  readonly row: MatrixRow
}

export interface MatrixRefusal extends CellRefusal {
  readonly os: string
}

export interface MatrixPlan {
  readonly cells: readonly PlannedCell[]
  readonly refusals: readonly MatrixRefusal[]
  readonly warnings: readonly string[]
  /** The cells in chunks of at most maxJobs; one shard unless `split` was needed. */
  readonly shards: readonly (readonly PlannedCell[])[]
}

/** What a GitHub-hosted runner label means for cache keys (ImageOS as the runner sets it). */
export const RUNNER_LABELS: Readonly<Record<string, PlatformFacts>> = {
  'ubuntu-latest': { os: 'linux', arch: 'x64', image: 'ubuntu24' },
  'ubuntu-24.04': { os: 'linux', arch: 'x64', image: 'ubuntu24' },
  'ubuntu-22.04': { os: 'linux', arch: 'x64', image: 'ubuntu22' },
  'ubuntu-24.04-arm': { os: 'linux', arch: 'arm64', image: 'ubuntu24' },
  'ubuntu-22.04-arm': { os: 'linux', arch: 'arm64', image: 'ubuntu22' },
  'macos-latest': { os: 'darwin', arch: 'arm64', image: 'macos15' },
  'macos-15': { os: 'darwin', arch: 'arm64', image: 'macos15' },
  'macos-14': { os: 'darwin', arch: 'arm64', image: 'macos14' },
  'macos-13': { os: 'darwin', arch: 'x64', image: 'macos13' },
}

function platformOfRunner(label: string): PlatformFacts {
  return RUNNER_LABELS[label] ?? { os: label, arch: 'unknown' }
}

/** `3.11` → the catalog's latest 3.11 release; `3.11.4` as given. */
export function resolvePythonSelection(text: string): PythonVersion | undefined {
  const trimmed = text.trim()
  const known = findKnownMinor(trimmed)
  if (known) return parsePythonVersion(known.latest)
  const exact = parsePythonVersion(trimmed)
  return exact && findKnownMinor(minorOf(exact)) ? exact : undefined
}

function resolveVariant(name: string, customVariants: readonly VariantSpec[]): VariantSpec | undefined {
  return customVariants.find((variant) => variant.name === name) ?? findVariant(name)
}

const formatEnv = (env: Readonly<Record<string, string>>) =>
  Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')

/**
 * Plans every (os, python, variant) cell. Pure: the same config gives the same matrix in the CLI,
 * the matrix action and tests. Skips apply before planning, so a skipped cell is never reported
 * as refused.
 */
export function planMatrix(config: MatrixConfig): MatrixPlan {
  const skips: Selector[] = config.skip.map(compileSelector)
  const used = new Set<Selector>()
  const versions = config.python.map((text) => {
    const version = resolvePythonSelection(text)
    if (!version) throw new ConfigError(`python '${text}' is not a CPython version the catalog knows (3.6 to 3.15, as X.Y or X.Y.Z).`)
    return version
  })
  const variants = config.variants.map((name) => {
    const variant = resolveVariant(name, config.customVariants)
    if (!variant) throw new ConfigError(`variant '${name}' is neither built in nor defined under custom-variants.`)
    return variant
  })
  const multipleOs = config.os.length > 1
  rejectDuplicates(config.os, 'os', (label) => label)
  rejectDuplicates(versions, 'python', (version) => minorOf(version))
  rejectDuplicates(variants, 'variants', (variant) => variant.name)
  const cells: PlannedCell[] = []
  const refusals: MatrixRefusal[] = []
  const warnings: string[] = []
  const substitutions: string[] = []
  // A cell's plan does not depend on the runner: plan each (python, variant) once.
  const planned = versions.map((python) => {
    const source = resolveSourceSpec(config.source, python, (path) => path)
    return {
      sourceIdentity: sourceIdentityOf(source),
      results: variants.map((variant) => planCell(python, variant)),
    }
  })
  for (const os of config.os) {
    const platform = platformOfRunner(os)
    for (const { sourceIdentity, results } of planned) {
      for (const result of results) {
        const id = result.ok ? result.cell.id : result.refusal.id
        const skip = skips.find((selector) => selector.matches(selector.pattern.includes(':') ? `${os}:${id}` : id))
        if (skip) {
          used.add(skip)
          continue
        }
        if (!result.ok) {
          refusals.push({ ...result.refusal, os })
          continue
        }
        const cell = result.cell
        if (cell.substitution) substitutions.push(`${cell.id}: ${cell.substitution.reason} (${cell.substitution.source})`)
        // One job per shard of CPython's test suite: same interpreter and cache key, its own id and artifact.
        for (const shard of cpythonTestShards(config.cpythonTestsShards)) {
          const id = shard ? `${cell.id}-${shardSuffix(shard)}` : cell.id
          cells.push({
            os,
            cell,
            row: {
              id,
              os,
              'python-version': cell.python.text,
              python: minorOf(cell.python),
              variant: cell.variant,
              'configure-args': cell.configureArgs.join(' '),
              'build-env': formatEnv(cell.buildEnv),
              'runtime-env': formatEnv(cell.runtimeEnv),
              'abi-flags': cell.abiFlags,
              'abi-group': cell.extensionAbi,
              'extension-rebuild': cell.extensionRebuild.need,
              'cache-key': planBuildCacheKey({ cell, source: sourceIdentity, platform }),
              artifact: `pydebug-${id}${multipleOs ? `-${os}` : ''}`,
              ...(shard ? { 'cpython-tests-shard': `${shard.index}/${shard.count}` } : {}),
              ...(cell.substitution ? { note: `built as its equivalent: ${cell.substitution.reason}` } : {}),
            },
          })
        }
      }
    }
  }
  for (const selector of skips) {
    if (!used.has(selector)) warnings.push(`skip '${selector.pattern}' matches no cell of this matrix; it has no effect.`)
  }
  // The same cell on several runners is one substitution.
  warnings.push(...[...new Set(substitutions)].map((text) => `substituted ${text}`))
  if (config.strict && (refusals.length || substitutions.length)) {
    const lines = [...new Set([...refusals.map((refusal) => `${refusal.id}: ${refusal.reason} (${refusal.source})`), ...substitutions])]
    throw new ConfigError(`strict: ${lines.length} cell(s) cannot be built as asked:\n  ${lines.join('\n  ')}\nSkip them (skip: [...]) or turn strict off.`)
  }
  if (cells.length === 0) {
    throw new ConfigError(
      `the selection matches no buildable cell (${refusals.length} refused, the rest skipped).${refusals.length ? `\n  ${refusals.map((refusal) => `${refusal.id}: ${refusal.reason}`).join('\n  ')}` : ''}`,
    )
  }
  return { cells, refusals, warnings, shards: shardCells(cells, config) }
}

/** With `cpython-tests-shards: N` (N > 1), N shards per cell; otherwise one job, unsharded. */
function cpythonTestShards(count: number | undefined): (ShardSpec | undefined)[] {
  return count && count > 1 ? Array.from({ length: count }, (_, index) => ({ index: index + 1, count })) : [undefined]
}

/** Two entries that plan the same cell would give two jobs one identifier, cache key and artifact name. */
function rejectDuplicates<T>(values: readonly T[], key: string, identity: (value: T) => string): void {
  const seen = new Set<string>()
  for (const value of values) {
    const name = identity(value)
    if (seen.has(name)) throw new ConfigError(`${key} lists ${name} more than once; each cell identifier must be unique (one X.Y or X.Y.Z per minor version).`)
    seen.add(name)
  }
}

function shardCells(cells: readonly PlannedCell[], config: Pick<MatrixConfig, 'maxJobs' | 'split'>): PlannedCell[][] {
  if (cells.length <= config.maxJobs) return [[...cells]]
  const count = Math.ceil(cells.length / config.maxJobs)
  if (!config.split) {
    throw new ConfigError(
      `the matrix has ${cells.length} jobs, over the limit of ${config.maxJobs} per matrix (GitHub allows ${GITHUB_MATRIX_JOB_LIMIT}). Narrow it with skip, or set split: true to get ${count} shards.`,
    )
  }
  // Even shards, so no workflow run waits on one oversized job list.
  const size = Math.ceil(cells.length / count)
  return Array.from({ length: count }, (_, index) => cells.slice(index * size, (index + 1) * size))
}

/** The value for `strategy.matrix`: `{ include: [...] }`. */
export function matrixInclude(cells: readonly PlannedCell[]): { include: MatrixRow[] } {
  return { include: cells.map((planned) => planned.row) }
}
