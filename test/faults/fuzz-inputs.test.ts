import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/command.js'
import { MATRIX_OPTIONS } from '../../src/cli/matrix-command.js'
import { parseRunConfig } from '../../src/cli/run-options.js'
import { readActionInputs } from '../../src/config/action-inputs.js'
import { MATRIX_CONFIG_KEYS, planMatrixFromInput } from '../../src/config/matrix-config.js'
import { readConfigFile, loadCustomVariants } from '../../src/config/matrix-input.js'
import { actionInputSource } from '../../src/config/option-names.js'
import { validateRunOptions, type RunConfig } from '../../src/config/run-config.js'
import { ACTION_INPUT_NAMES, CLI_RUN_OPTION_ENTRIES, RUN_OPTION_ENTRIES } from '../../src/config/run-option-table.js'
import { cli } from '../../src/entry/cli.js'
import { createProcessRunner } from '../../src/adapters/process.js'
import { ConfigError } from '../../src/errors.js'
import { runEnvironment } from '../../src/adapters/run-environment.js'
import { REPO_ROOT } from '../helpers/spawn.js'

// issue 15: "Fuzz the config loader, the action inputs and the CLI argument parser ...: no crash, no
// hang, only clear errors (exit code 2)." Seeded, so a failure reproduces; PYDEBUG_FUZZ_RUNS=20000
// for a longer hunt. fast-check shrinks what it finds; the shrunk cases are kept at the end of this file.
const SEED = 15
const RUNS = Number(process.env.PYDEBUG_FUZZ_RUNS ?? 2000)
// One case parses a handful of strings; a case this slow is a hang in the making (a regex or an expansion gone quadratic).
const CASE_LIMIT_MS = 1500
const TIMEOUT = Math.max(60_000, RUNS * 30)

/** Values that have broken parsers elsewhere: empty, blank, control and wide characters, numbers at the edges, shell and workflow-command text. */
const EDGE_VALUES = [
  '',
  ' ',
  '\t',
  '\n',
  ' \r\n ',
  'é',
  '🐍',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e',
  '１２',
  '-1',
  '0',
  '1',
  '07',
  '1e3',
  '0x10',
  '1.5',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '2147484',
  '35792',
  '--x=',
  '--',
  '-',
  '=',
  "'",
  '"',
  '\\',
  '$',
  '${',
  '$(touch /tmp/pwned)',
  '`id`',
  '; rm -rf /tmp/x',
  '|',
  '&&',
  '#',
  '{',
  '}',
  '[',
  '*',
  '::set-output name=x::y',
  '::add-mask::secret',
  '~/',
  '~',
  '../..',
  '/',
  '.',
  '%0A',
  'x'.repeat(100_000),
  // Globs (skip): an expansion that multiplies, stars that make a backtracking regex crawl, a range out of order.
  '{a,b}'.repeat(16),
  `${'*'.repeat(9)}x`,
  'cp3[z-a]',
  'cp3[!]',
]

/** Values each option accepts (or nearly), so cases get past the first check to the later ones. */
const PLAUSIBLE_VALUES = [
  '3.11.2',
  '3.13.5',
  '3.14.0rc1',
  '3.11',
  'pydebug',
  'free-threading',
  'asan',
  'count-allocs',
  'ft-asan',
  'ext',
  'ext,ext',
  'ext\nother',
  'ext/tests',
  'Python-3.11.2.tgz',
  'https://example.invalid/{release}/Python-{version}.tgz',
  'file://%zz',
  'http://[',
  'https://user:hunter2@example.invalid/Python-{version}.tgz',
  'custom.yml',
  'broken.yml',
  '.github/pydebug.yml',
  'report.json',
  '2/4',
  '0/4',
  '3:3',
  '0:1',
  'CC=clang',
  'CC=clang\nCC=gcc',
  '1CC=x',
  'pytest hypothesis>=6',
  '-r req.txt',
  "python -m pytest -k 'not slow'",
  'python -m pip install --target $PYDEBUG_SITE .',
  'quick',
  'test_int -x test_io',
  '-j4',
  'force-off',
  'never',
  'sha256:'.concat('0'.repeat(64)),
  'ab'.repeat(32),
  ...RUN_OPTION_ENTRIES.flatMap(([, spec]) => [...(spec.default ? [spec.default] : []), ...(spec.allowed ?? [])]),
]

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PLAUSIBLE_VALUES), fc.nat(), fc.constantFrom(...EDGE_VALUES.filter((edge) => edge.length < 100)))
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1))),
  },
)

