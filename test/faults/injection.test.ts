/**
 * issue 15: "A test passes `; rm -rf`, `$(...)`, backticks, newlines and workflow-command text
 * (`::set-output`, `::add-mask::`, `::stop-commands::`) through every string input and shows they
 * reach processes literally and never reach the runner as commands."
 *
 * The targets are files under this test's own temporary folder rather than /tmp/pwned and /tmp/x:
 * a run elsewhere on the machine cannot make the test pass or fail.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProcessRunner } from '../../src/adapters/process.js'
import { runEnvironment } from '../../src/adapters/run-environment.js'
import { actionInputsFrom, type ActionInputs } from '../../src/config/action-inputs.js'
import { loadCustomVariants } from '../../src/config/matrix-input.js'
import { actionInputSource } from '../../src/config/option-names.js'
import { validateRunOptions, type RunConfig } from '../../src/config/run-config.js'
import { ACTION_INPUT_NAMES, RUN_OPTION_ENTRIES, type RunOptionKey } from '../../src/config/run-option-table.js'
import { ConfigError } from '../../src/errors.js'
import { expandCommand, formatArgv, splitCommandLine } from '../../src/plan/command-line.js'
import {
  PRINTED_COMMANDS,
  prepareFakeActionWorkspace,
  recordedProcesses,
  runMainAction,
  workflowCommandLines,
  type FakeActionWorkspace,
} from './fake-action-run.js'

let root: string
let pwned: string
let canary: string
let fake: FakeActionWorkspace

/** Shell and workflow-command text; each would do something if a shell or the runner read it. */
const payloads = () => [
  `; rm -rf ${canary}`,
  `$(touch ${pwned})`,
  `\`touch ${pwned}\``,
  `&& touch ${pwned} || touch ${pwned}`,
  `| tee ${pwned}`,
  `> ${pwned}`,
  `line one\n::set-output name=x::y`,
  '::add-mask::secret',
  '::stop-commands::tok',
  '##[error]injected',
  '%0A::error::percent-encoded',
  `'"\\$HOME`,
]

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-injection-'))
  pwned = path.join(root, 'pwned')
  canary = path.join(root, 'x')
  mkdirSync(canary)
  fake = await prepareFakeActionWorkspace(root)
}, 60_000)

afterAll(() => rmSync(root, { recursive: true, force: true }))

const nothingRan = () => {
  expect(existsSync(pwned), `${pwned} was created`).toBe(false)
  expect(existsSync(canary), `${canary} was removed`).toBe(true)
}

// Every option that takes text, from the table: an input added there is covered here without a change.
const STRING_OPTIONS = RUN_OPTION_ENTRIES.filter(([, spec]) => spec.kind !== 'boolean')
// Options whose value has a shape the payload goes inside of, besides being the whole value.
const SHAPED: Partial<Record<RunOptionKey, (payload: string) => string>> = {
  buildEnv: (payload) => `INJECTED_PAYLOAD=${payload}`,
  testCommand: (payload) => `${fake.recorderCommand('test')} ${formatArgv([payload])}`,
  buildCommand: (payload) => `${fake.recorderCommand('build')} ${formatArgv([payload])}`,
}

