import { describe, expect, it } from 'vitest'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'

const environment = fakeRunEnvironment
const extension = { '/work/project/ext': 'directory', '/work/project/ext/tests': 'directory' } as const

describe('cpython-tests options', () => {
  it('default to none with an extension and to quick (make quicktest) without', () => {
    expect(
      validateRunOptions({ python: '3.11.2', extension: 'ext' }, CLI_OPTION_NAMES, environment(extension), { requireExtension: true }).cpythonTests,
    ).toEqual({ kind: 'none' })
    expect(validateRunOptions({ python: '3.11.2' }, CLI_OPTION_NAMES, environment(), { requireExtension: false }).cpythonTests).toEqual({ kind: 'quick' })
  })

  it('make the extension optional for pydebug run when they ask for CPython tests', () => {
    const config = validateRunOptions({ python: '3.11.2', cpythonTests: 'test_int test_bool', cpythonTestsShard: '2/3' }, CLI_OPTION_NAMES, environment(), {
      requireExtension: true,
    })
    expect(config).toMatchObject({ cpythonTests: { kind: 'args', args: ['test_int', 'test_bool'] }, cpythonTestsShard: { index: 2, count: 3 } })
    expect(() => validateRunOptions({ python: '3.11.2' }, CLI_OPTION_NAMES, environment(), { requireExtension: true })).toThrow(
      /--extension is required.*unless --cpython-tests/,
    )
  })

  it.each([
    [{ cpythonTests: "'test_int'" }, /^input 'cpython-tests' ''test_int'' is not allowed: quotes and backslashes/],
    [{ cpythonTests: 'quik' }, /^input 'cpython-tests' 'quik' is not allowed: expected none, quick, full or regrtest arguments.*Allowed: none, quick, full/],
    [{ cpythonTestsShard: '5/4' }, /^input 'cpython-tests-shard' '5\/4' is not allowed: expected INDEX\/COUNT/],
    [{ cpythonTests: 'none', cpythonTestsShard: '1/2' }, /needs input 'cpython-tests'/],
    [{ cpythonTestsDurations: 'old/report.json' }, /^input 'cpython-tests-durations' 'old\/report.json': no such file/],
  ])('refuse %o naming the input, the value and what is allowed', (input, message) => {
    expect(() => validateRunOptions({ python: '3.11.2', ...input }, ACTION_INPUT_NAMES, environment(), { requireExtension: false })).toThrow(message)
  })
})
