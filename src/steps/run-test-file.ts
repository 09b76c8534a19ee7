import path from 'node:path'
import { parseLogFile, parseLogWith } from '../adapters/read-lines.js'
import { PytestLogParser } from '../parse/pytest-log.js'
import { RegrtestParser } from '../parse/regrtest.js'
import { casesOfVerboseOutput } from '../plan/sanitizer-pass.js'
import { casesOfPytestLog, pytestFileOutcome, regrtestFileOutcome, type CasesRun, type TestFileRunner } from '../plan/test-file-runner.js'
import type { TestFileRun } from '../report/step-results.js'
import type { StepContext } from './context.js'
import { parsedRun } from './run-tests.js'

export interface TestFileCommand {
  /** What comes before the runner's words: the interpreter and its options, or a tool and the interpreter (`valgrind ... python`). */
  readonly prefix: readonly string[]
  readonly testFile: string
  readonly caseId?: string
  readonly verbose?: boolean
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  readonly logPath: string
  /** Per file, as regrtest's --timeout; pytest has none of its own, so the process is stopped then (SIGABRT first: faulthandler names where it hung). */
  readonly timeoutSeconds: number
}

/**
 * Runs one test file with its runner's words (plan/test-file-runner.ts) and reads its log once
 * with every parser: the detector (faults, dumps, regrtest's verdicts) and, for pytest, pytest's
 * own lines. Each problem in the log belongs to that file.
 */
export async function runTestFile(context: StepContext, runner: TestFileRunner, command: TestFileCommand): Promise<TestFileRun> {
  const env = runner.pythonPath.length
    ? { ...command.env, PYTHONPATH: [command.env.PYTHONPATH, ...runner.pythonPath].filter((part) => part).join(path.delimiter) }
    : command.env
  const result = await context.runner.run({
    argv: [
      ...command.prefix,
      ...runner.argv(command.testFile, { ...(command.caseId ? { caseId: command.caseId } : {}), ...(command.verbose ? { verbose: true } : {}) }),
    ],
    cwd: command.cwd,
    env,
    logPath: command.logPath,
    ...(runner.kind === 'pytest' ? { timeoutMs: command.timeoutSeconds * 1000, timeoutSignal: 'SIGABRT' as const } : {}),
  })
  const log = await parseLogFile(result.logPath, { workspace: context.workspace })
  const regrtest = log.results.regrtest ?? new RegrtestParser().end()
  const run = { ...parsedRun(result, log, command.testFile), testFile: command.testFile }
  if (runner.kind === 'pytest') {
    const pytest = await parseLogWith(result.logPath, new PytestLogParser())
    return { ...run, outcome: pytestFileOutcome(pytest, result), progress: casesOfPytestLog(pytest), pytest }
  }
  let progress: CasesRun = { started: [] }
  if (command.verbose) {
    const lines: string[] = []
    await parseLogWith(result.logPath, {
      next: (line) => {
        lines.push(line)
        return true
      },
      end: () => undefined,
    })
    progress = casesOfVerboseOutput(lines)
  }
  return { ...run, outcome: regrtestFileOutcome(regrtest, command.testFile, result), progress }
}
