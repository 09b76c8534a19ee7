/**
 * A ProcessRunner that starts no process: each call must be the next command the test expects,
 * whose scripted response writes what the real command would have (its log, files) and returns
 * its exit status. A call the test did not expect fails loudly, naming the call and what was
 * expected instead (cibuildwheel's `mock_protection`: no subprocess runs unless a test says so).
 * With it, a step's logic (runCell's included) runs in milliseconds without a CPython build.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { CommandResult, CommandSpec, ProcessRunner } from '../../src/adapters/process.js'

export interface ExpectedCommand {
  /** What the command is, in messages. */
  readonly name: string
  readonly matches: (spec: CommandSpec) => boolean
  /** The log the command writes (stdout and stderr). */
  readonly log?: string
  /** Returned as stdout, for `captureStdout` calls. */
  readonly stdout?: string
  readonly exitCode?: number
  readonly signal?: NodeJS.Signals
  readonly timedOut?: boolean
  /** What else the command leaves behind (files it writes). */
  readonly effect?: (spec: CommandSpec) => void
}

export interface ScriptedRunner extends ProcessRunner {
  /** Every call, in order, expected or not. */
  readonly calls: CommandSpec[]
  /** The expected commands no call has matched yet. */
  remaining(): string[]
}

/** `argv[0]` ends with `program` and the arguments include each of `args`. */
export function command(program: string, ...args: string[]): (spec: CommandSpec) => boolean {
  return (spec) => (spec.argv[0] === program || spec.argv[0].endsWith(`/${program}`)) && args.every((arg) => spec.argv.includes(arg))
}

export function scriptedRunner(expected: readonly ExpectedCommand[]): ScriptedRunner {
  const queue = [...expected]
  const calls: CommandSpec[] = []
  return {
    calls,
    remaining: () => queue.map((next) => next.name),
    async run(spec) {
      calls.push(spec)
      const next = queue[0]
      if (!next?.matches(spec)) {
        throw new Error(`unexpected command: ${JSON.stringify(spec.argv)} (in ${spec.cwd}); expected ${next ? `'${next.name}'` : 'no more commands'}`)
      }
      queue.shift()
      mkdirSync(path.dirname(spec.logPath), { recursive: true })
      writeFileSync(spec.logPath, next.log ?? '')
      next.effect?.(spec)
      const result: CommandResult = {
        argv: spec.argv,
        exitCode: next.signal ? null : (next.exitCode ?? 0),
        signal: next.signal ?? null,
        timedOut: next.timedOut ?? false,
        seconds: 0,
        logPath: spec.logPath,
        stdout: next.stdout ?? '',
      }
      return result
    },
  }
}
