/**
 * What the steps produce and the report reads (report/collect.ts and the section builders): the
 * interpreter and extension builds, and each process a pass ran with what the parsers read from its
 * log. Declared here, with the report, so the pure core imports nothing from src/steps; the steps
 * import these types to build the values.
 */
import type { SanitizerSpec } from '../catalog/sanitizers.js'
import type { ParsedLog, ParsedLogDetails } from '../parse/detect.js'
import type { GilResult } from '../parse/gil.js'
import type { UnparsedLines } from '../parse/line-parser.js'
import type { JUnitResult } from '../parse/pytest-junit.js'
import type { PytestLogResult } from '../parse/pytest-log.js'
import type { PytestResult } from '../parse/pytest.js'
import type { RegrtestJunit } from '../parse/regrtest-junit.js'
import type { RegrtestResult } from '../parse/regrtest.js'
import type { ShowRefcountResult } from '../parse/showrefcount.js'
import type { UnittestResult } from '../parse/unittest-output.js'
import type { ValgrindResult } from '../parse/valgrind-xml.js'
import type { AbiFingerprint, AbiProbe } from '../plan/abi-fingerprint.js'
import type { BuildPhase } from '../plan/build-phases.js'
import type { CcacheCounts } from '../plan/ccache.js'
import type { LogCut } from '../plan/log-limit.js'
import type { BuildKeyMaterial, SourceIdentity } from '../plan/cache-key.js'
import type { CpythonTestsCommand, CpythonTestsCommandInput, CpythonTestsEnv, ShardSpec } from '../plan/cpython-tests.js'
import type { CompileLineCheck, SourceCopy } from '../plan/sanitizer-pass.js'
import type { TestCommandRunner } from '../plan/test-command.js'
import type { CasesRun, TestFileOutcome } from '../plan/test-file-runner.js'
import type { GilSection } from './model.js'

// The interpreter: steps/build-python.ts builds or restores it.

/** What the built interpreter says about itself (sys, sysconfig). */
export interface InterpreterProbe {
  readonly version: string
  readonly abiflags: string
  readonly soabi: string | null
  readonly extSuffix: string | null
  readonly pyDebug: boolean
  readonly traceRefs: boolean
  /** What the ABI fingerprint is computed from; absent from records of older versions (probed again when read). */
  readonly abi?: AbiProbe
}

export interface BuildRecord {
  readonly schema: 1
  readonly cacheKey: string
  readonly cellId: string
  readonly python: string
  readonly configureArgs: readonly string[]
  readonly source: string
  readonly sourceIdentity: SourceIdentity
  readonly builtAt: string
  readonly buildSeconds: number
  /** How long configure, make and make install each took. Absent from records of older versions. */
  readonly phaseSeconds?: Readonly<Partial<Record<BuildPhase, number>>>
  /** ccache's hits and misses during make, when the machine has ccache (plan/ccache.ts). */
  readonly ccache?: CcacheCounts
  /** `reused`: configure started from the results of an earlier configure (plan/configure-cache.ts). */
  readonly configureResults?: 'reused' | 'fresh'
  /** Bytes of the installed prefix (a hard-linked file counted once). */
  readonly installedBytes?: number
  /** What pydebug left out of `make install` (plan/install-layout.ts), as people read it. */
  readonly leftOut?: readonly string[]
  readonly probe: InterpreterProbe
  /** What the cache key digests, so a later miss can say what changed. Absent from records of older versions. */
  readonly keyInputs?: BuildKeyMaterial
  /** CC as set when it was built (the key holds only its version). */
  readonly compilerCommand?: string
  /** From the probe: what extensions built for it must match. Absent from older records, and for an interpreter whose SOABI is not CPython's. */
  readonly abiFingerprint?: AbiFingerprint
}

export interface InterpreterInstall {
  readonly prefix: string
  readonly pythonPath: string
  readonly cacheKey: string
  readonly cacheHit: 'local' | 'remote' | 'none'
  /** Time to restore or build. */
  readonly seconds: number
  readonly record: BuildRecord
  /** Set when it was built while cached builds of the same version and variant exist: what differs from them. */
  readonly rebuildReason?: string
  /** What extensions built for it must match (plan/abi-fingerprint.ts); undefined when its SOABI is not CPython's. */
  readonly abiFingerprint?: AbiFingerprint
}

// The extension builds: steps/build-extension.ts.

export interface ExtensionBuild {
  readonly projectDir: string
  readonly abi: string
  /** Importable build output: goes first on PYTHONPATH for the tests. */
  readonly sitePath: string
  readonly reused: boolean
  readonly seconds: number
  readonly logPath?: string
  /** The compiler variables the build saw (CC, CFLAGS, ...), with their values. */
  readonly compilerEnv: Readonly<Record<string, string>>
  /** `--version` of the compilers named by CC and CXX, when set. */
  readonly compilerVersions: Readonly<Record<string, string>>
  /** Inherited variables taken out of the build's environment (PYTHONPATH, ...); for a reused build, those of the build reused. */
  readonly removedEnv: readonly string[]
  /** `build-env`: the variables given for the extension builds only. */
  readonly buildEnv: Readonly<Record<string, string>>
  /** How it was built: setuptools' `setup.py build`, `pip install` for another PEP 517 backend, or the user's `build-command`. */
  readonly builder: ExtensionBuilder
  /** The build command's argv as run (after $NAME expansion): the user's, or pip's for another backend. */
  readonly command?: readonly string[]
  /** The ABI fingerprint of the interpreter it was built against; absent when that interpreter's SOABI is not CPython's. */
  readonly builtFor?: AbiFingerprint
  /** Its cache key (the folder under <cache>/extensions). */
  readonly key: string
  /** For a reused build: the cell whose run built it, and when (a pydebug build reused by a valgrind cell). */
  readonly reusedFrom?: BuildOrigin
}

