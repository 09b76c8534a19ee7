import { statSync } from 'node:fs'
import os from 'node:os'
import type { RunEnvironment } from '../config/run-config.js'

export function runEnvironment(cwd: string, env: Readonly<Record<string, string | undefined>>): RunEnvironment {
  return {
    cwd,
    env,
    homeDir: env.HOME || os.homedir(),
    cpuCount: os.availableParallelism(),
    pathKind: (absolutePath) => {
      try {
        return statSync(absolutePath).isDirectory() ? 'directory' : 'file'
      } catch {
        return undefined
      }
    },
  }
}
