import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { CancelledError } from '../errors.js'
import type { LogCut } from '../plan/log-limit.js'
import { openLogPipe } from './log-pipe.js'

export interface CommandSpec {
  /** Program and arguments; never a shell string. */
  readonly argv: readonly string[]
  readonly cwd: string
  /** Added to (and overriding) the parent environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** stdout and stderr both go to this file, through one pipe, so their order is exact; up to the runner's log limit (adapters/log-pipe.ts). */
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
  /** Output the log does not hold (past the log limit, or refused by the disk); absent when it holds it all. */
  readonly logCut?: LogCut
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
// Short: a runner sends SIGTERM 7.5 s after a cancellation's SIGINT, and the report is written after the commands end.
const CANCEL_GRACE_MS = 2000

export interface ProcessRunnerOptions {
  /** The most each command's log file holds (`log-limit`); the output past it is read and dropped. Unset: no limit. */
  readonly logLimitBytes?: number
  /**
   * Ends every running command's process group when it aborts (SIGTERM, SIGKILL CANCEL_GRACE_MS later) and
   * refuses to start more: their runs reject with a CancelledError naming the command and its log.
   */
  readonly cancel?: AbortSignal
}

export function createProcessRunner(baseEnv: Readonly<Record<string, string | undefined>> = process.env, options: ProcessRunnerOptions = {}): ProcessRunner {
  return {
    async run(spec) {
      const { cancel } = options
      if (cancel?.aborted) throw cancelledDuring(cancel.reason, spec, false)
      mkdirSync(path.dirname(spec.logPath), { recursive: true })
      const log = await openLogPipe(spec.logPath, options.logLimitBytes)
      const started = process.hrtime.bigint()
      return new Promise<CommandResult>((resolve, reject) => {
        const [program, ...args] = spec.argv
        let child: ReturnType<typeof spawn>
        try {
          child = spawn(program, args, {
            cwd: spec.cwd,
            env: mergeEnv(baseEnv, spec.env),
            stdio: ['ignore', spec.captureStdout ? 'pipe' : log.writeFd, log.writeFd],
            // Own process group, so a timeout also stops make's or regrtest's children.
            detached: true,
          })
        } catch (error) {
          void log.finish().then(() => reject(error))
          return
        }
        log.childStarted()
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
        let cancelled = false
        let cancelTimer: NodeJS.Timeout | undefined
        const onCancel = () => {
          cancelled = true
          killGroup('SIGTERM')
          cancelTimer = setTimeout(() => killGroup('SIGKILL'), CANCEL_GRACE_MS)
        }
        cancel?.addEventListener('abort', onCancel, { once: true })
        // Aborted while the log was being opened: the listener came too late to hear it.
        if (cancel?.aborted) onCancel()
        // A program that cannot start emits 'error' and then, when it has pipes (captureStdout), 'close': close the log once.
        let logClosed: ReturnType<typeof log.finish> | undefined
        const finish = () => {
          if (timer) clearTimeout(timer)
          if (graceTimer) clearTimeout(graceTimer)
          cancel?.removeEventListener('abort', onCancel)
          if (cancelTimer) clearTimeout(cancelTimer)
          // What the leader left behind in its group: nothing of a cancelled command may outlive the run,
          // and the report that follows says its processes were ended, so they are gone before it is written.
          if (cancelled) killGroup('SIGKILL')
          logClosed ??= (cancelled ? groupGone(child.pid!, GROUP_GONE_WAIT_MS) : Promise.resolve()).then(() => log.finish())
          return logClosed
        }
        child.on('error', (error) => {
          void finish().then(() => reject(new Error(`could not start ${program}: ${error.message}`)))
        })
        child.on('close', (exitCode, signal) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9
          void finish().then((logCut) =>
            cancelled
              ? reject(cancelledDuring(cancel?.reason, spec, true))
              : resolve({
                  argv: spec.argv,
                  exitCode,
                  signal,
                  timedOut,
                  seconds,
                  logPath: spec.logPath,
                  stdout,
                  ...(logCut ? { logCut } : {}),
                }),
          )
        })
      })
    },
  }
}

// How long a cancelled command's process group may take to vanish after SIGKILL (a loaded machine schedules the dying late).
const GROUP_GONE_WAIT_MS = 2_000

/** Resolves once no live process of the group `pgid` is left (or after `waitMs`); a zombie is dead, only not yet reaped. */
async function groupGone(pgid: number, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs
  while (Date.now() < deadline && (await groupHasLiveProcess(pgid))) await new Promise((resolve) => setTimeout(resolve, 20))
}

async function groupHasLiveProcess(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  // Linux names each process's group and state in /proc/<pid>/stat ("pid (comm) S ppid pgrp ..."); elsewhere signal 0 is all there is.
  const entries = await readdir('/proc').catch(() => undefined)
  if (!entries) return true
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(group) === pgid && state !== 'Z' && state !== 'X') return true
  }
  return false
}

/** The error a command's run rejects with when `reason` (the cancel signal's) stopped it: what ran, and its log. */
function cancelledDuring(reason: unknown, spec: Pick<CommandSpec, 'argv' | 'logPath'>, started: boolean): Error {
  if (!(reason instanceof CancelledError)) return reason instanceof Error ? reason : new Error(`cancelled: ${String(reason)}`)
  const command = `\`${spec.argv.join(' ')}\``
  return started
    ? new CancelledError(reason.signal, `${reason.message} while ${command} ran: its processes were ended`, spec.logPath)
    : new CancelledError(reason.signal, `${reason.message} before ${command} started`)
}

/** `exit 2`, `killed by SIGABRT`, `timed out after 900 s`: for messages and reports. */
export function describeExit(result: Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut'>, timeoutMs?: number): string {
  if (result.timedOut) return `timed out${timeoutMs ? ` after ${Math.round(timeoutMs / 1000)} s` : ''}`
  if (result.signal) return `killed by ${result.signal}`
  return `exit ${result.exitCode}`
}
