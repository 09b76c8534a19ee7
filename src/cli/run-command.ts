import { createStreamLogger } from '../adapters/logger.js'
import { runCell } from '../steps/run-cell.js'
import type { CliCommand } from './command.js'
import { createStepContext } from '../steps/context.js'
import { flagSynopsis, parseRunConfig, runOptionsHelp } from './run-options.js'

export const RUN_USAGE = `Usage: pydebug run ${flagSynopsis('python')} ${flagSynopsis('extension')} [options]

Builds CPython X.Y.Z in a debug variant (or restores it from the cache), builds the C extension
in DIR against it, hunts reference leaks in its tests with regrtest -R, runs each test file once
with -X showrefcount, and writes report.json, summary.md and logs/ to the output folder.

Options:
${runOptionsHelp()}

Exit codes: 0 clean, 1 findings (see --fail-on; a run that tested nothing is a finding),
2 bad arguments, 3 source not found, 4 CPython build failed, 5 extension build failed,
70 internal error (a bug: please report it with the log), 130 / 143 cancelled by SIGINT /
SIGTERM (the running commands are ended; report.json says what ran before).`

export const runCommand: CliCommand = {
  summary: 'build (or restore) a debug CPython, build an extension against it, hunt leaks, write a report',
  usage: RUN_USAGE,
  async run(args, io) {
    const config = parseRunConfig(args, io, { requireExtension: true })
    const cancel = io.cancelOnSignals?.()
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr), ...(cancel ? { cancel } : {}) })
    const outcome = await runCell(config, context, io.env.PYTHONPATH)
    const { report } = outcome
    io.stdout(`status: ${report.status}${report.error ? ` (${report.error.message.split('\n')[0]})` : ''}\n`)
    for (const finding of report.findings) io.stdout(`  ${finding.kind}: ${finding.message}\n`)
    io.stdout(`report: ${outcome.reportPath}\nsummary: ${outcome.summaryPath}\n`)
    return outcome.exitCode
  },
}
