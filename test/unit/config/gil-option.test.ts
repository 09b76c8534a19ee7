import { describe, expect, it } from 'vitest'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { ConfigError } from '../../../src/errors.js'
import { planCellOrThrow } from '../../../src/steps/run-cell.js'
import { withGilMode } from '../../../src/plan/gil-mode.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'

const validate = (input: Record<string, string>, names = CLI_OPTION_NAMES) =>
  validateRunOptions({ python: '3.13.5', ...input }, names, fakeRunEnvironment(), { requireExtension: false })

describe('gil: default | force-off', () => {
  it('defaults to default, and force-off puts PYTHON_GIL=0 into the free-threaded cell the tests and the report see', () => {
    expect(validate({ variant: 'free-threading' }).gil).toBe('default')
    const config = validate({ variant: 'free-threading', gil: 'force-off' })
    expect(config.gil).toBe('force-off')
    const cell = withGilMode(planCellOrThrow(config), config.gil)
    expect(cell.runtimeEnv).toEqual({ PYTHON_GIL: '0' })
    expect(withGilMode(planCellOrThrow(config), 'default').runtimeEnv).toEqual({})
  })

  it('refuses other values, and force-off on a build with the GIL (PYTHON_GIL=0 is a fatal error there), naming the option as the user spelled it', () => {
    expect(() => validate({ variant: 'free-threading', gil: 'off' })).toThrow(new ConfigError("--gil 'off' is not allowed. Allowed: default, force-off."))
    expect(() => validate({ variant: 'pydebug', gil: 'force-off' }, ACTION_INPUT_NAMES)).toThrow(
      /^input 'gil' 'force-off' needs a free-threaded variant \(configure --disable-gil, e.g\. free-threading\); 'pydebug' has the GIL\.$/,
    )
  })
})
