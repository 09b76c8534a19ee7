import path from 'node:path'
import { parsePythonVersion, type PythonVersion } from '../catalog/python-version.js'
import { VARIANTS, type VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { closestMatch } from './nearest-match.js'
import type { SourceSpec } from '../plan/source.js'
import { sourceOf } from './source-input.js'
import {
  CPYTHON_TESTS_MODES,
  defaultCpythonTestsSelection,
  parseCpythonTestsSelection,
  parseShardSpec,
  type CpythonTestsSelection,
  type ShardSpec,
} from '../plan/cpython-tests.js'
import { splitCommandLine, type CommandLine } from '../plan/command-line.js'
import type { BuildPhase } from '../plan/build-phases.js'
import { logLimitBytesOf } from '../plan/log-limit.js'
import { parseSha256 } from '../plan/source-checksum.js'
import { parseBuildEnv } from './build-env.js'
import { TEST_RUNNER_VALUES, type TestRunnerSetting } from '../plan/test-runner.js'
import {
  booleanDefaultOf,
  FAIL_ON_VALUES,
  GIL_MODES,
  RUN_OPTIONS,
  type FailOn,
  type GilMode,
  type OptionNames,
  type RunOptionsInput,
} from './run-option-table.js'

// The table's names and value lists, for the modules that validate or report with them.
export {
  ACTION_INPUT_NAMES,
  CLI_OPTION_NAMES,
  FAIL_ON_VALUES,
  GIL_MODES,
  type FailOn,
  type GilMode,
  type OptionNames,
  type RunOptionsInput,
} from './run-option-table.js'

/** A fully validated `pydebug run` / `pydebug build` / action invocation. */
export interface RunConfig {
  readonly python: PythonVersion
  readonly variant: VariantSpec
  readonly source: SourceSpec
  /**
   * `source-sha256`: the SHA-256 the source tarball must have (lowercase hex), checked before it is unpacked; else pydebug's checksum list (plan/source-
   * checksum.ts).
   */
  readonly sourceSha256?: string
  /** Interpreters, sources and extension builds are kept here between runs. @default ~/.cache/pydebug */
  readonly cacheDir: string
  /** The C extension project to build and test (the first `extension` given); absent for `build`. */
  readonly extension?: string
  /**
   * Further C extension projects (the other `extension` entries, e.g. a test dependency with C code): built for the cell too and put on PYTHONPATH, their tests
   * not run.
   */
  readonly extraExtensions: readonly string[]
  /** `test-command`: the user's own test command, run instead of the regrtest refleak hunt. */
  readonly testCommand?: CommandLine
  /** How long the test command may run in all before it is stopped as hung, in seconds. @default 3600 */
  readonly testCommandTimeoutSeconds: number
  /** `build-command`: how to build every extension project instead of pydebug's default (it must install into $PYDEBUG_SITE). */
  readonly buildCommand?: CommandLine
  /** `build-env`: variables for the extension builds only; recorded in the report and part of each build's key. */
  readonly buildEnv: Readonly<Record<string, string>>
  /** @default <extension>/tests */
  readonly testsDir?: string
  /** `test-runner`: regrtest or pytest (with pydebug's refleak plugin); `auto` chooses from the project (plan/test-runner.ts). @default auto */
  readonly testRunner: TestRunnerSetting
  /** `test-requirements`: pip requirement specifiers installed for the tests (into a folder put on their PYTHONPATH), e.g. pytest. @default none */
  readonly testRequirements: readonly string[]
  /** report.json, summary.md and logs/ go here. @default pydebug-out */
  readonly outDir: string
  /** @default findings */
  readonly failOn: FailOn
  /** `baseline`: a report.json of an earlier run (or of `pydebug report merge`) to mark findings new, unchanged or fixed against. */
  readonly baseline?: string
  /** `gil` (free-threaded cells only): `force-off` runs the tests with PYTHON_GIL=0. @default default */
  readonly gil: GilMode
  /** regrtest `-R warmups:runs`. @default 3:3, as CPython's refleak buildbots */
  readonly refleak: { readonly warmups: number; readonly runs: number }
  /** Parallel jobs for `make`, and regrtest's -jN workers for CPython's tests. @default the number of CPUs */
  readonly jobs: number
  /** regrtest `--timeout` per test file, in seconds. @default 1200, as CPython's buildbots */
  readonly testTimeoutSeconds: number
  /** How many cases of each leaking test file are re-run alone to name the leaking test. @default 25 */
  readonly maxCaseRuns: number
  /** How many cases are re-run alone across all leaking files. @default 100 */
  readonly maxCaseRunsTotal: number
  readonly rebuildExtensions: boolean
  readonly keepBuildTree: boolean
  /**
   * `configure-timeout`, `make-timeout`, `install-timeout`: how long each phase of CPython's build may run, in seconds (the inputs are minutes). @default 15,
   * 40 and 10 minutes
   */
  readonly buildTimeouts: Readonly<Record<BuildPhase, number>>
  /** `log-limit`: the most each command's log file holds, in bytes; absent means no limit. @default 256 MB */
  readonly logLimitBytes?: number
  /** `cpython-tests`: CPython's own test suite in the cell (make quicktest, make test, or regrtest arguments). @default none with an extension, else quick */
  readonly cpythonTests: CpythonTestsSelection
  /** `cpython-tests-shard`: run only this share of the suite's test files (a matrix with `cpython-tests-shards`). */
  readonly cpythonTestsShard?: ShardSpec
  /** `cpython-tests-durations`: a report.json of an earlier run, whose per-file durations balance the shards. */
  readonly cpythonTestsDurations?: string
}

export interface RunEnvironment {
  readonly cwd: string
  readonly homeDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cpuCount: number
  /** Whether a path exists and is a directory / a file; injected so validation stays testable. */
  readonly pathKind: (absolutePath: string) => 'file' | 'directory' | undefined
}

export function defaultCacheDir(environment: Pick<RunEnvironment, 'homeDir' | 'env'>): string {
  const xdg = environment.env.XDG_CACHE_HOME
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(environment.homeDir, '.cache'), 'pydebug')
}

