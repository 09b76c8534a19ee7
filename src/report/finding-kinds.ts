/**
 * Every kind of finding a report can hold, most serious first: the order of report.json's
 * `findings`, the summary's words for each, and what makes each fail a run. Adding a kind is one
 * line here; the model's type, the sort, the labels and `fail-on` all come from this table.
 */
export const FINDING_KINDS = {
  // A run that checked nothing must never read as clean: it leads, and fails even under `fail-on: leaks`.
  'nothing-tested': { label: 'nothing tested', failsUnder: 'leaks' },
  // A free-threaded cell whose extension brought the GIL back tests the GIL build, not free-threading: as loud as nothing tested.
  'gil-enabled': { label: 'GIL re-enabled', failsUnder: 'leaks' },
  // A module built for another ABI than the interpreter's (it fails at import): nothing of it was tested.
  'abi-mismatch': { label: 'built for another ABI', failsUnder: 'findings' },
  crash: { label: 'crash', failsUnder: 'findings' },
  'fatal-error': { label: 'fatal error', failsUnder: 'findings' },
  'buffer-overrun': { label: 'buffer overrun', failsUnder: 'findings' },
  'buffer-underrun': { label: 'buffer underrun', failsUnder: 'findings' },
  'use-after-free': { label: 'use after free', failsUnder: 'findings' },
  'allocator-mismatch': { label: 'allocator mismatch', failsUnder: 'findings' },
  // What memcheck says about the user's code (report/memcheck.ts), by valgrind's error kind.
  'invalid-write': { label: 'invalid write', failsUnder: 'findings' },
  'invalid-read': { label: 'invalid read', failsUnder: 'findings' },
  'invalid-free': { label: 'invalid free', failsUnder: 'findings' },
  'uninitialised-value': { label: 'uninitialised value', failsUnder: 'findings' },
  'memory-error': { label: 'memory error', failsUnder: 'findings' },
  'undefined-behavior': { label: 'undefined behaviour', failsUnder: 'findings' },
  timeout: { label: 'timeout', failsUnder: 'findings' },
  'reference-leak': { label: 'reference leak', failsUnder: 'leaks' },
  'block-leak': { label: 'memory block leak', failsUnder: 'leaks' },
  'fd-leak': { label: 'file descriptor leak', failsUnder: 'leaks' },
  'memory-leak': { label: 'memory leak', failsUnder: 'leaks' },
  // Live objects of a type that grew in every counted run (trace-refs census): the leak named by its type.
  'object-leak': { label: 'object leak', failsUnder: 'leaks' },
  'reference-growth': { label: 'reference growth', failsUnder: 'leaks' },
  // An asan/ubsan/tsan cell whose extension was compiled without the sanitizer: its checks never saw the user's code.
  'not-instrumented': { label: 'not instrumented', failsUnder: 'findings' },
  'test-failure': { label: 'test failure', failsUnder: 'findings' },
  // A test file that ran no test case, or that regrtest never ran (omitted, interrupted, its worker failed).
  'not-run': { label: 'not run', failsUnder: 'findings' },
} as const satisfies Record<string, { readonly label: string; readonly failsUnder: 'findings' | 'leaks' }>

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
