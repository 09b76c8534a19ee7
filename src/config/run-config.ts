import path from 'node:path'
import { parsePythonVersion, type PythonVersion } from '../catalog/python-version.js'
import { VARIANTS, type VariantSpec } from '../catalog/variants.js'
import { ConfigError } from '../errors.js'
import { closestMatch } from './nearest-match.js'
import { resolveSourceSpec, type SourceSpec } from '../plan/source.js'

/** What a run fails on: any finding (leak, crash, failing test), only leaks, or nothing. */
export const FAIL_ON_VALUES = ['findings', 'leaks', 'never'] as const
export type FailOn = (typeof FAIL_ON_VALUES)[number]

/** A fully validated `pydebug run` / `pydebug build` / action invocation. */
export interface RunConfig {
  readonly python: PythonVersion
  readonly variant: VariantSpec
  readonly source: SourceSpec
  /** Interpreters, sources and extension builds are kept here between runs. @default ~/.cache/pydebug */
  readonly cacheDir: string
  /** The C extension project to build and test; absent for `build`. */
  readonly extension?: string
  /** @default <extension>/tests */
  readonly testsDir?: string
  /** report.json, summary.md and logs/ go here. @default pydebug-out */
  readonly outDir: string
  /** @default findings */
  readonly failOn: FailOn
  /** regrtest `-R warmups:runs`. @default 3:3, as CPython's refleak buildbots */
  readonly refleak: { readonly warmups: number; readonly runs: number }
  /** Parallel jobs for `make`. @default the number of CPUs */
  readonly jobs: number
  /** regrtest `--timeout` per test file, in seconds. @default 1200, as CPython's buildbots */
  readonly testTimeoutSeconds: number
  /** How many cases of each leaking test file are re-run alone to name the leaking test. @default 25 */
  readonly maxCaseRuns: number
  /** How many cases are re-run alone across all leaking files. @default 100 */
  readonly maxCaseRunsTotal: number
  readonly rebuildExtensions: boolean
  readonly keepBuildTree: boolean
}

/** Raw values as the user gave them (CLI flags or action inputs); empty strings mean unset. */
export interface RunOptionsInput {
  readonly python?: string
  readonly variant?: string
  readonly source?: string
  readonly extension?: string
  readonly tests?: string
  readonly cacheDir?: string
  readonly out?: string
  readonly failOn?: string
  readonly refleakRuns?: string
  readonly jobs?: string
  readonly testTimeout?: string
  readonly maxCaseRuns?: string
  readonly maxCaseRunsTotal?: string
  readonly rebuildExtensions?: boolean
  readonly keepBuildTree?: boolean
}

/** How each option is spelled where it came from, so messages name what the user typed. */
export type OptionNames = { readonly [K in keyof RunOptionsInput]-?: string }

export const CLI_OPTION_NAMES: OptionNames = {
  python: '--python',
  variant: '--variant',
  source: '--source',
  extension: '--extension',
  tests: '--tests',
  cacheDir: '--cache-dir',
  out: '--out',
  failOn: '--fail-on',
  refleakRuns: '--refleak-runs',
  jobs: '--jobs',
  testTimeout: '--test-timeout',
  maxCaseRuns: '--max-case-runs',
  maxCaseRunsTotal: '--max-case-runs-total',
  rebuildExtensions: '--rebuild-extensions',
  keepBuildTree: '--keep-build-tree',
}

