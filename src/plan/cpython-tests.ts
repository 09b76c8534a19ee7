/**
 * CPython's own test suite in a cell, planned without touching anything: what to run (`quick`,
 * `full` or the user's regrtest arguments), the command `make test` / `make quicktest` of that
 * version would run against the installed interpreter, the environment it runs in, and which test
 * files a shard runs.
 */
import { CPYTHON_TEST_PROFILES, type CpythonTestProfile } from '../catalog/cpython-tests.js'
import { minorOf, type PythonVersion } from '../catalog/python-version.js'
import { inRange } from './cell.js'

export const CPYTHON_TESTS_MODES = ['none', 'quick', 'full'] as const

/** `quick`: `make quicktest`; `full`: `make test`; `args`: `make test TESTOPTS='<args>'`. */
export type CpythonTestsSelection =
  | { readonly kind: 'none' }
  | { readonly kind: 'quick' }
  | { readonly kind: 'full' }
  | { readonly kind: 'args'; readonly args: readonly string[] }

export type SelectionResult = { readonly ok: true; readonly selection: CpythonTestsSelection } | { readonly ok: false; readonly problem: string }

// pydebug sets these itself, or they would make regrtest run nothing.
const REFUSED_ARGS: readonly { readonly prefixes: readonly string[]; readonly why: string }[] = [
  { prefixes: ['--junit-xml'], why: 'pydebug writes the JUnit XML to <out>/cpython-tests.junit.xml itself' },
  { prefixes: ['--list-tests', '--list-cases'], why: 'it only lists tests and runs none' },
  { prefixes: ['-h', '--help'], why: 'it prints the help and runs nothing' },
  { prefixes: ['-f', '--fromfile'], why: 'pydebug passes the test list itself when it shards the suite; give the test names as arguments' },
]

/**
 * `none | quick | full | <regrtest arguments>`. The arguments are split on whitespace, with no
 * shell: quotes and backslashes are refused, since they would reach regrtest as they are.
 */
