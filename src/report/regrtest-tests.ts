import type { RegrtestTest } from '../parse/regrtest.js'
import type { LeakEntry, TestFileEntry } from './model.js'

/**
 * What regrtest said about one test file, as a report's refleak section keeps it: the same entry
 * whether a run's regrtest -R pass printed it (report/collect.ts) or a log given to `pydebug report
 * parse` holds it (report/parsed-logs.ts), so both derive the same findings from it.
 */
export function testFileEntryOf(test: RegrtestTest): TestFileEntry {
  return {
    name: test.name,
    outcome: test.outcome,
    ...(test.result ? { result: test.result } : {}),
    leaks: leakEntries(test, false),
    informationalLeaks: leakEntries(test, true),
    ...(test.fatalError ? { fatalError: test.fatalError } : {}),
    ...(test.reason ? { reason: test.reason } : {}),
    ...(test.exception ? { exception: test.exception } : {}),
    ...(test.traceback ? { traceback: test.traceback } : {}),
  }
}

/** The leaks regrtest counted (`informational: false`), or those 3.13+ marked "(this is fine)". */
export function leakEntries(test: RegrtestTest, informational: boolean): LeakEntry[] {
  return test.leaks.filter((leak) => leak.informational === informational).map(({ kind, deltas, sum }) => ({ kind, deltas, sum }))
}
