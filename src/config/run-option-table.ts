import { VARIANTS } from '../catalog/variants.js'
import { phaseCommandName, timeoutInputOf, type BuildPhase } from '../plan/build-phases.js'
import { GIL_MODES, type GilMode } from '../plan/gil-mode.js'
import { LOG_LIMIT_INPUT } from '../plan/log-limit.js'
import { TEST_RUNNER_VALUES } from '../plan/test-runner.js'
import { FAIL_ON_VALUES, type FailOn } from '../report/exit-code.js'
import { DEFAULT_MATRIX_CONFIG_PATH } from './matrix-config.js'
import { flagName, inputName } from './option-names.js'

// The fail-on option's values are the report's (report/exit-code.ts), whose exit-code rule applies them.
export { FAIL_ON_VALUES, type FailOn }

// The gil option's values are the plan's (plan/gil-mode.ts), which applies them.
export { GIL_MODES, type GilMode }

/**
 * How a value is given: one string; a string that may come several times (a repeated flag, or one
 * input with one entry per line or comma-separated: the validation splits it); or on/off.
 */
export type RunOptionKind = 'text' | 'list' | 'boolean'

export interface RunOptionSpec {
  /** The action input, as action.yml declares it. */
  readonly input: string
  /** The CLI flag without its dashes: the input's name unless given; null for options only the action has. */
  readonly flag?: string | null
  readonly kind: RunOptionKind
  /** action.yml's `default:`, and what the validation takes when the value is unset; absent for a required option. */
  readonly default?: string
  /** The value's name in `--help`, e.g. X.Y.Z in `--python X.Y.Z`; not for boolean flags. */
  readonly placeholder?: string
  /** The only values the validation accepts, where they are a closed list; the description names each. */
  readonly allowed?: readonly string[]
  /** action.yml's description, and the flag's line in `--help`. */
  readonly description: string
}

/** The wall-clock limit of one phase of CPython's build (plan/build-phases.ts), in minutes. */
function phaseTimeoutOption(phase: BuildPhase, defaultMinutes: string) {
  const command = phaseCommandName(phase)
  return {
    input: timeoutInputOf(phase),
    kind: 'text',
    default: defaultMinutes,
    placeholder: 'MIN',
    description: `Minutes CPython's ${command} may run; then its processes are ended and the build fails, saying ${command} stalled.`,
  } as const
}

/**
 * Every option of `pydebug run` / `pydebug build` and of the main action, in action.yml's order:
 * the CLI parser, the action's input reader, the names in error messages, the `--help` text and the
 * validation's defaults all come from here, and a unit test holds action.yml to it.
 */
