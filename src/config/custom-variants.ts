import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { DEFAULT_MATRIX_CONFIG_PATH, parseMatrixConfigFile } from './matrix-config.js'

/**
 * The custom variants a cell may name: from the given config file, else from the matrix
 * config (.github/pydebug.yml) when the project has one, else none. A configFile given here
 * must exist; the action maps its default to undefined first (explicitConfigPath).
 */
export function loadCustomVariants(configFile: string | undefined, cwd: string, optionName: string): readonly VariantSpec[] {
  const explicit = configFile?.trim()
  const file = path.resolve(cwd, explicit || DEFAULT_MATRIX_CONFIG_PATH)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new ConfigError(`${optionName} '${explicit || DEFAULT_MATRIX_CONFIG_PATH}': cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give the path of a pydebug config file such as ${DEFAULT_MATRIX_CONFIG_PATH}.`)
  }
  return parseMatrixConfigFile(text, path.relative(cwd, file) || file).input.customVariants ?? []
}
