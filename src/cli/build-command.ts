import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { createStreamLogger } from '../adapters/logger.js'
import { ensureInterpreter } from '../steps/build-python.js'
import { planCellOrThrow } from '../steps/run-cell.js'
import type { CliCommand } from './command.js'
import { createStepContext } from '../steps/context.js'
import { flagSynopsis, parseRunConfig } from './run-options.js'

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
] as const

export const buildCommand: CliCommand = {
  summary: 'build (or restore) a debug CPython only; prints the interpreter path on the last line',
  usage: `Usage: pydebug build ${flagSynopsis('python')} ${BUILD_FLAGS.map((key) => `[${flagSynopsis(key)}]`).join(' ')}

Builds CPython X.Y.Z in the variant out of tree and installs it into the cache folder, or
restores it from there. Logs go to OUT/logs (default pydebug-out/logs). The last line of
standard output is the interpreter's path, for scripts: PY=$(pydebug build ... | tail -n1).
It takes every option of 'pydebug run' (see 'pydebug run --help').`,
  async run(args, io) {
    const config = parseRunConfig(args, io, { requireExtension: false })
    const cell = planCellOrThrow(config)
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr) })
    await mkdir(path.join(context.outDir, 'logs'), { recursive: true })
    const interpreter = await ensureInterpreter(context, cell, config.source, config)
    io.stdout(`cache: ${interpreter.cacheHit === 'none' ? 'miss (built)' : `hit (${interpreter.cacheHit})`}\n${interpreter.pythonPath}\n`)
    return 0
  },
}
