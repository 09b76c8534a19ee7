import { describeLeakedType, leakedTypes, type CensusResult } from './census.js'
import type { LogKind, LogResults } from './detect.js'
import type { Fault, FaultResult } from './fault.js'
import { workspaceRelative, type FrameHints } from './frames.js'
import { explainUndefinedSymbol, type ImportErrorResult } from './import-error.js'
import { DEAD_BYTES, type DebugMemoryBlock, type PymallocDebugResult } from './pymalloc-debug.js'
import type { RefcountSeriesResult } from './refcount-series.js'
import type { RegrtestResult } from './regrtest.js'
import type { SanitizerResult } from './sanitizer.js'
import type { ValgrindResult } from './valgrind-xml.js'

// What the parsed results of a log mean: the problems a report shows, each tied to the test that
// printed it where the log says, with the place in the user's code to point at. The detector
// (parse/detect.ts) routes lines and collects results; this reads them.

export type ProblemKind =
  | 'reference-leak'
  | 'block-leak'
  | 'fd-leak'
  | 'test-failure'
  | 'crash'
  | 'timeout'
  | 'buffer-overrun'
  | 'buffer-underrun'
  | 'use-after-free'
  | 'allocator-mismatch'
  | 'fatal-error'
  | 'memory-error'
  | 'memory-leak'
  | 'undefined-behavior'
  | 'reference-growth'
  | 'object-leak'
  | 'abi-mismatch'

/** What a log says went wrong, in words a report can show, with the place to point at. */
export interface LogProblem {
  readonly kind: ProblemKind
  /** `error`: the user's code or tests; `note`: seen, but not the extension's fault (e.g. CPython's own memcheck noise). */
  readonly severity: 'error' | 'warning' | 'note'
  readonly message: string
  readonly source: LogKind
  /** Line of the log where the evidence starts. */
  readonly logLine: number
  readonly test?: string
  readonly file?: string
  readonly line?: number
  readonly function?: string
  /** A leak's per-run deltas, as regrtest printed them. */
  readonly deltas?: readonly number[]
}

const MAX_PROBLEMS = 500

