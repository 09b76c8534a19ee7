import path from 'node:path'
import { ensureDir, listDir } from '../adapters/files.js'
import { parseLogFile } from '../adapters/read-lines.js'
import { ConfigError } from '../errors.js'
import { planCaseRuns } from '../plan/case-runs.js'
import { ValgrindXmlParser } from '../parse/valgrind-xml.js'
import type { CellPlan } from '../plan/cell.js'
import type { SourceSpec } from '../plan/source.js'
import type {
  ExtensionBuild,
  InterpreterInstall,
  MemcheckCaseRun,
  MemcheckFileRun,
  MemcheckProcess,
  MemcheckRun,
  MemcheckSuppressions,
} from '../report/step-results.js'
import { extensionSourceCopy } from './build-extension.js'
import { VALGRIND_SUPPRESSIONS_FILE } from './build-python.js'
import { cpythonSuppressions } from './cpython-suppressions.js'
import { logPath, type StepContext } from './context.js'
import { testEnv, type RefleakOptions, type TestTarget } from './run-tests.js'
import { runTestFile } from './run-test-file.js'
import type { TestFileRunner } from '../plan/test-file-runner.js'
import { runTestCommand, testCommandAsFileRun, type TestCommandTarget } from './run-test-command.js'
import { TEST_COMMAND_NAME } from '../plan/test-command.js'

/**
 * The `memcheck` check (catalog: the valgrind variant's `checks`): each test file once under
 * valgrind's memcheck, in its own process, with `PYTHONMALLOC=malloc` from the variant so every
 * object is its own malloc block, and CPython's Misc/valgrind-python.supp from the same source tree.
 *
 * The suppressions are used as CPython ships them. Their `_PyObject_Free` / `_PyObject_Realloc`
 * entries stay commented out: they hide pymalloc's `address_in_range()` reading memory it does not
 * own, and this build has no pymalloc (`--without-pymalloc`, and `PYTHONMALLOC=malloc` at run time),
 * so they would match nothing, or, on a build with pymalloc, hide real invalid reads behind every
 * object's free. The entries that stay active (the GIL and TLS allocations CPython never frees,
 * libc's and the dynamic loader's own reports) are the noise a debug run of any extension sees.
 */

/** The fix for a machine without valgrind, in the error the run stops with. */
export const VALGRIND_MISSING =
  'the valgrind variant runs each test file under valgrind memcheck, but valgrind is not installed (or not on PATH). ' +
  'Install it: `sudo apt-get install valgrind` (Debian, Ubuntu, GitHub-hosted Linux runners), `sudo dnf install valgrind` (Fedora); or choose another variant'

/** `valgrind --version`, or the error that says how to install it. Run before the interpreter is built, so a missing valgrind costs seconds, not a build. */
export async function findValgrind(context: StepContext): Promise<string> {
  const result = await context.runner
    .run({ argv: ['valgrind', '--version'], cwd: context.outDir, logPath: logPath(context, 'valgrind', 'version.log'), captureStdout: true })
    .catch(() => undefined)
  if (result?.exitCode !== 0 || !/valgrind/i.test(result.stdout)) throw new ConfigError(VALGRIND_MISSING)
  return result.stdout.trim()
}

/** valgrind's options for one test file: one XML file per process (`%p`), definite leaks only. */
export function memcheckOptions(xmlFile: string, suppressions: string | undefined): string[] {
  return [
    '--tool=memcheck',
    '--xml=yes',
    `--xml-file=${xmlFile}`,
    '--leak-check=full',
    // Definitely lost: no pointer to the block is left. CPython keeps pointers into live objects
    // (past their GC header) until exit, so "possibly lost" would be mostly CPython's own.
    '--show-leak-kinds=definite',
    '--errors-for-leak-kinds=definite',
    '--num-callers=40',
    // A test that starts `sys.executable` is followed too, into its own XML file; a fork without
    // exec would write into the parent's file, so it stays silent.
    '--trace-children=yes',
    '--child-silent-after-fork=yes',
    ...(suppressions ? [`--suppressions=${suppressions}`] : []),
  ]
}

