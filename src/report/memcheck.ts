import { workspaceRelative } from '../parse/frames.js'
import { mapSourceCopies } from '../plan/sanitizer-pass.js'
import type { ValgrindError, ValgrindFrame } from '../parse/valgrind-xml.js'
import type { MemcheckProcess, MemcheckRun, ParsedRun } from './step-results.js'
import type { FindingKind } from './finding-kinds.js'
import type { Finding, MemcheckErrorEntry, MemcheckSection } from './model.js'

/**
 * Valgrind's error kinds (memcheck, docs/internals/xml-output-protocol4.txt) as findings. `UninitValue`
 * is a use of an uninitialised value (an address, a syscall argument), `UninitCondition` a branch on
 * one; both are the same mistake in the user's code. A kind not listed is a `memory-error`.
 */
const MEMCHECK_FINDING: Readonly<Record<string, FindingKind>> = {
  InvalidWrite: 'invalid-write',
  InvalidRead: 'invalid-read',
  InvalidFree: 'invalid-free',
  MismatchedFree: 'allocator-mismatch',
  UninitValue: 'uninitialised-value',
  UninitCondition: 'uninitialised-value',
  Leak_DefinitelyLost: 'memory-leak',
}

export function memcheckFindingKind(valgrindKind: string): FindingKind {
  return MEMCHECK_FINDING[valgrindKind] ?? 'memory-error'
}

/**
 * The report's memcheck section: per test file, each process's counts and the errors in the user's
 * code, at the innermost frame of that code, with the build copy's paths turned back into the
 * project's. CPython's own errors (blame `cpython` or `unknown`) are counted, not listed here: they
 * are in report.json's `problems` as notes.
 */
export function memcheckSection(run: MemcheckRun, relative: (absolutePath: string) => string): MemcheckSection {
  const suppressedBy: Record<string, number> = {}
  const files = run.files.map((file) => {
    const onlyCase = file.caseIds?.length === 1 ? file.caseIds[0] : undefined
    const errors: MemcheckErrorEntry[] = []
    const processes = file.processes.map((process) => {
      const { valgrind } = process
      const xml = relative(process.xml)
      for (const { name, count } of valgrind.suppressed) suppressedBy[name] = (suppressedBy[name] ?? 0) + count
      const userErrors = valgrind.errors.filter((error) => error.blame === 'extension')
      for (const error of userErrors) {
        const entry = errorEntry(error, run, xml, onlyCase)
        // One mistake, one entry: an uninitialised value returned to CPython is reported at each branch
        // and use on it (UninitCondition, UninitValue), all from the same line of the user's code.
        const same = errors.find((other) => samePlace(other, entry))
        if (same) errors[errors.indexOf(same)] = { ...same, count: same.count + entry.count }
        else errors.push(entry)
      }
      return {
        xml,
        ...(valgrind.pid !== undefined ? { pid: valgrind.pid } : {}),
        ...(valgrind.state ? { state: valgrind.state } : {}),
        errors: valgrind.errors.length,
        userErrors: userErrors.length,
        droppedErrors: valgrind.droppedErrors,
        suppressed: valgrind.suppressed.reduce((total, pair) => total + pair.count, 0),
      }
    })
    return {
      name: file.testFile,
      command: file.command,
      exitCode: file.exitCode,
      outcome: file.outcome.outcome,
      log: relative(file.log),
      processes,
      errors: file.cases ? errors.flatMap((error) => withCases(error, file.cases!, run, relative)) : errors,
      ...(file.cases
        ? {
            cases: file.cases.map((caseRun) => ({
              id: caseRun.id,
              log: relative(caseRun.log),
              xml: caseRun.processes.map((process) => relative(process.xml)),
            })),
          }
        : {}),
      ...(file.casesNotRun ? { casesNotRun: file.casesNotRun } : {}),
    }
  })
  const processes = files.flatMap((file) => file.processes)
  return {
    valgrind: run.valgrind,
    suppressions: run.suppressions,
    files,
    totals: {
      files: files.length,
      processes: processes.length,
      errors: processes.reduce((total, process) => total + process.errors + process.droppedErrors, 0),
      userErrors: processes.reduce((total, process) => total + process.userErrors, 0),
      suppressed: processes.reduce((total, process) => total + process.suppressed, 0),
      suppressedBy,
    },
  }
}

