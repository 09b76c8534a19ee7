import path from 'node:path'
import { ensureDir, replaceWithSymlink } from '../adapters/files.js'
import type { InterpreterInstall } from '../report/step-results.js'
import type { StepContext } from './context.js'

/** The names a user's command may call the interpreter by. CPython installs only `python3` and `python3.X`. */
const INTERPRETER_NAMES = ['python', 'python3'] as const

/**
 * `PATH` with the cell's interpreter first, for the user's own commands (`test-command`,
 * `build-command`, a setup.py that calls `python`): a folder of links named `python` and `python3`,
 * then the interpreter's own bin folder (`python3.X`, and scripts such as `pytest` when the user
 * installed them into it), then the inherited PATH. The link folder lives in the cache folder, next
 * to the interpreter it points to, so it needs no cleaning up.
 */
export async function pathWithInterpreter(
  context: Pick<StepContext, 'cacheDir'>,
  interpreter: Pick<InterpreterInstall, 'pythonPath' | 'prefix' | 'cacheKey'>,
  inheritedPath: string | undefined,
): Promise<string> {
  const linkDir = path.join(context.cacheDir, 'bin', interpreter.cacheKey)
  await ensureDir(linkDir)
  // Each made beside, then renamed over the old link: a concurrent run never sees the name missing.
  for (const name of INTERPRETER_NAMES) await replaceWithSymlink(interpreter.pythonPath, path.join(linkDir, name))
  return [linkDir, path.join(interpreter.prefix, 'bin'), inheritedPath].filter((part) => part !== undefined && part !== '').join(path.delimiter)
}
