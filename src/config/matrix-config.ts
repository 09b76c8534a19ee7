import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar } from 'yaml'
import { findConfigureOption, CONFIGURE_OPTIONS, optionName } from '../catalog/build-rules.js'
import { KNOWN_MINORS } from '../catalog/known-versions.js'
import { parseMinorVersion } from '../catalog/python-version.js'
import { VARIANTS, type VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { cellId, isFreeThreaded } from '../plan/cell.js'
import { unsupportedRunnerReason, untestedRunnerNotice } from '../plan/platforms.js'
import {
  GITHUB_MATRIX_JOB_LIMIT,
  MATRIX_DEFAULTS,
  RUNNER_LABELS,
  planMatrix,
  resolvePythonSelection,
  type MatrixConfig,
  type MatrixPlan,
} from '../plan/matrix.js'
import { GlobSyntaxError, compileSelector } from '../plan/select.js'
import { closestMatch, perhaps } from './nearest-match.js'
import { sourceOf } from './source-input.js'

// More shards than this gives jobs that each spend longer restoring the interpreter than testing.
const MAX_CPYTHON_TESTS_SHARDS = 32

/** Where the matrix config lives by default, relative to the repository root. */
export const DEFAULT_MATRIX_CONFIG_PATH = '.github/pydebug.yml'

/**
 * The config file the actions' `config` input names, or undefined for the default file, which is
 * read only when it exists. A value equal to the default behaves as the default: the runner puts
 * action.yml's default into INPUT_CONFIG and the reusable workflow forwards its own, so the code
 * cannot tell a default left alone from the same path typed by hand. Only another path must exist.
 * The CLI can tell them apart, so it does not use this: there `--config` always names a file.
 */
export function explicitConfigPath(inputValue: string): string | undefined {
  const trimmed = inputValue.trim()
  return trimmed === '' || trimmed === DEFAULT_MATRIX_CONFIG_PATH ? undefined : trimmed
}

/** A value as the user wrote it, and where: `file:line:col` in a config file, or the flag / input name. */
export interface Located {
  readonly text: string
  readonly where: string
}

/** Matrix settings before validation; each key is absent when neither the file nor a flag set it. */
export interface MatrixInput {
  readonly python?: readonly Located[]
  readonly variants?: readonly Located[]
  readonly os?: readonly Located[]
  readonly skip?: readonly Located[]
  readonly customVariants?: readonly VariantSpec[]
  readonly strict?: boolean
  readonly source?: string
  readonly maxJobs?: Located
  readonly split?: boolean
  readonly cpythonTestsShards?: Located
}

/** Each key of a matrix config file: the MatrixInput field it sets and how its value is read. The order is the one error messages list. */
const MATRIX_CONFIG_FIELDS = {
  python: { field: 'python', read: 'list' },
  variants: { field: 'variants', read: 'list' },
  os: { field: 'os', read: 'list' },
  skip: { field: 'skip', read: 'list' },
  'custom-variants': { field: 'customVariants', read: 'custom-variants' },
  strict: { field: 'strict', read: 'boolean' },
  source: { field: 'source', read: 'text' },
  'max-jobs': { field: 'maxJobs', read: 'scalar' },
  split: { field: 'split', read: 'boolean' },
  'cpython-tests-shards': { field: 'cpythonTestsShards', read: 'scalar' },
} as const satisfies Record<string, { readonly field: keyof MatrixInput; readonly read: 'list' | 'boolean' | 'scalar' | 'text' | 'custom-variants' }>
type MatrixConfigKey = keyof typeof MATRIX_CONFIG_FIELDS
export const MATRIX_CONFIG_KEYS = Object.keys(MATRIX_CONFIG_FIELDS) as MatrixConfigKey[]
export const CUSTOM_VARIANT_KEYS = ['summary', 'configure-args', 'macros', 'build-env', 'env'] as const

const VARIANT_NAME = /^[a-z][a-z0-9-]*$/
const MACRO = /^[A-Za-z_][A-Za-z0-9_]*(=.*)?$/
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CONFIGURE_VARIABLE = /^[A-Z_][A-Z0-9_]*=/

const allowedList = (values: readonly string[]) => values.join(', ')

/** Parses `.github/pydebug.yml`; every error names the file, line and column. */
export function parseMatrixConfigFile(text: string, file: string): { input: MatrixInput; warnings: string[] } {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (node: Node | null | undefined) => {
    if (!node?.range) return file
    const { line, col } = lineCounter.linePos(node.range[0])
    return `${file}:${line}:${col}`
  }
  const syntax = document.errors[0]
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0])
    throw new ConfigError(`${file}:${line}:${col}: not valid YAML: ${syntax.message.split('\n')[0]}`)
  }
  const warnings: string[] = []
  const root = document.contents
  if (root === null || (isScalar(root) && root.value === null)) return { input: {}, warnings }
  if (!isMap(root)) throw new ConfigError(`${at(root)}: expected a mapping of settings (${allowedList(MATRIX_CONFIG_KEYS)}).`)

  const scalarText = (node: Scalar) => (node.type === 'PLAIN' && node.source !== undefined ? node.source : String(node.value))
  const list = (pair: Pair, key: string): Located[] => {
    const value = pair.value as Node | null
    if (isScalar(value)) return [{ text: scalarText(value), where: at(value) }]
    if (!isSeq(value)) throw new ConfigError(`${at(value ?? (pair.key as Node))}: '${key}' must be a list of strings.`)
    return value.items.map((item) => {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object')
        throw new ConfigError(`${at(item as Node)}: '${key}' entries must be strings.`)
      return { text: scalarText(item), where: at(item) }
    })
  }
  const boolean = (pair: Pair, key: string): boolean => {
    const value = pair.value as Node | null
    if (!isScalar(value) || typeof value.value !== 'boolean') throw new ConfigError(`${at(value ?? (pair.key as Node))}: '${key}' must be true or false.`)
    return value.value
  }
  const scalar = (pair: Pair, key: string): Located => {
    const value = pair.value as Node | null
    if (!isScalar(value) || value.value === null) throw new ConfigError(`${at(value ?? (pair.key as Node))}: '${key}' must be a single value.`)
    return { text: scalarText(value), where: at(value) }
  }

  const input: { -readonly [K in keyof MatrixInput]: MatrixInput[K] } = {}
  for (const pair of root.items) {
    const keyNode = pair.key as Node
    const key = isScalar(keyNode) ? String(keyNode.value) : ''
    if (!Object.hasOwn(MATRIX_CONFIG_FIELDS, key))
      throw new ConfigError(`${at(keyNode)}: unknown key '${key}'. Allowed keys: ${allowedList(MATRIX_CONFIG_KEYS)}.${perhaps(key, MATRIX_CONFIG_KEYS)}`)
    const { field, read } = MATRIX_CONFIG_FIELDS[key as MatrixConfigKey]
    const readers = {
      list: () => list(pair, key),
      boolean: () => boolean(pair, key),
      scalar: () => scalar(pair, key),
      text: () => scalar(pair, key).text,
      'custom-variants': () => parseCustomVariants(pair.value as Node | null, at, scalarText, warnings),
    }
    ;(input as Record<string, unknown>)[field] = readers[read]()
  }
  return { input, warnings }
}

