import * as core from '@actions/core'
import { explicitConfigPath } from './matrix-config.js'
import { booleanDefaultOf, RUN_OPTION_ENTRIES, type RunOptionSpec, type RunOptionsInput } from './run-option-table.js'

/** The main action's inputs, as the validation takes them; the action's own (artifact upload) are set. */
export type ActionInputs = RunOptionsInput & { readonly uploadArtifact: boolean; readonly artifactName: string }

/**
 * Every input of the option table (its names are action.yml's), read with `inputValue`: text as
 * typed, booleans as true / yes / 1 (anything else is false, empty the table's default), and
 * `config` with its default path taken as unset (explicitConfigPath). Pure, so tests pass their own.
 */
export function actionInputsFrom(inputValue: (name: string) => string): ActionInputs {
  const inputOf = (spec: RunOptionSpec) => {
    const text = inputValue(spec.input)
    if (spec.kind !== 'boolean') return text
    const value = text.trim().toLowerCase()
    return value === '' ? booleanDefaultOf(spec) : ['true', 'yes', '1'].includes(value)
  }
  const inputs = Object.fromEntries(RUN_OPTION_ENTRIES.map(([key, spec]) => [key, inputOf(spec)])) as unknown as ActionInputs
  return { ...inputs, config: explicitConfigPath(inputs.config ?? '') }
}

/** The only reader of the main action's inputs. */
export function readActionInputs(): ActionInputs {
  return actionInputsFrom((name) => core.getInput(name))
}

export { ACTION_INPUT_NAMES } from './run-option-table.js'
