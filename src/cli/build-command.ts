import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { createStreamLogger } from '../adapters/logger.js'
import { ensureInterpreter } from '../steps/build-python.js'
import { planCellOrThrow } from '../steps/run-cell.js'
import type { CliCommand } from './command.js'
import { createStepContext } from '../steps/context.js'
import { parseRunConfig } from './run-options.js'

export const buildCommand: CliCommand = {
  summary: 'build (or restore) a debug CPython only; prints the interpreter path on the last line',
  usage: `Usage: pydebug build --python X.Y.Z [--variant NAME] [--source SRC] [--cache-dir DIR] [--out DIR] [--jobs N] [--keep-build-tree]

Builds CPython X.Y.Z in the variant out of tree and installs it into the cache folder, or
restores it from there. Logs go to OUT/logs (default pydebug-out/logs). The last line of
standard output is the interpreter's path, for scripts: PY=$(pydebug build ... | tail -n1).`,
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