/** Validates everything up front, so a bad value fails in a second, not after a five-minute build. */
export function validateRunOptions(
  input: RunOptionsInput,
  names: OptionNames,
  environment: RunEnvironment,
  { requireExtension, customVariants = [] }: { requireExtension: boolean; customVariants?: readonly VariantSpec[] },
): RunConfig {
  const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim())
  const resolve = (value: string) => path.resolve(environment.cwd, value.startsWith('~/') ? path.join(environment.homeDir, value.slice(2)) : value)

  const pythonText = given(input.python)
  if (pythonText === undefined) throw new ConfigError(`${names.python} is required: a CPython release version X.Y.Z, e.g. 3.11.2.`)
  const python = parsePythonVersion(pythonText)
  if (!python) {
    throw new ConfigError(
      `${names.python} '${pythonText}' is not a CPython release version: expected X.Y.Z (e.g. 3.11.2), optionally with a pre-release suffix (e.g. 3.14.0rc1).`,
    )
  }

  const variantName = given(input.variant) ?? RUN_OPTIONS.variant.default
  // Custom variants from the config file come first, as in the matrix (plan/matrix.ts resolveVariant).
  const variant = customVariants.find((spec) => spec.name === variantName) ?? VARIANTS.find((spec) => spec.name === variantName)
  if (!variant) {
    const allowed = [...customVariants, ...VARIANTS].map((spec) => spec.name)
    const suggestion = closestMatch(variantName, allowed)
    throw new ConfigError(
      `${names.variant} '${variantName}' is not a known variant. Allowed: ${allowed.join(', ')}.${suggestion ? ` Perhaps you meant '${suggestion}'?` : ''}`,
    )
  }

  let source = sourceOf(given(input.source), python, resolve, names.source)
  if (source.kind === 'file') {
    const kind = environment.pathKind(source.path)
    if (kind === undefined) {
      throw new ConfigError(
        `${names.source} '${input.source}': no such file or folder (${source.path}). Give a CPython source tarball or folder, an http(s) URL, or a URL template with {version}.`,
      )
    }
    // A folder (an unpacked release, a git checkout) is built out of tree as it is.
    if (kind === 'directory') source = { kind: 'tree', path: source.path }
  }

  const sha256Text = given(input.sourceSha256)
  const sourceSha256 = sha256Text === undefined ? undefined : parseSha256(sha256Text)
  if (sha256Text !== undefined && source.kind === 'tree') {
    throw new ConfigError(
      `${names.sourceSha256} is for a tarball, and ${names.source} '${input.source}' is a folder: leave ${names.sourceSha256} empty (a folder is identified by the digest of its files).`,
    )
  }
  if (sha256Text !== undefined && sourceSha256 === undefined) {
    throw new ConfigError(
      `${names.sourceSha256} '${sha256Text}' is not allowed: expected a SHA-256 as 64 hexadecimal digits (what sha256sum prints for the tarball), optionally after 'sha256:'.`,
    )
  }

  const testCommand = parseCommandInput(given(input.testCommand), names.testCommand)
  const buildCommand = parseCommandInput(given(input.buildCommand), names.buildCommand)
  const extensionTexts = extensionList(input.extension)
  const extensions = extensionTexts.map((text) => {
    const folder = resolve(text)
    if (environment.pathKind(folder) !== 'directory') {
      throw new ConfigError(
        `${names.extension} '${text}': no such directory (${folder}). Give the folder of a C extension project (with setup.py or pyproject.toml).`,
      )
    }
    return folder
  })
  const duplicate = extensions.find((folder, index) => extensions.indexOf(folder) !== index)
  if (duplicate) throw new ConfigError(`${names.extension} names ${duplicate} twice; give each project once.`)
  const extensionText = extensionTexts[0]
  const extension: string | undefined = extensions[0]
  let testsDir: string | undefined
  if (extension !== undefined) {
    const testsText = given(input.tests)
    testsDir = testsText === undefined ? path.join(extension, 'tests') : resolve(testsText)
    // A test command finds its own tests: the folder only has to exist when regrtest needs it, or when named.
    if ((testCommand === undefined || testsText !== undefined) && environment.pathKind(testsDir) !== 'directory') {
      throw new ConfigError(
        `${testsText === undefined ? `${names.extension} '${extensionText}' has no tests/ folder` : `${names.tests} '${testsText}': no such directory`} (${testsDir}). Give the folder holding the unittest files (test_*.py) with ${names.tests}, or run your own test command with ${names.testCommand}.`,
      )
    }
  } else if (requireExtension && (given(input.cpythonTests) ?? 'none') === 'none') {
    throw new ConfigError(
      `${names.extension} is required: the folder of a C extension project to build and test (e.g. examples/leaky), unless ${names.cpythonTests} runs CPython's own test suite (e.g. quick).`,
    )
  }
  const buildEnv = parseBuildEnv(input.buildEnv, names.buildEnv)
  const testRunner = given(input.testRunner) ?? RUN_OPTIONS.testRunner.default
  if (!(TEST_RUNNER_VALUES as readonly string[]).includes(testRunner)) {
    throw new ConfigError(
      `${names.testRunner} '${testRunner}' is not allowed. Allowed: ${TEST_RUNNER_VALUES.join(', ')} (auto: pytest when the project has pytest configuration or pytest-style test files, else regrtest).`,
    )
  }
  const testRequirements = parseTestRequirements(joinedList(input.testRequirements), names.testRequirements)

  const cpythonTests = cpythonTestsOf(given(input.cpythonTests), extension !== undefined, names)
  const shardText = given(input.cpythonTestsShard)
  const cpythonTestsShard = shardText === undefined ? undefined : parseShardSpec(shardText)
  if (shardText !== undefined && !cpythonTestsShard)
    throw new ConfigError(
      `${names.cpythonTestsShard} '${shardText}' is not allowed: expected INDEX/COUNT, e.g. 2/4 for the second of four shards (1 ≤ INDEX ≤ COUNT).`,
    )
  if (cpythonTestsShard && cpythonTests.kind === 'none')
    throw new ConfigError(
      `${names.cpythonTestsShard} '${shardText}' needs ${names.cpythonTests} (quick, full or regrtest arguments): there is no CPython test suite to shard.`,
    )
  const durationsText = given(input.cpythonTestsDurations)
  const cpythonTestsDurations = durationsText === undefined ? undefined : resolve(durationsText)
  if (cpythonTestsDurations !== undefined && environment.pathKind(cpythonTestsDurations) !== 'file') {
    throw new ConfigError(
      `${names.cpythonTestsDurations} '${durationsText}': no such file (${cpythonTestsDurations}). Give the report.json of an earlier run that ran CPython's tests.`,
    )
  }

  const gilText = given(input.gil) ?? RUN_OPTIONS.gil.default
  if (!(GIL_MODES as readonly string[]).includes(gilText)) throw new ConfigError(`${names.gil} '${gilText}' is not allowed. Allowed: ${GIL_MODES.join(', ')}.`)
  // PYTHON_GIL=0 on a build with the GIL is a fatal error at startup: say so before anything is built.
  if (gilText === 'force-off' && !variant.configureArgs.includes('--disable-gil')) {
    throw new ConfigError(
      `${names.gil} 'force-off' needs a free-threaded variant (configure --disable-gil, e.g. free-threading); '${variant.name}' has the GIL.`,
    )
  }
  const failOnText = given(input.failOn) ?? RUN_OPTIONS.failOn.default
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOnText)) {
    throw new ConfigError(`${names.failOn} '${failOnText}' is not allowed. Allowed: ${FAIL_ON_VALUES.join(', ')}.`)
  }

  const baselineText = given(input.baseline)
  const baseline = baselineText === undefined ? undefined : resolve(baselineText)
  if (baseline !== undefined && environment.pathKind(baseline) !== 'file') {
    throw new ConfigError(
      `${names.baseline} '${baselineText}': no such file (${baseline}). Give the report.json of an earlier pydebug run (a cell's artifact) or the report.json pydebug report merge wrote.`,
    )
  }

  const refleakText = given(input.refleakRuns) ?? RUN_OPTIONS.refleakRuns.default
  const refleakMatch = /^(\d+):(\d+)$/.exec(refleakText)
  if (!refleakMatch || Number(refleakMatch[2]) < 1) {
    throw new ConfigError(`${names.refleakRuns} '${refleakText}' is not allowed: expected WARMUPS:RUNS as for regrtest -R, e.g. 3:3 (RUNS at least 1).`)
  }

  const logLimitBytes = logLimitBytesOf(positiveInteger(input.logLimit, names.logLimit, Number(RUN_OPTIONS.logLimit.default), { allowZero: true }))

  return {
    python,
    variant,
    source,
    ...(sourceSha256 ? { sourceSha256 } : {}),
    cacheDir: resolve(given(input.cacheDir) ?? defaultCacheDir(environment)),
    ...(extension ? { extension, testsDir } : {}),
    extraExtensions: extensions.slice(1),
    testRunner: testRunner as TestRunnerSetting,
    testRequirements,
    ...(testCommand ? { testCommand } : {}),
    testCommandTimeoutSeconds: timeLimitSeconds(input.testCommandTimeout, names.testCommandTimeout, RUN_OPTIONS.testCommandTimeout.default, 'seconds'),
    ...(buildCommand ? { buildCommand } : {}),
    buildEnv,
    outDir: resolve(given(input.out) ?? RUN_OPTIONS.out.default),
    failOn: failOnText as FailOn,
    ...(baseline ? { baseline } : {}),
    gil: gilText as GilMode,
    refleak: { warmups: Number(refleakMatch[1]), runs: Number(refleakMatch[2]) },
    jobs: positiveInteger(input.jobs, names.jobs, environment.cpuCount),
    testTimeoutSeconds: timeLimitSeconds(input.testTimeout, names.testTimeout, RUN_OPTIONS.testTimeout.default, 'seconds'),
    maxCaseRuns: positiveInteger(input.maxCaseRuns, names.maxCaseRuns, Number(RUN_OPTIONS.maxCaseRuns.default), { allowZero: true }),
    maxCaseRunsTotal: positiveInteger(input.maxCaseRunsTotal, names.maxCaseRunsTotal, Number(RUN_OPTIONS.maxCaseRunsTotal.default), { allowZero: true }),
    rebuildExtensions: input.rebuildExtensions ?? booleanDefaultOf(RUN_OPTIONS.rebuildExtensions),
    keepBuildTree: input.keepBuildTree ?? booleanDefaultOf(RUN_OPTIONS.keepBuildTree),
    buildTimeouts: {
      configure: timeLimitSeconds(input.configureTimeout, names.configureTimeout, RUN_OPTIONS.configureTimeout.default, 'minutes'),
      make: timeLimitSeconds(input.makeTimeout, names.makeTimeout, RUN_OPTIONS.makeTimeout.default, 'minutes'),
      install: timeLimitSeconds(input.installTimeout, names.installTimeout, RUN_OPTIONS.installTimeout.default, 'minutes'),
    },
    ...(logLimitBytes ? { logLimitBytes } : {}),
    cpythonTests,
    ...(cpythonTestsShard ? { cpythonTestsShard } : {}),
    ...(cpythonTestsDurations ? { cpythonTestsDurations } : {}),
  }
}