/** The problems in a log's results, in the order of the checks below; at most MAX_PROBLEMS. */
export function problemsOf(results: LogResults, options: FrameHints): LogProblem[] {
  const problems: LogProblem[] = []
  const add = (problem: LogProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const owners = faultOwners(results.regrtest, results.fault)
  const timedOutTests = regrtestProblems(results.regrtest, results.fault, owners, add)
  faultProblems(results.fault, results['pymalloc-debug'], owners, timedOutTests, options, add)
  deadObjectProblems(results.regrtest, results['pymalloc-debug'], add)
  importErrorProblems(results.regrtest, results['import-error'], add)
  sanitizerProblems(results.regrtest, results.sanitizer, options, add)
  valgrindProblems(results['valgrind-xml'], options, add)
  censusProblems(results.census, add)
  seriesProblems(results['refcount-series'], add)
  return problems
}

/** Sanitizer reports: each leak of an LSan report, or the report's one error, at the user's frame when there is one. */
function sanitizerProblems(
  regrtest: RegrtestResult | undefined,
  sanitizer: SanitizerResult | undefined,
  options: FrameHints,
  add: (problem: LogProblem) => void,
): void {
  // A sanitizer report printed by a regrtest worker comes after its test's progress line: that test's.
  const sanitizerOwners = ownersOf(regrtest, sanitizer?.reports ?? [])
  for (const report of sanitizer?.reports ?? []) {
    const owner = sanitizerOwners.get(report)
    const where = report.culprit ?? report.stacks[0]?.frames.find((frame) => frame.origin !== 'system')
    const place = where
      ? {
          ...(where.file ? { file: workspaceRelative(where.file, options.workspace) } : {}),
          ...(where.line ? { line: where.line } : {}),
          ...(where.function ? { function: where.function } : {}),
        }
      : {}
    if (report.leaks.length > 0) {
      for (const leak of report.leaks) {
        const culprit = leak.stack.frames.find((frame) => frame.origin === 'extension')
        add({
          kind: 'memory-leak',
          severity: culprit ? 'error' : 'note',
          message: `${leak.direct ? 'direct' : 'indirect'} leak of ${leak.bytes} bytes in ${leak.objects} allocations${culprit ? ` from ${culprit.function ?? '?'}${culprit.file ? ` (${workspaceRelative(culprit.file, options.workspace)}:${culprit.line ?? '?'})` : ''}` : ''}`,
          source: 'sanitizer',
          logLine: report.line,
          ...(owner !== undefined ? { test: owner } : {}),
          ...(culprit?.file ? { file: workspaceRelative(culprit.file, options.workspace) } : {}),
          ...(culprit?.line ? { line: culprit.line } : {}),
          ...(culprit?.function ? { function: culprit.function } : {}),
        })
      }
      continue
    }
    const access = report.access ? `: ${report.access.operation} of size ${report.access.size}` : ''
    // The user's C function first: the report's own location may be a libc or CPython frame.
    const inUserCode = report.culprit !== undefined && place.function !== undefined
    const at =
      inUserCode || !report.at
        ? place.function
          ? ` in ${place.function}${place.file ? ` (${place.file}:${place.line ?? '?'})` : ''}`
          : ''
        : ` at ${workspaceRelative(report.at.file, options.workspace)}:${report.at.line}`
    add({
      kind: report.tool === 'UndefinedBehaviorSanitizer' ? 'undefined-behavior' : 'memory-error',
      severity: 'error',
      // UBSan's one line says what overflowed and how (`2147483647 * 2 cannot be represented in type 'int'`); ASan's kind is its headline.
      message: `${report.tool} ${report.tool === 'UndefinedBehaviorSanitizer' ? report.message : report.kind}${access}${at}`,
      source: 'sanitizer',
      logLine: report.line,
      ...(owner !== undefined ? { test: owner } : {}),
      ...(inUserCode || !report.at ? place : { file: workspaceRelative(report.at.file, options.workspace), line: report.at.line }),
    })
  }
}

/** Valgrind's errors, notes when CPython's own. */
function valgrindProblems(valgrind: ValgrindResult | undefined, options: FrameHints, add: (problem: LogProblem) => void): void {
  for (const error of valgrind?.errors ?? []) {
    const culprit = error.culprit
    const file = culprit?.file ? workspaceRelative(culprit.directory ? `${culprit.directory}/${culprit.file}` : culprit.file, options.workspace) : undefined
    add({
      kind: error.kind.startsWith('Leak_') ? 'memory-leak' : 'memory-error',
      severity: error.blame === 'extension' ? 'error' : 'note',
      message: `${error.kind}: ${error.what}${culprit ? ` in ${culprit.function ?? '?'}${file ? ` (${file}:${culprit.line ?? '?'})` : ''}` : error.blame === 'cpython' ? ' (inside CPython, not the extension)' : ''}`,
      source: 'valgrind-xml',
      logLine: error.line,
      ...(file ? { file } : {}),
      ...(culprit?.line ? { line: culprit.line } : {}),
      ...(culprit?.function ? { function: culprit.function } : {}),
    })
  }
}

/** The types a test file leaked, by the census of live objects after each run. */
function censusProblems(census: CensusResult | undefined, add: (problem: LogProblem) => void): void {
  for (const file of census?.files ?? []) {
    const leaked = leakedTypes(file)
    if (leaked.length === 0) continue
    const shown = leaked.slice(0, 5)
    const more = leaked.length > shown.length ? ` and ${leaked.length - shown.length} more types` : ''
    add({
      kind: 'object-leak',
      severity: 'error',
      message: `${file.test}: ${shown.map(describeLeakedType).join(', ')}${more} (live objects by type after each counted run, sys.getobjects)`,
      source: 'census',
      logLine: file.runs.find((run) => !run.warmup)?.line ?? file.line,
      // No `deltas`: the message holds each type's counts per run, and the summary shows a finding's deltas instead of its message.
      test: file.test,
    })
  }
}

/** A `sys.gettotalrefcount()` series that grew by the same amount at every step. */
function seriesProblems(series: RefcountSeriesResult | undefined, add: (problem: LogProblem) => void): void {
  if (series?.steadyGrowth !== undefined && series.steadyGrowth > 0 && series.samples.length >= 3) {
    add({
      kind: 'reference-growth',
      severity: 'warning',
      message: `total references grew by ${series.steadyGrowth} at every step`,
      source: 'refcount-series',
      logLine: series.first?.line ?? 0,
    })
  }
}

/** Which test printed each item (in log order): the last test whose progress line came before it (sequential and -jN alike). */
function ownersOf<T extends { readonly line: number }>(regrtest: RegrtestResult | undefined, items: readonly T[]): Map<T, string> {
  const owners = new Map<T, string>()
  // Omitted tests have no progress line (line 0): they printed nothing.
  const tests = (regrtest?.tests ?? []).filter((test) => test.line > 0).sort((a, b) => a.line - b.line)
  if (tests.length === 0) return owners
  let index = 0
  for (const item of items) {
    while (index + 1 < tests.length && tests[index + 1].line < item.line) index++
    if (tests[index].line < item.line) owners.set(item, tests[index].name)
  }
  return owners
}

function faultOwners(regrtest: RegrtestResult | undefined, faults: FaultResult | undefined): Map<Fault, string> {
  return ownersOf(regrtest, faults?.faults ?? [])
}

/** Objects printed with a dead-byte reference count: each was used after its memory was freed. */
function deadObjectProblems(regrtest: RegrtestResult | undefined, debug: PymallocDebugResult | undefined, add: (problem: LogProblem) => void): void {
  const objects = debug?.deadObjects ?? []
  const owners = ownersOf(regrtest, objects)
  const reported = new Set<string>()
  for (const object of objects) {
    const owner = owners.get(object)
    // A test run many times (-R) prints the same use after free each time: once per test is enough.
    if (reported.has(owner ?? '')) continue
    reported.add(owner ?? '')
    const byte = `0x${object.pattern.toString(16).toUpperCase()}`
    add({
      kind: 'use-after-free',
      severity: 'error',
      message: `use after free: an object at ${object.address} was used after it was freed (printed as <refcnt ${object.refcnt}>, its reference count is the dead-byte pattern ${byte} the debug hooks write over freed memory)`,
      source: 'pymalloc-debug',
      logLine: object.line,
      ...(owner !== undefined ? { test: owner } : {}),
    })
  }
}

/**
 * A module the dynamic linker refused for a symbol of another ABI: on 3.8-3.12 a trace-refs
 * interpreter keeps pydebug's `d` SOABI, so a pydebug build of a module is found, loaded, and
 * fails with `undefined symbol: PyModule_Create2`. Symbols of no known ABI macro count when they
 * are CPython's (another CPython's headers); others (a C++ runtime not linked) are the test's failure.
 */
function importErrorProblems(regrtest: RegrtestResult | undefined, imports: ImportErrorResult | undefined, add: (problem: LogProblem) => void): void {
  const found = imports?.undefinedSymbols ?? []
  const owners = ownersOf(regrtest, found)
  for (const item of found) {
    const { reason, abi } = explainUndefinedSymbol(item.symbol)
    if (!abi && !/^_?Py/.test(item.symbol)) continue
    const owner = owners.get(item)
    add({
      kind: 'abi-mismatch',
      severity: 'error',
      message: `${item.module.split('/').pop()} was built for another ABI (${reason}): rebuild it for this interpreter (${item.module})`,
      source: 'import-error',
      logLine: item.line,
      ...(owner !== undefined ? { test: owner } : {}),
    })
  }
}

function regrtestProblems(
  regrtest: RegrtestResult | undefined,
  faults: FaultResult | undefined,
  owners: Map<Fault, string>,
  add: (problem: LogProblem) => void,
): Set<string> {
  const timeouts = new Map<string, Fault>()
  // The tests whose timeout is reported here, with regrtest's verdict: faultProblems leaves their "Timeout" out.
  const timedOut = new Set<string>()
  for (const fault of faults?.faults ?? []) {
    const owner = owners.get(fault)
    if (fault.kind === 'timeout' && owner !== undefined && !timeouts.has(owner)) timeouts.set(owner, fault)
  }
  for (const test of regrtest?.tests ?? []) {
    for (const leak of test.leaks) {
      if (leak.informational) continue
      const kind = leak.kind === 'references' ? 'reference-leak' : leak.kind === 'memory blocks' ? 'block-leak' : 'fd-leak'
      add({
        kind,
        severity: 'error',
        message: `${test.name} leaked [${leak.deltas.join(', ')}] ${leak.kind}, sum=${leak.sum}`,
        source: 'regrtest',
        logLine: leak.line,
        test: test.name,
        deltas: leak.deltas,
      })
    }
    if (test.outcome === 'crashed' || test.outcome === 'failed' || test.outcome === 'timed-out') {
      // With -jN, regrtest reports a --timeout as a crashed worker; faulthandler's "Timeout (H:MM:SS)!" tells the truth.
      const timeout = timeouts.get(test.name)
      if (timeout) {
        add({
          kind: 'timeout',
          severity: 'error',
          message: `${test.name} timed out: ${timeout.message} (regrtest: ${test.result ?? test.outcome})`,
          source: 'regrtest',
          logLine: test.line,
          test: test.name,
        })
        timedOut.add(test.name)
        continue
      }
      const kind = test.outcome === 'crashed' ? 'crash' : test.outcome === 'timed-out' ? 'timeout' : 'test-failure'
      const detail = test.fatalError ? `: Fatal Python error: ${test.fatalError}` : ''
      add({ kind, severity: 'error', message: `${test.name} ${test.result ?? test.outcome}${detail}`, source: 'regrtest', logLine: test.line, test: test.name })
    }
  }
  return timedOut
}

// The debug hooks name the C function that checked the block (3.9+): what the program was doing.
const HOOK_OPERATIONS: Record<string, string> = {
  _PyMem_DebugRawFree: 'free',
  _PyMem_DebugFree: 'free',
  _PyMem_DebugRawRealloc: 'realloc',
  _PyMem_DebugRealloc: 'realloc',
  _PyMem_DebugCheckAddress: 'check',
}

function faultProblems(
  faults: FaultResult | undefined,
  debug: PymallocDebugResult | undefined,
  owners: Map<Fault, string>,
  timedOutTests: ReadonlySet<string>,
  options: FrameHints,
  add: (problem: LogProblem) => void,
): void {
  const blocks = debug?.blocks ?? []
  let blockIndex = 0
  for (const fault of faults?.faults ?? []) {
    // The dump that explains a fault is the last one printed before it.
    let block: DebugMemoryBlock | undefined
    while (blockIndex < blocks.length && blocks[blockIndex].line < fault.line) block = blocks[blockIndex++]
    const frame = pythonLocation(fault)
    const owner = owners.get(fault)
    const place: { test?: string; file?: string; line?: number; function?: string } = {
      ...(owner !== undefined ? { test: owner } : {}),
      ...(frame ? { file: workspaceRelative(frame.file, options.workspace), line: frame.line, ...(frame.function ? { function: frame.function } : {}) } : {}),
    }
    // The test's line first; a helper it called, where the crash really happened, after it.
    const via = frame?.via
      ? ` (${frame.function ?? 'test'}, through ${workspaceRelative(frame.via.file, options.workspace)}:${frame.via.line}${frame.via.function ? ` in ${frame.via.function}` : ''})`
      : ''
    const where = frame ? ` in ${place.file}:${frame.line}${via}` : ''
    const operation = fault.function ? HOOK_OPERATIONS[fault.function] : undefined
    const on = operation ? ` on ${operation}` : ''
    // A dump of a freed block may be cut short by the crash it causes: its dead bytes still tell.
    if (block && (/pad byte|bad ID/.test(fault.reason) || deadPatternOf(block) !== undefined)) {
      const [kind, message] = describeBlock(block, fault)
      add({ kind, severity: 'error', message: `${message} detected${on}${where}`, source: 'fault', logLine: block.line, ...place })
      continue
    }
    // A test's timeout is already reported with regrtest's verdict (regrtestProblems). Without -j there is none:
    // regrtest's --timeout ends the whole process, and this "Timeout" is all that says it.
    if (fault.kind === 'traceback-dump' || (fault.kind === 'timeout' && owner !== undefined && timedOutTests.has(owner))) continue
    const kind = fault.kind === 'timeout' ? 'timeout' : fault.kind === 'signal' ? 'crash' : 'fatal-error'
    // The exceptions say what the C code did wrong (a result returned with an exception set: which one).
    const exceptions = fault.exceptions?.length ? ` (${fault.exceptions.join(' → ')})` : ''
    add({
      kind,
      severity: 'error',
      message: `${fault.kind === 'timeout' ? fault.message : `Fatal Python error: ${fault.message}`}${exceptions}${where}`,
      source: 'fault',
      logLine: fault.line,
      ...place,
    })
  }
}

/** The dead-byte pattern a block's leading pad bytes all hold: the hooks already freed it. */
function deadPatternOf(block: DebugMemoryBlock): number | undefined {
  const bytes = block.leadingPad?.bytes ?? []
  const first = bytes[0]?.value
  return first !== undefined && (DEAD_BYTES as readonly number[]).includes(first) && bytes.every((byte) => byte.value === first) ? first : undefined
}

function describeBlock(block: DebugMemoryBlock, fault: Fault): [ProblemKind, string] {
  const plural = (n: number) => `${n} byte${n === 1 ? '' : 's'}`
  const dead = deadPatternOf(block)
  if (dead !== undefined) {
    const was = dead === 0xdb ? ' (CPython before 3.8)' : ''
    return [
      'use-after-free',
      `double free or use after free: the block's pad bytes read 0x${dead.toString(16).toUpperCase()}, the pattern the debug hooks write over freed memory${was}`,
    ]
  }
  if (/bad ID/.test(fault.reason)) return ['allocator-mismatch', `block from API '${block.api}' ${fault.reason.replace(/^bad ID: /, '')}`]
  if (block.underrunBytes !== undefined)
    return ['buffer-underrun', `buffer underrun of ${plural(block.underrunBytes)} before a ${block.bytesRequested ?? '?'}-byte block`]
  // The dump can be cut short before its pad bytes (a crash while printing, a pasted excerpt): the
  // fatal error still says which pad was hit, but not by how many bytes, and no count is made up.
  if (/leading pad byte/.test(fault.reason))
    return [
      'buffer-underrun',
      `buffer underrun before a ${block.bytesRequested ?? '?'}-byte block (its leading pad bytes were overwritten; the log does not show how many)`,
    ]
  if (block.overrunBytes === undefined)
    return [
      'buffer-overrun',
      `buffer overrun past a ${block.bytesRequested ?? '?'}-byte block (its trailing pad bytes were overwritten; the log does not show how many)`,
    ]
  return ['buffer-overrun', `buffer overrun of ${plural(block.overrunBytes)}`]
}

/**
 * Where a crash points in the user's Python: the innermost frame of the crashing thread that is a
 * test function in a test file (`test_*` in `test_*.py`, as unittest and pytest name them), since
 * that is the test that called into the extension; the frames above it (a test helper) are kept as
 * `via`. Without such a frame, the innermost frame (tracebacks are most recent call first).
 */
function pythonLocation(fault: Fault): { file: string; line: number; function?: string; via?: { file: string; line: number; function?: string } } | undefined {
  const thread = fault.threads.find((candidate) => candidate.current) ?? fault.threads[0]
  const frames = thread?.frames ?? []
  const test = frames.findIndex((frame) => frame.function?.startsWith('test') && /(?:^|[\\/])test_[^\\/]*\.py$/.test(frame.file))
  if (test <= 0) return frames[0]
  return { ...frames[test], via: frames[0] }
}