export const RUN_OPTIONS = {
  python: { input: 'python-version', flag: 'python', kind: 'text', placeholder: 'X.Y.Z', description: 'CPython release to build, X.Y.Z (e.g. 3.11.2).' },
  variant: {
    input: 'variant',
    kind: 'text',
    default: 'pydebug',
    placeholder: 'NAME',
    description: `Debug variant (${VARIANTS.map((variant) => variant.name).join(', ')}) or a custom variant from the config file.`,
  },
  config: {
    input: 'config',
    kind: 'text',
    default: '',
    placeholder: 'FILE',
    description: `pydebug config file with custom variants, relative to the workspace. Empty or ${DEFAULT_MATRIX_CONFIG_PATH} reads that file when it exists; any other path (on the command line, any path given) must exist.`,
  },
  source: {
    input: 'source',
    kind: 'text',
    default: '',
    placeholder: 'SRC',
    description:
      'The CPython source, as a tarball path, a URL, a URL template with {version} and {release}, or a folder (an unpacked release or a git checkout of the version given; built out of tree as it is, cached by the digest of its files). Empty means python.org.',
  },
  sourceSha256: {
    input: 'source-sha256',
    flag: 'sha256',
    kind: 'text',
    default: '',
    placeholder: 'HEX',
    description:
      "SHA-256 the source tarball must have (64 hex digits), checked before it is unpacked, for a download or a local tarball. Empty means pydebug's checksum list for downloads (a download it has no digest for is a warning) and no check for a local tarball.",
  },
  extension: {
    input: 'extension',
    kind: 'list',
    default: '',
    placeholder: 'DIR',
    description:
      "Folder of the C extension project (setup.py, or pyproject.toml with any PEP 517 backend). Several, one per line or comma-separated, build each (e.g. a test dependency with C code) and put all on PYTHONPATH; the first one's tests run. Empty builds the interpreter only.",
  },
  tests: {
    input: 'tests',
    kind: 'text',
    default: '',
    placeholder: 'DIR',
    description: "Folder with the extension's unittest files (test_*.py). Empty means EXTENSION/tests.",
  },
  testRunner: {
    input: 'test-runner',
    kind: 'text',
    default: 'auto',
    placeholder: 'RUNNER',
    allowed: TEST_RUNNER_VALUES,
    description:
      "What runs the tests under the refleak hunt: regrtest (unittest), pytest (with pydebug's refleak plugin), or auto: pytest when the project has pytest configuration or pytest-style test files, else regrtest.",
  },
  testRequirements: {
    input: 'test-requirements',
    kind: 'list',
    default: '',
    placeholder: 'PACKAGES',
    description:
      "Packages to pip install for the tests (e.g. pytest), separated by spaces or newlines; installed with the debug interpreter into a folder on the tests' PYTHONPATH. pip's PIP_INDEX_URL, PIP_FIND_LINKS and PIP_NO_INDEX are honoured.",
  },
  testCommand: {
    input: 'test-command',
    kind: 'text',
    default: '',
    placeholder: 'CMD',
    description:
      "Your own test command, run instead of the regrtest refleak hunt, e.g. 'python -m pytest tests -x'. Split into words without a shell (quotes and $NAME work as in sh; ;, |, &&, redirections are refused); python is the debug interpreter; pytest's and unittest's results are read. Empty runs regrtest.",
  },
  testCommandTimeout: {
    input: 'test-command-timeout',
    kind: 'text',
    default: '3600',
    placeholder: 'SEC',
    description:
      'Seconds the test command may run in all; then it gets SIGABRT (faulthandler prints where it hung), and SIGKILL 5 s later, and is reported as timed out.',
  },
  buildCommand: {
    input: 'build-command',
    kind: 'text',
    default: '',
    placeholder: 'CMD',
    description:
      "Builds each extension project instead of the default (setup.py build, or pip install for other PEP 517 backends). It runs in a copy of the project with python the debug interpreter and must install into $PYDEBUG_SITE, e.g. 'python -m pip install --no-build-isolation --no-deps --target $PYDEBUG_SITE .'.",
  },
  buildEnv: {
    input: 'build-env',
    kind: 'list',
    default: '',
    placeholder: 'NAME=VALUE',
    description:
      "Environment for the extension builds only, one NAME=value per line (e.g. CC=clang), recorded in the report. Unlike CC in the job's environment, it does not rebuild CPython.",
  },
  cacheDir: {
    input: 'cache-dir',
    kind: 'text',
    default: '',
    placeholder: 'DIR',
    description: 'Local folder for interpreters, sources and extension builds. Empty means ~/.cache/pydebug.',
  },
  out: { input: 'out', kind: 'text', default: 'pydebug-out', placeholder: 'DIR', description: 'Folder for report.json, summary.md and logs/.' },
  failOn: {
    input: 'fail-on',
    kind: 'text',
    default: 'findings',
    placeholder: 'WHAT',
    allowed: FAIL_ON_VALUES,
    description:
      'What fails the step. findings (leaks, crashes, failing tests), leaks, new (only findings the baseline does not have; without a baseline every finding is new), or never.',
  },
  baseline: {
    input: 'baseline',
    kind: 'text',
    default: '',
    placeholder: 'FILE',
    description:
      "report.json of an earlier run (e.g. the base branch's artifact) or of pydebug report merge: each finding is marked new, unchanged or fixed by its identity (kind, test, place), in summary.md and report.json. Empty compares with nothing.",
  },
  gil: {
    input: 'gil',
    kind: 'text',
    default: 'default',
    placeholder: 'MODE',
    allowed: GIL_MODES,
    description:
      'Free-threaded variants only. default lets an extension that does not declare Py_mod_gil re-enable the GIL (reported as a finding naming the module); force-off runs the tests with PYTHON_GIL=0, keeping the GIL disabled at your own risk.',
  },
  refleakRuns: { input: 'refleak-runs', kind: 'text', default: '3:3', placeholder: 'W:R', description: 'regrtest -R warm-ups and counted runs, WARMUPS:RUNS.' },
  jobs: {
    input: 'jobs',
    kind: 'text',
    default: '',
    placeholder: 'N',
    description: "Parallel jobs for make and for the workers of CPython's test suite (regrtest -jN). Empty means the number of CPUs.",
  },
  testTimeout: { input: 'test-timeout', kind: 'text', default: '1200', placeholder: 'SEC', description: 'regrtest --timeout per test file, in seconds.' },
  maxCaseRuns: {
    input: 'max-case-runs',
    kind: 'text',
    default: '25',
    placeholder: 'N',
    description: 'How many cases of each leaking test file are re-run alone to name the leaking test.',
  },
  maxCaseRunsTotal: {
    input: 'max-case-runs-total',
    kind: 'text',
    default: '100',
    placeholder: 'N',
    description: 'How many cases are re-run alone across all leaking test files.',
  },
  rebuildExtensions: {
    input: 'rebuild-extensions',
    kind: 'boolean',
    default: 'false',
    description: 'Rebuild the extension even when an identical build is cached.',
  },
  keepBuildTree: { input: 'keep-build-tree', kind: 'boolean', default: 'false', description: 'Keep the CPython build folder after installing.' },
  // Wall-clock limits of CPython's build phases (plan/build-phases.ts). Measured on 2 cores, a cold
  // 3.11 pydebug build takes about 95 s to configure, 120 s for make -j2 and 40 s to install;
  // sanitizer builds about twice that, make -j1 twice again, and on a machine busy with other builds
  // everything took 2.35 times as long (599 s for the whole build). The defaults are those worst
  // cases, doubled and rounded up: 15 and 40 minutes. Install is the exception: a 3.13 tsan build's
  // instrumented interpreter byte-compiles the standard library three times during `make install`,
  // which took 33 minutes on this busy 2-core machine; 60 minutes leaves it room.
  configureTimeout: phaseTimeoutOption('configure', '15'),
  makeTimeout: phaseTimeoutOption('make', '40'),
  installTimeout: phaseTimeoutOption('install', '60'),
  // The longest log a real run wrote was CPython's whole test suite under -v, about 2 MB; a test
  // printing in a loop writes 1 GB in seconds. 256 MB keeps every real log whole and the disk safe.
  logLimit: {
    input: LOG_LIMIT_INPUT,
    kind: 'text',
    default: '256',
    placeholder: 'MB',
    description:
      'Megabytes each log file may hold (a build phase, a test run). Past it the process runs on: the log keeps the first part of its output and the last (up to 4 MB), with a line saying how much was dropped between, and report.json and the summary name the log. 0 means no limit.',
  },
  cpythonTests: {
    input: 'cpython-tests',
    kind: 'text',
    default: '',
    placeholder: 'WHAT',
    description:
      "CPython's own test suite on the debug interpreter: none, quick (make quicktest), full (make test), or regrtest arguments as for make test TESTOPTS (test names, -x NAMES to exclude, -u RESOURCES), e.g. 'test_int test_bool'. Runs without -E so the variant's runtime settings apply, with -jN workers (jobs), a per-test timeout (test-timeout) and JUnit XML in out/. Empty means none with an extension, quick without.",
  },
  cpythonTestsShard: {
    input: 'cpython-tests-shard',
    kind: 'text',
    default: '',
    placeholder: 'I/N',
    description: "Run only share INDEX/COUNT of the suite's test files, e.g. 2/4 (the matrix sets it with cpython-tests-shards). Empty runs them all.",
  },
  cpythonTestsDurations: {
    input: 'cpython-tests-durations',
    kind: 'text',
    default: '',
    placeholder: 'FILE',
    description: 'report.json of an earlier run; its per-test-file durations balance the shards. Empty splits by name.',
  },
  uploadArtifact: { input: 'upload-artifact', flag: null, kind: 'boolean', default: 'true', description: 'Upload the report folder as an artifact.' },
  artifactName: {
    input: 'artifact-name',
    flag: null,
    kind: 'text',
    default: '',
    description:
      'Artifact name. Empty means pydebug-<cell id>-<runner os>-<arch>, e.g. pydebug-cp311-pydebug-linux-x64; from the second attempt of a re-run on, -attempt<N> is added.',
  },
} as const satisfies Record<string, RunOptionSpec>