/** Which cell's run made an extension build. */
export interface BuildOrigin {
  readonly cell: string
  readonly interpreterKey: string
  readonly builtAt: string
}

export type ExtensionBuilder = 'setuptools' | 'pep517-pip' | 'build-command'

// Any process a step ran, and the regrtest refleak hunt and -X showrefcount pass: steps/run-tests.ts.

/** A process that ran, its log, and what the parsers read from the log. */
export interface ParsedRun<R> {
  readonly command: readonly string[]
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly log: string
  /** Output the log does not hold (past `log-limit`, or refused by a full disk): what it kept was parsed. */
  readonly logCut?: LogCut
  readonly lines: number
  readonly unparsed: UnparsedLines
  readonly parsed: R
  /** Everything the detector read in the log: every format found, its problems, its diagnostics. */
  readonly details: ParsedLogDetails
}

export interface CaseRun extends ParsedRun<RegrtestResult> {
  readonly id: string
}

export interface RefleakHunt {
  readonly warmups: number
  readonly runs: number
  /** What was found to run; the hunt does not start when it is empty. */
  readonly discovery: TestDiscovery
  /** Absent when discovery found no test module. */
  readonly run?: ParsedRun<RegrtestResult>
  /** Per leaking test file: each of its cases re-run alone under -R. */
  readonly cases: Record<string, CaseRun[]>
  /** Per leaking test file: its cases that the budget left out (the file was only partly attributed). */
  readonly casesNotRun: Record<string, number>
  /** Per leaking or crashed test file: every case id regrtest lists, so a crash's test function can be named in full. */
  readonly caseIds: Record<string, string[]>
}

/** The test modules regrtest will run, and where modules it will not see were found. */
export interface TestDiscovery {
  readonly testsDir: string
  readonly modules: string[]
  /** Sub-folders (relative to testsDir) holding test_*.py that regrtest's --testdir does not search. */
  readonly nested: { readonly dir: string; readonly modules: number }[]
  /** Modules that look written for pytest (module-level test functions, `import pytest`): regrtest collects no case from them. */
  readonly pytestStyle: string[]
}

export interface ShowrefcountRun extends TestFileRun {
  /** The `[N refs, M blocks]` lines; the last is the total at exit. */
  readonly refcount: ShowRefcountResult
}

// One test file in its own process, as the per-file passes run it: steps/run-test-file.ts.

/** One test file (or one case of it) run once in its own process by a per-file pass, and how it ended. */
export interface TestFileRun extends Omit<ParsedRun<unknown>, 'parsed'> {
  readonly testFile: string
  readonly outcome: TestFileOutcome
  /** With `verbose` (and always under pytest): the cases that started, and the one the process ended in. */
  readonly progress: CasesRun
  /** pytest's own account of the run (pytest files only). */
  readonly pytest?: PytestLogResult
}

// One test file under one of pydebug's helper scripts: steps/helper-per-test-file.ts.

/** One test file run by one of pydebug's helper scripts (python/pydebug_*.py), its log read by the detector. */
export interface HelperRun<R = undefined> extends ParsedRun<R> {
  readonly testFile: string
}

// The pytest refleak hunt: steps/run-pytest.ts.

/** One test file run under pytest with the refleak plugin, in its own process (a crash ends only that file, as with regrtest -j1). */
export interface PytestFileRun extends ParsedRun<{ readonly regrtest: RegrtestResult; readonly pytest: PytestLogResult }> {
  /** The file as pytest names it in node ids, relative to the project: `tests/test_leaky.py`. */
  readonly file: string
  /** Its test ids, as collected. */
  readonly caseIds: readonly string[]
}

/** The pytest counterpart of RefleakHunt: report/collect-pytest.ts turns it into the same report section. */
export interface PytestHunt {
  readonly warmups: number
  readonly runs: number
  readonly discovery: TestDiscovery
  /** `pytest --collect-only`: the test ids, and the files pytest could not import. */
  readonly collect: ParsedRun<PytestLogResult>
  readonly files: PytestFileRun[]
  /** The pytest version the interpreter imported. */
  readonly pytestVersion: string
}

// CPython's own test suite: steps/run-cpython-tests.ts.