export const ACTION_INPUT_NAMES: OptionNames = {
  python: "input 'python-version'",
  variant: "input 'variant'",
  source: "input 'source'",
  extension: "input 'extension'",
  tests: "input 'tests'",
  cacheDir: "input 'cache-dir'",
  out: "input 'out'",
  failOn: "input 'fail-on'",
  refleakRuns: "input 'refleak-runs'",
  jobs: "input 'jobs'",
  testTimeout: "input 'test-timeout'",
  maxCaseRuns: "input 'max-case-runs'",
  maxCaseRunsTotal: "input 'max-case-runs-total'",
  rebuildExtensions: "input 'rebuild-extensions'",
  keepBuildTree: "input 'keep-build-tree'",
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
    throw new ConfigError(`${names.python} '${pythonText}' is not a CPython release version: expected X.Y.Z (e.g. 3.11.2), optionally with a pre-release suffix (e.g. 3.14.0rc1).`)
  }

  const variantName = given(input.variant) ?? 'pydebug'
  // Custom variants from the config file come first, as in the matrix (plan/matrix.ts resolveVariant).
  const variant = customVariants.find((spec) => spec.name === variantName) ?? VARIANTS.find((spec) => spec.name === variantName)
  if (!variant) {
    const allowed = [...customVariants, ...VARIANTS].map((spec) => spec.name)
    const suggestion = closestMatch(variantName, allowed)
    throw new ConfigError(
      `${names.variant} '${variantName}' is not a known variant. Allowed: ${allowed.join(', ')}.${suggestion ? ` Perhaps you meant '${suggestion}'?` : ''}`,
    )
  }

  const source = resolveSourceSpec(given(input.source), python, resolve)
  if (source.kind === 'file') {
    const kind = environment.pathKind(source.path)
    if (kind === undefined) {
      throw new ConfigError(`${names.source} '${input.source}': no such file (${source.path}). Give a CPython source tarball path, an http(s) URL, or a URL template with {version}.`)
    }
    if (kind !== 'file') throw new ConfigError(`${names.source} '${input.source}' is a directory; give a CPython source tarball (.tgz, .tar.xz).`)
  }

  const extensionText = given(input.extension)
  let extension: string | undefined
  let testsDir: string | undefined
  if (extensionText !== undefined) {
    extension = resolve(extensionText)
    if (environment.pathKind(extension) !== 'directory') {
      throw new ConfigError(`${names.extension} '${extensionText}': no such directory (${extension}). Give the folder of a C extension project (with setup.py or pyproject.toml).`)
    }
    const testsText = given(input.tests)
    testsDir = testsText === undefined ? path.join(extension, 'tests') : resolve(testsText)
    if (environment.pathKind(testsDir) !== 'directory') {
      throw new ConfigError(
        `${testsText === undefined ? `${names.extension} '${extensionText}' has no tests/ folder` : `${names.tests} '${testsText}': no such directory`} (${testsDir}). Give the folder holding the unittest files (test_*.py) with ${names.tests}.`,
      )
    }
  } else if (requireExtension) {
    throw new ConfigError(`${names.extension} is required: the folder of a C extension project to build and test (e.g. examples/leaky).`)
  }

  const failOnText = given(input.failOn) ?? 'findings'
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOnText)) {
    throw new ConfigError(`${names.failOn} '${failOnText}' is not allowed. Allowed: ${FAIL_ON_VALUES.join(', ')}.`)
  }

  const refleakText = given(input.refleakRuns) ?? '3:3'
  const refleakMatch = /^(\d+):(\d+)$/.exec(refleakText)
  if (!refleakMatch || Number(refleakMatch[2]) < 1) {
    throw new ConfigError(`${names.refleakRuns} '${refleakText}' is not allowed: expected WARMUPS:RUNS as for regrtest -R, e.g. 3:3 (RUNS at least 1).`)
  }

  return {
    python,
    variant,
    source,
    cacheDir: resolve(given(input.cacheDir) ?? defaultCacheDir(environment)),
    ...(extension ? { extension, testsDir } : {}),
    outDir: resolve(given(input.out) ?? 'pydebug-out'),
    failOn: failOnText as FailOn,
    refleak: { warmups: Number(refleakMatch[1]), runs: Number(refleakMatch[2]) },
    jobs: positiveInteger(input.jobs, names.jobs, environment.cpuCount),
    testTimeoutSeconds: positiveInteger(input.testTimeout, names.testTimeout, 1200),
    maxCaseRuns: positiveInteger(input.maxCaseRuns, names.maxCaseRuns, 25, { allowZero: true }),
    maxCaseRunsTotal: positiveInteger(input.maxCaseRunsTotal, names.maxCaseRunsTotal, 100, { allowZero: true }),
    rebuildExtensions: input.rebuildExtensions ?? false,
    keepBuildTree: input.keepBuildTree ?? false,
  }
}

function positiveInteger(text: string | undefined, name: string, fallback: number, { allowZero = false } = {}): number {
  if (text === undefined || text.trim() === '') return fallback
  const value = Number(text.trim())
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(`${name} '${text}' is not allowed: expected a whole number ${allowZero ? '0' : '1'} or more.`)
  }
  return value
}