function parseCustomVariants(
  node: Node | null,
  at: (node: Node | null | undefined) => string,
  scalarText: (node: Scalar) => string,
  warnings: string[],
): VariantSpec[] {
  if (!isMap(node)) throw new ConfigError(`${at(node)}: 'custom-variants' must map each variant name to its settings (${allowedList(CUSTOM_VARIANT_KEYS)}).`)
  const builtIn = VARIANTS.map((variant) => variant.name)
  return node.items.map((pair) => {
    const nameNode = pair.key as Node
    const name = isScalar(nameNode) ? String(nameNode.value) : ''
    if (!VARIANT_NAME.test(name))
      throw new ConfigError(`${at(nameNode)}: custom variant name '${name}' must be lower-case letters, digits and '-', starting with a letter.`)
    if (builtIn.includes(name)) throw new ConfigError(`${at(nameNode)}: custom variant '${name}' has the name of a built-in variant; choose another name.`)
    const body = pair.value as Node | null
    if (!isMap(body)) throw new ConfigError(`${at(body ?? nameNode)}: custom variant '${name}' must be a mapping with ${allowedList(CUSTOM_VARIANT_KEYS)}.`)
    const strings = (value: Node | null, what: string): { text: string; node: Node }[] => {
      const items = isScalar(value) ? [value] : isSeq(value) ? (value.items as Node[]) : undefined
      if (!items) throw new ConfigError(`${at(value)}: ${what} must be a list of strings.`)
      return items.map((item) => {
        if (!isScalar(item) || item.value === null || typeof item.value === 'object') throw new ConfigError(`${at(item)}: ${what} entries must be strings.`)
        return { text: scalarText(item), node: item }
      })
    }
    const env = (value: Node | null, what: string): Record<string, string> => {
      if (!isMap(value)) throw new ConfigError(`${at(value)}: ${what} must map variable names to values.`)
      const result: Record<string, string> = {}
      for (const entry of value.items) {
        const key = entry.key as Node
        const variable = isScalar(key) ? String(key.value) : ''
        if (!ENV_NAME.test(variable)) throw new ConfigError(`${at(key)}: '${variable}' is not an environment variable name.`)
        const entryValue = entry.value as Node | null
        if (!isScalar(entryValue) || entryValue.value === null || typeof entryValue.value === 'object')
          throw new ConfigError(`${at(entryValue ?? key)}: ${what}.${variable} must be a string.`)
        result[variable] = scalarText(entryValue)
      }
      return result
    }
    let summary: string | undefined
    let configureArgs: string[] = []
    let macros: string[] = []
    let buildEnv: Record<string, string> = {}
    let runtimeEnv: Record<string, string> = {}
    for (const field of body.items) {
      const keyNode = field.key as Node
      const key = isScalar(keyNode) ? String(keyNode.value) : ''
      const value = field.value as Node | null
      const what = `custom-variants.${name}.${key}`
      switch (key) {
        case 'summary':
          summary = strings(value, what)[0]?.text
          break
        case 'configure-args':
          configureArgs = strings(value, what).map(({ text, node: argNode }) => checkConfigureArg(text, `${at(argNode)}: ${what}`, warnings))
          break
        case 'macros':
          macros = strings(value, what).map(({ text, node: macroNode }) => {
            const macro = text.replace(/^-D/, '')
            if (!MACRO.test(macro)) throw new ConfigError(`${at(macroNode)}: ${what}: '${text}' is not a C macro (NAME or NAME=value).`)
            return macro
          })
          break
        case 'build-env':
          buildEnv = env(value, what)
          break
        case 'env':
          runtimeEnv = env(value, what)
          break
        default:
          throw new ConfigError(
            `${at(keyNode)}: unknown key '${key}' in custom variant '${name}'. Allowed keys: ${allowedList(CUSTOM_VARIANT_KEYS)}.${perhaps(key, CUSTOM_VARIANT_KEYS)}`,
          )
      }
    }
    const described = [...configureArgs, ...macros.map((macro) => `-D${macro}`), ...Object.entries(runtimeEnv).map(([key, value]) => `${key}=${value}`)].join(
      ' ',
    )
    return {
      name,
      summary: summary ?? `custom: ${described || 'release build'}`,
      configureArgs,
      ...(macros.length ? { macros } : {}),
      ...(Object.keys(buildEnv).length ? { buildEnv } : {}),
      ...(Object.keys(runtimeEnv).length ? { runtimeEnv } : {}),
      custom: true,
    }
  })
}