/** One finding per error in the user's code: the test file (and case), valgrind's kind and words, the user's function and line. */
export function memcheckFindings(section: MemcheckSection): Finding[] {
  return section.files.flatMap((file) =>
    file.errors.map((error): Finding => {
      const where =
        error.function || error.file ? ` in ${error.function ?? '?'}${error.file ? ` (${error.file}${error.line ? `:${error.line}` : ''})` : ''}` : ''
      const times = error.count > 1 ? ` (${error.count} reports)` : ''
      return {
        kind: memcheckFindingKind(error.kind),
        test: file.name,
        ...(error.case ? { case: error.case } : {}),
        message: `${error.case ?? file.name}: memcheck: ${error.what}${where}${times}`,
        detail: `${error.what}${times}`,
        log: error.xml,
        pass: 'memcheck',
        ...(error.file ? { file: error.file } : {}),
        ...(error.file && error.line ? { line: error.line } : {}),
        ...(error.function ? { function: error.function } : {}),
      }
    }),
  )
}

/** Each log of the memcheck pass, for report.json's `logs`: regrtest's output of each run, and each process's XML. */
export function memcheckLogs(
  run: MemcheckRun,
): (Pick<ParsedRun<unknown>, 'log' | 'lines' | 'unparsed' | 'details'> & { kind: 'regrtest-memcheck' | 'valgrind-xml' })[] {
  const xmlOf = (process: MemcheckProcess) => ({
    log: process.xml,
    lines: process.lines,
    unparsed: process.unparsed,
    details: process.details,
    kind: 'valgrind-xml' as const,
  })
  return run.files.flatMap((file) => [
    { ...file, kind: 'regrtest-memcheck' as const },
    ...file.processes.map(xmlOf),
    ...(file.cases ?? []).flatMap((caseRun) => [{ ...caseRun, kind: 'regrtest-memcheck' as const }, ...caseRun.processes.map(xmlOf)]),
  ])
}

/**
 * The cases whose run alone showed the same error (same kind, same place in the user's code): one
 * entry per case, from that case's XML. None (an error only the whole file provokes, or a case left
 * out by the budget): the file's entry as it was.
 */
function withCases(
  error: MemcheckErrorEntry,
  cases: NonNullable<MemcheckRun['files'][number]['cases']>,
  run: MemcheckRun,
  relative: (absolutePath: string) => string,
): MemcheckErrorEntry[] {
  const entries: MemcheckErrorEntry[] = []
  for (const caseRun of cases) {
    let found: MemcheckErrorEntry | undefined
    for (const process of caseRun.processes) {
      for (const caseError of process.valgrind.errors.filter((candidate) => candidate.blame === 'extension')) {
        const entry = errorEntry(caseError, run, relative(process.xml), caseRun.id)
        if (!samePlace(entry, error)) continue
        found = found ? { ...found, count: found.count + entry.count } : { ...entry, what: error.what, kind: error.kind }
      }
    }
    if (found) entries.push(found)
  }
  return entries.length ? entries : [error]
}

function samePlace(a: MemcheckErrorEntry, b: MemcheckErrorEntry): boolean {
  return memcheckFindingKind(a.kind) === memcheckFindingKind(b.kind) && a.function === b.function && a.file === b.file && a.line === b.line
}

function errorEntry(error: ValgrindError, run: Pick<MemcheckRun, 'sources' | 'workspace'>, xml: string, onlyCase: string | undefined): MemcheckErrorEntry {
  const frame = error.culprit
  const file = frame ? userSourceFile(frame, run) : undefined
  return {
    kind: error.kind,
    what: error.what,
    count: error.count,
    ...(frame?.function ? { function: frame.function } : {}),
    ...(file ? { file } : {}),
    ...(file && frame?.line ? { line: frame.line } : {}),
    ...(onlyCase ? { case: onlyCase } : {}),
    xml,
  }
}

/** The frame's file in the user's project (builds compile a copy of it), relative to the workspace when inside it. */
export function userSourceFile(frame: Pick<ValgrindFrame, 'directory' | 'file'>, run: Pick<MemcheckRun, 'sources' | 'workspace'>): string | undefined {
  if (frame.file === undefined) return undefined
  const full = frame.directory ? `${frame.directory}/${frame.file}` : frame.file
  return workspaceRelative(mapSourceCopies(full, run.sources), run.workspace)
}
