#!/usr/bin/env node
import { buildCommand } from '../cli/build-command.js'
import type { CliCommand, CliIo } from '../cli/command.js'
import { matrixCommand } from '../cli/matrix-command.js'
import { reportCommand } from '../cli/report-command.js'
import { runCommand } from '../cli/run-command.js'
import { variantsCommand } from '../cli/variants-command.js'
import { INTERNAL_ERROR_EXIT_CODE, PydebugError } from '../errors.js'
import { TOOL_VERSION } from '../version.js'
import { isProcessEntry } from '../adapters/process-entry.js'
import { cancelOnSignals, type Cancellation } from '../adapters/cancellation.js'

/** Every subcommand, in the order `--help` lists them. Add a command: one file in src/cli/, one line here. */
export const COMMANDS: Record<string, CliCommand> = {
  run: runCommand,
  build: buildCommand,
  variants: variantsCommand,
  matrix: matrixCommand,
  report: reportCommand,
}

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  return `pydebug ${TOOL_VERSION}: CPython debug builds, C extensions and refleak reports\n\nUsage: pydebug <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'pydebug <command> --help' for a command's options.\n`
}

/** The whole CLI as a function of its arguments and I/O; returns the exit code. */
export async function cli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${TOOL_VERSION}\n`)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`pydebug: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}. Run 'pydebug --help'.\n`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof PydebugError) {
      io.stderr(`pydebug ${name}: ${error.message}\n`)
      return error.exitCode
    }
    throw error
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export async function main(): Promise<void> {
  let cancellation: Cancellation | undefined
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    cancelOnSignals: () => {
      cancellation ??= cancelOnSignals((message) => process.stderr.write(`pydebug: ${message}\n`))
      return cancellation.signal
    },
  }
  try {
    process.exitCode = await cli(process.argv.slice(2), io)
  } catch (error) {
    process.stderr.write(`pydebug: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = INTERNAL_ERROR_EXIT_CODE
  } finally {
    cancellation?.dispose()
  }
}

if (isProcessEntry(import.meta.url)) await main()
