import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** True when the module at `moduleUrl` (its `import.meta.url`) is the script this process was started with, not a module a test imported. */
export function isProcessEntry(moduleUrl: string): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(moduleUrl))
  } catch {
    return false
  }
}
