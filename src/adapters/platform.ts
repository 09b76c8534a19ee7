import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PlatformFacts } from '../plan/cache-key.js'
import type { ProcessRunner } from './process.js'

/**
 * The facts that go into build cache keys. On GitHub-hosted runners ImageOS (e.g. ubuntu24)
 * names the image family; its weekly ImageVersion is left out on purpose, so an image refresh
 * does not throw away every cached interpreter, and the matrix (plan/matrix.ts) can compute the
 * same key from the runner label alone. A compiler chosen with CC is in the key, with its version.
 */
export async function detectPlatform(runner: ProcessRunner, env: Readonly<Record<string, string | undefined>>): Promise<PlatformFacts> {
  const chosenCompiler = compilerChosenForCPython(env)
  return {
    os: process.platform,
    arch: process.arch,
    ...(env.ImageOS ? { image: env.ImageOS } : {}),
    ...(chosenCompiler ? { compiler: (await compilerVersion(runner, chosenCompiler)) ?? chosenCompiler } : {}),
  }
}

/** CPython's configure takes CC from the environment, whoever it was set for. */
export function compilerChosenForCPython(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.CC?.trim() || undefined
}

/** The first line of `<compiler> --version`, e.g. `Debian clang version 14.0.6`; undefined when it does not run. */
export async function compilerVersion(runner: ProcessRunner, compiler: string): Promise<string | undefined> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cc-'))
  try {
    const result = await runner
      .run({ argv: [...compiler.split(/\s+/), '--version'], cwd: scratch, logPath: path.join(scratch, 'cc.log'), captureStdout: true })
      .catch(() => undefined)
    return result?.exitCode === 0 ? result.stdout.split('\n')[0].trim() : undefined
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