const KNOWN_OPTION_SPELLINGS = CONFIGURE_OPTIONS.flatMap((option) => option.spellings)

function checkConfigureArg(arg: string, where: string, warnings: string[]): string {
  if (CONFIGURE_VARIABLE.test(arg)) return arg
  if (!arg.startsWith('--')) throw new ConfigError(`${where}: '${arg}' is not a configure option (--with-X, --enable-X) or variable (CFLAGS=...).`)
  if (optionName(arg) === '--prefix')
    throw new ConfigError(`${where}: '--prefix' is set by pydebug (each cell installs into its own cached prefix); remove it.`)
  if (findConfigureOption(arg)) return arg
  const suggestion = closestMatch(optionName(arg), KNOWN_OPTION_SPELLINGS)
  if (suggestion) throw new ConfigError(`${where}: unknown configure option '${arg}'. Perhaps you meant '${suggestion}'?`)
  warnings.push(
    `${where}: '${arg}' is not in the catalog's table of configure options, so its versions are not checked; configure ignores options it does not know.`,
  )
  return arg
}

/** Every identifier any config with these variants could produce, for telling typos from skips with no effect. */
export function possibleCellIds(customVariants: readonly VariantSpec[]): string[] {
  const variants = [...VARIANTS, ...customVariants]
  return KNOWN_MINORS.flatMap((known) => {
    const minor = parseMinorVersion(known.minor)!
    return variants.map((variant) => cellId(minor, variant.name, isFreeThreaded(variant.configureArgs)))
  })
}

