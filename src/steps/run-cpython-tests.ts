import path from 'node:path'
import { readText, readTextIfPresent, writeFileAtomic } from '../adapters/files.js'
import { ConfigError } from '../errors.js'
import { parseRegrtestJunit } from '../parse/regrtest-junit.js'
import type { CellPlan } from '../plan/cell.js'
import {
  assignShard,
  planCpythonTestsCommand,
  planCpythonTestsEnv,
  planCpythonTestsListing,
  type CpythonTestsSelection,
  type ShardSpec,
} from '../plan/cpython-tests.js'
import type { CpythonTestsRun } from '../report/step-results.js'
import { logPath, type StepContext } from './context.js'
import { parseRegrtestRun } from './run-tests.js'

export interface CpythonTestsOptions {
  readonly selection: Exclude<CpythonTestsSelection, { kind: 'none' }>
  readonly jobs: number
  readonly timeoutSeconds: number
  readonly shard?: ShardSpec
  /** A report.json of an earlier run, whose `cpythonTests.durations` balance the shards. */
  readonly durationsFile?: string
}

/** The name of the JUnit file in the out folder, which the action uploads whole. */
export const CPYTHON_TESTS_JUNIT_FILE = 'cpython-tests.junit.xml'

/**
 * CPython's own test suite on the cell's installed interpreter, as `make test` / `make quicktest`
 * runs it (src/catalog/cpython-tests.ts), with the variant's runtime settings applied, -jN workers
 * and a per-test timeout: a hung test file is killed and reported, the others still run.
 */
export async function runCpythonTests(context: StepContext, cell: CellPlan, pythonPath: string, options: CpythonTestsOptions): Promise<CpythonTestsRun> {
  const junitXml = path.join(context.outDir, CPYTHON_TESTS_JUNIT_FILE)
  const environment = planCpythonTestsEnv(context.env, cell.runtimeEnv)
  const commandInput = { pythonPath, python: cell.python, selection: options.selection, jobs: options.jobs, timeoutSeconds: options.timeoutSeconds, junitXml }

  let shard: CpythonTestsRun['shard']
  let testsFile: string | undefined
  if (options.shard) {
    const durations = options.durationsFile ? await readDurations(options.durationsFile) : {}
    const listing = await context.runner.run({
      argv: planCpythonTestsListing(commandInput),
      cwd: context.outDir,
      env: environment.env,
      logPath: logPath(context, 'cpython-tests-list.log'),
      captureStdout: true,
    })
    const listed = listing.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^test[\w.]*$/.test(line) && line !== 'test')
    if (listing.exitCode !== 0 || listed.length === 0)
      throw new Error(`regrtest --list-tests listed no test (exit code ${listing.exitCode}); see ${listing.logPath}`)
    const tests = assignShard(listed, options.shard, durations)
    testsFile = logPath(context, `cpython-tests-shard-${options.shard.index}of${options.shard.count}.txt`)
    await writeFileAtomic(testsFile, tests.map((test) => `${test}\n`).join(''))
    shard = { ...options.shard, tests, balancedBy: Object.keys(durations).length ? 'durations' : 'name' }
    context.log.info(
      `shard ${options.shard.index} of ${options.shard.count}: ${tests.length} of ${new Set(listed.map((name) => name.split('.').find((part) => part.startsWith('test_')))).size} test files`,
    )
  }

  const plan = planCpythonTestsCommand({ ...commandInput, ...(testsFile ? { testsFile } : {}) })
  const run = await context.log.group(
    `CPython's test suite (${options.selection.kind === 'args' ? options.selection.args.join(' ') : options.selection.kind})`,
    async () => {
      return parseRegrtestRun(context, { argv: plan.argv, cwd: context.outDir, env: environment.env, logPath: logPath(context, 'cpython-tests.log') })
    },
  )
  const junitText = await readTextIfPresent(junitXml)
  return {
    ...run,
    selection: options.selection,
    timeoutSeconds: options.timeoutSeconds,
    plan,
    environment,
    junitXml,
    ...(junitText !== undefined ? { junit: parseRegrtestJunit(junitText) } : {}),
    ...(shard ? { shard } : {}),
  }
}

/** Seconds per test file from an earlier report.json (`cpythonTests.durations`). */
async function readDurations(file: string): Promise<Record<string, number>> {
  let report: unknown
  try {
    report = JSON.parse(await readText(file))
  } catch (error) {
    throw new ConfigError(
      `cpython-tests-durations '${file}': cannot read it as a pydebug report.json (${error instanceof Error ? error.message : String(error)}).`,
    )
  }
  const durations = (report as { cpythonTests?: { durations?: unknown } } | null)?.cpythonTests?.durations
  if (typeof durations !== 'object' || durations === null) {
    throw new ConfigError(`cpython-tests-durations '${file}': it has no cpythonTests.durations; give the report.json of a run that ran CPython's tests.`)
  }
  return Object.fromEntries(Object.entries(durations).filter((entry): entry is [string, number] => typeof entry[1] === 'number'))
}