let workspace: string
const counts: Record<string, number> = {}
const count = (target: string) => {
  counts[target] = (counts[target] ?? 0) + 1
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'pydebug-fuzz-'))
  mkdirSync(path.join(workspace, 'ext', 'tests'), { recursive: true })
  mkdirSync(path.join(workspace, 'other', 'tests'), { recursive: true })
  writeFileSync(path.join(workspace, 'ext', 'setup.py'), '')
  writeFileSync(path.join(workspace, 'Python-3.11.2.tgz'), 'not a tarball')
  writeFileSync(path.join(workspace, 'report.json'), '{}')
  writeFileSync(path.join(workspace, 'broken.yml'), 'python: [3.11\n')
  copyFileSync(path.join(REPO_ROOT, 'test/golden/matrix/custom-variants/config.yml'), path.join(workspace, 'custom.yml'))
  mkdirSync(path.join(workspace, '.github'))
  copyFileSync(path.join(REPO_ROOT, '.github/pydebug.yml'), path.join(workspace, '.github/pydebug.yml'))
})

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true })
  // One line for bench/RESULTS.md ("inputs fuzzed").
  console.log(
    `fuzzed inputs (seed ${SEED}): ${Object.entries(counts)
      .map(([target, cases]) => `${target} ${cases} cases`)
      .join(', ')}`,
  )
})

/** Runs one case; anything but a ConfigError (exit code 2) fails, and so does a case slower than CASE_LIMIT_MS. */
function outcomeOf<T>(parse: () => T): { ok: true; value: T } | { ok: false; message: string } {
  const started = performance.now()
  let outcome: { ok: true; value: T } | { ok: false; message: string }
  try {
    outcome = { ok: true, value: parse() }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    expect(error.exitCode).toBe(2)
    outcome = { ok: false, message: error.message }
  }
  expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS)
  return outcome
}

/** The parts of a value a message may quote: itself, trimmed, one entry of a list, or a URL with its credentials hidden. */
const partsOf = (text: string) =>
  [text, text.trim(), ...text.split(/[\n,]/).map((part) => part.trim()), ...text.split(/\s+/), text.trim().replace(/(:\/\/)[^/]*@/, '$1***@')].filter(
    (part) => part !== '',
  )

/**
 * A message names the option (`--flag` / `input 'name'`, a token of the command line in quotes, or
 * `file:line:col` in the config file given) and, when it quotes a value after the name, a value the
 * user gave that option.
 */
function expectNamesOptionAndValue(
  message: string,
  given: ReadonlyMap<string, readonly string[]>,
  alsoNamed: readonly string[],
  tokens: readonly string[] = [],
) {
  const named = [...given.keys(), ...alsoNamed].filter((name) => message.includes(name))
  // parseArgs names a short option alone: '-j' of '-j4'.
  const quoted = tokens.some(
    (token) => token !== '' && (message.includes(`'${token}'`) || (/^-[^-]/.test(token) && message.includes(`'${token.slice(0, 2)}'`))),
  )
  const located = /^([^\s:]+):\d+:\d+: /.exec(message)
  expect(named.length > 0 || quoted || (located !== null && [...given.values()].flat().some((text) => text.trim() === located[1])), message).toBe(true)
  for (const name of named) {
    if (!message.includes(`${name} '`)) continue
    const values = given.get(name) ?? given.get(`--${name}`) ?? []
    expect(
      values.some((text) =>
        text.trim() === '' ? message.includes(`${name} '${text}'`) || message.includes(`${name} ''`) : partsOf(text).some((part) => message.includes(part)),
      ),
      `${message.slice(0, 500)} does not quote what ${name} was given`,
    ).toBe(true)
  }
}