/** Command-line or action-input values override the file's key by key. */
export function mergeMatrixInputs(file: MatrixInput, overrides: MatrixInput): MatrixInput {
  const merged: { -readonly [K in keyof MatrixInput]: MatrixInput[K] } = { ...file }
  for (const [key, value] of Object.entries(overrides) as [keyof MatrixInput, never][]) {
    if (value !== undefined) merged[key] = value
  }
  return merged
}

/** Turns validated-per-value input into a MatrixConfig; messages point at where each bad value came from. */
export function validateMatrixInput(input: MatrixInput): { config: MatrixConfig; warnings: string[] } {
  const warnings: string[] = []
  const customVariants = input.customVariants ?? []
  const minors = KNOWN_MINORS.map((known) => known.minor)

  if (!input.python?.length)
    throw new ConfigError(`python is required: a list of CPython versions, from ${allowedList(minors)} (X.Y, or X.Y.Z for an exact release).`)
  for (const { text, where } of input.python) {
    if (!resolvePythonSelection(text)) {
      throw new ConfigError(
        `${where}: unknown python version '${text}'. Allowed: ${allowedList(minors)}, or an exact X.Y.Z release of one of them.${perhaps(text, minors)}`,
      )
    }
  }

  const variantNames = [...VARIANTS.map((variant) => variant.name), ...customVariants.map((variant) => variant.name)]
  const variants = input.variants ?? MATRIX_DEFAULTS.variants.map((text) => ({ text, where: 'default' }))
  if (!variants.length) throw new ConfigError(`variants must name at least one variant. Allowed: ${allowedList(variantNames)}.`)
  for (const { text, where } of variants) {
    if (!variantNames.includes(text)) {
      throw new ConfigError(
        `${where}: unknown variant '${text}'. Allowed: ${allowedList(variantNames)} (define others under custom-variants).${perhaps(text, variantNames)}`,
      )
    }
  }

  const os = input.os ?? MATRIX_DEFAULTS.os.map((text) => ({ text, where: 'default' }))
  if (!os.length) throw new ConfigError(`os must name at least one runner label, e.g. ${MATRIX_DEFAULTS.os[0]}.`)
  const labels = Object.keys(RUNNER_LABELS)
  for (const { text, where } of os) {
    const runnerProblem = unsupportedRunnerReason(text)
    if (runnerProblem) throw new ConfigError(`${where}: '${text}': ${runnerProblem}. Allowed labels: ${allowedList(labels)}.`)
    const runnerNotice = untestedRunnerNotice(text)
    if (runnerNotice) warnings.push(`${where}: '${text}': ${runnerNotice}`)
    if (!labels.includes(text)) {
      warnings.push(
        `${where}: '${text}' is not a GitHub-hosted runner label the catalog knows (${allowedList(labels)}); cache keys name it as the OS with an unknown architecture.${perhaps(text, labels)}`,
      )
    }
  }

  const possibleIds = possibleCellIds(customVariants)
  const possibleOsIds = [...new Set([...labels, ...os.map((located) => located.text)])].flatMap((label) => possibleIds.map((id) => `${label}:${id}`))
  for (const { text, where } of input.skip ?? []) {
    let selector: ReturnType<typeof compileSelector>
    try {
      selector = compileSelector(text)
    } catch (error) {
      if (error instanceof GlobSyntaxError) throw new ConfigError(`${where}: skip '${text}': ${error.message}.`)
      throw error
    }
    const possible = text.includes(':') ? possibleOsIds : possibleIds
    if (!possible.some((id) => selector.matches(id))) {
      throw new ConfigError(
        `${where}: skip '${text}' can never match: identifiers look like cp311-pydebug or cp313t-free-threading (cp<version>[t]-<variant>), or ubuntu-24.04:cp311-pydebug to skip on one runner.${perhaps(text, possible)}`,
      )
    }
  }

  // The planner builds each cell's cache key from it: a source the build would refuse is refused here (with the first version's placeholders).
  if (input.source) sourceOf(input.source, resolvePythonSelection(input.python[0].text)!, (file) => file, 'source')

  let maxJobs: number = MATRIX_DEFAULTS.maxJobs
  if (input.maxJobs) {
    const parsed = Number(input.maxJobs.text)
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > GITHUB_MATRIX_JOB_LIMIT) {
      throw new ConfigError(`${input.maxJobs.where}: max-jobs '${input.maxJobs.text}' must be a whole number from 1 to ${GITHUB_MATRIX_JOB_LIMIT}.`)
    }
    maxJobs = parsed
  }

  let cpythonTestsShards: number | undefined
  if (input.cpythonTestsShards) {
    const parsed = Number(input.cpythonTestsShards.text)
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_CPYTHON_TESTS_SHARDS) {
      throw new ConfigError(
        `${input.cpythonTestsShards.where}: cpython-tests-shards '${input.cpythonTestsShards.text}' must be a whole number from 1 to ${MAX_CPYTHON_TESTS_SHARDS} (jobs per cell sharing CPython's test suite).`,
      )
    }
    cpythonTestsShards = parsed
  }

  return {
    config: {
      python: input.python.map((located) => located.text.trim()),
      variants: variants.map((located) => located.text),
      os: os.map((located) => located.text),
      skip: (input.skip ?? []).map((located) => located.text),
      customVariants,
      strict: input.strict ?? MATRIX_DEFAULTS.strict,
      ...(input.source ? { source: input.source } : {}),
      maxJobs,
      split: input.split ?? MATRIX_DEFAULTS.split,
      ...(cpythonTestsShards && cpythonTestsShards > 1 ? { cpythonTestsShards } : {}),
    },
    warnings,
  }
}

