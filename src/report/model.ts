import type { BuildPhase } from '../plan/build-phases.js'
import type { GilMode } from '../plan/gil-mode.js'
import type { LogCut } from '../plan/log-limit.js'
/**
 * report.json, schema 1. Every number in it comes from a parser reading real interpreter output;
 * nothing is estimated. Additive changes keep `schema: 1`; renames or removals bump it.
 */
import type { LeakKind, TestOutcome } from '../parse/regrtest.js'
import type { RefcountSample } from '../parse/showrefcount.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import type { LogProblem, ParsedLogDetails } from '../parse/detect.js'
import type { FindingKind } from './finding-kinds.js'
import type { TestRunnerName } from '../plan/test-runner.js'

export type { FindingKind } from './finding-kinds.js'

export const REPORT_SCHEMA_VERSION = 1

/**
 * `nothing-tested`: the run completed but no test case ran, so it vouches for nothing (a finding says why).
 * `cancelled`: SIGINT or SIGTERM stopped it (error kind CancelledError); the sections before are filled in.
 */
export type RunStatus = 'clean' | 'findings' | 'nothing-tested' | 'build-failed' | 'extension-failed' | 'cancelled' | 'error'

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
  /** The user's own `test-command`, run instead of the refleak hunt. */
  readonly testCommand?: TestCommandSection
  /** CPython's own test suite (`cpython-tests`), as `make test` / `make quicktest` runs it. */
  readonly cpythonTests?: CpythonTestsSection
  /** Valgrind memcheck over each test file (the valgrind variant's check): what it looked at and what it saw. */
  readonly memcheck?: MemcheckSection
  /** The sanitizer pass of an asan / ubsan / tsan cell: whether the extensions were instrumented, each test file's run and its report files. */
  readonly sanitizers?: SanitizerSection
  /** Each test file between two allocator statistics dumps (the variant's `allocation-report` check): what grew. */
  readonly allocations?: AllocationSection
  /** trace-refs: live objects by type after each repetition of each test file (the `census` check). */
  readonly census?: CensusSection
  /** count-allocs (3.6-3.8): per-type allocation counts before and after each test file. */
  readonly countAllocs?: CountAllocsSection
  /** Free-threaded cells: whether importing the tests (and the extension) re-enabled the GIL. */
  readonly gil?: GilSection
  /** The variant's checks that could not run in this cell, and why (the user's test-command cannot serve a check that runs each test file on its own). */
  readonly checksNotRun?: readonly { readonly check: string; readonly reason: string }[]
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
  /** Each finding's identity compared with a baseline report's (`baseline`, report/baseline.ts); present when one was given or `fail-on` is `new`. */
  readonly baseline?: BaselineSection
}

/**
 * The findings compared with a baseline by identity (kind, test, case, place; report/baseline.ts):
 * `new` ones are not in the baseline, `fixed` ones are only there. Each list holds identities, once.
 */
export interface BaselineSection {
  /** The baseline as given (a previous run's report.json, or `pydebug report merge`'s); absent when none was given, so every finding is new. */
  readonly source?: string
  readonly new: readonly string[]
  readonly fixed: readonly string[]
  readonly unchanged: readonly string[]
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
  /** Its ABI fingerprint, read from the interpreter (plan/abi-fingerprint.ts): what its extension builds must match. */
  readonly abiFingerprint?: string
  /** How it was built (now, or by the run that saved it), from its build record; records of older versions say less. */
  readonly build?: BuildFacts
}

export interface BuildFacts {
  readonly seconds: number
  readonly phaseSeconds?: Readonly<Partial<Record<BuildPhase, number>>>
  /** ccache's hits and misses during make, when the machine has ccache. */
  readonly ccache?: { readonly hits: number; readonly misses: number }
  /** `reused`: configure started from an earlier configure's results (plan/configure-cache.ts). */
  readonly configureResults?: 'reused' | 'fresh'
  /** Bytes of the installed prefix, a hard-linked file counted once. */
  readonly installedBytes?: number
  /** What pydebug left out of `make install`. */
  readonly leftOut?: readonly string[]
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
  /** `build-env`: the variables given for the extension builds only (part of the build's key). */
  readonly buildEnv?: Readonly<Record<string, string>>
  /** `setuptools` (setup.py build), `pep517-pip` (pip install --no-build-isolation, another PEP 517 backend) or `build-command`. */
  readonly builder?: 'setuptools' | 'pep517-pip' | 'build-command'
  /** The build command as run, for `pep517-pip` and `build-command`. */
  readonly command?: readonly string[]
  /** The build's cache key (its folder under the cache's extensions/). */
  readonly key?: string
  /** The ABI fingerprint of the interpreter it was built against (SOABI, ABI macros, sanitizers): interpreters with the same one share the build. */
  readonly fingerprint?: string
  /** For a reused build: the cell whose run made it (e.g. a pydebug build reused by a valgrind cell), that run's interpreter and when. */
  readonly reusedFrom?: { readonly cell: string; readonly interpreterKey: string; readonly builtAt: string }
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
  /** The file's own log, when each file ran in its own process (pytest); otherwise the section's log. */
  readonly log?: string
}

