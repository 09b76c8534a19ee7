import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The pytest plugin pydebug ships (package.json "files" has its folder): loaded with `-p pydebug_refleak`. */
export const PYTEST_PLUGIN_MODULE = 'pydebug_refleak'
const PLUGIN_RELATIVE = path.join('python', `${PYTEST_PLUGIN_MODULE}.py`)

/**
 * The folder holding the pytest plugin, for PYTHONPATH. The code runs as src/<dir>/<file>.ts (tsx,
 * vitest) or bundled as dist/<entry>/index.js (the action from its checkout, the CLI from the npm
 * package): both are two levels below the package root, but the search walks up from the running
 * module instead of counting levels, so a moved bundle still finds it.
 */
export function pytestPluginDir(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl))
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(path.join(dir, PLUGIN_RELATIVE))) return path.join(dir, 'python')
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error(`pydebug's pytest plugin (${PLUGIN_RELATIVE}) was not found above ${fileURLToPath(moduleUrl)}: the package is incomplete`)
}

/** A helper script pydebug ships next to the pytest plugin (python/pydebug_census.py, ...): its path, for argv. */
export function bundledPythonScript(fileName: string, moduleUrl: string = import.meta.url): string {
  return path.join(pytestPluginDir(moduleUrl), fileName)
}
