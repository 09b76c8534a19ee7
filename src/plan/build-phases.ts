/**
 * The three commands of CPython's build, each with a wall-clock limit (`configure-timeout`,
 * `make-timeout`, `install-timeout` in config/run-option-table.ts, where the defaults and how they
 * were chosen are). A phase over its limit has its whole process group ended.
 */
export const BUILD_PHASES = ['configure', 'make', 'install'] as const
export type BuildPhase = (typeof BUILD_PHASES)[number]

/** Seconds each phase may run; a phase not listed has no limit. */
export type BuildPhaseTimeouts = Readonly<Partial<Record<BuildPhase, number>>>

/** The input that sets a phase's limit, as action.yml spells it. */
export function timeoutInputOf(phase: BuildPhase): string {
  return `${phase}-timeout`
}

/** The phase as its command reads: `configure`, `make`, `make install`. */
export function phaseCommandName(phase: BuildPhase): string {
  return phase === 'install' ? 'make install' : phase
}

/** `12 min`, `90 s`, `1 h 30 min`: a limit as people read it. */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`
  const minutes = Math.round(seconds / 60)
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
}

/** A phase that stalled: which, after how long, what was done to it, and how to allow it more time. */
export function stalledPhaseMessage(phase: BuildPhase, limitSeconds: number, logPath: string, tail: readonly string[]): string {
  const input = timeoutInputOf(phase)
  return [
    `${phaseCommandName(phase)} stalled: it was still running after ${formatDuration(limitSeconds)}, the ${input} limit, and its processes were ended. Raise ${input} (--${input}, in minutes) if this machine is just slow; full log: ${logPath}`,
    ...tail.map((line) => `  | ${line}`),
  ].join('\n')
}
