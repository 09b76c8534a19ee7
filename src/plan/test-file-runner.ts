/**
 * How one test file runs on its own, for the passes that run each file once in its own process
 * (-X showrefcount, memcheck, the sanitizers, the variant's helper scripts): regrtest on a module of
 * a `--testdir` folder, or pytest on a file of the project. Pure: argv words only.
 */
import type { PytestLogResult } from '../parse/pytest-log.js'
import { pytestOutcome } from '../parse/pytest-log.js'
import type { RegrtestResult, TestOutcome } from '../parse/regrtest.js'

export type TestFileRunnerKind = 'regrtest' | 'pytest'

export interface TestFileRunner {
  readonly kind: TestFileRunnerKind
  /**
   * The words after the interpreter (and its own options) that run one test file once, or one case
   * of it (a unittest id for regrtest, a node id for pytest). `verbose` puts each case's start on a
   * line of its own, so the case a crash interrupted is known.
   */
  readonly argv: (testFile: string, options?: { readonly caseId?: string; readonly verbose?: boolean }) => string[]
  /** The words a helper script (python/pydebug_test_file.py) takes before its own options and the test file. */
  readonly helperArgs: readonly string[]
  /** Folders the runner needs on PYTHONPATH besides the tests' own (pydebug's pytest plugin). */
  readonly pythonPath: readonly string[]
  /** A name for the file's logs: regrtest's module names as they are, pytest's paths with their folders folded in. */
  readonly logName: (testFile: string) => string
}

export function regrtestFileRunner(testsDir: string, timeoutSeconds: number): TestFileRunner {
  return {
    kind: 'regrtest',
    argv: (testFile, { caseId, verbose } = {}) => [
      '-m',
      'test',
      '--testdir',
      testsDir,
      '--timeout',
      String(timeoutSeconds),
      ...(verbose ? ['-v'] : []),
      ...(caseId ? ['-m', caseId] : []),
      testFile,
    ],
    helperArgs: ['--testdir', testsDir],
    pythonPath: [],
    logName: (testFile) => testFile,
  }
}

/**
 * pytest on one file, as the refleak hunt runs it: node ids relative to the project, no
 * .pytest_cache in it, `-s` (its default capture would take a crashing test's C-level output into
 * a temporary file that dies with the process), and pydebug's plugin, which puts each test's start
 * on a line of its own. pytest has no per-test timeout of its own: the step's process timeout is it.
 */
export function pytestFileRunner(projectDir: string, plugin: { readonly module: string; readonly dir: string }): TestFileRunner {
  return {
    kind: 'pytest',
    // Always -v: pytest's per-test verdicts are what its outcome is read from (-q prints dots and a closing line without its borders).
    argv: (testFile, { caseId } = {}) => [
      '-m',
      'pytest',
      '-p',
      'no:cacheprovider',
      '--rootdir',
      projectDir,
      '-p',
      plugin.module,
      '-s',
      '-v',
      caseId ?? testFile,
    ],
    helperArgs: ['--pytest', '--rootdir', projectDir],
    pythonPath: [plugin.dir],
    logName: pytestLogName,
  }
}

/** `tests/test_x.py` -> `tests__test_x.py`: one log folder for every file of the suite. */
export function pytestLogName(testFile: string): string {
  return testFile.replace(/[\\/]/g, '__')
}

/** How one file's own run ended, in the words of the refleak section's outcomes. */
export interface TestFileOutcome {
  readonly outcome: TestOutcome
  readonly exception?: string
  /** Its traceback's lines, head and tail (regrtest's parser keeps them). */
  readonly traceback?: readonly string[]
}

/** The process's end as an outcome when it decides one: killed by a signal, or past its time. */
function processOutcome(process: { readonly signal: string | null; readonly timedOut: boolean }): 'crashed' | 'timed-out' | undefined {
  return process.timedOut ? 'timed-out' : process.signal ? 'crashed' : undefined
}

/** regrtest's verdict on the file, unless the process ended otherwise. */
export function regrtestFileOutcome(
  regrtest: RegrtestResult,
  testFile: string,
  process: { readonly signal: string | null; readonly timedOut: boolean },
): TestFileOutcome {
  const test = regrtest.tests.find((candidate) => candidate.name === testFile)
  return {
    outcome: processOutcome(process) ?? test?.outcome ?? 'unknown',
    ...(test?.exception ? { exception: test.exception } : {}),
    ...(test?.traceback ? { traceback: test.traceback } : {}),
  }
}

/**
 * How a pytest process ended when pytest did not end it: killed by a signal, past its time, or with
 * no closing line and a status of 1 (a sanitizer's report exits with 1, pytest's own status for a
 * failure) or one pytest never uses (its own: 2 interrupted, 3 internal error, 4 usage error, 5 no
 * tests collected). pytest prints its closing line whenever it ends a session; after it, a status
 * pytest did not choose (LeakSanitizer's 23 at exit) changes nothing about the tests' verdicts.
 */
export function pytestProcessEnd(
  pytest: Pick<PytestLogResult, 'summary' | 'collectionErrors'>,
  process: { readonly exitCode: number | null; readonly signal: string | null; readonly timedOut: boolean },
): 'crashed' | 'timed-out' | undefined {
  const ended = processOutcome(process)
  if (ended) return ended
  if (process.exitCode === null || process.exitCode === 0) return undefined
  const closed = pytest.summary !== undefined || Object.keys(pytest.collectionErrors).length > 0
  return !closed && (process.exitCode === 1 || process.exitCode > 5) ? 'crashed' : undefined
}

/** pytest's verdict on one file from its log and exit status. */
export function pytestFileOutcome(
  pytest: PytestLogResult,
  process: { readonly exitCode: number | null; readonly signal: string | null; readonly timedOut: boolean },
): TestFileOutcome {
  const ended = pytestProcessEnd(pytest, process)
  if (ended) return { outcome: ended }
  const words = Object.values(pytest.results).map((result) => pytestOutcome(result.words))
  const failed = Object.values(pytest.results).find((result) => pytestOutcome(result.words) === 'failed')
  const reason = failed?.reason ?? Object.values(pytest.collectionErrors)[0]
  const outcome: TestOutcome =
    failed || Object.keys(pytest.collectionErrors).length || (process.exitCode !== null && process.exitCode >= 1 && process.exitCode <= 4)
      ? 'failed'
      : words.length === 0 || process.exitCode === 5
        ? 'no-tests'
        : words.every((word) => word === 'skipped')
          ? 'skipped'
          : 'passed'
  return { outcome, ...(reason ? { exception: reason } : {}) }
}

/** The cases a verbose run started, and the one it was inside when the output stopped. */
export interface CasesRun {
  /** Case ids in the order they started. */
  readonly started: readonly string[]
  /** The last case started whose verdict never came: the process ended inside it. */
  readonly unfinished?: string
}

/** pytest -v with pydebug's plugin: every started test is in `started`; one with no result word is where the output stopped. */
export function casesOfPytestLog(pytest: PytestLogResult): CasesRun {
  const unfinished = [...pytest.started].reverse().find((id) => pytestOutcome(pytest.results[id]?.words ?? []) === undefined)
  return { started: pytest.started, ...(unfinished ? { unfinished } : {}) }
}
