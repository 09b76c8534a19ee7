import path from 'node:path'
import { ensureDir, makeScratchDir, readTextIfPresent, removeTree, writeFileAtomic } from '../adapters/files.js'
import type { RunConfig } from '../config/run-config.js'
import { CancelledError, ConfigError, INTERNAL_ERROR_EXIT_CODE, PydebugError } from '../errors.js'
import { planCell, type CellPlan } from '../plan/cell.js'
import { describeSource } from '../plan/source.js'
import { baselineOrError, withBaseline } from '../report/baseline.js'
import { collectReport, type RunResults } from '../report/collect.js'
import { findingsExitCode } from '../report/exit-code.js'
import type { Report } from '../report/model.js'
import { renderSummaryMarkdown } from '../report/summary-md.js'
import { renderHtmlReport } from '../report/html-report.js'
import type {
  CpythonTestsRun,
  ExtensionBuild,
  InterpreterInstall,
  MemcheckRun,
  PytestHunt,
  RefleakHunt,
  SanitizerPass,
  ShowrefcountRun,
  TestCommandRun,
  VariantChecksRun,
} from '../report/step-results.js'
import { TOOL_VERSION } from '../version.js'
import { ensureExtension } from './build-extension.js'
import { ensureInterpreter } from './build-python.js'
import { reportPath, withCommandEnv, type StepContext } from './context.js'
import { runCpythonTests } from './run-cpython-tests.js'
import { discoverTestModules, listTestCases, runRefleakHunt, runShowrefcount, testEnv } from './run-tests.js'
import { installTestRequirements } from './install-test-requirements.js'
import { readProjectTestFacts, runPytestRefleakHunt } from './run-pytest.js'
import { chooseTestRunner, type TestRunnerChoice } from '../plan/test-runner.js'
import { runTestCommand, testCommandAsFileRun } from './run-test-command.js'
import { TEST_COMMAND_NAME } from '../plan/test-command.js'
import { perFileChecks, runVariantChecks } from './run-variant-checks.js'
import { withGilMode } from '../plan/gil-mode.js'
import { findValgrind, memcheckSuppressions, runMemcheck, runMemcheckOnCommand } from './run-memcheck.js'
import { isSanitizerCheck, SANITIZERS } from '../catalog/sanitizers.js'
import { withSanitizerSuppressions } from '../plan/sanitizer-pass.js'
import { cpythonSuppressions } from './cpython-suppressions.js'
import { runSanitizerPass, testFileUnits } from './run-sanitizers.js'
import { pytestFileRunner, regrtestFileRunner, type TestFileRunner } from '../plan/test-file-runner.js'
import { PYTEST_PLUGIN_MODULE, pytestPluginDir } from '../adapters/bundled-files.js'
import type { VariantCheck } from '../catalog/variants.js'

export interface CellOutcome {
  readonly report: Report
  readonly reportPath: string
  readonly summaryPath: string
  readonly summaryMarkdown: string
  readonly interpreter?: InterpreterInstall
  readonly exitCode: number
}

/** Plans the cell or explains why it cannot exist. */
export function planCellOrThrow(config: Pick<RunConfig, 'python' | 'variant'>): CellPlan {
  const planned = planCell(config.python, config.variant)
  if (!planned.ok) {
    const { refusal } = planned
    throw new ConfigError(`${refusal.reason} (${refusal.source}).${refusal.alternative ? ` Use variant '${refusal.alternative}' instead.` : ''}`)
  }
  return planned.cell
}

/**
 * The whole pipeline for one cell: interpreter, extension, refleak hunt, showrefcount, report.
 * A failing step stops the run but never loses what came before: report.json, summary.md and
 * the logs are written in every case.
 */
export async function runCell(config: RunConfig, context: StepContext, inheritedPythonPath?: string): Promise<CellOutcome> {
  // Every command's temporary files (regrtest's test_python_<pid> folder, pytest's tmp_path) go to a folder of this run's own,
  // removed at the end: a test that crashes leaves its folder behind, and a later run whose process gets the same pid would
  // find it there (regrtest then warns "unable to create temporary directory" into the log).
  const scratch = await makeScratchDir('pydebug-tmp-')
  try {
    return await runCellIn(config, withCommandEnv(context, { TMPDIR: scratch }), inheritedPythonPath)
  } finally {
    await removeTree(scratch)
  }
}