export function parseCpythonTestsSelection(text: string): SelectionResult {
  const trimmed = text.trim()
  if ((CPYTHON_TESTS_MODES as readonly string[]).includes(trimmed)) return { ok: true, selection: { kind: trimmed as 'none' | 'quick' | 'full' } }
  const quote = /['"\\]/.exec(trimmed)
  if (quote)
    return {
      ok: false,
      problem: `quotes and backslashes are not allowed (found ${quote[0]}): the arguments are split on spaces with no shell, so no quoting is needed`,
    }
  const args = trimmed.split(/\s+/).filter(Boolean)
  if (args.length === 0) return { ok: false, problem: `expected ${CPYTHON_TESTS_MODES.join(', ')} or regrtest arguments` }
  if (!args.some((arg) => arg.startsWith('-') || /^test_\w+/.test(arg))) {
    return {
      ok: false,
      problem: `expected ${CPYTHON_TESTS_MODES.join(', ')} or regrtest arguments (test names such as test_int, options such as -x test_io or -u network)`,
    }
  }
  for (const arg of args) {
    const refused = REFUSED_ARGS.find((rule) =>
      rule.prefixes.some(
        (prefix) => arg === prefix || arg.startsWith(`${prefix}=`) || (prefix.length === 2 && arg.startsWith(prefix) && !arg.startsWith('--')),
      ),
    )
    if (refused) return { ok: false, problem: `'${arg}' is not allowed: ${refused.why}` }
  }
  return { ok: true, selection: { kind: 'args', args } }
}

/** The default: an extension run tests the extension; an interpreter alone gets `make quicktest`. */
export function defaultCpythonTestsSelection(hasExtension: boolean): CpythonTestsSelection {
  return hasExtension ? { kind: 'none' } : { kind: 'quick' }
}

export function describeSelection(selection: CpythonTestsSelection): string {
  return selection.kind === 'args' ? selection.args.join(' ') : selection.kind
}

function cpythonTestProfile(python: PythonVersion): CpythonTestProfile {
  const profile = CPYTHON_TEST_PROFILES.find((candidate) => inRange(python, candidate))
  // The profiles cover every version from the first to the last (a unit test checks it).
  if (!profile) throw new Error(`no CPython test profile covers ${minorOf(python)}`)
  return profile
}

export interface CpythonTestsCommandInput {
  readonly pythonPath: string
  readonly python: PythonVersion
  readonly selection: Exclude<CpythonTestsSelection, { kind: 'none' }>
  /** regrtest -jN: worker processes, so a crash or a hang ends one test file, not the run. */
  readonly jobs: number
  readonly timeoutSeconds: number
  readonly junitXml: string
  /** A file listing the test files to run (a shard): regrtest then ignores test names and -x on the command line. */
  readonly testsFile?: string
}

export interface CpythonTestsCommand {
  readonly argv: readonly string[]
  /** The options that came from `make test` / `make quicktest`, from pydebug, and from the user. */
  readonly makeTestOptions: readonly string[]
  /** `make test` options pydebug did not pass, and why. */
  readonly notPassed: readonly { readonly option: string; readonly reason: string }[]
  readonly source: string
}

const givesJobs = (arg: string) => arg.startsWith('-j') || arg.startsWith('--multiprocess') || arg === '--single-process'
const givesTimeout = (arg: string) => arg === '--timeout' || arg.startsWith('--timeout=')
const givesResources = (arg: string) => (arg.startsWith('-u') && !arg.startsWith('--')) || arg === '--use' || arg.startsWith('--use=')

/**
 * The command `make test` (or `make quicktest`) of this version runs, against the installed
 * interpreter, with pydebug's changes: no `-E` (the variant's PYTHON* settings apply), `-jN`
 * workers (a hung or crashed test ends its worker, not the run), `--timeout` per test file, the
 * JUnit XML, and the user's arguments last, as `make test TESTOPTS=...` puts them. An option the
 * user gives (-j, --timeout, -u) replaces pydebug's.
 */
export function planCpythonTestsCommand(input: CpythonTestsCommandInput): CpythonTestsCommand {
  const profile = cpythonTestProfile(input.python)
  return {
    argv: regrtestArgv(input, profile, 'run'),
    makeTestOptions: [...profile.pythonOptions, ...profile.regrtestOptions],
    notPassed: [
      { option: '-E', reason: "it would ignore the variant's PYTHON* settings; the inherited PYTHON* variables are removed instead" },
      ...profile.notPassed,
    ],
    source: profile.source,
  }
}

/** The same command, listing the test files it would run (`--list-tests`) instead of running them: what shards split. */
export function planCpythonTestsListing(input: Omit<CpythonTestsCommandInput, 'testsFile'>): readonly string[] {
  return regrtestArgv(input, cpythonTestProfile(input.python), 'list')
}

function regrtestArgv(input: CpythonTestsCommandInput, profile: CpythonTestProfile, mode: 'run' | 'list'): string[] {
  const user = input.selection.kind === 'args' ? input.selection.args : []
  // Test names and -x come last, as `make test TESTOPTS=...` and `make quicktest` put them.
  const tail = input.selection.kind === 'quick' ? ['-x', ...profile.quickExclusions] : [...user]
  const pydebugOptions =
    mode === 'list'
      ? ['--list-tests']
      : [
          ...(user.some(givesJobs) ? [] : ['-j', String(input.jobs)]),
          ...(user.some(givesTimeout) ? [] : ['--timeout', String(input.timeoutSeconds)]),
          ...(profile.defaultResources && !user.some(givesResources) ? ['-u', profile.defaultResources] : []),
          '--junit-xml',
          input.junitXml,
          ...(input.testsFile ? ['--fromfile', input.testsFile] : []),
        ]
  return [input.pythonPath, ...profile.pythonOptions, '-m', 'test', ...profile.regrtestOptions, ...pydebugOptions, ...tail]
}

export interface CpythonTestsEnv {
  /** Overrides for the inherited environment: the variant's settings, and `undefined` for what is removed. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The variant's settings, which apply because pydebug does not pass -E. */
  readonly applied: Readonly<Record<string, string>>
  /** Inherited PYTHON* variables removed: what -E would have ignored, except the variant's settings. */
  readonly removed: readonly string[]
}

/**
 * `make test` passes -E, which ignores every PYTHON* variable, the variant's too (PYTHONMALLOC).
 * pydebug does not pass -E and removes the inherited PYTHON* variables instead, so the suite runs
 * as `make test` runs it, with the variant's runtime settings applied.
 */
export function planCpythonTestsEnv(inherited: Readonly<Record<string, string | undefined>>, runtimeEnv: Readonly<Record<string, string>>): CpythonTestsEnv {
  const removed = Object.keys(inherited)
    .filter((name) => name.startsWith('PYTHON') && inherited[name] !== undefined && !(name in runtimeEnv))
    .sort()
  return { env: { ...Object.fromEntries(removed.map((name) => [name, undefined])), ...runtimeEnv }, applied: { ...runtimeEnv }, removed }
}

export interface ShardSpec {
  /** 1-based. */
  readonly index: number
  readonly count: number
}

/** `2/4` → { index: 2, count: 4 }; undefined when it is not INDEX/COUNT with 1 ≤ INDEX ≤ COUNT. */
export function parseShardSpec(text: string): ShardSpec | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined
}

/** `cpy2of4`: what a shard adds to its cell's identifier and artifact name. */
export function shardSuffix(shard: ShardSpec): string {
  return `cpy${shard.index}of${shard.count}`
}

/**
 * The test files of one shard. With durations (seconds per test file, from a previous report),
 * the longest files go first, each to the shard with the least work so far (a file without a
 * duration counts as the mean of the known ones); without, by name, in turns. Every shard computes
 * the same split from the same list, so together they run each file exactly once.
 */
export function assignShard(tests: readonly string[], shard: ShardSpec, durations: Readonly<Record<string, number>> = {}): string[] {
  // A package listed by its modules (3.13 lists test.test_asyncio.test_x) runs as the package.
  const files = [...new Set(tests.map(testFileOf))].sort()
  const known = files
    .map((file) => durations[file])
    .filter((seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)
  if (known.length === 0) return files.filter((_, position) => position % shard.count === shard.index - 1)
  const mean = known.reduce((total, seconds) => total + seconds, 0) / known.length
  const weight = (file: string) => {
    const seconds = durations[file]
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : mean
  }
  const ordered = [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))
  const loads = Array.from({ length: shard.count }, () => 0)
  const mine: string[] = []
  for (const file of ordered) {
    let target = 0
    for (let candidate = 1; candidate < loads.length; candidate++) if (loads[candidate] < loads[target]) target = candidate
    loads[target] += weight(file)
    if (target === shard.index - 1) mine.push(file)
  }
  return mine.sort()
}

/** `test.test_asyncio.test_tasks` → `test_asyncio`; `test_int` → `test_int`. */
export function testFileOf(name: string): string {
  const parts = name.trim().split('.')
  return parts.find((part) => part.startsWith('test_')) ?? parts[parts.length - 1]
}
