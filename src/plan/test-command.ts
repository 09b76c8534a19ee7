/**
 * What pydebug adds to the user's `test-command` so its outcome can be read: pure, from the argv.
 */

/** The name the user's test-command goes by where a pass runs test files: its logs and report files, and its findings' test when no test is named. */
export const TEST_COMMAND_NAME = 'test-command'

/** Which test runner the argv runs, as far as its words say: its output is parsed accordingly. */
export type TestCommandRunner = 'pytest' | 'unittest' | 'other'

export interface PlannedTestCommand {
  readonly argv: readonly string[]
  readonly runner: TestCommandRunner
  /** Where pytest writes its JUnit XML: per-test results. Absent when the user chose the file (`--junitxml`) or the runner is not pytest. */
  readonly junitPath?: string
  /** The arguments pydebug added, for the report. */
  readonly added: readonly string[]
}

const INTERPRETER_OPTIONS_WITH_VALUE = new Set(['-X', '-W', '--check-hash-based-pycs'])
const PYTEST_PROGRAM = /(?:^|[\\/])(?:pytest|py\.test)(?:\.exe)?$/

/** The index of the word that names the runner (`pytest`, or the module after `-m`), or -1. */
function runnerWord(argv: readonly string[], module: string): number {
  if (module === 'pytest' && argv.length > 0 && PYTEST_PROGRAM.test(argv[0])) return 0
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '-m' && argv[index + 1] === module) return index + 1
    if (argv[index] === `-m${module}`) return index
    // Options of the interpreter come before -m (-X and -W take a value); its first other word is a script, whose own arguments follow.
    if (INTERPRETER_OPTIONS_WITH_VALUE.has(argv[index])) index++
    else if (!argv[index].startsWith('-') && index > 0) break
  }
  return -1
}

/** Whether the user already chose where pytest's JUnit XML goes, or how it captures output. */
const hasOption = (argv: readonly string[], ...names: string[]) => argv.some((word) => names.some((name) => word === name || word.startsWith(`${name}=`)))

/**
 * Reads the runner from the argv and, for pytest, adds (right after the word `pytest`, before the
 * user's own arguments):
 * - `--junitxml=<junitPath>` unless the user gave `--junitxml`: the per-test results;
 * - `--capture=sys` unless the user chose `--capture` or `-s`: pytest's default (fd) capture sends a
 *   crashing test's C-level output (the debug hooks' dump, `Fatal Python error`, faulthandler's
 *   traceback) into a temporary file that dies with the process; `sys` still captures what Python
 *   code prints, and lets what C writes to the log.
 */
export function planTestCommand(argv: readonly string[], { junitPath }: { junitPath: string }): PlannedTestCommand {
  const pytest = runnerWord(argv, 'pytest')
  if (pytest >= 0) {
    const added = [
      ...(hasOption(argv, '--junitxml', '--junit-xml') ? [] : [`--junitxml=${junitPath}`]),
      ...(hasOption(argv, '--capture', '-s') ? [] : ['--capture=sys']),
    ]
    return {
      argv: [...argv.slice(0, pytest + 1), ...added, ...argv.slice(pytest + 1)],
      runner: 'pytest',
      ...(added.some((word) => word.startsWith('--junitxml=')) ? { junitPath } : {}),
      added,
    }
  }
  return { argv, runner: runnerWord(argv, 'unittest') >= 0 ? 'unittest' : 'other', added: [] }
}