function cpythonTestsOf(text: string | undefined, hasExtension: boolean, names: OptionNames): CpythonTestsSelection {
  if (text === undefined) return defaultCpythonTestsSelection(hasExtension)
  const parsed = parseCpythonTestsSelection(text)
  if (!parsed.ok)
    throw new ConfigError(
      `${names.cpythonTests} '${text}' is not allowed: ${parsed.problem}. Allowed: ${CPYTHON_TESTS_MODES.join(', ')}, or regrtest arguments such as 'test_int test_bool' or '-x test_io -u network'.`,
    )
  return parsed.selection
}

/**
 * `test-requirements`: pip requirement specifiers separated by spaces or newlines (`pytest
 * hypothesis>=6`). pip options are refused: one (`-r file`, `--index-url`, `--target`) would change
 * where pip looks or installs in ways the report does not show; pip's own variables
 * (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX) are inherited and honoured.
 */
export function parseTestRequirements(text: string | undefined, name: string): string[] {
  const specifiers = (text ?? '').split(/\s+/).filter((word) => word !== '')
  const option = specifiers.find((word) => word.startsWith('-'))
  if (option) {
    throw new ConfigError(
      `${name} '${text!.trim()}' is not allowed: '${option}' is a pip option. Give package specifiers separated by spaces or newlines (e.g. 'pytest hypothesis>=6'); set pip's own variables (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX) in the environment for another index.`,
    )
  }
  return specifiers
}

