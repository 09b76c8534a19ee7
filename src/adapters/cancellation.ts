import { setMaxListeners } from 'node:events'
import { CANCEL_EXIT_CODES, CancelledError, type CancelSignal } from '../errors.js'

export interface Cancellation {
  /** Aborted, with a CancelledError as its reason, at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal
  /** Gives the signals back their default effect. */
  dispose(): void
}

/**
 * SIGINT and SIGTERM as an AbortSignal, for the CLI and the action alike: the process runner
 * (adapters/process.ts) ends the running commands' process groups when it aborts, and the run
 * then writes its report as it does after any error. The process stays alive for that: a later
 * signal only says so, because on a runner the cancellation itself is SIGINT then, 7.5 s later,
 * SIGTERM, and both must leave time to write the report (the runner's SIGKILL comes after that).
 */
export function cancelOnSignals(tell: (message: string) => void): Cancellation {
  const controller = new AbortController()
  // One listener per running command, and commands may run side by side.
  setMaxListeners(0, controller.signal)
  const onSignal = (signal: CancelSignal) => {
    if (controller.signal.aborted) {
      tell(`${signal}: already ending the running commands; the report follows`)
      return
    }
    tell(`${signal}: ending the running commands and writing the report of what ran`)
    controller.abort(new CancelledError(signal))
  }
  const handlers = (Object.keys(CANCEL_EXIT_CODES) as CancelSignal[]).map((signal) => [signal, () => onSignal(signal)] as const)
  for (const [signal, handler] of handlers) process.on(signal, handler)
  return {
    signal: controller.signal,
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler)
    },
  }
}
