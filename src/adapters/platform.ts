import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PlatformFacts } from '../plan/cache-key.js'
import type { ProcessRunner } from './process.js'

/**
 * The facts that go into build cache keys. On GitHub-hosted runners ImageOS (e.g. ubuntu24)
 * names the image family; its weekly ImageVersion is left out on purpose, so an image refresh
 * does not throw away every cached interpreter. The compiler's version line is in, because a new
 * compiler makes new binaries.
 */
export async function detectPlatform(runner: ProcessRunner, env: Readonly<Record<string, string | undefined>>): Promise<PlatformFacts> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cc-'))
  try {
    const compiler = env.CC?.trim() || 'cc'
    const result = await runner.run({ argv: [...compiler.split(/\s+/), '--version'], cwd: scratch, logPath: path.join(scratch, 'cc.log'), captureStdout: true }).catch(() => undefined)
    const compilerLine = result?.exitCode === 0 ? result.stdout.split('\n')[0].trim() : undefined
    return {
      os: process.platform,
      arch: process.arch,
      ...(env.ImageOS ? { image: env.ImageOS } : {}),
      ...(compilerLine ? { compiler: compilerLine } : {}),
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