/** The XML files memcheck wrote for one test file: `<file>.<pid>.xml`, in pid order. */
export function memcheckXmlFiles(names: readonly string[], testFile: string): string[] {
  const prefix = `${testFile}.`
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+\.xml$/.test(name.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length, -4)) - Number(b.slice(prefix.length, -4)))
}

/** Memcheck's suppressions: CPython's Misc/valgrind-python.supp of the interpreter's own source (steps/cpython-suppressions.ts). */
export async function memcheckSuppressions(
  context: StepContext,
  cell: CellPlan,
  interpreter: Pick<InterpreterInstall, 'prefix'>,
  source: SourceSpec,
): Promise<MemcheckSuppressions> {
  return cpythonSuppressions(context, cell, interpreter, source, {
    member: 'Misc/valgrind-python.supp',
    kept: VALGRIND_SUPPRESSIONS_FILE,
    marker: 'Memcheck:',
    tool: 'memcheck',
  })
}

/**
 * Each test file once under memcheck, in its own process, as regrtest runs one file (no -R: memcheck
 * is 20-50 times slower, and one run shows each error). A file with an error in the user's code gets
 * its cases listed: a file of one case names it; in a file of several, each case is re-run alone
 * under memcheck (within the case budget), so each error can name the case that provokes it.
 */
export async function runMemcheck(
  context: StepContext,
  cell: CellPlan,
  target: TestTarget,
  runner: TestFileRunner,
  options: Pick<RefleakOptions, 'testTimeoutSeconds' | 'maxCaseRuns' | 'maxCaseRunsTotal'>,
  testFiles: readonly string[],
  tool: { readonly valgrind: string; readonly suppressions: MemcheckSuppressions; readonly extensions: readonly ExtensionBuild[] },
  /** A file's case ids: regrtest's --list-cases, or pytest's collection. */
  caseIdsOf: (testFile: string) => Promise<string[]>,
  inheritedPythonPath?: string,
): Promise<MemcheckRun> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const xmlDir = logPath(context, 'valgrind')
  await ensureDir(xmlDir)
  const { sources, hints } = userCode(context, tool.extensions)
  // One test file (or one case of it) under memcheck, and every XML file its processes wrote.
  const underMemcheck = async (dir: string, testFile: string, caseId?: string) => {
    await ensureDir(dir)
    const name = runner.logName(caseId ?? testFile)
    const run = await runTestFile(context, runner, {
      prefix: ['valgrind', ...memcheckOptions(path.join(dir, `${name}.%p.xml`), tool.suppressions.file), target.pythonPath],
      testFile,
      ...(caseId ? { caseId } : {}),
      env,
      cwd: target.projectDir,
      logPath: path.join(dir, `${name}.log`),
      timeoutSeconds: options.testTimeoutSeconds,
    })
    return { ...run, processes: await readProcesses(dir, name, hints) }
  }
  const files = await context.log.group(`valgrind memcheck on ${testFiles.length} test files`, async () => {
    const runs: MemcheckFileRun[] = []
    for (const testFile of testFiles) {
      const run = await underMemcheck(xmlDir, testFile)
      const userErrors = countUserErrors(run.processes)
      const caseIds = userErrors ? await caseIdsOf(testFile) : undefined
      context.log.info(
        `${testFile}: memcheck followed ${run.processes.length} process${run.processes.length === 1 ? '' : 'es'}, ${userErrors} error${userErrors === 1 ? '' : 's'} in the extension's code`,
      )
      runs.push({ ...run, testFile, ...(caseIds ? { caseIds } : {}) })
    }
    // A file of several cases: each case alone, so the errors can name theirs (memcheck's XML has no clock to match with regrtest's progress).
    const several = runs.filter((run) => (run.caseIds?.length ?? 0) > 1).map((run) => ({ name: run.testFile, caseIds: run.caseIds! }))
    for (const file of planCaseRuns(several, { perFile: options.maxCaseRuns, total: options.maxCaseRunsTotal })) {
      const cases: MemcheckCaseRun[] = []
      for (const id of file.run) cases.push({ ...(await underMemcheck(path.join(xmlDir, 'cases'), file.name, id)), id })
      const index = runs.findIndex((run) => run.testFile === file.name)
      runs[index] = { ...runs[index], cases, ...(file.notRun ? { casesNotRun: file.notRun } : {}) }
      context.log.info(`${file.name}: re-ran ${file.run.length} of ${file.run.length + file.notRun} cases alone under memcheck`)
    }
    return runs
  })
  return { valgrind: tool.valgrind, suppressions: tool.suppressions, files, sources, workspace: context.workspace }
}

