/**
 * report.json, schema 1. Every number in it comes from a parser reading real interpreter output;
 * nothing is estimated. Additive changes keep `schema: 1`; renames or removals bump it.
 */
import type { LeakKind, TestOutcome } from '../parse/regrtest.js'
import type { RefcountSample } from '../parse/showrefcount.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import type { LogProblem, ParsedLogDetails } from '../parse/detect.js'

export const REPORT_SCHEMA_VERSION = 1

export type RunStatus = 'clean' | 'findings' | 'build-failed' | 'extension-failed' | 'error'

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
}

export interface ExtensionSection {
  readonly path: string
  readonly abi: string
  /** True when an earlier build for the same ABI and the same sources was reused. */
  readonly reused: boolean
  readonly sitePath: string
  readonly seconds: number
  readonly log?: string
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
  /** Each case of a leaking file, re-run alone under -R to name the leaking test. */
  readonly cases?: TestCaseEntry[]
}

export interface RefleakSection {
  readonly command: readonly string[]
  readonly exitCode: number | null
  readonly warmups: number
  readonly runs: number
  readonly state?: string
  readonly tests: TestFileEntry[]
  readonly log: string
  /** Set when more cases leaked than `max-case-runs` allowed to re-run. */
  readonly casesNotRun?: number
}

export interface ShowrefcountSection {
  readonly files: {
    readonly name: string
    readonly exitCode: number | null
    readonly outcome: TestOutcome
    /** The last `[N refs, M blocks]` line: totals at interpreter exit. */
    readonly atExit?: Pick<RefcountSample, 'refs' | 'blocks'>
    readonly log: string
  }[]
}

export type FindingKind = 'reference-leak' | 'block-leak' | 'fd-leak' | 'crash' | 'test-failure' | 'timeout'

export interface Finding {
  readonly kind: FindingKind
  /** The test file, and the case when one was named. */
  readonly test: string
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
}

export interface LogEntry {
  readonly path: string
  readonly kind: string
  readonly lines: number
  readonly unparsed: UnparsedLines
  /** What the format detector recognised in this log and each parser's result (src/parse/detect.ts). Optional. */
  readonly parsed?: ParsedLogDetails
}
