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

/** Exit code when the run completed and found what `fail-on` asks to fail on. */
export const FINDINGS_EXIT_CODE = 1

/** A bug or an unexpected failure of the machine (EX_SOFTWARE). */
export const INTERNAL_ERROR_EXIT_CODE = 70