/** A list option as one text: repeated flags are joined by newlines, as an action input writes them. */
function joinedList(given: string | readonly string[] | undefined): string | undefined {
  return given === undefined || typeof given === 'string' ? given : given.join('\n')
}

/** `extension` entries: repeated flags, or one action input with one project per line or comma-separated. */
function extensionList(given: string | readonly string[] | undefined): string[] {
  const entries = given === undefined ? [] : typeof given === 'string' ? [given] : given
  return entries
    .flatMap((entry) => entry.split(/[\n,]/))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

/** A command the user typed as one string, split into words without a shell (plan/command-line.ts). */
function parseCommandInput(text: string | undefined, name: string): CommandLine | undefined {
  if (text === undefined) return undefined
  const split = splitCommandLine(text)
  if (!split.ok) {
    throw new ConfigError(
      `${name} '${text}' is not allowed: ${split.problem}. pydebug runs the command without a shell (one program and its arguments; quotes, backslashes and $NAME work as in sh). Put anything more (several commands, pipes, redirections) in a script and give that, e.g. 'bash scripts/test.sh'.`,
    )
  }
  return split.command
}

function positiveInteger(text: string | undefined, name: string, fallback: number, { allowZero = false } = {}): number {
  if (text === undefined || text.trim() === '') return fallback
  const value = Number(text.trim())
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(`${name} '${text}' is not allowed: expected a whole number ${allowZero ? '0' : '1'} or more.`)
  }
  return value
}

// Every time limit becomes a Node timer in milliseconds, and Node fires a timer longer than 2^31 - 1 ms
// (about 24.8 days) at once: a longer limit would end the build or the tests as they start.
const TIMER_LIMIT_SECONDS = Math.floor((2 ** 31 - 1) / 1000)

/** A time limit option in its unit (the table's description says which), as seconds. */
function timeLimitSeconds(text: string | undefined, name: string, fallback: string, unit: 'seconds' | 'minutes'): number {
  const perUnit = unit === 'minutes' ? 60 : 1
  const value = positiveInteger(text, name, Number(fallback))
  const most = Math.floor(TIMER_LIMIT_SECONDS / perUnit)
  if (value > most)
    throw new ConfigError(`${name} '${text}' is not allowed: at most ${most} ${unit} (about 24 days, the longest time limit a Node timer holds).`)
  return value * perUnit
}