export interface CpythonTestsRun extends ParsedRun<RegrtestResult> {
  readonly selection: CpythonTestsCommandInput['selection']
  readonly timeoutSeconds: number
  readonly plan: CpythonTestsCommand
  readonly environment: CpythonTestsEnv
  readonly junitXml: string
  /** Absent when regrtest did not write the file (it writes it at the very end). */
  readonly junit?: RegrtestJunit
  readonly shard?: ShardSpec & { readonly tests: readonly string[]; readonly balancedBy: 'durations' | 'name' }
}

// The user's test-command: steps/run-test-command.ts.

/** What the parsers read from the command's output, by format; a format absent from the output is absent here. */
export interface TestCommandOutput {
  readonly pytest?: PytestResult
  readonly unittest?: UnittestResult
  /** pytest's `--junitxml` file: one entry per test. */
  readonly junit?: JUnitResult
}

export interface TestCommandRun extends ParsedRun<TestCommandOutput> {
  /** As the user typed it. */
  readonly text: string
  readonly runner: TestCommandRunner
  /** What pydebug added to the argv (plan/test-command.ts). */
  readonly added: readonly string[]
  readonly junitPath?: string
  readonly cwd: string
  /** The repository root: the places findings point at are relative to it. */
  readonly workspace: string
}

// The variant's own checks: steps/run-variant-checks.ts.

/** What the variant's own checks ran (catalog `checks`), in the steps' terms; report/variant-checks.ts reads it. */
export interface VariantChecksRun {
  readonly allocations?: HelperRun[]
  readonly census?: { readonly warmups: number; readonly runs: number; readonly files: HelperRun[] }
  readonly countAllocs?: HelperRun[]
  readonly gil?: { readonly mode: GilSection['mode']; readonly files: HelperRun<GilResult | undefined>[] }
}

// Valgrind memcheck over each test file: steps/run-memcheck.ts.

/**
 * A suppression file CPython ships for a tool, and where it came from: kept with the interpreter, read again from the source tarball (builds made before they
 * were kept), or none.
 */
export interface CpythonSuppressions {
  readonly file?: string
  readonly origin: 'install' | 'source-tarball' | 'source-tree' | 'none'
  /** Why there are none, or how they were found. */
  readonly note?: string
}

/** Memcheck's: Misc/valgrind-python.supp. */
export type MemcheckSuppressions = CpythonSuppressions

/** One process memcheck followed (the test file's interpreter, or a child it started): its XML and what the parsers read there. */
export interface MemcheckProcess {
  readonly xml: string
  readonly lines: number
  readonly unparsed: UnparsedLines
  readonly details: ParsedLogDetails
  readonly valgrind: ValgrindResult
}

export interface MemcheckFileRun extends TestFileRun {
  readonly processes: MemcheckProcess[]
  /** The file's test cases (regrtest --list-cases, pytest's collection), listed when memcheck saw an error in the user's code, to name the case. */
  readonly caseIds?: string[]
  /** A file of several cases with an error in the user's code: each case re-run alone under memcheck (within `max-case-runs`). */
  readonly cases?: MemcheckCaseRun[]
  /** Its cases the budget left out. */
  readonly casesNotRun?: number
}

export interface MemcheckCaseRun extends TestFileRun {
  readonly id: string
  readonly processes: MemcheckProcess[]
}

export interface MemcheckRun {
  /** `valgrind --version`, e.g. `valgrind-3.19.0`. */
  readonly valgrind: string
  readonly suppressions: MemcheckSuppressions
  readonly files: MemcheckFileRun[]
  /** Build copies of the user's projects (where debug info points) and the projects they were copied from. */
  readonly sources: readonly { readonly copy: string; readonly project: string }[]
  readonly workspace: string
}

// The sanitizer pass: steps/run-sanitizers.ts.

/** Whether an extension build carries the sanitizer: its compile lines (when this run built it) and its modules' symbols. */
export interface InstrumentationCheck {
  readonly projectDir: string
  /** From the build log this run wrote; absent for a reused build. */
  readonly compileLines?: CompileLineCheck
  /** Each extension module and whether it references the sanitizer's runtime. */
  readonly modules: readonly { readonly file: string; readonly instrumented: boolean }[]
  readonly instrumented: boolean
}

/** One sanitizer report file, parsed, with the test file (and case) whose process wrote it. */
export interface SanitizerReportRun extends ParsedRun<ParsedLog['results']['sanitizer']> {
  readonly testFile: string
  readonly case?: string
}

export interface SanitizerFileRun extends TestFileRun {
  /** The cases the verbose run started. */
  readonly cases: readonly string[]
  readonly reports: SanitizerReportRun[]
}

export interface SanitizerPass {
  readonly spec: SanitizerSpec
  /** `<out>/logs/<sanitizer>`: the test files' logs and their report files. */
  readonly logDir: string
  /** The variables set for the pass, with log_path as given to the first test file. */
  readonly env: Readonly<Record<string, string>>
  /** LeakSanitizer's suppression file pydebug passed, when it ships one for this CPython version. */
  readonly suppressions?: string
  readonly instrumentation: InstrumentationCheck[]
  readonly runs: SanitizerFileRun[]
  /** The extensions' build copies, which the reports' frames name, and the projects they stand for. */
  readonly sources: readonly SourceCopy[]
  /** Why the tests did not run under the sanitizer, when they did not. */
  readonly notRun?: string
}
