/**
 * report.json, schema 1. Every number in it comes from a parser reading real interpreter output;
 * nothing is estimated. Additive changes keep `schema: 1`; renames or removals bump it.
 */
import type { LeakKind, TestOutcome } from '../parse/regrtest.js'
import type { RefcountSample } from '../parse/showrefcount.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import type { LogProblem, ParsedLogDetails } from '../parse/detect.js'
import type { FindingKind } from './finding-kinds.js'

export type { FindingKind } from './finding-kinds.js'

export const REPORT_SCHEMA_VERSION = 1

/** `nothing-tested`: the run completed but no test case ran, so it vouches for nothing (a finding says why). */
export type RunStatus = 'clean' | 'findings' | 'nothing-tested' | 'build-failed' | 'extension-failed' | 'error'

export interface Report {
  readonly schema: typeof REPORT_SCHEMA_VERSION
  readonly tool: { readonly name: 'pydebug'; readonly version: string }
  readonly generatedAt: string
  readonly status: RunStatus
  /** Set when the run stopped early; the sections before the failure are still filled in. */
  readonly error?: { readonly kind: string; readonly message: string; readonly log?: string }
  readonly cell?: CellSection
  readonly interpreter?: InterpreterSection
  readonly extensions: ExtensionSection[]
  readonly refleaks?: RefleakSection
  readonly showrefcount?: ShowrefcountSection
  /** Flat list of what deserves attention, most serious first: what the summary and annotations show. */
  readonly findings: Finding[]
  /** Every log written, with what its parsers could not read. Paths are relative to the report's folder. */
  readonly logs: LogEntry[]
  /**
   * Everything the log parsers found wrong, across all logs (memory errors, debug-hook faults,
   * sanitizer and valgrind reports, leaks), most serious first. Optional, added by the parsers
   * (issue 3); `findings` stays the short list the summary shows.
   */
  readonly problems?: ReportProblem[]
}

/** A parser's finding with the log it came from (relative to the report's folder). */
export type ReportProblem = LogProblem & { readonly log: string }

export interface CellSection {
  readonly id: string
  readonly python: string
  readonly variant: string
  readonly configureArgs: readonly string[]
  readonly runtimeEnv: Readonly<Record<string, string>>
  readonly abiFlags: string
  readonly extensionAbi: string
}

export interface InterpreterSection {
  readonly pythonPath: string
  readonly prefix: string
  readonly cacheKey: string
  /** Where the interpreter came from: the local cache folder, the remote (Actions) cache, or a fresh build. */
  readonly cacheHit: 'local' | 'remote' | 'none'
  readonly seconds: number
  readonly source: string
  readonly sysVersion?: string
  readonly abiflags?: string
  readonly soabi?: string
  /** Why it was built although builds of the same version and variant were cached: what differs from them. */
  readonly rebuildReason?: string
}

export interface ExtensionSection {
  readonly path: string
  readonly abi: string
  /** True when an earlier build for the same interpreter, sources and compiler settings was reused. */
  readonly reused: boolean
  readonly sitePath: string
  readonly seconds: number
  readonly log?: string
  /** The compiler and flag variables the build saw (CC, CFLAGS, LDFLAGS, ...), with their values. */
  readonly compilerEnv?: Readonly<Record<string, string>>
  /** The first line of `--version` of the compilers CC and CXX name, when set. */
  readonly compilerVersions?: Readonly<Record<string, string>>
  /** Inherited variables removed from the build's environment (PYTHONPATH, PYTHONHOME, ...); the tests still get PYTHONPATH. */
  readonly removedEnv?: readonly string[]
}

export interface LeakEntry {
  readonly kind: LeakKind
  readonly deltas: readonly number[]
  readonly sum: number
}

export interface TestCaseEntry {
  /** unittest id, e.g. `test_leaky.LeakyTests.test_leak_refs`. */
  readonly id: string
  readonly outcome: TestOutcome
  readonly leaks: LeakEntry[]
  readonly log: string
}

export interface TestFileEntry {
  readonly name: string
  readonly outcome: TestOutcome
  readonly result?: string
  readonly leaks: LeakEntry[]
  /** Leak lines 3.13+ marks "(this is fine)": shown, not counted. */
  readonly informationalLeaks: LeakEntry[]
  readonly fatalError?: string
  /** Why regrtest skipped, failed or flagged it, as it said after ` -- ` (first line). */
  readonly reason?: string
  /** The exception line of the first traceback printed while the file ran, e.g. `ModuleNotFoundError: No module named 'pytest'`. */
  readonly exception?: string
  /** That traceback's first lines. */
  readonly traceback?: readonly string[]
  /** Each case of a leaking file, re-run alone under -R to name the leaking test. */
  readonly cases?: TestCaseEntry[]
  /** Cases of this leaking file left out by `max-case-runs`: the file was only partly attributed. */
  readonly casesNotRun?: number
}

export interface RefleakSection {
  readonly command: readonly string[]
  readonly exitCode: number | null
  readonly warmups: number
  readonly runs: number
  readonly state?: string
  readonly tests: TestFileEntry[]
  /** Absent when no test module was found, so regrtest did not run. */
  readonly log?: string
  /** regrtest's worker broke (`regrtest worker thread failed`): the tests it had not run yet are omitted. */
  readonly workerFailure?: { readonly message: string; readonly exception?: string }
  /** Cases of leaking files left out by `max-case-runs` / `max-case-runs-total`, in all. */
  readonly casesNotRun?: number
  /** The test modules found in the tests folder, and test files in its sub-folders that regrtest does not search. */
  readonly discovery?: {
    readonly testsDir: string
    readonly modules: readonly string[]
    readonly nested: readonly { readonly dir: string; readonly modules: number }[]
    readonly pytestStyle: readonly string[]
  }
}

export interface ShowrefcountSection {
  readonly files: {
    readonly name: string
    readonly exitCode: number | null
    readonly outcome: TestOutcome
    /** The last `[N refs, M blocks]` line: totals at interpreter exit. */
    readonly atExit?: Pick<RefcountSample, 'refs' | 'blocks'>
    /** The exception of the first traceback this pass printed, and that traceback's first lines. */
    readonly exception?: string
    readonly traceback?: readonly string[]
    readonly log: string
  }[]
}

/** Which run of the tests saw it: the refleak hunt, a case re-run alone, the `-X showrefcount` pass, or the check before running. */
export type TestPass = 'refleak' | 'refleak-case' | 'showrefcount' | 'discovery'

export interface Finding {
  readonly kind: FindingKind
  /** The test file, and the case when one was named; absent for what no test owns (a fatal error at exit, nothing tested). */
  readonly test?: string
  readonly case?: string
  /** One sentence that stands alone (annotations, CLI output). */
  readonly message: string
  /** What the summary table shows next to the test, e.g. `exit code -6 · Fatal Python error: ...`. */
  readonly detail?: string
  readonly deltas?: readonly number[]
  readonly log: string
  /** Where to point: the user's source line the evidence names (relative to the workspace when inside it). */
  readonly file?: string
  readonly line?: number
  /** The function at that place: the test function for a Python crash, the user's C function for a native report. */
  readonly function?: string
  /** For a failure: the first lines of its traceback, ending with the exception. */
  readonly traceback?: readonly string[]
  readonly pass?: TestPass
}

export interface LogEntry {
  readonly path: string
  readonly kind: string
  readonly lines: number
  readonly unparsed: UnparsedLines
  /** What the format detector recognised in this log and each parser's result (src/parse/detect.ts). Optional. */
  readonly parsed?: ParsedLogDetails
}
