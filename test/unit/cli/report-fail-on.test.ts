import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { cli } from '../../../src/entry/cli.js'
import { captureIo } from '../../helpers/cli-io.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'
import { configErrorOf } from '../config/config-error-of.js'

// `pydebug report parse|merge --fail-on` takes the run option's values and refuses others with the
// message `pydebug run --fail-on` gives: the flag, the value, what is allowed.
describe('pydebug report --fail-on', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-report-fail-on-'))
    writeFileSync(path.join(root, 'test.log'), 'nothing a parser knows\n')
    mkdirSync(path.join(root, 'reports'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const runRefusal = (failOn: string) =>
    configErrorOf(() => validateRunOptions({ python: '3.11.2', failOn }, CLI_OPTION_NAMES, fakeRunEnvironment(), { requireExtension: false }))

  it.each([
    ['parse', 'test.log'],
    ['merge', 'reports'],
  ])('report %s refuses a value pydebug run refuses, with the same message', async (subcommand, operand) => {
    const io = captureIo(root)
    const code = await cli(['report', subcommand, operand, '--fail-on', 'errors'], io)
    expect(code).toBe(2)
    expect(io.err).toBe(`pydebug report: ${runRefusal('errors')}\n`)
    expect(io.err).toContain("--fail-on 'errors' is not allowed. Allowed: findings, leaks, new, never.")
    expect(io.out).toBe('')
  })

  // Merge, as it reads no logs: only what --fail-on does is under test.
  it('takes a blank value as unset (never), as pydebug run takes it as its default', async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'reports', '--fail-on', ' '], io)).toBe(0)
    expect(io.err).toBe('')
  })
})