export interface RefleakSection {
  /** What ran the tests and why it was chosen (plan/test-runner.ts). */
  readonly runner?: { readonly name: TestRunnerName; readonly reason: string; readonly version?: string }
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
    /** The signal that ended the process, when one did (then `exitCode` is null). */
    readonly signal?: string
    readonly outcome: TestOutcome
    /** The last `[N refs, M blocks]` line: totals at interpreter exit. */
    readonly atExit?: Pick<RefcountSample, 'refs' | 'blocks'>
    /** The exception of the first traceback this pass printed, and that traceback's first lines. */
    readonly exception?: string
    readonly traceback?: readonly string[]
    readonly log: string
  }[]
}

/** CPython's own test suite in this cell. Counts are regrtest's closing summary (test files, not cases). */
export interface CpythonTestsSection {
  /** `quick`, `full`, or the regrtest arguments as given. */
  readonly selection: string
  readonly command: readonly string[]
  readonly exitCode: number | null
  readonly log: string
  /** The CPython files `make test`'s options were read from (src/catalog/cpython-tests.ts). */
  readonly source: string
  /** `make test` options pydebug did not pass, and why (`-E`, 3.11's `-w`). */
  readonly notPassed: readonly { readonly option: string; readonly reason: string }[]
  /** The variant's runtime settings that applied, the inherited PYTHON* variables removed, and how. */
  readonly environment: { readonly applied: Readonly<Record<string, string>>; readonly removed: readonly string[]; readonly how: string }
  readonly timeoutSeconds: number
  /** regrtest's `Tests result:` (`SUCCESS`, `FAILURE`, `FAILURE then SUCCESS`, ...). */
  readonly state?: string
  /** Whether regrtest printed its closing summary. */
  readonly finished: boolean
  /**
   * Test files per verdict, as regrtest's summary counts them: `skipped` includes the resource-denied
   * ones on 3.12 and older (one list there), `failed` includes the timed-out ones.
   */
  readonly counts: {
    readonly ok: number
    readonly failed: number
    readonly skipped: number
    readonly resourceDenied: number
    readonly envChanged: number
    readonly timedOut: number
    readonly rerun: number
    readonly runNoTests: number
    readonly omitted: number
  }
  /** regrtest's final list of failed test files. */
  readonly failed?: readonly string[]
  readonly timedOutTests?: readonly string[]
  readonly tests: readonly { readonly name: string; readonly outcome: TestOutcome; readonly result?: string }[]
  /** The JUnit XML regrtest wrote (`--junit-xml`), with its totals (test cases, not files). */
  readonly junit?: {
    readonly path: string
    readonly tests: number
    readonly failures: number
    readonly errors: number
    readonly skipped: number
    readonly files: number
  }
  /** Seconds per test file (the sum of its cases' times in the JUnit XML): what `cpython-tests-durations` balances shards by. */
  readonly durations: Readonly<Record<string, number>>
  /** This cell ran one shard of the suite: test files split between `count` jobs. */
  readonly shard?: { readonly index: number; readonly count: number; readonly tests: readonly string[]; readonly balancedBy: 'durations' | 'name' }
  readonly workerFailure?: { readonly message: string; readonly exception?: string }
}

/** One test as the test command's output reported it (pytest's JUnit XML, or unittest's failure reports). */
export interface TestCommandTest {
  /** pytest's node id (`tests/test_add.py::test_x`) or unittest's id (`test_x.Class.test_y`). */
  readonly id: string
  readonly outcome: 'passed' | 'failed' | 'error' | 'skipped'
  readonly message?: string
  /** Where its failure's traceback ends, relative to the workspace when inside it. */
  readonly file?: string
  readonly line?: number
}

