import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MATRIX_CONFIG_PATH } from '../../../src/config/matrix-config.js'
import { cli } from '../../../src/entry/cli.js'
import { captureIo } from '../../helpers/cli-io.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-matrix-cli-'))
})
const writeConfig = (text: string) => {
  mkdirSync(path.join(root, '.github'), { recursive: true })
  writeFileSync(path.join(root, DEFAULT_MATRIX_CONFIG_PATH), text)
}
const run = async (...argv: string[]) => {
  const io = captureIo(root)
  const code = await cli(argv, io)
  return { code, out: io.out, err: io.err }
}

// free-threading does not exist on 3.12: a refused cell, which strict turns into an error.
const REFUSING = 'python: ["3.12"]\nvariants: [pydebug, free-threading]\n'

describe('pydebug matrix --strict / --no-strict', () => {
  it("--no-strict turns off the config file's strict: true", async () => {
    writeConfig(`${REFUSING}strict: true\n`)
    const strict = await run('matrix')
    expect(strict.code).toBe(2)
    expect(strict.err).toMatch(/^pydebug matrix: strict: 1 cell\(s\) cannot be built as asked/)

    const relaxed = await run('matrix', '--no-strict', '--format', 'json')
    expect(relaxed.code, relaxed.err).toBe(0)
    expect(JSON.parse(relaxed.out).include.map((row: { id: string }) => row.id)).toEqual(['cp312-pydebug'])
    expect(relaxed.err).toContain('pydebug matrix: refused cp312t-free-threading')
  })

  it('--strict turns on what the config file leaves off, and the last of the two wins', async () => {
    writeConfig(`${REFUSING}strict: false\n`)
    expect((await run('matrix', '--strict')).code).toBe(2)
    expect((await run('matrix', '--strict', '--no-strict')).code).toBe(0)
    expect((await run('matrix', '--no-strict', '--strict')).code).toBe(2)
  })

  it('refuses a value after the flag, naming both spellings', async () => {
    const result = await run('matrix', '--python', '3.12', '--strict=false')
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/^pydebug matrix: Option '--strict' does not take an argument\. Allowed options: .*--\[no-\]strict/)
  })
})

describe('a --config file that is not there', () => {
  it('gets one message from pydebug matrix, run and build: the flag, the path and what is allowed', async () => {
    const file = path.join(root, 'ci', 'pydebug.yml')
    const expected = `--config 'ci/pydebug.yml': no such file (${file}). Give the path of a pydebug config file relative to the working directory, or leave --config unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists.\n`
    for (const [command, ...args] of [
      ['matrix', '--python', '3.12'],
      ['run', '--python', '3.12.0'],
      ['build', '--python', '3.12.0'],
    ]) {
      const result = await run(command, ...args, '--config', 'ci/pydebug.yml')
      expect(result.code, command).toBe(2)
      expect(result.err, command).toBe(`pydebug ${command}: ${expected}`)
    }
  })

  it('is no error when unset: the default file is read only when it exists', async () => {
    expect((await run('matrix', '--python', '3.12', '--format', 'json')).code).toBe(0)
    writeConfig('python: ["3.11"]\n')
    expect(JSON.parse((await run('matrix', '--format', 'json')).out).include[0].id).toBe('cp311-pydebug')
  })
})