/** What a valid RunConfig must hold, whatever it was parsed from. */
function expectValidRunConfig(config: RunConfig) {
  expect(config.python.text).toMatch(/^\d+\.\d+\.\d+/)
  expect(path.isAbsolute(config.cacheDir) && path.isAbsolute(config.outDir)).toBe(true)
  for (const whole of [config.jobs, config.maxCaseRuns, config.maxCaseRunsTotal, config.refleak.warmups, config.refleak.runs]) {
    expect(Number.isSafeInteger(whole) && whole >= 0).toBe(true)
  }
  // Every limit becomes a Node timer in milliseconds, which fires at once past 2^31 - 1.
  for (const seconds of [config.testCommandTimeoutSeconds, config.testTimeoutSeconds, ...Object.values(config.buildTimeouts)]) {
    expect(Number.isSafeInteger(seconds) && seconds >= 1 && seconds * 1000 <= 2 ** 31 - 1, `${seconds} s`).toBe(true)
  }
}

// ---------------------------------------------------------------------------------------------
// The CLI argument parser: pydebug run / build (parseRunConfig), matrix and variants (the whole cli()).

const RUN_FLAG_NAMES = CLI_RUN_OPTION_ENTRIES.map(({ flag }) => flag)

function argvOf(flags: readonly string[]) {
  const flag = fc.constantFrom(...flags, 'colour', 'Python', 'pyth', 'help')
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(flag, value).map(([name, text]) => [`--${name}`, text]) },
    { weight: 3, arbitrary: fc.tuple(flag, value).map(([name, text]) => [`--${name}=${text}`]) },
    { weight: 1, arbitrary: flag.map((name) => [`--${name}`]) },
    { weight: 1, arbitrary: flag.map((name) => [`--no-${name}`]) },
    { weight: 1, arbitrary: value.map((text) => [text]) },
    { weight: 1, arbitrary: fc.constantFrom(['--'], ['-x'], ['-'], ['--=x'], ['---python', '3.11.2']) },
  )
  return fc.array(token, { maxLength: 8 }).map((tokens) => tokens.flat())
}

/** Which flags the argv gave, with their values, as messages name them (`--flag`). */
function givenFlags(argv: readonly string[]): Map<string, string[]> {
  const given = new Map<string, string[]>()
  for (const [index, token] of argv.entries()) {
    if (!token.startsWith('-')) continue
    const equals = token.indexOf('=')
    const name = equals < 0 ? token : token.slice(0, equals)
    const values = given.get(name) ?? given.get(`--${name}`) ?? []
    values.push(equals < 0 ? (argv[index + 1] ?? '') : token.slice(equals + 1))
    given.set(name, values)
    if (name.startsWith('--no-')) given.set(`--${name.slice(5)}`, given.get(`--${name.slice(5)}`) ?? [])
  }
  return given
}

const io = (): CliIo => ({ stdout: () => {}, stderr: () => {}, cwd: workspace, env: { HOME: workspace } })