type Table = typeof RUN_OPTIONS
export type RunOptionKey = keyof Table
/** The options the command line has too: all but the action's own (artifact upload). */
export type CliRunOptionKey = { [K in RunOptionKey]: Table[K] extends { readonly flag: null } ? never : K }[RunOptionKey]

type ValueOfKind<Kind extends RunOptionKind> = Kind extends 'boolean' ? boolean : Kind extends 'list' ? string | readonly string[] : string

/** Raw values as the user gave them (CLI flags or action inputs); unset, or an empty string, means the default. */
export type RunOptionsInput = { readonly [K in RunOptionKey]?: ValueOfKind<Table[K]['kind']> }

/** How each option is spelled where it came from, so messages name what the user typed. */
export type OptionNames = { readonly [K in CliRunOptionKey]: string }

/** The table's rows with their keys, in action.yml's order. */
export const RUN_OPTION_ENTRIES = Object.entries(RUN_OPTIONS) as [RunOptionKey, RunOptionSpec][]

/** The CLI flag of an option, without its dashes; undefined for the action's own. */
function cliFlagOf(spec: RunOptionSpec): string | undefined {
  return spec.flag === null ? undefined : (spec.flag ?? spec.input)
}

/** An on/off option's default, as action.yml writes it ('true' / 'false'). */
export function booleanDefaultOf(spec: RunOptionSpec): boolean {
  return spec.default === 'true'
}

/** The options the command line has, with their flags. */
export const CLI_RUN_OPTION_ENTRIES = RUN_OPTION_ENTRIES.flatMap(([key, spec]) => {
  const flag = cliFlagOf(spec)
  return flag === undefined ? [] : [{ key: key as CliRunOptionKey, flag, spec }]
})

export const CLI_OPTION_NAMES = Object.fromEntries(CLI_RUN_OPTION_ENTRIES.map(({ key, flag }) => [key, flagName(flag)])) as OptionNames

export const ACTION_INPUT_NAMES = Object.fromEntries(RUN_OPTION_ENTRIES.map(([key, spec]) => [key, inputName(spec.input)])) as {
  readonly [K in RunOptionKey]: string
}
