import type { CellPlan } from './cell.js'
/**
 * Pure parts of the sanitizer pass (steps/run-sanitizers.ts): the options each test file's process
 * gets, which files its reports went to, whether an extension's build log shows instrumented compile
 * lines, and which test case was running when a report was written.
 */
import type { SanitizerSpec } from '../catalog/sanitizers.js'
import type { CasesRun } from './test-file-runner.js'

/**
 * `name=value` pairs as sanitizer_common reads them: separated by ':' or whitespace (the catalog's
 * TSAN_OPTIONS uses spaces). Later pairs win, so the order of the sources is kept.
 */
function parseSanitizerOptions(text: string | undefined): [string, string][] {
  if (!text) return []
  return text
    .split(/[:\s]+/)
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])
}

/** The variant's options, then the pass's own, then the given ones (log_path, ...): one string, each name once. */
export function sanitizerOptions(variantValue: string | undefined, ...overrides: Readonly<Record<string, string>>[]): string {
  const merged = new Map(parseSanitizerOptions(variantValue))
  for (const override of overrides) for (const [name, value] of Object.entries(override)) merged.set(name, value)
  return [...merged].map(([name, value]) => `${name}=${value}`).join(':')
}

/**
 * The environment of one test file's process in the pass: the sanitizer's options with `log_path`
 * (the runtime appends `.<pid>`, so each process of the test file writes its own file and no report
 * is lost inside the test's own output), and LeakSanitizer's suppressions when there are any.
 * A path holding ':' or whitespace cannot be passed (sanitizer_common splits on them).
 */
export function sanitizerPassEnv(
  spec: SanitizerSpec,
  runtimeEnv: Readonly<Record<string, string>>,
  logPathBase: string,
  suppressionsFile?: string,
): { env: Record<string, string> } | { error: string } {
  const unsafe = [logPathBase, suppressionsFile].find((value) => value !== undefined && /[:\s]/.test(value))
  if (unsafe !== undefined) return { error: `${unsafe} holds ':' or whitespace, which ${spec.optionsVariable} cannot carry` }
  const env: Record<string, string> = {
    [spec.optionsVariable]: sanitizerOptions(runtimeEnv[spec.optionsVariable], spec.passOptions, { log_path: logPathBase }),
  }
  if (suppressionsFile) env.LSAN_OPTIONS = sanitizerOptions(runtimeEnv.LSAN_OPTIONS, { suppressions: suppressionsFile, print_suppressions: '1' })
  return { env }
}

/** The cell with CPython's own suppression file in its sanitizer's options (`suppressions=<file>`), for every run: the hunt, each pass, the test command. */
export function withSanitizerSuppressions(cell: CellPlan, spec: SanitizerSpec, file: string): CellPlan {
  return {
    ...cell,
    runtimeEnv: { ...cell.runtimeEnv, [spec.optionsVariable]: sanitizerOptions(cell.runtimeEnv[spec.optionsVariable], { suppressions: file }) },
  }
}

/** The report files of one process family: `<base>.<pid>` for the `log_path=<base>` it was given. */
export function reportFilesOf(fileNames: readonly string[], baseName: string): string[] {
  return fileNames
    .filter((name) => name.startsWith(`${baseName}.`) && /^\d+$/.test(name.slice(baseName.length + 1)))
    .sort((a, b) => Number(a.slice(baseName.length + 1)) - Number(b.slice(baseName.length + 1)))
}

export interface CompileLineCheck {
  /** Compiler command lines that compile a source file (`-c x.c`). */
  readonly compileLines: number
  /** Of those, the ones carrying the flag. */
  readonly compileLinesWithFlag: number
  /** Compiler command lines that link a shared object (`-shared`). */
  readonly linkLines: number
  readonly linkLinesWithFlag: number
  /** Up to three command lines without the flag, as printed. */
  readonly withoutFlag: readonly string[]
}

