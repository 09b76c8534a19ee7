import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../adapters/files.js'
import type { RunConfig } from '../config/run-config.js'
import { ConfigError, FINDINGS_EXIT_CODE, INTERNAL_ERROR_EXIT_CODE, PydebugError } from '../errors.js'
import { planCell, type CellPlan } from '../plan/cell.js'
import { describeSource } from '../plan/source.js'
import { collectReport, type RunResults } from '../report/collect.js'
import { failsOnLeaks } from '../report/finding-kinds.js'
import type { Report } from '../report/model.js'
import { renderSummaryMarkdown } from '../report/summary-md.js'
import { TOOL_VERSION } from '../version.js'
import { ensureExtension, type ExtensionBuild } from './build-extension.js'
import { ensureInterpreter, type InterpreterInstall } from './build-python.js'
import { reportPath, type StepContext } from './context.js'
import { runCpythonTests, type CpythonTestsRun } from './run-cpython-tests.js'
import { discoverTestModules, runRefleakHunt, runShowrefcount, type RefleakHunt, type ShowrefcountRun } from './run-tests.js'
import { installTestRequirements } from './install-test-requirements.js'
import { readProjectTestFacts, runPytestRefleakHunt, type PytestHunt } from './run-pytest.js'
import { chooseTestRunner, type TestRunnerChoice } from '../plan/test-runner.js'
import { runTestCommand, type TestCommandRun } from './run-test-command.js'
import { runVariantChecks, withGilMode, type VariantChecksRun } from './run-variant-checks.js'
import { findValgrind, memcheckSuppressions, runMemcheck, type MemcheckRun } from './run-memcheck.js'
import { isSanitizerCheck } from '../catalog/sanitizers.js'
import { runSanitizerPass, type SanitizerPass } from './run-sanitizers.js'

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
  // gil: force-off is part of the cell's runtime environment (PYTHON_GIL=0), so every pass and the report see it.
  const cell = withGilMode(planCellOrThrow(config), config.gil)
  // Logs from an earlier run in the same folder would mix with this run's.
  await rm(path.join(context.outDir, 'logs'), { recursive: true, force: true })
  await mkdir(path.join(context.outDir, 'logs'), { recursive: true })

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
  let error: RunResults['error']
  let errorExitCode = 0
  try {
    // The variant's own checks (catalog: `checks`). A missing valgrind is said before a build of minutes.
    const checks = config.variant.checks ?? []
    const valgrind = checks.includes('memcheck') && config.extension && config.testsDir && !config.testCommand ? await findValgrind(context) : undefined
    interpreter = await ensureInterpreter(context, cell, config.source, config)
    if (config.extension && config.testsDir) {
      // Every project (the first is the one under test, the others e.g. test dependencies with C code), each built for this interpreter.
      const buildOptions = { rebuild: config.rebuildExtensions, buildEnv: config.buildEnv, ...(config.buildCommand ? { buildCommand: config.buildCommand } : {}) }
      for (const projectDir of [config.extension, ...config.extraExtensions]) extensions.push(await ensureExtension(context, cell, interpreter, projectDir, buildOptions))
      // All of them on PYTHONPATH, in the order given.
      const sitePath = extensions.map((build) => build.sitePath).join(path.delimiter)
      const target = { pythonPath: interpreter.pythonPath, testsDir: config.testsDir, projectDir: config.extension, sitePath }
      // test-requirements (pytest, say) in a folder of their own, on the tests' PYTHONPATH after the extensions and before the user's.
      const requirementsDir = await installTestRequirements(context, cell, interpreter.pythonPath, config.testRequirements)
      const testsPythonPath = [requirementsDir, inheritedPythonPath].filter((part) => part).join(path.delimiter) || undefined
      // The choice of test runner: the user's test-command replaces the refleak hunt (and its -X showrefcount pass).
      if (config.testCommand) {
        testCommand = await runTestCommand(context, cell, interpreter, { command: config.testCommand, projectDir: config.extension, sitePaths: extensions.map((build) => build.sitePath), timeoutSeconds: config.testCommandTimeoutSeconds }, testsPythonPath)
      } else {
        const discovery = await discoverTestModules(config.testsDir)
        testRunner = chooseTestRunner(await readProjectTestFacts(config.extension, discovery), config)
        context.log.info(`the tests run under ${testRunner.runner}: ${testRunner.reason}`)
        const refleakOptions = { ...config.refleak, testTimeoutSeconds: config.testTimeoutSeconds, maxCaseRuns: config.maxCaseRuns, maxCaseRunsTotal: config.maxCaseRunsTotal }
        if (testRunner.runner === 'pytest') pytest = await runPytestRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath)
        else refleaks = await runRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath)
      }
      // pytest projects: no -X showrefcount pass yet (regrtest cannot run their files).
      if (refleaks) showrefcount = await runShowrefcount(context, cell, target, config, refleaks.discovery.modules, testsPythonPath)
      // What the variant exists for besides the refleak hunt (the GIL, the census, the allocation report): unittest files, as regrtest runs them.
      if (refleaks) variantChecks = await runVariantChecks(context, cell, checks, target, refleaks.discovery.modules, { ...config.refleak, testTimeoutSeconds: config.testTimeoutSeconds, gil: config.gil }, testsPythonPath)
      if (valgrind && refleaks) {
        const suppressions = await memcheckSuppressions(context, cell, interpreter, config.source)
        memcheck = await runMemcheck(context, cell, target, config, refleaks.discovery.modules, { valgrind, suppressions, extensions }, testsPythonPath)
      } else if (valgrind) context.log.warning('memcheck runs regrtest test files: it does not run pytest projects yet')
      const sanitizer = checks.find(isSanitizerCheck)
      if (sanitizer && refleaks) sanitizers = await runSanitizerPass(context, cell, sanitizer, target, extensions, refleaks.discovery.modules, config, testsPythonPath)
      else if (sanitizer) context.log.warning('the sanitizer pass runs regrtest test files; it does not run with test-command or pytest yet')
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
  } catch (caught) {
    // Even an unexpected failure (a full disk, a bug) leaves report.json and the logs behind.
    errorExitCode = caught instanceof PydebugError ? caught.exitCode : INTERNAL_ERROR_EXIT_CODE
    error =
      caught instanceof PydebugError
        ? { kind: caught.name, message: caught.message, ...('logPath' in caught && typeof caught.logPath === 'string' ? { log: reportPath(context, caught.logPath) } : {}) }
        : { kind: 'InternalError', message: caught instanceof Error ? (caught.stack ?? caught.message) : String(caught) }
  }

  const report = collectReport({
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
    ...(error ? { error } : {}),
    relative: (absolutePath) => reportPath(context, absolutePath),
  })
  const summaryMarkdown = renderSummaryMarkdown(report)
  const reportFile = path.join(context.outDir, 'report.json')
  const summaryFile = path.join(context.outDir, 'summary.md')
  await writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}\n`)
  await writeFileAtomic(summaryFile, summaryMarkdown)

  return {
    report,
    reportPath: reportFile,
    summaryPath: summaryFile,
    summaryMarkdown,
    ...(interpreter ? { interpreter } : {}),
    exitCode: error ? errorExitCode : findingsExitCode(report, config.failOn),
  }
}

export function findingsExitCode(report: Pick<Report, 'findings'>, failOn: RunConfig['failOn']): number {
  if (failOn === 'never') return 0
  const failing = failOn === 'leaks' ? report.findings.filter((finding) => failsOnLeaks(finding.kind)) : report.findings
  return failing.length ? FINDINGS_EXIT_CODE : 0
}
