import { access, mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../adapters/files.js'
import { parseLogFile } from '../adapters/read-lines.js'
import { ConfigError } from '../errors.js'
import type { ParsedLogDetails } from '../parse/detect.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import type { RegrtestResult } from '../parse/regrtest.js'
import { planCaseRuns } from '../plan/case-runs.js'
import { ValgrindXmlParser, type ValgrindResult } from '../parse/valgrind-xml.js'
import type { CellPlan } from '../plan/cell.js'
import type { SourceSpec } from '../plan/source.js'
import { extensionSourceCopy, type ExtensionBuild } from './build-extension.js'
import { sourceTarballPath, VALGRIND_SUPPRESSIONS_FILE, type InterpreterInstall } from './build-python.js'
import { logPath, type StepContext } from './context.js'
import { listTestCases, parseRegrtestRun, testEnv, type ParsedRun, type RefleakOptions, type TestTarget } from './run-tests.js'

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

/** Where the suppressions came from: kept with the interpreter, read again from the source tarball (builds made before they were kept), or none. */
export interface MemcheckSuppressions {
  readonly file?: string
  readonly origin: 'install' | 'source-tarball' | 'none'
  /** Why there are none, or how they were found. */
  readonly note?: string
}

/** One process memcheck followed (the test file's interpreter, or a child it started): its XML and what the parsers read there. */
export interface MemcheckProcess {
  readonly xml: string
  readonly lines: number
  readonly unparsed: UnparsedLines
  readonly details: ParsedLogDetails
  readonly valgrind: ValgrindResult
}

export interface MemcheckFileRun extends ParsedRun<RegrtestResult> {
  readonly testFile: string
  readonly processes: MemcheckProcess[]
  /** The file's test cases (regrtest --list-cases), listed when memcheck saw an error in the user's code, to name the case. */
  readonly caseIds?: string[]
  /** A file of several cases with an error in the user's code: each case re-run alone under memcheck (within `max-case-runs`). */
  readonly cases?: MemcheckCaseRun[]
  /** Its cases the budget left out. */
  readonly casesNotRun?: number
}

export interface MemcheckCaseRun extends ParsedRun<RegrtestResult> {
  readonly id: string
  readonly processes: MemcheckProcess[]
}

export interface MemcheckRun {
  /** `valgrind --version`, e.g. `valgrind-3.19.0`. */
  readonly valgrind: string
  readonly suppressions: MemcheckSuppressions
  readonly files: MemcheckFileRun[]
  /** Build copies of the user's projects (where debug info points) and the projects they were copied from. */
  readonly sources: readonly { readonly copy: string; readonly project: string }[]
  readonly workspace: string
}

/** The fix for a machine without valgrind, in the error the run stops with. */
export const VALGRIND_MISSING =
  'the valgrind variant runs each test file under valgrind memcheck, but valgrind is not installed (or not on PATH). ' +
  'Install it: `sudo apt-get install valgrind` (Debian, Ubuntu, GitHub-hosted Linux runners), `sudo dnf install valgrind` (Fedora); or choose another variant'

/** `valgrind --version`, or the error that says how to install it. Run before the interpreter is built, so a missing valgrind costs seconds, not a build. */
export async function findValgrind(context: StepContext): Promise<string> {
  const result = await context.runner
    .run({ argv: ['valgrind', '--version'], cwd: context.outDir, logPath: logPath(context, 'valgrind', 'version.log'), captureStdout: true })
    .catch(() => undefined)
  if (!result || result.exitCode !== 0 || !/valgrind/i.test(result.stdout)) throw new ConfigError(VALGRIND_MISSING)
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

/**
 * The suppressions kept with the interpreter; for a build made before they were kept, read from the
 * source tarball when it is on this machine (and kept with the interpreter from then on); else none,
 * and the report says so.
 */
export async function memcheckSuppressions(context: StepContext, cell: CellPlan, interpreter: Pick<InterpreterInstall, 'prefix'>, source: SourceSpec): Promise<MemcheckSuppressions> {
  const kept = path.join(interpreter.prefix, VALGRIND_SUPPRESSIONS_FILE)
  if (await exists(kept)) return { file: kept, origin: 'install' }
  const tarball = sourceTarballPath(context, cell, source)
  if (await exists(tarball)) {
    const result = await context.runner.run({
      argv: ['tar', '-xzf', tarball, '--wildcards', '-O', '*/Misc/valgrind-python.supp'],
      cwd: context.outDir,
      logPath: logPath(context, 'valgrind', 'suppressions-from-source.log'),
      captureStdout: true,
    })
    if (result.exitCode === 0 && result.stdout.includes('Memcheck:')) {
      await mkdir(path.dirname(kept), { recursive: true })
      await writeFileAtomic(kept, result.stdout)
      return { file: kept, origin: 'source-tarball', note: `this interpreter was built before pydebug kept Misc/valgrind-python.supp with it: read from ${path.basename(tarball)} and kept from now on` }
    }
  }
  const note = `this interpreter was built before pydebug kept Misc/valgrind-python.supp with it, and the source tarball is not on this machine: memcheck ran without CPython's suppressions: what they would hide is counted with CPython's errors (delete the cached interpreter, or give the source tarball with --source, to have them)`
  context.log.warning(note)
  return { origin: 'none', note }
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
  options: Pick<RefleakOptions, 'testTimeoutSeconds' | 'maxCaseRuns' | 'maxCaseRunsTotal'>,
  testFiles: readonly string[],
  tool: { readonly valgrind: string; readonly suppressions: MemcheckSuppressions; readonly extensions: readonly ExtensionBuild[] },
  inheritedPythonPath?: string,
): Promise<MemcheckRun> {
  const env = testEnv(cell, target, inheritedPythonPath)
  const xmlDir = logPath(context, 'valgrind')
  await mkdir(xmlDir, { recursive: true })
  const sources = tool.extensions.map((build) => ({ copy: extensionSourceCopy(build), project: build.projectDir }))
  // Frames in these paths are the user's code: the compiled copies and the built modules.
  const hints = { workspace: context.workspace, extensionPaths: [...sources.map((source) => `${source.copy}/`), ...tool.extensions.map((build) => `${build.sitePath}/`)] }
  // regrtest on one test file (or one case of it) under memcheck, and every XML file its processes wrote.
  const underMemcheck = async (dir: string, name: string, selection: string[]) => {
    await mkdir(dir, { recursive: true })
    const run = await parseRegrtestRun(context, {
      argv: ['valgrind', ...memcheckOptions(path.join(dir, `${name}.%p.xml`), tool.suppressions.file), target.pythonPath, '-m', 'test', '--testdir', target.testsDir, '--timeout', String(options.testTimeoutSeconds), ...selection],
      cwd: target.projectDir,
      env,
      logPath: path.join(dir, `${name}.log`),
    })
    const processes: MemcheckProcess[] = []
    for (const xmlName of memcheckXmlFiles(await readdir(dir), name)) {
      const xml = path.join(dir, xmlName)
      const { lines, unparsed, ...details } = await parseLogFile(xml, hints)
      processes.push({ xml, lines, unparsed, details, valgrind: details.results['valgrind-xml'] ?? new ValgrindXmlParser().end() })
    }
    return { ...run, processes }
  }
  const files = await context.log.group(`valgrind memcheck on ${testFiles.length} test files`, async () => {
    const runs: MemcheckFileRun[] = []
    for (const testFile of testFiles) {
      const run = await underMemcheck(xmlDir, testFile, [testFile])
      const userErrors = countUserErrors(run.processes)
      const caseIds = userErrors ? await listTestCases(context, target, env, testFile, 'valgrind') : undefined
      context.log.info(`${testFile}: memcheck followed ${run.processes.length} process${run.processes.length === 1 ? '' : 'es'}, ${userErrors} error${userErrors === 1 ? '' : 's'} in the extension's code`)
      runs.push({ ...run, testFile, ...(caseIds ? { caseIds } : {}) })
    }
    // A file of several cases: each case alone, so the errors can name theirs (memcheck's XML has no clock to match with regrtest's progress).
    const several = runs.filter((run) => (run.caseIds?.length ?? 0) > 1).map((run) => ({ name: run.testFile, caseIds: run.caseIds! }))
    for (const file of planCaseRuns(several, { perFile: options.maxCaseRuns, total: options.maxCaseRunsTotal })) {
      const cases: MemcheckCaseRun[] = []
      for (const id of file.run) cases.push({ ...(await underMemcheck(path.join(xmlDir, 'cases'), id, ['-m', id, file.name])), id })
      const index = runs.findIndex((run) => run.testFile === file.name)
      runs[index] = { ...runs[index], cases, ...(file.notRun ? { casesNotRun: file.notRun } : {}) }
      context.log.info(`${file.name}: re-ran ${file.run.length} of ${file.run.length + file.notRun} cases alone under memcheck`)
    }
    return runs
  })
  return { valgrind: tool.valgrind, suppressions: tool.suppressions, files, sources, workspace: context.workspace }
}

function countUserErrors(processes: readonly MemcheckProcess[]): number {
  return processes.reduce((total, process) => total + process.valgrind.errors.filter((error) => error.blame === 'extension').length, 0)
}


async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}
