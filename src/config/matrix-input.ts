import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { DEFAULT_MATRIX_CONFIG_PATH, locatedList, mergeMatrixInputs, parseMatrixConfigFile, type MatrixInput } from './matrix-config.js'
import type { OptionSource } from './option-names.js'

/**
 * The one reader of the pydebug config file, for `pydebug matrix`, `pydebug run` / `build` and
 * both actions. `given` is the path the user gave: it must exist. Unset or empty reads
 * .github/pydebug.yml when it exists (the actions map that path given to unset first:
 * explicitConfigPath). Messages name the option, the path and what is allowed.
 */
export function readConfigFile(given: string | undefined, source: OptionSource): { input: MatrixInput; warnings: string[] } {
  const explicit = given?.trim() || undefined
  const shown = explicit ?? DEFAULT_MATRIX_CONFIG_PATH
  const file = path.resolve(source.cwd, shown)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    if (explicit === undefined && code === 'ENOENT') return { input: {}, warnings: [] }
    const name = source.nameOf('config')
    let problem: string
    if (explicit === undefined) problem = `${name} unset reads ${DEFAULT_MATRIX_CONFIG_PATH}, but it cannot be read (${file}: ${code})`
    else if (code === 'ENOENT') problem = `${name} '${explicit}': no such file (${file})`
    else problem = `${name} '${explicit}': cannot read ${file} (${code})`
    throw new ConfigError(
      `${problem}. Give the path of a pydebug config file relative to ${source.cwdMeaning}, or leave ${name} unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists.`,
    )
  }
  return parseMatrixConfigFile(text, shown)
}

/** The custom variants a run may name: the config file's, or none. */
export function loadCustomVariants(given: string | undefined, source: OptionSource): readonly VariantSpec[] {
  return readConfigFile(given, source).input.customVariants ?? []
}

/**
 * Matrix settings from flags or action inputs, which share their names: lists as typed, booleans
 * parsed, anything unset undefined.
 */
export interface MatrixOptionValues {
  readonly python?: string | readonly string[]
  readonly variants?: string | readonly string[]
  readonly os?: string | readonly string[]
  readonly skip?: string | readonly string[]
  readonly strict?: boolean
  readonly split?: boolean
  readonly source?: string
  readonly 'max-jobs'?: string
  readonly 'cpython-tests-shards'?: string
}

/** The config file with the flags or inputs over it, key by key: what `pydebug matrix` and the matrix action plan. */
export function loadMatrixInput(configFile: string | undefined, values: MatrixOptionValues, source: OptionSource): { input: MatrixInput; warnings: string[] } {
  const file = readConfigFile(configFile, source)
  const located = (name: 'max-jobs' | 'cpython-tests-shards') => (values[name] === undefined ? undefined : { text: values[name], where: source.nameOf(name) })
  // mergeMatrixInputs keeps the file's value wherever an override is undefined.
  const overrides: MatrixInput = {
    python: locatedList(values.python, source.nameOf('python')),
    variants: locatedList(values.variants, source.nameOf('variants')),
    os: locatedList(values.os, source.nameOf('os')),
    skip: locatedList(values.skip, source.nameOf('skip')),
    strict: values.strict,
    split: values.split,
    source: values.source,
    maxJobs: located('max-jobs'),
    cpythonTestsShards: located('cpython-tests-shards'),
  }
  return { input: mergeMatrixInputs(file.input, overrides), warnings: file.warnings }
}
