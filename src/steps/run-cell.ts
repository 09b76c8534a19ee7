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
import { runRefleakHunt, runShowrefcount, type RefleakHunt, type ShowrefcountRun } from './run-tests.js'

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
  const cell = planCellOrThrow(config)
  // Logs from an earlier run in the same folder would mix with this run's.
  await rm(path.join(context.outDir, 'logs'), { recursive: true, force: true })
  await mkdir(path.join(context.outDir, 'logs'), { recursive: true })

  let interpreter: InterpreterInstall | undefined
  const extensions: ExtensionBuild[] = []
  let refleaks: RefleakHunt | undefined
  let showrefcount: ShowrefcountRun[] | undefined
  let error: RunResults['error']
  let errorExitCode = 0
  try {
    interpreter = await ensureInterpreter(context, cell, config.source, config)
    if (config.extension && config.testsDir) {
      const extension = await ensureExtension(context, cell, interpreter, config.extension, { rebuild: config.rebuildExtensions })
      extensions.push(extension)
      const target = { pythonPath: interpreter.pythonPath, testsDir: config.testsDir, projectDir: config.extension, sitePath: extension.sitePath }
      refleaks = await runRefleakHunt(
        context,
        cell,
        target,
        { ...config.refleak, testTimeoutSeconds: config.testTimeoutSeconds, maxCaseRuns: config.maxCaseRuns, maxCaseRunsTotal: config.maxCaseRunsTotal },
        inheritedPythonPath,
      )
      showrefcount = await runShowrefcount(context, cell, target, config, refleaks.discovery.modules, inheritedPythonPath)
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
    ...(showrefcount ? { showrefcount } : {}),
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
