import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { createStreamLogger } from '../adapters/logger.js'
import { ensureInterpreter } from '../steps/build-python.js'
import { planCellOrThrow } from '../steps/run-cell.js'
import { parseCommandArgs, type CliCommand, type CliIo } from './command.js'
import { runEnvironment } from '../adapters/run-environment.js'
import { mapWithConcurrency } from '../concurrency.js'
import { INTERNAL_ERROR_EXIT_CODE, PydebugError } from '../errors.js'
import type { InterpreterInstall } from '../report/step-results.js'
import type { CellPlan } from '../plan/cell.js'
import { createStepContext } from '../steps/context.js'
import { flagSynopsis, parseRunConfig, RUN_FLAGS } from './run-options.js'

// The options that change the interpreter or where it goes; the rest are for the tests.
const BUILD_FLAGS = [
  'variant',
  'config',
  'source',
  'sourceSha256',
  'cacheDir',
  'out',
  'jobs',
  'keepBuildTree',
  'configureTimeout',
  'makeTimeout',
  'installTimeout',
  'logLimit',
] as const

export const buildCommand: CliCommand = {
  summary: 'build (or restore) debug CPython interpreters only; prints the interpreter path on the last line',
  usage: `Usage: pydebug build ${flagSynopsis('python')} ${BUILD_FLAGS.map((key) => `[${flagSynopsis(key)}]`).join(' ')}

Builds CPython X.Y.Z in the variant out of tree and installs it into the cache folder, or
restores it from there. Logs go to OUT/logs (default pydebug-out/logs). The last line of
standard output is the interpreter's path, for scripts: PY=$(pydebug build ... | tail -n1).
Several variants, comma-separated (--variant pydebug,trace-refs,valgrind), build side by side,
as many at once as the machine has CPUs: they share the unpacked source and take turns at
configure, so a later one reuses the results of an earlier one. Each logs to OUT/<variant>/logs,
its lines prefixed with [variant]; standard output ends with one "<variant> <path>" line each.
It takes every option of 'pydebug run' (see 'pydebug run --help').`,
  async run(args, io) {
    const variants = requestedVariants(args)
    if (variants.length > 1) return buildSeveral(args, variants, io)
    const config = parseRunConfig(args, io, { requireExtension: false })
    const cell = planCellOrThrow(config)
    // Ctrl-C ends configure and make (their process groups) and leaves no lock, as in pydebug run.
    const cancel = io.cancelOnSignals?.()
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr), ...(cancel ? { cancel } : {}) })
    await mkdir(path.join(context.outDir, 'logs'), { recursive: true })
    const interpreter = await ensureInterpreter(context, cell, config.source, config)
    io.stdout(`${describeBuild(interpreter)}\n${interpreter.pythonPath}\n`)
    return 0
  },
}

function describeBuild(interpreter: InterpreterInstall): string {
  return `cache: ${interpreter.cacheHit === 'none' ? 'miss (built)' : `hit (${interpreter.cacheHit})`}`
}

/** The variant names `--variant` gives, split at commas, in order and without repeats. */
function requestedVariants(args: string[]): string[] {
  const { values } = parseCommandArgs(args, RUN_FLAGS)
  const given = values.variant
  if (typeof given !== 'string') return []
  return [...new Set(given.split(',').map((name) => name.trim()))]
}

/** `args` with `--variant` naming one variant: each is then checked as the single-variant command checks it. */
function withVariant(args: string[], variant: string): string[] {
  const kept: string[] = []
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--variant') index++
    else if (!args[index].startsWith('--variant=')) kept.push(args[index])
  }
  return [...kept, `--variant=${variant}`]
}

async function buildSeveral(args: string[], variants: string[], io: CliIo): Promise<number> {
  // Every variant is checked before anything is built: a typo in the third never costs the first two's build.
  const configs = variants.map((variant) => parseRunConfig(withVariant(args, variant), io, { requireExtension: false }))
  const cells = configs.map(planCellOrThrow)
  const atOnce = Math.min(configs.length, runEnvironment(io.cwd, io.env).cpuCount)
  const cancel = io.cancelOnSignals?.()
  io.stderr(`building ${cells.map((cell) => cell.variant).join(', ')} (CPython ${cells[0].python.text}), ${atOnce} at once\n`)
  type Outcome = { cell: CellPlan; interpreter: InterpreterInstall } | { cell: CellPlan; exitCode: number }
  const outcomes = await mapWithConcurrency(configs, atOnce, async (config, index): Promise<Outcome> => {
    const cell = cells[index]
    const prefix = `[${cell.variant}] `
    const log = createStreamLogger((text) => io.stderr(text.replace(/^(?=.)/gm, prefix)))
    try {
      const context = await createStepContext(
        { ...config, outDir: path.join(config.outDir, cell.variant) },
        { env: io.env, workspace: io.cwd, log, ...(cancel ? { cancel } : {}) },
      )
      await mkdir(path.join(context.outDir, 'logs'), { recursive: true })
      return { cell, interpreter: await ensureInterpreter(context, cell, config.source, config) }
    } catch (error) {
      const exitCode = error instanceof PydebugError ? error.exitCode : INTERNAL_ERROR_EXIT_CODE
      log.info(`failed (exit code ${exitCode}): ${error instanceof Error ? error.message : String(error)}`)
      return { cell, exitCode }
    }
  })
  for (const outcome of outcomes) if ('interpreter' in outcome) io.stdout(`${outcome.cell.variant} ${describeBuild(outcome.interpreter)}\n`)
  for (const outcome of outcomes) if ('interpreter' in outcome) io.stdout(`${outcome.cell.variant} ${outcome.interpreter.pythonPath}\n`)
  const failed = outcomes.filter((outcome) => 'exitCode' in outcome)
  if (failed.length) io.stderr(`pydebug build: ${failed.map((outcome) => outcome.cell.variant).join(', ')} did not build (see above)\n`)
  return failed.length && 'exitCode' in failed[0] ? failed[0].exitCode : 0
}
