/**
 * Every failure the user can act on has its own class and exit code, so the CLI, the action and
 * scripts that call the CLI can tell them apart. Findings (leaks, failed tests) are results, not
 * errors: the entry points turn them into exit code 1 according to `fail-on`.
 */
export class PydebugError extends Error {
  readonly exitCode: number = INTERNAL_ERROR_EXIT_CODE
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** A bad argument, input or config value. The message names the input, the value and what is allowed. */
export class ConfigError extends PydebugError {
  override readonly exitCode: number = 2
}

/** The CPython source could not be found, downloaded or unpacked. */
export class SourceError extends PydebugError {
  override readonly exitCode: number = 3
}

/** configure, make or make install failed; `logPath` has the full output. */
export class BuildError extends PydebugError {
  override readonly exitCode: number = 4
  constructor(
    message: string,
    readonly logPath?: string,
  ) {
    super(message)
  }
}

/** The user's extension did not build against the debug interpreter. */
export class ExtensionBuildError extends BuildError {
  override readonly exitCode: number = 5
}

/** Exit codes of a run a signal cancelled: 128 + the signal's number, as a shell reports a process the signal ended. */
export const CANCEL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const
export type CancelSignal = keyof typeof CANCEL_EXIT_CODES

/**
 * SIGINT or SIGTERM stopped the run (Ctrl-C, a cancelled or timed-out job): the running commands'
 * process groups were ended, and the report says what ran before. `logPath` is the log of the
 * command that was running.
 */
export class CancelledError extends PydebugError {
  override readonly exitCode: number
  constructor(
    readonly signal: CancelSignal,
    message = `cancelled by ${signal}`,
    readonly logPath?: string,
  ) {
    super(message)
    this.exitCode = CANCEL_EXIT_CODES[signal]
  }
}

/** Exit code when the run completed and found what `fail-on` asks to fail on. */
export const FINDINGS_EXIT_CODE = 1

/** A bug or an unexpected failure of the machine (EX_SOFTWARE). */
export const INTERNAL_ERROR_EXIT_CODE = 70