describe('fuzzing the command line: only ConfigError (exit code 2) naming the flag and its value, or a valid config', () => {
  // Most cases start from a command line that validates, so the later checks are reached.
  const base = ['--python', '3.11.2', '--source', 'Python-3.11.2.tgz', '--extension', 'ext']
  const runArgv = fc.oneof(
    argvOf(RUN_FLAG_NAMES).map((extra) => [...base, ...extra]),
    argvOf(RUN_FLAG_NAMES),
  )

  it(
    'pydebug run: every flag with every value of the dictionaries, on a command line valid without it',
    () => {
      for (const flag of RUN_FLAG_NAMES) {
        for (const text of [...PLAUSIBLE_VALUES, ...EDGE_VALUES]) {
          count('pydebug run argv')
          const argv = [...base, `--${flag}`, text]
          const outcome = outcomeOf(() => parseRunConfig(argv, io(), { requireExtension: true }))
          if (outcome.ok) expectValidRunConfig(outcome.value)
          else expectNamesOptionAndValue(outcome.message, givenFlags(argv), ['--python', '--extension'], argv)
        }
      }
    },
    TIMEOUT,
  )

  it.each([
    ['run', true],
    ['build', false],
  ] as const)(
    'pydebug %s (parseRunConfig)',
    (command, requireExtension) => {
      fc.assert(
        fc.property(runArgv, (argv) => {
          count(`pydebug ${command} argv`)
          const outcome = outcomeOf(() => parseRunConfig(argv, io(), { requireExtension }))
          if (outcome.ok) expectValidRunConfig(outcome.value)
          else expectNamesOptionAndValue(outcome.message, givenFlags(argv), requireExtension ? ['--python', '--extension'] : ['--python'], argv)
        }),
        { seed: SEED, numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  it.each([
    ['matrix', Object.keys(MATRIX_OPTIONS)],
    ['variants', ['python', 'format']],
  ])(
    'pydebug %s (the whole cli()): every flag with every value of the dictionaries, then random command lines',
    async (command, flags) => {
      for (const flag of flags) for (const text of [...PLAUSIBLE_VALUES, ...EDGE_VALUES]) await checkCli(command, [`--${flag}`, text])
      await fc.assert(
        fc.asyncProperty(argvOf(flags), (argv) => checkCli(command, argv)),
        { seed: SEED, numRuns: RUNS / 2 },
      )
    },
    TIMEOUT,
  )
})

/** One `pydebug <command>` for real: exit 0, or 2 with one message naming the flag and its value. */
async function checkCli(command: string, argv: string[]) {
  count(`pydebug ${command} argv`)
  let stderr = ''
  const started = performance.now()
  const code = await cli([command, ...argv], { ...io(), stderr: (text) => (stderr += text) })
  expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS)
  expect([0, 2]).toContain(code)
  if (code === 2) {
    const message = stderr.replace(new RegExp(`^pydebug ${command}: `), '')
    // The matrix's own messages name a key the config file lacks, or the matrix as a whole (every cell refused or skipped, too many jobs).
    const alsoNamed = command === 'matrix' ? ['python', 'variants', 'os', 'source', 'pydebug.yml', 'the selection', 'the matrix', 'strict'] : []
    expectNamesOptionAndValue(message, givenFlags(argv), alsoNamed, argv)
  }
}

// ---------------------------------------------------------------------------------------------
// The action inputs: INPUT_* variables through readActionInputs (@actions/core's getInput, for real).

describe('fuzzing the action inputs: only ConfigError naming the input and its value, or a valid config', () => {
  const inputEnv = fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...RUN_OPTION_ENTRIES.map(([, spec]) => spec.input)), value), { maxLength: 8 }))

  it(
    'main action: INPUT_* -> readActionInputs -> validateRunOptions, as entry/action-main.ts',
    () => {
      fc.assert(
        fc.property(inputEnv, ([valid, entries]) => {
          count('action INPUT_* env')
          const env: Record<string, string> = valid ? { 'python-version': '3.11.2', source: 'Python-3.11.2.tgz', extension: 'ext' } : {}
          for (const [input, text] of entries) env[input] = text
          const saved = { ...process.env }
          for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name]
          // An environment variable holds no NUL, and a lone surrogate becomes U+FFFD: the action sees what process.env kept.
          for (const [input, text] of Object.entries(env)) {
            process.env[`INPUT_${input.toUpperCase()}`] = text.replaceAll('\u0000', '')
            env[input] = process.env[`INPUT_${input.toUpperCase()}`] ?? ''
          }
          try {
            const outcome = outcomeOf(() => {
              const inputs = readActionInputs()
              const customVariants = loadCustomVariants(inputs.config, actionInputSource(workspace))
              return validateRunOptions(inputs, ACTION_INPUT_NAMES, runEnvironment(workspace, { HOME: workspace }), { requireExtension: false, customVariants })
            })
            if (outcome.ok) expectValidRunConfig(outcome.value)
            else {
              const given = new Map(Object.entries(env).map(([input, text]) => [`input '${input}'`, [text]]))
              expectNamesOptionAndValue(outcome.message, given, ["input 'python-version'"])
            }
          } finally {
            for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
            Object.assign(process.env, saved)
          }
        }),
        { seed: SEED, numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})

// ---------------------------------------------------------------------------------------------
// The config file: real configs mutated, through readConfigFile (a real file) and the matrix planner.

const CONFIG_SEEDS = [
  readFileSync(path.join(REPO_ROOT, '.github/pydebug.yml'), 'utf8'),
  ...readdirSync(path.join(REPO_ROOT, 'test/golden/matrix')).map((name) =>
    readFileSync(path.join(REPO_ROOT, 'test/golden/matrix', name, 'config.yml'), 'utf8'),
  ),
  // The example in examples/workflows/pydebug.yml's header comment.
  readFileSync(path.join(REPO_ROOT, 'examples/workflows/pydebug.yml'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('#   '))
    .map((line) => line.slice(4))
    .join('\n'),
]
const CONFIG_LINES = CONFIG_SEEDS.flatMap((text) => text.split('\n'))
const YAML_PIECES = [
  ':',
  ': ',
  '- ',
  '  ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '!!set ',
  '? ',
  '|',
  '>',
  '"',
  "'",
  '#',
  '---',
  '...',
  '%YAML 1.2',
  'null',
  '~',
  'true',
  'yes',
  '3.1',
  '1e400',
  '-1',
  '<<: *a',
  '\u0000',
  '\ufeff',
  'custom-variants:',
  '  my-var:',
  '    configure-args: [--with-pydebug]',
  '    build-env: {}',
  'max-jobs: 0',
  'cpython-tests-shards: 33',
  `skip: ["${'{a,b}'.repeat(16)}"]`,
  `skip: ["${'*'.repeat(9)}x"]`,
  'skip: [cp3[z-a]]',
  '[z-a]',
  '*',
]

const mutatedConfig = fc
  .tuple(
    fc.nat(CONFIG_SEEDS.length - 1),
    fc.array(fc.tuple(fc.constantFrom('drop', 'dup', 'cut', 'insert', 'line', 'replace', 'swap'), fc.nat(), fc.nat(), fc.constantFrom(...YAML_PIECES)), {
      maxLength: 6,
    }),
  )
  .map(([index, mutations]) => {
    const lines = CONFIG_SEEDS[index].split('\n')
    for (const [kind, a, b, piece] of mutations) {
      const i = a % lines.length
      const j = b % lines.length
      if (kind === 'drop' && lines.length > 1) lines.splice(i, 1)
      else if (kind === 'dup') lines.splice(i, 0, lines[i])
      else if (kind === 'cut') lines[i] = lines[i].slice(0, b % (lines[i].length + 1))
      else if (kind === 'insert') lines[i] = lines[i].slice(0, b % (lines[i].length + 1)) + piece + lines[i].slice(b % (lines[i].length + 1))
      else if (kind === 'line') lines.splice(i, 0, CONFIG_LINES[b % CONFIG_LINES.length])
      else if (kind === 'replace') lines[i] = piece
      else [lines[i], lines[j]] = [lines[j], lines[i]]
    }
    return lines.join('\n')
  })

const WHERE_IN_CONFIG = new RegExp(`^fuzzed\\.yml:\\d+:\\d+: |^(${MATRIX_CONFIG_KEYS.join('|')})\\b|^the (selection|matrix) `)

/** One config file for real (written, read by readConfigFile, planned): a plan, or an error at its file:line or naming its key. */
function checkConfigText(text: string) {
  count('config file')
  writeFileSync(path.join(workspace, 'fuzzed.yml'), text)
  const outcome = outcomeOf(() => {
    const { input } = readConfigFile('fuzzed.yml', actionInputSource(workspace))
    return planMatrixFromInput(input)
  })
  if (outcome.ok) expect(outcome.value.plan.cells.length).toBeGreaterThan(0)
  // A value is found at its line; what no line holds (a key the file lacks, the matrix as a whole) names the key or the matrix.
  else expect(outcome.message.slice(0, 300)).toMatch(WHERE_IN_CONFIG)
}

describe('fuzzing the config file: only ConfigError at file:line, or a plan', () => {
  it(
    'every key with every value of the dictionaries, in a config valid without it',
    () => {
      for (const key of MATRIX_CONFIG_KEYS) {
        for (const text of [...PLAUSIBLE_VALUES, ...EDGE_VALUES]) {
          const entry = `${key}: ${JSON.stringify(text)}`
          checkConfigText(key === 'python' ? `${entry}\n` : `python: ["3.12"]\n${entry}\n`)
          checkConfigText(`python: ["3.12"]\n${key === 'python' ? '' : `${key}: [${JSON.stringify(text)}]`}\n`)
        }
      }
    },
    TIMEOUT,
  )

  it(
    'mutated real configs through readConfigFile and planMatrixFromInput',
    () => {
      fc.assert(
        fc.property(
          fc.oneof({ weight: 9, arbitrary: mutatedConfig }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }),
          checkConfigText,
        ),
        { seed: SEED, numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})

// ---------------------------------------------------------------------------------------------
// What the fuzzing found, shrunk, kept as cases of their own: each failed before its fix.

describe('defects the fuzzing found', () => {
  const base = ['--python', '3.11.2', '--source', 'Python-3.11.2.tgz', '--extension', 'ext']
  const runWith = (...argv: string[]) => outcomeOf(() => parseRunConfig([...base, ...argv], io(), { requireExtension: true }))
  const matrixWith = async (...argv: string[]) => {
    let stderr = ''
    const started = performance.now()
    const code = await cli(['matrix', '--python', '3.12', ...argv], { ...io(), stderr: (text) => (stderr += text) })
    return { code, stderr, ms: performance.now() - started }
  }
  // The time limits of the table: the options whose values are seconds or minutes.
  const TIMER_OPTIONS = CLI_RUN_OPTION_ENTRIES.filter(({ spec }) => spec.placeholder === 'SEC' || spec.placeholder === 'MIN')

  it.each(TIMER_OPTIONS.map(({ flag, spec }) => [flag, spec.placeholder === 'MIN' ? 35_791 : 2_147_483] as const))(
    '--%s past the longest Node timer (was accepted, and its timer fired at once) is refused; %i is the most allowed',
    (flag, most) => {
      const refused = runWith(`--${flag}`, String(most + 1))
      expect(refused.ok).toBe(false)
      expect((refused as { message: string }).message).toBe(
        `--${flag} '${most + 1}' is not allowed: at most ${most} ${most === 35_791 ? 'minutes' : 'seconds'} (about 24 days, the longest time limit a Node timer holds).`,
      )
      expect(runWith(`--${flag}`, String(most)).ok).toBe(true)
    },
  )

  it('why: Node fires a timer past 2^31 - 1 ms at once, so such a limit ended a command as it started', async () => {
    const runner = createProcessRunner({ PATH: process.env.PATH })
    const result = await runner.run({ argv: ['sleep', '5'], cwd: workspace, logPath: path.join(workspace, 'sleep.log'), timeoutMs: 2_147_484 * 1000 })
    expect(result.timedOut).toBe(true)
    expect(result.seconds).toBeLessThan(4)
  })

  it("--source 'file://%zz' (was a TypeError: Invalid URL, exit code 70) is refused as not a valid URL", () => {
    expect(runWith('--source', 'file://%zz')).toEqual({
      ok: false,
      message:
        "--source 'file://%zz' is not allowed: it is not a valid URL. Give a CPython source tarball or folder, an http(s) URL, or a URL template with {version}.",
    })
  })

  it('--source with a password in its URL (fetch refuses it; the password went into every log line) is refused without showing it', () => {
    const refused = runWith('--source', 'https://user:hunter2@example.invalid/Python-{version}.tgz')
    expect(refused.ok).toBe(false)
    expect((refused as { message: string }).message).toMatch(
      /^--source 'https:\/\/\*\*\*@example\.invalid\/Python-\{version\}\.tgz' is not allowed: a URL with a user name/,
    )
    expect((refused as { message: string }).message).not.toContain('hunter2')
  })

  it.each([
    ['twelve stars (a backtracking regex per cell identifier: 9 took 3 s, 12 took 98 s)', `${'*'.repeat(12)}x`, /can never match/],
    ['twenty brace groups (each doubles the patterns: 16 took 5 s, 20 ran out of memory)', '{a,b}'.repeat(20), /its braces expand to more than 1024 patterns/],
    ['100 000 characters (V8: "Regular expression too large", exit code 70)', 'x'.repeat(100_000), /can never match/],
    ['a range out of order (a SyntaxError from the regex, exit code 70)', 'cp3[z-a]', /the range 'z-a' in 'cp3\[z-a\]' is out of order/],
  ])('pydebug matrix --skip with %s answers at once, exit code 2', async (_, skip, expected) => {
    const { code, stderr, ms } = await matrixWith('--skip', skip)
    expect(code).toBe(2)
    expect(expected.test(stderr)).toBe(true)
    expect(ms).toBeLessThan(CASE_LIMIT_MS)
  })

  it("a config file's source 'file://%zz' (was a TypeError from the planner) is refused, naming the key", () => {
    writeFileSync(path.join(workspace, 'fuzzed.yml'), 'python: ["3.12"]\nsource: "file://%zz"\n')
    const outcome = outcomeOf(() => planMatrixFromInput(readConfigFile('fuzzed.yml', actionInputSource(workspace)).input))
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^source 'file:\/\/%zz' is not allowed: it is not a valid URL\./) })
  })
})
