import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseRunConfig } from '../../../src/cli/run-options.js'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { RUN_OPTIONS } from '../../../src/config/run-option-table.js'
import { BUILD_PHASES, timeoutInputOf } from '../../../src/plan/build-phases.js'
import { captureIo } from '../../helpers/cli-io.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'
import { configErrorOf } from './config-error-of.js'

const validate = (input: Parameters<typeof validateRunOptions>[0], names = CLI_OPTION_NAMES) =>
  validateRunOptions({ python: '3.11.2', ...input }, names, fakeRunEnvironment(), { requireExtension: false })

describe('source-sha256 (--sha256)', () => {
  const digest = '2411C74BDA5BBCFCDDAF4531F66D1ADC73F247F529AEE981B029513AEFDBF849'

  it('is unset by default, and read in any case (with or without sha256:) as lowercase hex', () => {
    expect(validate({}).sourceSha256).toBeUndefined()
    expect(validate({ sourceSha256: digest }).sourceSha256).toBe(digest.toLowerCase())
    expect(validate({ sourceSha256: ` sha256:${digest} ` }).sourceSha256).toBe(digest.toLowerCase())
    const io = captureIo(os.tmpdir())
    expect(parseRunConfig(['--python', '3.11.2', '--sha256', digest], io, { requireExtension: false }).sourceSha256).toBe(digest.toLowerCase())
  })

  it('refuses what is not a SHA-256, naming the option, the value and what is allowed', () => {
    expect(configErrorOf(() => validate({ sourceSha256: 'abc123' }))).toBe(
      "--sha256 'abc123' is not allowed: expected a SHA-256 as 64 hexadecimal digits (what sha256sum prints for the tarball), optionally after 'sha256:'.",
    )
    expect(configErrorOf(() => validate({ sourceSha256: `${'g'.repeat(64)}` }, ACTION_INPUT_NAMES))).toMatch(/^input 'source-sha256' 'g{64}' is not allowed: /)
  })
})

describe('configure-timeout, make-timeout, install-timeout', () => {
  it('are 15, 40 and 60 minutes unless given, in seconds for the build step', () => {
    expect(validate({}).buildTimeouts).toEqual({ configure: 900, make: 2400, install: 3600 })
    expect(validate({ configureTimeout: '2', makeTimeout: '90', installTimeout: '1' }).buildTimeouts).toEqual({ configure: 120, make: 5400, install: 60 })
  })

  it('refuse what is not a whole number of minutes from 1, naming the option and the value', () => {
    expect(configErrorOf(() => validate({ makeTimeout: '0' }))).toBe("--make-timeout '0' is not allowed: expected a whole number 1 or more.")
    expect(configErrorOf(() => validate({ configureTimeout: '1.5' }, ACTION_INPUT_NAMES))).toBe(
      "input 'configure-timeout' '1.5' is not allowed: expected a whole number 1 or more.",
    )
  })

  it('are the inputs the stalled-phase message names', () => {
    const inputs = [RUN_OPTIONS.configureTimeout.input, RUN_OPTIONS.makeTimeout.input, RUN_OPTIONS.installTimeout.input]
    expect(BUILD_PHASES.map(timeoutInputOf)).toEqual(inputs)
  })
})
