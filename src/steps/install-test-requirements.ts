import path from 'node:path'
import { removeTree } from '../adapters/files.js'
import { ConfigError } from '../errors.js'
import type { CellPlan } from '../plan/cell.js'
import { PYTHON_REDIRECT_ENV } from '../plan/extension-build.js'
import { logPath, type StepContext } from './context.js'

/** `test-requirements` could not be installed; the log has pip's output. */
export class TestRequirementsError extends ConfigError {
  constructor(
    message: string,
    readonly logPath: string,
  ) {
    super(message)
  }
}

/**
 * Installs `test-requirements` with the cell's own interpreter (`python -m pip install --target`)
 * into a folder of their own, which the tests get on PYTHONPATH after the extension: the cached
 * interpreter stays as it was built, so its cache entry still describes it. pip inherits the
 * environment, so PIP_INDEX_URL, PIP_FIND_LINKS and PIP_NO_INDEX apply; the variables that would
 * make the interpreter import another installation (PYTHONPATH, PYTHONHOME, ...) are removed, as for
 * the extension build. Returns the folder, or undefined when there is nothing to install.
 */
export async function installTestRequirements(
  context: StepContext,
  cell: CellPlan,
  pythonPath: string,
  requirements: readonly string[],
): Promise<string | undefined> {
  if (requirements.length === 0) return undefined
  const target = path.join(context.cacheDir, 'test-requirements', cell.id)
  // A fresh folder each run: what an earlier run installed must not satisfy this one's list.
  await removeTree(target)
  const log = logPath(context, 'test-requirements.log')
  const result = await context.log.group(`pip install ${requirements.join(' ')} (test-requirements)`, () =>
    context.runner.run({
      argv: [pythonPath, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--target', target, ...requirements],
      cwd: context.workspace,
      env: Object.fromEntries(PYTHON_REDIRECT_ENV.map((name) => [name, undefined])),
      logPath: log,
    }),
  )
  if (result.exitCode !== 0) {
    throw new TestRequirementsError(
      `test-requirements '${requirements.join(' ')}' could not be installed with ${pythonPath} -m pip (exit ${result.exitCode ?? result.signal}). On a machine without PyPI set PIP_INDEX_URL to a mirror, or PIP_NO_INDEX=1 and PIP_FIND_LINKS to a folder of wheels. Log: ${log}`,
      log,
    )
  }
  return target
}
