import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionInputsFrom } from '../../../src/config/action-inputs.js'
import { DEFAULT_MATRIX_CONFIG_PATH } from '../../../src/config/matrix-config.js'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, CLI_RUN_OPTION_ENTRIES, RUN_OPTION_ENTRIES, RUN_OPTIONS } from '../../../src/config/run-option-table.js'
import { validateRunOptions } from '../../../src/config/run-config.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

interface DeclaredInput {
  readonly description?: string
  readonly default?: unknown
  readonly required?: boolean
}
const manifest = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, DeclaredInput> }
const declared = Object.entries(manifest.inputs)

// action.yml is what the runner reads; the table is what the code reads. They must say the same.
describe("action.yml's inputs are the run option table", () => {
  it('has every input of the table and no other, in the same order', () => {
    expect(declared.map(([name]) => name)).toEqual(RUN_OPTION_ENTRIES.map(([, spec]) => spec.input))
  })

  it.each(RUN_OPTION_ENTRIES.map(([key, spec]) => [spec.input, key, spec] as const))(
    '%s: default, required and description as the table has them',
    (input, _key, spec) => {
      const declaration = manifest.inputs[input]
      expect(declaration, `action.yml declares no input '${input}'`).toBeDefined()
      // The runner passes a declared default as a string; YAML's `default: true` would also read as 'true'.
      expect(declaration.default === undefined ? undefined : String(declaration.default)).toBe(spec.default)
      expect(declaration.required ?? false).toBe(!('default' in spec))
      expect(declaration.description).toBe(spec.description)
    },
  )

  it.each(RUN_OPTION_ENTRIES.filter(([, spec]) => spec.allowed).map(([, spec]) => [spec.input, spec] as const))(
    '%s names each allowed value in its description',
    (_input, spec) => {
      for (const value of spec.allowed!) expect(spec.description).toMatch(new RegExp(`\\b${value}\\b`))
    },
  )

  it('gives every option with a value a placeholder for --help, and on/off options true or false defaults', () => {
    for (const [key, spec] of RUN_OPTION_ENTRIES) {
      if (spec.kind === 'boolean') expect(['true', 'false'], key).toContain(spec.default)
      else if (CLI_RUN_OPTION_ENTRIES.some((entry) => entry.key === key)) expect(spec.placeholder, key).toMatch(/\S/)
    }
  })
})

describe('names in messages come from the table', () => {
  it('spells a flag --<flag> and an input as action.yml declares it', () => {
    expect([CLI_OPTION_NAMES.python, CLI_OPTION_NAMES.testCommandTimeout, CLI_OPTION_NAMES.config]).toEqual(['--python', '--test-command-timeout', '--config'])
    expect([ACTION_INPUT_NAMES.python, ACTION_INPUT_NAMES.testCommandTimeout, ACTION_INPUT_NAMES.artifactName]).toEqual([
      "input 'python-version'",
      "input 'test-command-timeout'",
      "input 'artifact-name'",
    ])
    expect(Object.keys(CLI_OPTION_NAMES)).not.toContain('uploadArtifact')
    expect(Object.keys(ACTION_INPUT_NAMES)).toEqual(Object.keys(RUN_OPTIONS))
  })
})

describe('the action input reader', () => {
  const read = (given: Record<string, string>) => {
    const asked: string[] = []
    const inputs = actionInputsFrom((name) => {
      asked.push(name)
      return given[name] ?? ''
    })
    return { inputs, asked }
  }

  it('reads every input of the table, once', () => {
    expect(read({}).asked).toEqual(RUN_OPTION_ENTRIES.map(([, spec]) => spec.input))
  })

  it('reads on/off inputs as true, yes or 1, takes the default when empty, and the default config path as unset', () => {
    expect(read({}).inputs).toMatchObject({ rebuildExtensions: false, keepBuildTree: false, uploadArtifact: true, config: undefined })
    expect(read({ 'rebuild-extensions': 'Yes', 'keep-build-tree': '1', 'upload-artifact': 'no' }).inputs).toMatchObject({
      rebuildExtensions: true,
      keepBuildTree: true,
      uploadArtifact: false,
    })
    expect(read({ config: DEFAULT_MATRIX_CONFIG_PATH }).inputs.config).toBeUndefined()
    expect(read({ config: 'ci/pydebug.yml', 'python-version': '3.11.2' }).inputs).toMatchObject({ config: 'ci/pydebug.yml', python: '3.11.2' })
  })

  it("validates action.yml's defaults to the same config as the table's defaults left unset", () => {
    const defaults = Object.fromEntries(declared.map(([name, declaration]) => [name, declaration.default === undefined ? '' : String(declaration.default)]))
    const fromAction = read({ ...defaults, 'python-version': '3.11.2' }).inputs
    const options = { requireExtension: false }
    expect(validateRunOptions(fromAction, ACTION_INPUT_NAMES, fakeRunEnvironment(), options)).toEqual(
      validateRunOptions({ python: '3.11.2' }, CLI_OPTION_NAMES, fakeRunEnvironment(), options),
    )
  })
})