// setuptools (and make, ninja -v) print each compiler command line as run: its first word names the compiler.
const COMPILER_WORD = /^(?:\S*\/)?(?:ccache\s+)?(?:[\w.-]+-)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/
const SOURCE_FILE = /\s-c\s+(?:\S+\s+)*?\S+\.(?:c|cc|cpp|cxx|C|m|mm)(?:\s|$)|\s\S+\.(?:c|cc|cpp|cxx|C|m|mm)\s+(?:\S+\s+)*?-c(?:\s|$)/

/**
 * Whether the compile and link lines of a build log carry the sanitizer's flag: sysconfig's CFLAGS and
 * LDFLAGS of the instrumented interpreter put it there, unless the build replaced them (an own
 * `CFLAGS`/`LDSHARED`, a build system that does not read sysconfig).
 */
export function checkCompileLines(logText: string, flag: string): CompileLineCheck {
  let compileLines = 0
  let compileLinesWithFlag = 0
  let linkLines = 0
  let linkLinesWithFlag = 0
  const withoutFlag: string[] = []
  for (const raw of logText.split(/\r?\n/)) {
    const line = raw.trim()
    const first = line.split(/\s+/, 1)[0]
    if (!first || !COMPILER_WORD.test(first === 'ccache' ? line.split(/\s+/, 2).join(' ') : first)) continue
    const words = line.split(/\s+/)
    const hasFlag = words.includes(flag)
    if (SOURCE_FILE.test(line)) {
      compileLines++
      if (hasFlag) compileLinesWithFlag++
    } else if (words.includes('-shared')) {
      linkLines++
      if (hasFlag) linkLinesWithFlag++
    } else continue
    if (!hasFlag && withoutFlag.length < 3) withoutFlag.push(line)
  }
  return { compileLines, compileLinesWithFlag, linkLines, linkLinesWithFlag, withoutFlag }
}

// regrtest -v (unittest's verbose runner), 3.11+: `test_x (test_mod.Class.test_x) ... ok`; a docstring puts its first line after the id, then ` ... `.
const CASE_START = /^(\w+) \(((?:\w+\.)+\w+)\)(?: \.\.\. ?(.*))?$/
const VERDICT = /(?:^|\.\.\. ?)(?:ok|FAIL|ERROR|skipped\b.*|expected failure|unexpected success)$/

/** The cases regrtest -v started, and the one it was inside when the output stopped. */
export function casesOfVerboseOutput(lines: readonly string[]): CasesRun {
  const started: string[] = []
  let open: string | undefined
  for (const line of lines) {
    const start = CASE_START.exec(line)
    if (start) {
      const id = start[2].endsWith(`.${start[1]}`) ? start[2] : `${start[2]}.${start[1]}`
      started.push(id)
      open = start[3] !== undefined && VERDICT.test(`... ${start[3]}`) ? undefined : id
      continue
    }
    if (open !== undefined && VERDICT.test(line.trim())) open = undefined
  }
  return { started, ...(open !== undefined ? { unfinished: open } : {}) }
}

/**
 * The case a report of this process belongs to: the case the process ended inside (the sanitizer
 * stopped it there), or the only case that ran; otherwise none can be named from the outside.
 */
export function caseOfReport(cases: CasesRun, processEndedBySanitizer: boolean): string | undefined {
  if (processEndedBySanitizer && cases.unfinished) return cases.unfinished
  return cases.started.length === 1 ? cases.started[0] : undefined
}

/** A build's copy of a project (what debug info names) and the project as the user knows it (relative to the workspace when inside it). */
export interface SourceCopy {
  readonly copy: string
  readonly project: string
}

/** Paths in the build copies, in any text (a message, a file), as the user's project paths. */
export function mapSourceCopies(text: string, sources: readonly SourceCopy[]): string {
  let mapped = text
  for (const { copy, project } of sources) mapped = mapped.split(`${copy}/`).join(project === '' || project === '.' ? '' : `${project}/`)
  return mapped
}
