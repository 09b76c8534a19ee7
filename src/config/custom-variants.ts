import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { parseMatrixConfigFile } from './matrix-config.js'

/** Where the matrix config lives by default; `run` and the action read its custom variants too. */
export const DEFAULT_CONFIG_FILE = path.join('.github', 'pydebug.yml')

/**
 * The custom variants a cell may name: from the given config file, else from
 * .github/pydebug.yml when the project has one, else none.
 */
export function loadCustomVariants(configFile: string | undefined, cwd: string, optionName: string): readonly VariantSpec[] {
  const explicit = configFile?.trim()
  const file = path.resolve(cwd, explicit || DEFAULT_CONFIG_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new ConfigError(`${optionName} '${explicit ?? DEFAULT_CONFIG_FILE}': cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give the path of a pydebug config file such as ${DEFAULT_CONFIG_FILE}.`)
  }
  return parseMatrixConfigFile(text, path.relative(cwd, file) || file).input.customVariants ?? []
}
