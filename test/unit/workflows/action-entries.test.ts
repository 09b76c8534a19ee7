/**
 * Every action entry run the way the runner calls it: each input of its action.yml set from the
 * declared default unless the test gives a value, in a workspace of the test's own. The entries run
 * from src/ (through tsx), so these tests see the code before anyone rebuilds dist/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { DEFAULT_MATRIX_CONFIG_PATH } from '../../../src/config/matrix-config.js'
import { runAction, type ActionRun } from '../../helpers/run-action.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

const MAIN_ACTION = REPO_ROOT
const MATRIX_ACTION = path.join(REPO_ROOT, 'matrix')

// What the reusable workflow passes as `config:` to both actions when its caller leaves it alone.
const reusableWorkflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/pydebug.yml'), 'utf8')) as {
  on: { workflow_call: { inputs: Record<string, { default?: unknown }> } }
}
const FORWARDED_CONFIG = String(reusableWorkflow.on.workflow_call.inputs.config.default)

// A run's full text goes into assertion messages: a failure then shows what the entry printed.
const printed = (run: ActionRun) => `exit ${run.code}\n${run.stdout}${run.stderr}`
const errorsOf = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)

let workspace: string
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'pydebug-entry-workspace-'))
})
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true })
})

function writeWorkspaceFile(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
  writeFileSync(path.join(workspace, relative), text)
}

/**
 * Both actions read the config file with one loader (src/config/matrix-input.ts), so a path the
 * user gave that is not there fails alike: one error naming the input, the value and where it was
 * looked for, and what is allowed instead (a path in the workspace, or the default left unset).
 */
function expectMissingConfigError(run: ActionRun, given: string): void {
  expect(run.code, printed(run)).toBe(1)
  const errors = errorsOf(run)
  expect(errors, printed(run)).toHaveLength(1)
  expect(errors[0]).toContain(`input 'config' '${given}': no such file (${path.join(workspace, given)})`)
  expect(errors[0]).toContain('relative to the workspace (check out the repository before this step)')
  expect(errors[0]).toContain(`leave input 'config' unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists`)
}

// A tsx start of the main entry takes seconds on a busy machine: it compiles the Actions toolkit.
const SPAWNED = { timeout: 60_000 }

describe('the matrix action (matrix/action.yml), with its defaults applied', SPAWNED, () => {
  const runMatrix = (inputs: Record<string, string>) => runAction(MATRIX_ACTION, inputs, { workspace, from: 'src' })
  const plannedIds = (run: ActionRun) => (JSON.parse(run.outputs.matrix) as { include: { id: string }[] }).include.map((row) => row.id)

  it(`plans from the inputs alone in a workspace without ${DEFAULT_MATRIX_CONFIG_PATH}`, async () => {
    const run = await runMatrix({ python: '3.12', variants: 'pydebug, trace-refs' })
    expect(run.code, printed(run)).toBe(0)
    expect(errorsOf(run)).toEqual([])
    expect(plannedIds(run)).toEqual(['cp312-pydebug', 'cp312-trace-refs'])
    expect(run.outputs.count).toBe('2')
  })

  it(`reads ${DEFAULT_MATRIX_CONFIG_PATH} when it exists`, async () => {
    writeWorkspaceFile(DEFAULT_MATRIX_CONFIG_PATH, 'python: ["3.13"]\nvariants: [pydebug, free-threading]\n')
    const run = await runMatrix({})
    expect(run.code, printed(run)).toBe(0)
    expect(plannedIds(run)).toEqual(['cp313-pydebug', 'cp313t-free-threading'])
  })

  it(`treats config '${FORWARDED_CONFIG}' (what the reusable workflow forwards) as the default: skipped when missing`, async () => {
    const run = await runMatrix({ config: FORWARDED_CONFIG, python: '3.12' })
    expect(run.code, printed(run)).toBe(0)
    expect(plannedIds(run)).toEqual(['cp312-pydebug'])
  })

  it('reads a config file at another path the user gave', async () => {
    writeWorkspaceFile('ci/pydebug-matrix.yml', 'python: ["3.11"]\nvariants: [valgrind]\n')
    const run = await runMatrix({ config: 'ci/pydebug-matrix.yml' })
    expect(run.code, printed(run)).toBe(0)
    expect(plannedIds(run)).toEqual(['cp311-valgrind'])
  })

  it('fails naming the input, the value and what it expects when a config path the user gave does not exist', async () => {
    const run = await runMatrix({ config: 'ci/pydebug-matrix.yml', python: '3.12' })
    expectMissingConfigError(run, 'ci/pydebug-matrix.yml')
    expect(run.outputs.matrix).toBeUndefined()
  })
})

describe('the main action (action.yml), with its defaults applied (checks that fail before any build)', SPAWNED, () => {
  const runMain = (inputs: Record<string, string>) => runAction(MAIN_ACTION, inputs, { workspace, from: 'src' })
  const badPythonError =
    "input 'python-version' '3.11' is not a CPython release version: expected X.Y.Z (e.g. 3.11.2), optionally with a pre-release suffix (e.g. 3.14.0rc1)."

  it('fails with the error naming python-version for a bad python-version', async () => {
    const run = await runMain({ 'python-version': '3.11' })
    expect(run.code, printed(run)).toBe(1)
    expect(errorsOf(run)).toEqual([badPythonError])
  })

  it(`treats config '${FORWARDED_CONFIG}' (what the reusable workflow forwards) as the default: no error of its own when missing`, async () => {
    const run = await runMain({ 'python-version': '3.11', config: FORWARDED_CONFIG })
    expect(run.code, printed(run)).toBe(1)
    expect(errorsOf(run)).toEqual([badPythonError])
  })

  it(`takes custom variants from ${DEFAULT_MATRIX_CONFIG_PATH} when it exists, and has none without it`, async () => {
    // A bad fail-on stops the run after the variant is resolved and before any build.
    const inputs = { 'python-version': '3.12.0', variant: 'pydebug-o0', 'fail-on': 'sometimes' }
    const withoutFile = await runMain(inputs)
    expect(errorsOf(withoutFile)[0], printed(withoutFile)).toMatch(/^input 'variant' 'pydebug-o0' is not a known variant\./)

    writeWorkspaceFile(
      DEFAULT_MATRIX_CONFIG_PATH,
      'custom-variants:\n  pydebug-o0:\n    summary: pydebug without optimisation\n    configure-args: [--with-pydebug]\n',
    )
    const withFile = await runMain(inputs)
    expect(withFile.code, printed(withFile)).toBe(1)
    expect(errorsOf(withFile)).toEqual(["input 'fail-on' 'sometimes' is not allowed. Allowed: findings, leaks, new, never."])
  })

  it('fails naming the input, the value and what it expects when a config path the user gave does not exist', async () => {
    const run = await runMain({ 'python-version': '3.12.0', config: 'ci/pydebug.yml' })
    expectMissingConfigError(run, 'ci/pydebug.yml')
  })
})