export interface TestCommandSection {
  /** As the user typed it. */
  readonly command: string
  /** As run: split, $NAME expanded, with what pydebug added. */
  readonly argv: readonly string[]
  /** What pydebug added (pytest: `--junitxml=...`, `--capture=sys`). */
  readonly added: readonly string[]
  /** Read from the argv: `pytest`, `unittest` or `other` (both parsers then read the output). */
  readonly runner: 'pytest' | 'unittest' | 'other'
  readonly exitCode: number | null
  readonly signal?: string
  /** Stopped at `test-command-timeout`: the signals are pydebug's, and `running` names where it hung. */
  readonly timedOut?: boolean
  readonly log: string
  /** pytest's JUnit XML, when it was written. */
  readonly junit?: string
  /** The formats found in the output: `pytest`, `unittest`, `junit-xml`. */
  readonly read: readonly string[]
  /** The runner's own closing words: pytest's `1 failed, 2 passed in 0.07s`, unittest's `Ran 6 tests: FAILED (failures=1)`. */
  readonly summary?: string
  /** Test counts as the runner reported them (`passed`, `failed`, `errors`, `skipped`, ...). */
  readonly counts: Readonly<Record<string, number>>
  /** Tests that ran (skipped ones not counted); absent when the output said nothing pydebug could read. */
  readonly testsRan?: number
  /** Per test: every test from pytest's JUnit XML; without it, the failures the output reported. */
  readonly tests: readonly TestCommandTest[]
  /** The test that was running when the output stopped (a crash), when the output names it. */
  readonly running?: string
}

/** Which run of the tests saw it: the refleak hunt, a case re-run alone, the `-X showrefcount` pass, or the check before running. */
export type TestPass =
  | 'refleak'
  | 'refleak-case'
  | 'showrefcount'
  | 'discovery'
  | 'cpython-tests'
  | 'test-command'
  | 'memcheck'
  | 'sanitizer'
  | 'census'
  | 'allocation-report'
  | 'count-allocs'
  | 'gil'

/** An error memcheck saw in the user's code, at the innermost frame of the user's code. */
export interface MemcheckErrorEntry {
  /** valgrind's kind: `UninitCondition`, `InvalidWrite`, `Leak_DefinitelyLost`, ... */
  readonly kind: string
  /** valgrind's words: `Conditional jump or move depends on uninitialised value(s)`. */
  readonly what: string
  /** How many times it happened in that process (valgrind's `<errorcounts>`). */
  readonly count: number
  readonly function?: string
  /** The user's source file (the project's, not the build copy's), relative to the workspace when inside it. */
  readonly file?: string
  readonly line?: number
  /** The test case, when the file has one. */
  readonly case?: string
  readonly xml: string
}

export interface MemcheckSection {
  /** `valgrind --version`. */
  readonly valgrind: string
  /** Misc/valgrind-python.supp of the interpreter's source tree, and where it came from; `none` when it could not be found. */
  readonly suppressions: { readonly file?: string; readonly origin: 'install' | 'source-tarball' | 'source-tree' | 'none'; readonly note?: string }
  readonly files: readonly {
    readonly name: string
    readonly command: readonly string[]
    readonly exitCode: number | null
    readonly outcome: TestOutcome
    readonly log: string
    /** One per process memcheck followed (the test file's interpreter and any child it started). */
    readonly processes: readonly {
      readonly xml: string
      readonly pid?: number
      /** `FINISHED`, or `RUNNING` when the process died before valgrind's closing report. */
      readonly state?: string
      /** Distinct errors valgrind reported, those in the user's code, and those it counted past the parser's cap. */
      readonly errors: number
      readonly userErrors: number
      readonly droppedErrors: number
      /** Errors the suppressions hid (`<suppcounts>`), in all. */
      readonly suppressed: number
    }[]
    readonly errors: readonly MemcheckErrorEntry[]
    /** A file of several cases with an error in the user's code: each case re-run alone under memcheck, with its log and XML files. */
    readonly cases?: readonly { readonly id: string; readonly log: string; readonly xml: readonly string[] }[]
    /** Its cases `max-case-runs` left out. */
    readonly casesNotRun?: number
  }[]
  readonly totals: {
    readonly files: number
    readonly processes: number
    readonly errors: number
    readonly userErrors: number
    readonly suppressed: number
    /** Each suppression that hid something, with how many errors, over all processes. */
    readonly suppressedBy: Readonly<Record<string, number>>
  }
}

/** A sanitizer's own pass over the tests (steps/run-sanitizers.ts). */
export interface SanitizerSection {
  /** `AddressSanitizer`, `UndefinedBehaviorSanitizer`, `ThreadSanitizer`. */
  readonly tool: string
  /** The flag every compile and link line of the extension must carry. */
  readonly compileFlag: string
  /** Where the report files are, relative to the report: `logs/asan/<test file>.<pid>`. */
  readonly reportsDir: string
  /** The variables set for each test file's process; `log_path` as given to the first one (each gets its own). */
  readonly env: Readonly<Record<string, string>>
  /** LeakSanitizer's suppression file for CPython's own memory at exit, when pydebug ships one for this version. */
  readonly suppressions?: string
  readonly instrumentation: readonly {
    readonly path: string
    readonly instrumented: boolean
    /** From this run's build log (absent for a reused build): compiler command lines, and how many carried the flag. */
    readonly compileLines?: {
      readonly compile: number
      readonly compileWithFlag: number
      readonly link: number
      readonly linkWithFlag: number
      readonly withoutFlag: readonly string[]
    }
    /** Each extension module and whether it references the sanitizer's runtime. */
    readonly modules: readonly { readonly file: string; readonly instrumented: boolean }[]
  }[]
  readonly files: readonly {
    readonly name: string
    readonly command: readonly string[]
    readonly exitCode: number | null
    readonly signal?: string
    readonly log: string
    /** The test cases regrtest -v started. */
    readonly cases: readonly string[]
    readonly reports: readonly {
      readonly path: string
      /** Reports in the file, by the sanitizer's own kind (`heap-buffer-overflow`, `detected memory leaks`, ...). */
      readonly kinds: readonly string[]
      /** LeakSanitizer's `Suppressions used:` rows: what the suppression file hid. */
      readonly suppressed: readonly { readonly name: string; readonly count: number; readonly bytes: number }[]
      readonly case?: string
    }[]
  }[]
  /** Why the tests did not run under the sanitizer, when they did not. */
  readonly notRun?: string
}

