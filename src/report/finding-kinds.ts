/**
 * Every kind of finding a report can hold, most serious first: the order of report.json's
 * `findings`, the summary's words for each, and what makes each fail a run. Adding a kind is one
 * line here; the model's type, the sort, the labels and `fail-on` all come from this table.
 */
export const FINDING_KINDS = {
  // A run that checked nothing must never read as clean: it leads, and fails even under `fail-on: leaks`.
  'nothing-tested': { label: 'nothing tested', failsUnder: 'leaks' },
  crash: { label: 'crash', failsUnder: 'findings' },
  'fatal-error': { label: 'fatal error', failsUnder: 'findings' },
  'buffer-overrun': { label: 'buffer overrun', failsUnder: 'findings' },
  'buffer-underrun': { label: 'buffer underrun', failsUnder: 'findings' },
  'use-after-free': { label: 'use after free', failsUnder: 'findings' },
  'allocator-mismatch': { label: 'allocator mismatch', failsUnder: 'findings' },
  'memory-error': { label: 'memory error', failsUnder: 'findings' },
  'undefined-behavior': { label: 'undefined behaviour', failsUnder: 'findings' },
  timeout: { label: 'timeout', failsUnder: 'findings' },
  'reference-leak': { label: 'reference leak', failsUnder: 'leaks' },
  'block-leak': { label: 'memory block leak', failsUnder: 'leaks' },
  'fd-leak': { label: 'file descriptor leak', failsUnder: 'leaks' },
  'memory-leak': { label: 'memory leak', failsUnder: 'leaks' },
  'reference-growth': { label: 'reference growth', failsUnder: 'leaks' },
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
