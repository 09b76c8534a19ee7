import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseLogFile } from '../adapters/read-lines.js'
import { CLI_OPTION_NAMES, FAIL_ON_VALUES, type FailOn } from '../config/run-config.js'
import { ConfigError } from '../errors.js'
import { findingsExitCode } from '../report/exit-code.js'
import { REPORT_SCHEMA_VERSION, type Report } from '../report/model.js'
import { buildReport, renderParsedMarkdown, type ParsedLogFile } from '../report/parsed-logs.js'
import { renderRollupMarkdown, rollUpReports } from '../report/rollup.js'
import { parseCommandArgs, type CliCommand, type CliIo } from './command.js'

const FORMATS = ['json', 'markdown'] as const
type Format = (typeof FORMATS)[number]

const FAIL_ON_USAGE = `[--fail-on ${FAIL_ON_VALUES.join('|')}]`

export const reportCommand: CliCommand = {
  summary: 'turn any debug-build logs (regrtest, showrefcount, debug hooks, sanitizers, valgrind XML, ...) into report.json or Markdown',
  usage: `Usage: pydebug report parse <log>... [--format json|markdown] [--out FILE] [--workspace DIR] ${FAIL_ON_USAGE}

Reads each log as a stream, detects what it contains from its content (regrtest and -R leaks,
-X showrefcount, gettotalrefcount series, PYTHONMALLOCSTATS, COUNT_ALLOCS, debug-hook dumps,
fatal errors and faulthandler tracebacks, ASan/LSan/UBSan, valgrind --xml=yes), and prints a
report (schemas/report-v1.schema.json) or a Markdown summary. Its findings are those pydebug run
gives for the same log, in the same words. --workspace strips that folder from paths (GitHub
runner checkouts are recognised without it). Exit code 0 when the logs were read, whatever they
contain, unless --fail-on says otherwise: 'findings' exits 1 on any finding (a test leaked,
crashed, failed, timed out or did not run), 'leaks' only for leaks (as in pydebug run; the
default here is 'never'); 2 for bad arguments or unreadable logs.

       pydebug report merge <folder>... [--out FILE] [--title TEXT] ${FAIL_ON_USAGE}

Rolls up the reports of a matrix run: every report.json below the folders (one folder per cell's
artifact, as actions/download-artifact lays them out) becomes one row per cell, the shards of a
cell (pydebug-<cell>-cpyIofN) one cell with their counts added, a missing shard said so; then each
cell's findings. Markdown on stdout or in FILE; exit code from the findings as --fail-on says
(default 'never').`,
  async run(args, io) {
    const [subcommand, ...rest] = args
    if (subcommand === 'merge') return mergeReports(rest, io)
    if (subcommand !== 'parse') {
      throw new ConfigError(
        `expected the subcommand 'parse' or 'merge', got ${subcommand === undefined ? 'nothing' : `'${subcommand}'`}. Usage: pydebug report parse <log>... [--format json|markdown] [--out FILE], or pydebug report merge <folder>... [--out FILE]`,
      )
    }
    const { values, positionals } = parseCommandArgs(
      rest,
      { format: { type: 'string' }, out: { type: 'string' }, workspace: { type: 'string' }, 'fail-on': { type: 'string' } },
      true,
    )
    const format = (values.format ?? 'json') as Format
    if (!FORMATS.includes(format)) throw new ConfigError(`--format: '${String(values.format)}' is not a format; use json or markdown.`)
    const failOn = failOnOf(values['fail-on'])
    if (positionals.length === 0) throw new ConfigError('<log>: no log files given; pass one or more paths, e.g. pydebug report parse test.log')
    const logPaths = positionals.map((log) => path.resolve(io.cwd, log))
    for (const [index, logPath] of logPaths.entries()) {
      const info = await stat(logPath).catch(() => undefined)
      if (!info?.isFile())
        throw new ConfigError(`<log>: '${positionals[index]}' is not a readable file (resolved to ${logPath}); pass paths of existing log files.`)
    }
    const outPath = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : undefined
    const reportDir = outPath ? path.dirname(outPath) : io.cwd
    const workspace = typeof values.workspace === 'string' ? path.resolve(io.cwd, values.workspace) : undefined
    const parsedLogs: ParsedLogFile[] = []
    for (const logPath of logPaths) {
      parsedLogs.push({ path: toPosix(path.relative(reportDir, logPath)), parsed: await parseLogFile(logPath, workspace ? { workspace } : {}) })
    }
    const report = buildReport(parsedLogs, new Date())
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderParsedMarkdown(report)
    if (outPath) {
      await writeFile(outPath, text).catch((error: NodeJS.ErrnoException) => {
        throw new ConfigError(`--out: cannot write '${String(values.out)}' (${error.code ?? error.message}); pass a file in an existing folder.`)
      })
    } else io.stdout(text)
    return findingsExitCode(report, failOn)
  },
}

/**
 * --fail-on as `pydebug run` takes it: the same values, blank as unset, and the same message
 * (src/config/run-config.ts). Unset is 'never' here, not run's default: reading logs is not a test run.
 */
function failOnOf(given: string | undefined): FailOn {
  const value = given?.trim() || 'never'
  if (!(FAIL_ON_VALUES as readonly string[]).includes(value))
    throw new ConfigError(`${CLI_OPTION_NAMES.failOn} '${value}' is not allowed. Allowed: ${FAIL_ON_VALUES.join(', ')}.`)
  return value as FailOn
}

/** `pydebug report merge`: a matrix's report folders as one Markdown view (report/rollup.ts). */
async function mergeReports(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, title: { type: 'string' }, 'fail-on': { type: 'string' } }, true)
  const failOn = failOnOf(values['fail-on'])
  if (positionals.length === 0)
    throw new ConfigError("<folder>: no folders given; pass the folder that holds the cells' report folders, e.g. pydebug report merge reports")
  const found: { folder: string; report: Report }[] = []
  for (const given of positionals) {
    const root = path.resolve(io.cwd, given)
    const entries = await readdir(root, { recursive: true }).catch(() => {
      throw new ConfigError(`<folder>: '${given}' is not a readable folder (resolved to ${root}).`)
    })
    for (const entry of entries.filter((name) => path.basename(name) === 'report.json').sort()) {
      const file = path.join(root, entry)
      const report = JSON.parse(await readFile(file, 'utf8').catch(() => 'null')) as Report | null
      // A report of another schema or a half-written file is said, not trusted.
      if (report?.schema !== REPORT_SCHEMA_VERSION) {
        io.stderr(`pydebug report merge: ${file} is not a schema-${REPORT_SCHEMA_VERSION} report.json; left out\n`)
        continue
      }
      found.push({ folder: toPosix(path.dirname(entry)) === '.' ? path.basename(root) : toPosix(path.dirname(entry)), report })
    }
  }
  const cells = rollUpReports(found)
  const text = renderRollupMarkdown(cells, typeof values.title === 'string' ? values.title : 'pydebug')
  if (typeof values.out === 'string') await writeFile(path.resolve(io.cwd, values.out), text)
  else io.stdout(text)
  return (
    findingsExitCode({ findings: cells.flatMap((cell) => cell.findings) }, failOn) ||
    (failOn !== 'never' && cells.some((cell) => cell.status !== 'clean' && cell.status !== 'findings') ? 1 : 0)
  )
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/')
}