/** Every string in a config, and each `name=value` of its string-valued maps. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(textsOf)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([name, inner]) => [...textsOf(inner), ...(typeof inner === 'string' ? [`${name}=${inner}`] : [])])
}

describe('each text input with each payload: refused naming the input, or kept as the literal text', () => {
  it('through the action inputs and validation (nothing runs, nothing is lost)', () => {
    let accepted = 0
    let refused = 0
    for (const [key, spec] of STRING_OPTIONS) {
      for (const payload of payloads()) {
        for (const value of [payload, ...(SHAPED[key] ? [SHAPED[key](payload)] : [])]) {
          const inputs: Record<string, string> = { ...fake.baseInputs, [spec.input]: value }
          let config: RunConfig | undefined
          let read: ActionInputs
          try {
            read = actionInputsFrom((name) => inputs[name] ?? RUN_OPTION_ENTRIES.find(([, other]) => other.input === name)?.[1].default ?? '')
            const customVariants = loadCustomVariants(read.config, actionInputSource(fake.workspace))
            config = validateRunOptions(read, ACTION_INPUT_NAMES, runEnvironment(fake.workspace, { HOME: root }), { requireExtension: false, customVariants })
          } catch (error) {
            expect(error, `${spec.input}: ${JSON.stringify(value)}`).toBeInstanceOf(ConfigError)
            expect((error as Error).message).toContain(`input '${spec.input}'`)
            refused++
            continue
          }
          accepted++
          // build-env skips a line starting with '#' as a comment (config/build-env.ts): nothing of it is kept, by design.
          if (key === 'buildEnv' && value.trim().startsWith('#')) continue
          // What was kept, it kept whole: every word of the value is in the config as typed (a path resolved, a command split, NAME=value parsed).
          // The action's own inputs (artifact upload) are not part of a run's config: they are kept as read.
          const kept = textsOf(spec.flag === null ? read : config).join('\n')
          for (const word of value.split(/\s+/).filter(Boolean)) expect(kept, `${spec.input}: ${JSON.stringify(value)}`).toContain(word)
        }
      }
    }
    expect(accepted).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
    nothingRan()
  })
})

describe('test-command and build-command reach their process as the words typed, never through a shell', () => {
  it('formatArgv quotes any argv so that splitCommandLine reads back the same words (what the log shows is what runs)', () => {
    const word = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...payloads())).map((text) => text.replaceAll('\u0000', ''))
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (argv) => {
        const split = splitCommandLine(formatArgv(argv))
        // Only an argv that is empty or blank at both ends cannot come back: the text is trimmed and an empty command refused.
        if (!split.ok) return
        const expanded = expandCommand(split.command, {})
        expect(expanded).toEqual({ ok: true, argv })
      }),
      { seed: 15, numRuns: 1000 },
    )
  }, 60_000)

  it('a real process gets each payload as one argument, and $NAME expands to a payload without splitting or running it', async () => {
    const text = `${process.execPath} -e "process.stdout.write(JSON.stringify(process.argv.slice(1)))" ${formatArgv(payloads())} $INJECTED "\${INJECTED}"`
    const split = splitCommandLine(text)
    expect(split.ok).toBe(true)
    const expanded = expandCommand((split as Extract<typeof split, { ok: true }>).command, { INJECTED: payloads()[1] })
    expect(expanded.ok).toBe(true)
    const argv = (expanded as Extract<typeof expanded, { ok: true }>).argv
    const result = await createProcessRunner({ PATH: process.env.PATH }).run({ argv, cwd: root, logPath: path.join(root, 'echo.log'), captureStdout: true })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([...payloads(), payloads()[1], payloads()[1]])
    nothingRan()
  })

  it.each(['; touch PWNED', '$(touch PWNED)', '`touch PWNED`', 'a && b', 'a | b', 'a > b', 'line\nnext', 'a *'])(
    'unquoted, %j is refused, naming what a shell would have done',
    (text) => {
      const split = splitCommandLine(`python ${text}`)
      expect(split.ok).toBe(false)
      expect((split as { problem: string }).problem).toMatch(/command|pipes|redirects|line break|glob/)
    },
  )
})

describe('the main action, run for real with every payload in its inputs', () => {
  const singleLine = () => payloads().filter((payload) => !payload.includes('\n'))

  it('its processes get the payloads literally, nothing is executed, and the runner log holds only our own workflow commands', async () => {
    // A project folder named like a command: its name is in the log's lines.
    const project = 'project ##[error]from a folder name'
    mkdirSync(path.join(fake.workspace, project, 'tests'), { recursive: true })
    const run = await runMainAction(fake, {
      extension: project,
      'build-command': `${fake.recorderCommand('build')} ${formatArgv(payloads())} $INJECTED_0`,
      'test-command': `${fake.recorderCommand('test')} ${formatArgv(payloads())}`,
      'build-env': singleLine()
        .map((payload, index) => `INJECTED_${index}=${payload}`)
        .join('\n'),
      out: `out ${payloads()[1]}`,
      'artifact-name': payloads()[6],
    })
    const log = `${run.stdout}${run.stderr}`

    const processes = recordedProcesses(fake)
    expect(processes.map((recorded) => recorded.role)).toEqual(['build', 'test'])
    expect(processes[0].argv).toEqual([...payloads(), singleLine()[0]])
    expect(processes[0].env).toEqual(Object.fromEntries(singleLine().map((payload, index) => [`INJECTED_${index}`, payload])))
    expect(processes[1].argv).toEqual(payloads())
    nothingRan()

    const ours = /^::(group|endgroup|error|warning|notice|debug)( [^:]*)?::/
    const commands = workflowCommandLines(log)
    expect(commands.length, log).toBeGreaterThan(0)
    for (const line of commands) {
      const fence = /^::stop-commands::(.*)$/.exec(line.trimStart())
      if (fence) expect(fence[1], line).toMatch(/^pydebug-[0-9a-f-]{36}$/)
      else expect(line.trimStart(), `a workflow command no pydebug code wrote:\n${line}\n\nin\n${log}`).toMatch(ours)
    }
    // What the test command printed stays in its log file.
    for (const printed of PRINTED_COMMANDS) expect(log.split('\n')).not.toContain(printed)
  }, 120_000)
})
