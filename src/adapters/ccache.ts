import { access, mkdir, symlink } from 'node:fs/promises'
import { constants } from 'node:fs'
import path from 'node:path'
import { masqueradeNames, parseCcacheStats, type CcacheCounts } from '../plan/ccache.js'
import type { ProcessRunner } from './process.js'

/** The first executable `name` on PATH, or undefined. */
export async function findOnPath(name: string, pathVariable: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, name)
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate
  }
  return undefined
}

/**
 * The masquerade folder for this build (plan/ccache.ts): links named like the compilers, pointing
 * to ccache, in `dir`. Undefined when ccache is not on PATH or CCACHE_DISABLE is set.
 */
export async function prepareCcacheMasquerade(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ccache: string; dir: string } | undefined> {
  if (env.CCACHE_DISABLE && env.CCACHE_DISABLE !== '0' && env.CCACHE_DISABLE.toLowerCase() !== 'false') return undefined
  const ccache = await findOnPath('ccache', env.PATH)
  if (!ccache) return undefined
  await mkdir(dir, { recursive: true })
  for (const name of masqueradeNames(env)) {
    await symlink(ccache, path.join(dir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  }
  return { ccache, dir }
}

/** ccache's hit and miss counters for its folder (`CCACHE_DIR` in env); undefined when they cannot be read. */
export async function readCcacheCounts(
  runner: ProcessRunner,
  ccache: string,
  env: Readonly<Record<string, string>>,
  cwd: string,
  logPath: string,
): Promise<CcacheCounts | undefined> {
  const result = await runner.run({ argv: [ccache, '--print-stats'], cwd, env, logPath, captureStdout: true }).catch(() => undefined)
  return result?.exitCode === 0 ? parseCcacheStats(result.stdout) : undefined
}
