/**
 * What a kind of finding says about a cell at a glance (the matrix roll-up's grid): a memory error,
 * a leak, a failure (crash, failing test, what kept the checks from the code), or nothing tested.
 */
export type FindingFamily = 'memory-error' | 'leak' | 'failure' | 'untested'

/**
 * Every kind of finding a report can hold, most serious first: the order of report.json's
 * `findings`, the summary's words for each, what makes each fail a run, and its family in the
 * roll-up's grid. Adding a kind is one line here; the model's type, the sort, the labels,
 * `fail-on` and the grid all come from this table.
 */
export const FINDING_KINDS = {
  // A run that checked nothing must never read as clean: it leads, and fails even under `fail-on: leaks`.
  'nothing-tested': { label: 'nothing tested', failsUnder: 'leaks', family: 'untested' },
  // A free-threaded cell whose extension brought the GIL back tests the GIL build, not free-threading: as loud as nothing tested.
  'gil-enabled': { label: 'GIL re-enabled', failsUnder: 'leaks', family: 'failure' },
  // A module built for another ABI than the interpreter's (it fails at import): nothing of it was tested.
  'abi-mismatch': { label: 'built for another ABI', failsUnder: 'findings', family: 'failure' },
  crash: { label: 'crash', failsUnder: 'findings', family: 'failure' },
  'fatal-error': { label: 'fatal error', failsUnder: 'findings', family: 'failure' },
  'buffer-overrun': { label: 'buffer overrun', failsUnder: 'findings', family: 'memory-error' },
  'buffer-underrun': { label: 'buffer underrun', failsUnder: 'findings', family: 'memory-error' },
  'use-after-free': { label: 'use after free', failsUnder: 'findings', family: 'memory-error' },
  'allocator-mismatch': { label: 'allocator mismatch', failsUnder: 'findings', family: 'memory-error' },
  // What memcheck says about the user's code (report/memcheck.ts), by valgrind's error kind.
  'invalid-write': { label: 'invalid write', failsUnder: 'findings', family: 'memory-error' },
  'invalid-read': { label: 'invalid read', failsUnder: 'findings', family: 'memory-error' },
  'invalid-free': { label: 'invalid free', failsUnder: 'findings', family: 'memory-error' },
  'uninitialised-value': { label: 'uninitialised value', failsUnder: 'findings', family: 'memory-error' },
  'memory-error': { label: 'memory error', failsUnder: 'findings', family: 'memory-error' },
  'undefined-behavior': { label: 'undefined behaviour', failsUnder: 'findings', family: 'memory-error' },
  timeout: { label: 'timeout', failsUnder: 'findings', family: 'failure' },
  'reference-leak': { label: 'reference leak', failsUnder: 'leaks', family: 'leak' },
  'block-leak': { label: 'memory block leak', failsUnder: 'leaks', family: 'leak' },
  'fd-leak': { label: 'file descriptor leak', failsUnder: 'leaks', family: 'leak' },
  'memory-leak': { label: 'memory leak', failsUnder: 'leaks', family: 'leak' },
  // Live objects of a type that grew in every counted run (trace-refs census): the leak named by its type.
  'object-leak': { label: 'object leak', failsUnder: 'leaks', family: 'leak' },
  'reference-growth': { label: 'reference growth', failsUnder: 'leaks', family: 'leak' },
  // An asan/ubsan/tsan cell whose extension was compiled without the sanitizer: its checks never saw the user's code.
  'not-instrumented': { label: 'not instrumented', failsUnder: 'findings', family: 'failure' },
  'test-failure': { label: 'test failure', failsUnder: 'findings', family: 'failure' },
  // A test file that ran no test case, or that regrtest never ran (omitted, interrupted, its worker failed).
  'not-run': { label: 'not run', failsUnder: 'findings', family: 'failure' },
} as const satisfies Record<string, { readonly label: string; readonly failsUnder: 'findings' | 'leaks'; readonly family: FindingFamily }>

export type FindingKind = keyof typeof FINDING_KINDS

export const FINDING_KIND_NAMES = Object.keys(FINDING_KINDS) as FindingKind[]

/** Sort key: most serious first. */
export function findingRank(kind: FindingKind): number {
  return FINDING_KIND_NAMES.indexOf(kind)
}

/** Whether a finding of this kind fails a run under `fail-on: leaks` (every kind fails under `findings`). */
export function failsOnLeaks(kind: FindingKind): boolean {
  return FINDING_KINDS[kind].failsUnder === 'leaks'
}
