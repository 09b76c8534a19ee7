import * as core from '@actions/core'
import { isProcessEntry } from './process-entry.js'

/**
 * How the action entries run: an exception or rejection nothing caught fails the step with its stack
 * (not Node's bare crash and exit code 7 or 1 without an ::error::), and the step exits once its work
 * is done instead of waiting for the cache and artifact clients' keep-alive sockets to close
 * (setup-uv and actions/cache end the same way). `entryUrl` is the entry module's `import.meta.url`:
 * only when that module is the process's own script (the bundle the runner starts) does this take
 * over the process; imported by a test, it just runs `main`.
 */
export async function runActionEntry(main: () => Promise<void>, entryUrl: string): Promise<void> {
  if (!isProcessEntry(entryUrl)) return main()
  const failWith = (what: string) => (reason: unknown) => {
    core.setFailed(`pydebug internal error (${what}): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`)
    process.exit(1)
  }
  process.on('uncaughtException', failWith('uncaught exception'))
  process.on('unhandledRejection', failWith('unhandled promise rejection'))
  await main()
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
}