export interface Finding {
  readonly kind: FindingKind
  /** The test file, and the case when one was named; absent for what no test owns (a fatal error at exit, nothing tested). */
  readonly test?: string
  readonly case?: string
  /** One sentence that stands alone (annotations, CLI output). */
  readonly message: string
  /** What the summary table shows next to the test, e.g. `exit code -6 · Fatal Python error: ...`. */
  readonly detail?: string
  /** A leak's per-run deltas after the warm-up runs, and their sum, as regrtest (or the pytest plugin) printed them. */
  readonly deltas?: readonly number[]
  readonly sum?: number
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
  /** The output this log does not hold: past `log-limit` (the process ran on), or refused by a full disk. Absent when it holds all. */
  readonly cut?: LogCut
}

/** How a helper's run of one test file ended: `incomplete` when it exited without printing all it should have. */
export type HelperOutcome = 'ok' | 'failed' | 'crashed' | 'timed-out' | 'incomplete'

/** What one allocator statistics dump says (parse/mallocstats.ts). */
export interface AllocatorTotals {
  /** pymalloc: `# arenas allocated current`. */
  readonly arenas?: number
  /** pymalloc: `# bytes in allocated blocks`. */
  readonly bytesInAllocatedBlocks?: number
  /** mimalloc (free-threaded and PYTHONMALLOC=mimalloc): `Allocated Blocks`. */
  readonly allocatedBlocks?: number
  /** mimalloc: `Allocated Bytes`. */
  readonly allocatedBytes?: number
}

export interface AllocationSection {
  readonly files: readonly {
    readonly name: string
    readonly allocator?: 'pymalloc' | 'mimalloc'
    readonly outcome: HelperOutcome
    readonly exitCode: number | null
    readonly before?: AllocatorTotals
    readonly after?: AllocatorTotals
    /** after - before, for each total both dumps have. */
    readonly growth?: AllocatorTotals
    /** pymalloc: blocks in use per size class (bytes) before and after; every class either dump lists. */
    readonly sizeClasses: readonly { readonly size: number; readonly before: number; readonly after: number; readonly growth: number }[]
    readonly log: string
  }[]
}

export interface CensusSection {
  readonly warmups: number
  readonly runs: number
  readonly files: readonly {
    readonly name: string
    readonly outcome: HelperOutcome
    readonly exitCode: number | null
    /** Types whose live count grew in every counted run, largest total first, with the growth per counted run. */
    readonly leakedTypes: readonly { readonly name: string; readonly deltas: readonly number[] }[]
    /** Every run as the helper printed it (the largest changes per type). */
    readonly runs: readonly {
      readonly run: number
      readonly warmup: boolean
      readonly objects: number
      readonly delta: Readonly<Record<string, number>>
      readonly moreTypes: number
    }[]
    readonly log: string
  }[]
}

export interface CountAllocsSection {
  readonly files: readonly {
    readonly name: string
    readonly outcome: HelperOutcome
    readonly exitCode: number | null
    /** The types whose live count (allocations - frees) grew most, largest first. */
    readonly topGrowth: readonly {
      readonly name: string
      readonly before: { readonly allocs: number; readonly frees: number; readonly maxInUse: number }
      readonly after: { readonly allocs: number; readonly frees: number; readonly maxInUse: number }
      readonly growth: number
    }[]
    readonly log: string
  }[]
}

export interface GilSection {
  /** `force-off`: the tests ran with PYTHON_GIL=0. */
  readonly mode: GilMode
  /** Modules whose import re-enabled the GIL, each with the test file that first imported it and the warning as printed. */
  readonly reenabledBy: readonly { readonly module: string; readonly test: string; readonly warning: string }[]
  readonly files: readonly { readonly name: string; readonly gilEnabled?: boolean; readonly exitCode: number | null; readonly log: string }[]
}