/** The build copies of the user's projects, and the paths whose frames are the user's code: the compiled copies and the built modules. */
function userCode(context: StepContext, extensions: readonly ExtensionBuild[]) {
  const sources = extensions.map((build) => ({ copy: extensionSourceCopy(build), project: build.projectDir }))
  return {
    sources,
    hints: {
      workspace: context.workspace,
      extensionPaths: [...sources.map((source) => `${source.copy}/`), ...extensions.map((build) => `${build.sitePath}/`)],
    },
  }
}

/** Every XML file memcheck wrote for one run (`<name>.<pid>.xml`), parsed. */
async function readProcesses(dir: string, name: string, hints: ReturnType<typeof userCode>['hints']): Promise<MemcheckProcess[]> {
  const processes: MemcheckProcess[] = []
  for (const xmlName of memcheckXmlFiles(await listDir(dir), name)) {
    const xml = path.join(dir, xmlName)
    const { lines, unparsed, ...details } = await parseLogFile(xml, hints)
    processes.push({ xml, lines, unparsed, details, valgrind: details.results['valgrind-xml'] ?? new ValgrindXmlParser().end() })
  }
  return processes
}

function countUserErrors(processes: readonly MemcheckProcess[]): number {
  return processes.reduce((total, process) => total + process.valgrind.errors.filter((error) => error.blame === 'extension').length, 0)
}

/**
 * The user's test-command once more, whole, under memcheck (the first run, without it, gave its
 * outcome): valgrind starts the command's first word from PATH (the cell's interpreter first) and
 * follows every process it starts (`--trace-children=yes`), each into its own XML file. Which test
 * an error belongs to is not known here: a crash names it through faulthandler, in the command's log.
 */
export async function runMemcheckOnCommand(
  context: StepContext,
  cell: CellPlan,
  interpreter: InterpreterInstall,
  target: TestCommandTarget,
  tool: { readonly valgrind: string; readonly suppressions: MemcheckSuppressions; readonly extensions: readonly ExtensionBuild[] },
  inheritedPythonPath?: string,
): Promise<MemcheckRun> {
  const xmlDir = logPath(context, 'valgrind')
  await ensureDir(xmlDir)
  const { sources, hints } = userCode(context, tool.extensions)
  const run = await runTestCommand(
    context,
    cell,
    interpreter,
    {
      ...target,
      prefix: ['valgrind', ...memcheckOptions(path.join(xmlDir, `${TEST_COMMAND_NAME}.%p.xml`), tool.suppressions.file)],
      logName: path.join('valgrind', TEST_COMMAND_NAME),
    },
    inheritedPythonPath,
  )
  const processes = await readProcesses(xmlDir, TEST_COMMAND_NAME, hints)
  context.log.info(
    `test-command: memcheck followed ${processes.length} process${processes.length === 1 ? '' : 'es'}, ${countUserErrors(processes)} errors in the extension's code`,
  )
  const file: MemcheckFileRun = { ...testCommandAsFileRun(run), processes }
  return { valgrind: tool.valgrind, suppressions: tool.suppressions, files: [file], sources, workspace: context.workspace }
}
