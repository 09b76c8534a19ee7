import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ConfigError } from '../errors.js'

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /**
   * From the call on, SIGINT and SIGTERM abort the returned signal instead of ending the process: a
   * command that runs child processes calls it, to end them and still write its report. Absent
   * (tests calling `cli()` in-process), signals keep their default effect.
   */
  readonly cancelOnSignals?: () => AbortSignal
}

export interface CliCommand {
  /** One line for `pydebug --help`. */
  readonly summary: string
  readonly usage: string
  /** Returns the exit code; throws PydebugError subclasses for user errors. */
  run(args: string[], io: CliIo): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * node:util parseArgs, with errors that name the option and list the allowed ones. Every on/off
 * flag also takes `--no-<flag>`, so a command line can turn off what a config file turns on.
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true, allowNegative: true })
  } catch (error) {
    const known = Object.entries(options)
      .map(([name, option]) => (option.type === 'boolean' ? `--[no-]${name}` : `--${name}`))
      .join(', ')
    const message = error instanceof Error ? error.message.replace(/\. To specify .*$/s, '') : String(error)
    throw new ConfigError(`${message}. Allowed options: ${known}.`)
  }
}