async function runCellIn(config: RunConfig, context: StepContext, inheritedPythonPath?: string): Promise<CellOutcome> {
  // gil: force-off is part of the cell's runtime environment (PYTHON_GIL=0), so every pass and the report see it.
  let cell = withGilMode(planCellOrThrow(config), config.gil)
  // A baseline that is not a report fails now, not after a build of minutes.
  const baseline = config.baseline ? baselineOrError(await readTextIfPresent(config.baseline), config.baseline) : undefined
  // Logs from an earlier run in the same folder would mix with this run's.
  await removeTree(path.join(context.outDir, 'logs'))
  await ensureDir(path.join(context.outDir, 'logs'))

  let interpreter: InterpreterInstall | undefined
  const extensions: ExtensionBuild[] = []
  let refleaks: RefleakHunt | undefined
  let pytest: PytestHunt | undefined
  let testRunner: TestRunnerChoice | undefined
  let showrefcount: ShowrefcountRun[] | undefined
  let testCommand: TestCommandRun | undefined
  let cpythonTests: CpythonTestsRun | undefined
  let variantChecks: VariantChecksRun | undefined
  let memcheck: MemcheckRun | undefined
  let sanitizers: SanitizerPass | undefined
  // The variant's checks that could not run in this cell, and why: the summary says so.
  const checksNotRun: { check: VariantCheck; reason: string }[] = []
  let error: RunResults['error']
  let errorExitCode = 0
  try {
    // The variant's own checks (catalog: `checks`). A missing valgrind is said before a build of minutes.
    const checks = config.variant.checks ?? []
    const valgrind = checks.includes('memcheck') && config.extension && config.testsDir ? await findValgrind(context) : undefined
    interpreter = await ensureInterpreter(context, cell, config.source, config)
    // CPython's own suppressions for the cell's sanitizer (TSan: its own races), in every run's options.
    const sanitizerSpec = checks.filter(isSanitizerCheck).map((check) => SANITIZERS[check])[0]
    if (sanitizerSpec?.cpythonSuppressions) {
      const member = cell.abiFlags.includes('t') ? sanitizerSpec.cpythonSuppressions.freeThreadedMember : sanitizerSpec.cpythonSuppressions.member
      const found = await cpythonSuppressions(context, cell, interpreter, config.source, {
        member,
        kept: path.join('share', 'pydebug', path.basename(path.dirname(member)), path.basename(member)),
        marker: 'race:',
        tool: sanitizerSpec.logDir,
      })
      if (found.file) cell = withSanitizerSuppressions(cell, sanitizerSpec, found.file)
    }
    if (config.extension && config.testsDir) {
      // Every project (the first is the one under test, the others e.g. test dependencies with C code), each built for this interpreter.
      const buildOptions = {
        rebuild: config.rebuildExtensions,
        buildEnv: config.buildEnv,
        ...(config.buildCommand ? { buildCommand: config.buildCommand } : {}),
      }
      for (const projectDir of [config.extension, ...config.extraExtensions])
        extensions.push(await ensureExtension(context, cell, interpreter, projectDir, buildOptions))
      // All of them on PYTHONPATH, in the order given.
      const sitePath = extensions.map((build) => build.sitePath).join(path.delimiter)
      const target = { pythonPath: interpreter.pythonPath, testsDir: config.testsDir, projectDir: config.extension, sitePath }
      // test-requirements (pytest, say) in a folder of their own, on the tests' PYTHONPATH after the extensions and before the user's.
      const requirementsDir = await installTestRequirements(context, cell, interpreter.pythonPath, config.testRequirements)
      const testsPythonPath = [requirementsDir, inheritedPythonPath].filter((part) => part).join(path.delimiter) || undefined
      const sanitizer = checks.find(isSanitizerCheck)
      const memcheckTool = valgrind
        ? async () => ({ valgrind, suppressions: await memcheckSuppressions(context, cell, interpreter!, config.source), extensions })
        : undefined
      // The choice of test runner: the user's test-command replaces the refleak hunt and every per-file pass.
      if (config.testCommand) {
        const commandTarget = {
          command: config.testCommand,
          projectDir: config.extension,
          sitePaths: extensions.map((build) => build.sitePath),
          timeoutSeconds: config.testCommandTimeoutSeconds,
        }
        const installed = interpreter
        const runCommand = (passEnv?: Readonly<Record<string, string>>) =>
          runTestCommand(context, cell, installed, { ...commandTarget, ...(passEnv ? { passEnv } : {}) }, testsPythonPath)
        // The interpreter is instrumented: the command's own run is the sanitizer's, with its reports in files of their own.
        if (sanitizer) {
          sanitizers = await runSanitizerPass(context, cell, sanitizer, extensions, {
            names: [TEST_COMMAND_NAME],
            logName: (name) => name,
            description: 'the test command, its reports in files of their own',
            run: async (_name, passEnv) => testCommandAsFileRun((testCommand = await runCommand(passEnv))),
          })
        }
        testCommand ??= await runCommand()
        if (memcheckTool) memcheck = await runMemcheckOnCommand(context, cell, interpreter, commandTarget, await memcheckTool(), testsPythonPath)
        checksNotRun.push(
          ...perFileChecks(checks).map((check) => ({
            check,
            reason: `${check} runs each test file on its own, and the tests run through test-command here (${config.testCommand!.text}): run without test-command (pydebug picks regrtest or pytest) to have it`,
          })),
        )
      } else {
        const discovery = await discoverTestModules(config.testsDir)
        testRunner = chooseTestRunner(await readProjectTestFacts(config.extension, discovery), config)
        context.log.info(`the tests run under ${testRunner.runner}: ${testRunner.reason}`)
        const refleakOptions = {
          ...config.refleak,
          testTimeoutSeconds: config.testTimeoutSeconds,
          maxCaseRuns: config.maxCaseRuns,
          maxCaseRunsTotal: config.maxCaseRunsTotal,
        }
        const env = testEnv(cell, target, testsPythonPath)
        // Every later pass runs each test file once more, in its own process, by the runner the hunt used.
        let perFile: { runner: TestFileRunner; testFiles: string[]; caseIdsOf: (testFile: string) => Promise<string[]> }
        if (testRunner.runner === 'pytest') {
          const hunt = (pytest = await runPytestRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath))
          perFile = {
            runner: pytestFileRunner(config.extension, { module: PYTEST_PLUGIN_MODULE, dir: pytestPluginDir() }),
            testFiles: hunt.files.map((file) => file.file),
            caseIdsOf: async (testFile) => [...(hunt.files.find((file) => file.file === testFile)?.caseIds ?? [])],
          }
        } else {
          refleaks = await runRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath)
          perFile = {
            runner: regrtestFileRunner(config.testsDir, config.testTimeoutSeconds),
            testFiles: refleaks.discovery.modules,
            caseIdsOf: (testFile) => listTestCases(context, target, env, testFile, 'valgrind'),
          }
        }
        const { runner, testFiles } = perFile
        showrefcount = await runShowrefcount(context, cell, target, runner, config, testFiles, testsPythonPath)
        // What the variant exists for besides the refleak hunt (the GIL, the census, the allocation report).
        variantChecks = await runVariantChecks(
          context,
          cell,
          checks,
          target,
          runner,
          testFiles,
          { ...config.refleak, testTimeoutSeconds: config.testTimeoutSeconds, gil: config.gil },
          testsPythonPath,
        )
        if (memcheckTool)
          memcheck = await runMemcheck(context, cell, target, runner, config, testFiles, await memcheckTool(), perFile.caseIdsOf, testsPythonPath)
        if (sanitizer)
          sanitizers = await runSanitizerPass(
            context,
            cell,
            sanitizer,
            extensions,
            testFileUnits(context, cell, target, runner, testFiles, config, testsPythonPath),
          )
      }
    }
    if (config.cpythonTests.kind !== 'none') {
      cpythonTests = await runCpythonTests(context, cell, interpreter.pythonPath, {
        selection: config.cpythonTests,
        jobs: config.jobs,
        timeoutSeconds: config.testTimeoutSeconds,
        ...(config.cpythonTestsShard ? { shard: config.cpythonTestsShard } : {}),
        ...(config.cpythonTestsDurations ? { durationsFile: config.cpythonTestsDurations } : {}),
      })
    }
  } catch (thrown) {
    // Even an unexpected failure (a full disk, a bug) leaves report.json and the logs behind.
    // After a cancellation, what a step made of its ended command (a probe that "failed", say) is not the reason the run stopped.
    const caught = context.cancel?.aborted && !(thrown instanceof CancelledError) ? context.cancel.reason : thrown
    errorExitCode = caught instanceof PydebugError ? caught.exitCode : INTERNAL_ERROR_EXIT_CODE
    error =
      caught instanceof PydebugError
        ? {
            kind: caught.name,
            message: caught.message,
            ...('logPath' in caught && typeof caught.logPath === 'string' ? { log: reportPath(context, caught.logPath) } : {}),
          }
        : { kind: 'InternalError', message: caught instanceof Error ? (caught.stack ?? caught.message) : String(caught) }
  }

  const collected = collectReport({
    toolVersion: TOOL_VERSION,
    generatedAt: new Date().toISOString(),
    cell,
    sourceDescription: describeSource(config.source),
    ...(interpreter ? { interpreter } : {}),
    extensions,
    ...(refleaks ? { refleaks } : {}),
    ...(pytest ? { pytest } : {}),
    ...(testRunner ? { testRunner } : {}),
    ...(showrefcount ? { showrefcount } : {}),
    ...(testCommand ? { testCommand } : {}),
    ...(cpythonTests ? { cpythonTests } : {}),
    ...(variantChecks ? { variantChecks } : {}),
    ...(memcheck ? { memcheck } : {}),
    ...(sanitizers ? { sanitizers } : {}),
    ...(checksNotRun.length ? { checksNotRun } : {}),
    ...(error ? { error } : {}),
    relative: (absolutePath) => reportPath(context, absolutePath),
  })
  const report: Report = withBaseline(collected, baseline, config.failOn)
  const summaryMarkdown = renderSummaryMarkdown(report)
  const reportFile = path.join(context.outDir, 'report.json')
  const summaryFile = path.join(context.outDir, 'summary.md')
  await writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`)
  await writeFileAtomic(summaryFile, summaryMarkdown)
  await writeFileAtomic(path.join(context.outDir, 'report.html'), renderHtmlReport(report))

  return {
    report,
    reportPath: reportFile,
    summaryPath: summaryFile,
    summaryMarkdown,
    ...(interpreter ? { interpreter } : {}),
    exitCode: error ? errorExitCode : findingsExitCode(report, config.failOn),
  }
}
