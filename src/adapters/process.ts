import { spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import path from 'node:path'

export interface CommandSpec {
  /** Program and arguments; never a shell string. */
  readonly argv: readonly string[]
  readonly cwd: string
  /** Added to (and overriding) the parent environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** stdout and stderr both go to this file, through one descriptor, so their order is exact. */
  readonly logPath: string
  /** Kills the whole process group after this long. */
  readonly timeoutMs?: number
  /**
   * Sent to the process group at the timeout before SIGKILL, which follows TIMEOUT_GRACE_MS later:
   * SIGABRT makes Python's faulthandler print where every thread was, so a hang names its test.
   */
  readonly timeoutSignal?: NodeJS.Signals
  /** Keeps stdout out of the log and returns it instead (small outputs such as a JSON probe). */
  readonly captureStdout?: boolean
}

export interface CommandResult {
  readonly argv: readonly string[]
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly seconds: number
  readonly logPath: string
  readonly stdout: string
}

export interface ProcessRunner {
  run(spec: CommandSpec): Promise<CommandResult>
}

export function mergeEnv(base: Readonly<Record<string, string | undefined>>, overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return env
}

const TIMEOUT_GRACE_MS = 5000

export function createProcessRunner(baseEnv: Readonly<Record<string, string | undefined>> = process.env): ProcessRunner {
  return {
    run(spec) {
      mkdirSync(path.dirname(spec.logPath), { recursive: true })
      const logFd = openSync(spec.logPath, 'a')
      const started = process.hrtime.bigint()
      return new Promise<CommandResult>((resolve, reject) => {
        const [program, ...args] = spec.argv
        const child = spawn(program, args, {
          cwd: spec.cwd,
          env: mergeEnv(baseEnv, spec.env),
          stdio: ['ignore', spec.captureStdout ? 'pipe' : logFd, logFd],
          // Own process group, so a timeout also stops make's or regrtest's children.
          detached: true,
        })
        let stdout = ''
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk
        })
        let timedOut = false
        let graceTimer: NodeJS.Timeout | undefined
        const killGroup = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal)
          } catch {
            child.kill(signal)
          }
        }
        const timer =
          spec.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true
                if (spec.timeoutSignal === undefined || spec.timeoutSignal === 'SIGKILL') return killGroup('SIGKILL')
                killGroup(spec.timeoutSignal)
                graceTimer = setTimeout(() => killGroup('SIGKILL'), TIMEOUT_GRACE_MS)
              }, spec.timeoutMs)
        // A program that cannot start emits 'error' and then, when it has pipes (captureStdout), 'close': close the log once.
        let finished = false
        const finish = () => {
          if (timer) clearTimeout(timer)
          if (graceTimer) clearTimeout(graceTimer)
          if (finished) return
          finished = true
          closeSync(logFd)
        }
        child.on('error', (error) => {
          finish()
          reject(new Error(`could not start ${program}: ${error.message}`))
        })
        child.on('close', (exitCode, signal) => {
          finish()
          resolve({
            argv: spec.argv,
            exitCode,
            signal,
            timedOut,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
            logPath: spec.logPath,
            stdout,
          })
        })
      })
    },
  }
}

/** `exit 2`, `killed by SIGABRT`, `timed out after 900 s`: for messages and reports. */
export function describeExit(result: Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut'>, timeoutMs?: number): string {
  if (result.timedOut) return `timed out${timeoutMs ? ` after ${Math.round(timeoutMs / 1000)} s` : ''}`
  if (result.signal) return `killed by ${result.signal}`
  return `exit ${result.exitCode}`
}
