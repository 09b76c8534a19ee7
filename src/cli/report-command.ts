import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseLogFile } from '../adapters/read-lines.js'
import { listZipEntries, readZipEntry } from '../adapters/zip.js'
import { CLI_OPTION_NAMES, FAIL_ON_VALUES, type FailOn } from '../config/run-config.js'
import { ConfigError } from '../errors.js'
import { findingsExitCode } from '../report/exit-code.js'
import { REPORT_SCHEMA_VERSION, type Report } from '../report/model.js'
import { buildReport, renderParsedMarkdown, type ParsedLogFile } from '../report/parsed-logs.js'
import { baselineOrError } from '../report/baseline.js'
import {
  hasBrokenCells,
  mergeReports,
  readPlannedMatrix,
  readRefusedCells,
  renderRollupMarkdown,
  type MergedReport,
  type PlannedCell,
  type PlanReading,
} from '../report/rollup.js'
import { TOOL_VERSION } from '../version.js'
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

       pydebug report merge <folder or zip>... [--out DIR|FILE.md] [--title TEXT] [--baseline FILE]
                            [--matrix FILE] [--refused FILE] ${FAIL_ON_USAGE}

Rolls up the reports of a matrix run: every report.json below the folders (one folder per cell's
artifact, as actions/download-artifact lays them out) or inside artifact zips (as downloaded from a
run's page) belongs to one cell; the shards of a cell (pydebug-<cell>-cpyIofN) are one cell with
their counts added, a missing shard said so. It shows a grid of CPython versions x variants (clean,
leaks, memory errors, failed, refused, not run), each cell, and the union of the findings with the
cells that saw each (matched by identity: kind, test, place). --matrix and --refused take the matrix
action's outputs (pydebug matrix --format json): a planned cell without a report is 'not run', a
refused one 'refused'. --baseline takes a previous run's report.json (a cell's, or this command's):
each finding is new, unchanged or fixed. Markdown on stdout, or in FILE.md; --out DIR writes
DIR/summary.md and the merged DIR/report.json. Exit code from the findings as --fail-on says
(default 'never'; 'new' fails only on findings the baseline does not have), and 1 under any other
value when a cell broke, tested nothing or sent no report.`,
  async run(args, io) {
    const [subcommand, ...rest] = args
    if (subcommand === 'merge') return mergeReportFolders(rest, io)
    if (subcommand !== 'parse') {
      throw new ConfigError(
        `expected the subcommand 'parse' or 'merge', got ${subcommand === undefined ? 'nothing' : `'${subcommand}'`}. Usage: pydebug report parse <log>... [--format json|markdown] [--out FILE], or pydebug report merge <folder or zip>... [--out DIR]`,
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

/** The flags `report merge` shares with `pydebug run`, spelled as the run option table spells them. */
const BASELINE_FLAG = CLI_OPTION_NAMES.baseline.replace(/^--/, '')
const FAIL_ON_FLAG = CLI_OPTION_NAMES.failOn.replace(/^--/, '')

// A report.json inside an artifact zip is read whole; a cell's is far below this.
const MAX_REPORT_BYTES = 256 * 1024 * 1024

/**
 * `pydebug report merge`: a matrix's report folders and artifact zips as one roll-up
 * (report/rollup.ts): Markdown on stdout or in --out FILE.md, or summary.md and the merged
 * report.json in --out DIR.
 */
async function mergeReportFolders(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      out: { type: 'string' },
      title: { type: 'string' },
      [FAIL_ON_FLAG]: { type: 'string' },
      [BASELINE_FLAG]: { type: 'string' },
      matrix: { type: 'string' },
      refused: { type: 'string' },
    },
    true,
  )
  const failOn = failOnOf(values[FAIL_ON_FLAG] as string | undefined)
  if (positionals.length === 0)
    throw new ConfigError(
      "<folder>: no folders or zips given; pass the folder that holds the cells' report folders or their artifact zips, e.g. pydebug report merge reports",
    )
  const found: { folder: string; report: Report }[] = []
  const take = (where: string, folder: string, text: string | undefined) => {
    const report = parseJsonOrNull(text) as (Report & { kind?: unknown }) | null
    // A report of another schema or a half-written file is said, not trusted; a roll-up is not a cell.
    if (report?.schema !== REPORT_SCHEMA_VERSION || !Array.isArray(report.findings))
      io.stderr(`pydebug report merge: ${where} is not a schema-${REPORT_SCHEMA_VERSION} report.json; left out\n`)
    else if (report.kind === 'rollup') io.stderr(`pydebug report merge: ${where} is a merged report, not a cell's; left out\n`)
    else found.push({ folder, report })
  }
  for (const given of positionals) {
    const root = path.resolve(io.cwd, given)
    const info = await stat(root).catch(() => undefined)
    if (info?.isFile() && given.endsWith('.zip')) {
      await takeZip(root, given, path.basename(given, '.zip'), take)
      continue
    }
    if (!info?.isDirectory())
      throw new ConfigError(`<folder>: '${given}' is not a readable folder or .zip file (resolved to ${root}); pass report folders or artifact zips.`)
    const entries = (await readdir(root, { recursive: true })).map(toPosix).sort()
    for (const entry of entries) {
      const file = path.join(root, entry)
      if (path.posix.basename(entry) === 'report.json') {
        const folder = path.posix.dirname(entry) === '.' ? path.basename(root) : path.posix.dirname(entry)
        take(file, folder, await readFile(file, 'utf8').catch(() => undefined))
      } else if (entry.endsWith('.zip')) await takeZip(file, file, entry.slice(0, -'.zip'.length), take)
    }
  }

  const planned = [
    ...(await planOf(values.matrix, '--matrix', io, readPlannedMatrix, "the matrix action's matrix output or pydebug matrix --format json")),
    ...(await planOf(values.refused, '--refused', io, readRefusedCells, "the matrix action's refused output")),
  ]
  const baselineGiven = values[BASELINE_FLAG] as string | undefined
  const baseline = baselineGiven?.trim()
    ? baselineOrError(await readFile(path.resolve(io.cwd, baselineGiven), 'utf8').catch(() => undefined), baselineGiven)
    : undefined
  const merged = mergeReports({
    reports: found,
    planned,
    ...(baseline ? { baseline } : {}),
    compareWithNothing: failOn === 'new',
    title: typeof values.title === 'string' ? values.title : 'pydebug',
    toolVersion: TOOL_VERSION,
    generatedAt: new Date().toISOString(),
  })
  const markdown = renderRollupMarkdown(merged)
  await writeMerged(values.out, markdown, merged, io)
  if (failOn === 'never') return 0
  return (
    findingsExitCode({ findings: [...merged.findings], ...(merged.baseline ? { baseline: merged.baseline } : {}) }, failOn) || (hasBrokenCells(merged) ? 1 : 0)
  )
}