/** Splits `3.11,3.12` and repeated flags into located values named after the flag; commas inside braces stay. */
export function locatedList(values: readonly string[] | string | undefined, flag: string): Located[] | undefined {
  if (values === undefined) return undefined
  const list = (typeof values === 'string' ? [values] : values).flatMap(splitOutsideBraces)
  return list.map((text) => ({ text, where: flag }))
}

function splitOutsideBraces(value: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const char of value) {
    if (char === '{') depth++
    else if (char === '}') depth--
    if (depth <= 0 && (char === ',' || /\s/.test(char))) {
      if (current) parts.push(current)
      current = ''
    } else current += char
  }
  if (current) parts.push(current)
  return parts
}

/** Validation and planning in one step, as the CLI and the matrix action both do it. */
export function planMatrixFromInput(input: MatrixInput, parseWarnings: readonly string[] = []): { config: MatrixConfig; plan: MatrixPlan; warnings: string[] } {
  const { config, warnings } = validateMatrixInput(input)
  const plan = planMatrix(config)
  return { config, plan, warnings: [...parseWarnings, ...warnings, ...plan.warnings] }
}

/** `--shard 2` / input `shard: 2` → index 1, checked against the plan. */
export function shardIndexOf(text: string | undefined, plan: MatrixPlan, where: string): number {
  if (text === undefined || text.trim() === '') return 0
  const shard = Number(text)
  if (!Number.isInteger(shard) || shard < 1 || shard > plan.shards.length) {
    throw new ConfigError(`${where} '${text}' must be a shard number from 1 to ${plan.shards.length}.`)
  }
  return shard - 1
}
