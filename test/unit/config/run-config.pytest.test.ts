import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { CLI_OPTION_NAMES, parseTestRequirements, validateRunOptions } from '../../../src/config/run-config.js'

const environment = {
  cwd: '/work',
  homeDir: '/home/u',
  env: {},
  cpuCount: 2,
  pathKind: (p: string) => (p.endsWith('.tgz') ? ('file' as const) : ('directory' as const)),
}
const validate = (input: Parameters<typeof validateRunOptions>[0]) =>
  validateRunOptions({ python: '3.11.2', extension: 'ext', ...input }, CLI_OPTION_NAMES, environment, { requireExtension: true })

describe('test-runner and test-requirements', () => {
  it('defaults to choosing the runner from the project, with nothing to install', () => {
    expect(validate({})).toMatchObject({ testRunner: 'auto', testRequirements: [] })
  })

  it('takes requirement specifiers separated by spaces or newlines, as the CLI (repeated flags) and the action (one multi-line input) give them', () => {
    expect(validate({ testRequirements: 'pytest hypothesis>=6,<7\n  pytest-timeout\n', testRunner: 'pytest' })).toMatchObject({
      testRunner: 'pytest',
      testRequirements: ['pytest', 'hypothesis>=6,<7', 'pytest-timeout'],
    })
  })

  it('refuses pip options and unknown runners, naming the input, the value and what is allowed', () => {
    expect(() => parseTestRequirements('pytest -r requirements.txt', "input 'test-requirements'")).toThrow(ConfigError)
    expect(() => parseTestRequirements('pytest --index-url https://x', '--test-requirements')).toThrow(
      /--test-requirements 'pytest --index-url https:\/\/x' is not allowed: '--index-url' is a pip option\. .*PIP_INDEX_URL/,
    )
    expect(() => validate({ testRunner: 'nose' })).toThrow(/--test-runner 'nose' is not allowed\. Allowed: auto, pytest, regrtest/)
  })
})