/** Each report.json in an artifact zip, as the folder `download-artifact` would have unpacked it into. */
async function takeZip(file: string, given: string, folder: string, take: (where: string, folder: string, text: string | undefined) => void): Promise<void> {
  const fail = (error: unknown): never => {
    throw new ConfigError(`<folder>: '${given}' cannot be read as an artifact zip: ${error instanceof Error ? error.message : String(error)}.`)
  }
  const entries = await listZipEntries(file).catch(fail)
  for (const entry of entries.filter((candidate) => path.posix.basename(candidate.name) === 'report.json')) {
    const text = (await readZipEntry(file, entry, MAX_REPORT_BYTES).catch(fail)).toString('utf8')
    const inner = path.posix.dirname(entry.name)
    take(`${given}:${entry.name}`, inner === '.' ? folder : `${folder}/${inner}`, text)
  }
}

async function planOf(given: unknown, flag: string, io: CliIo, read: (text: string) => PlanReading, what: string): Promise<PlannedCell[]> {
  if (typeof given !== 'string' || given.trim() === '') return []
  const text = await readFile(path.resolve(io.cwd, given), 'utf8').catch(() => undefined)
  const reading: PlanReading = text === undefined ? { ok: false, problem: 'no such file, or it cannot be read' } : read(text)
  if (!reading.ok) throw new ConfigError(`${flag} '${given}': ${reading.problem}. Give a file holding ${what}.`)
  return reading.cells
}

/**
 * --out FILE.md (or an existing file) takes the Markdown alone, as before the merged report.json
 * existed; any other --out is a folder for summary.md and report.json; without it, stdout.
 */
async function writeMerged(out: unknown, markdown: string, merged: MergedReport, io: CliIo): Promise<void> {
  if (typeof out !== 'string') {
    io.stdout(markdown)
    return
  }
  const target = path.resolve(io.cwd, out)
  const cannot = (error: NodeJS.ErrnoException): never => {
    throw new ConfigError(`--out: cannot write '${out}' (${error.code ?? error.message}); pass a folder (or a .md file) in a place you can write.`)
  }
  if (out.endsWith('.md') || (await stat(target).catch(() => undefined))?.isFile()) {
    await writeFile(target, markdown).catch(cannot)
    return
  }
  await mkdir(target, { recursive: true }).catch(cannot)
  await writeFile(path.join(target, 'summary.md'), markdown).catch(cannot)
  await writeFile(path.join(target, 'report.json'), `${JSON.stringify(merged, null, 2)}\n`).catch(cannot)
  io.stderr(`pydebug report merge: wrote ${path.join(out, 'summary.md')} and ${path.join(out, 'report.json')}\n`)
}

function parseJsonOrNull(text: string | undefined): unknown {
  try {
    return text === undefined ? null : JSON.parse(text)
  } catch {
    return null
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/')
}
