import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MATRIX_CONFIG_PATH } from '../../../src/config/matrix-config.js'
import { loadCustomVariants, loadMatrixInput, readConfigFile } from '../../../src/config/matrix-input.js'
import { actionInputSource, commandLineSource } from '../../../src/config/option-names.js'
import { configErrorOf as errorOf } from './config-error-of.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-matrix-input-'))
})
const write = (relative: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
  writeFileSync(path.join(root, relative), text)
}

describe('readConfigFile, the one reader of the pydebug config file', () => {
  it('reads the default file only when it exists; empty or blank counts as unset', () => {
    expect(readConfigFile(undefined, commandLineSource(root))).toEqual({ input: {}, warnings: [] })
    write(DEFAULT_MATRIX_CONFIG_PATH, 'python: ["3.12"]\n')
    for (const given of [undefined, '', '  '])
      expect(readConfigFile(given, commandLineSource(root)).input.python).toEqual([{ text: '3.12', where: `${DEFAULT_MATRIX_CONFIG_PATH}:1:10` }])
  })

  it('names a file as the user gave it in its messages', () => {
    write('ci/matrix.yml', 'pyhton: ["3.12"]\n')
    expect(errorOf(() => readConfigFile('ci/matrix.yml', actionInputSource(root)))).toMatch(/^ci\/matrix\.yml:1:1: unknown key 'pyhton'/)
  })

  it('words a missing file one way, naming the option, the path and what is allowed, on either surface', () => {
    const file = path.join(root, 'ci/pydebug.yml')
    expect(errorOf(() => readConfigFile('ci/pydebug.yml', commandLineSource(root)))).toBe(
      `--config 'ci/pydebug.yml': no such file (${file}). Give the path of a pydebug config file relative to the working directory, or leave --config unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists.`,
    )
    expect(errorOf(() => readConfigFile('ci/pydebug.yml', actionInputSource(root)))).toBe(
      `input 'config' 'ci/pydebug.yml': no such file (${file}). Give the path of a pydebug config file relative to the workspace (check out the repository before this step), or leave input 'config' unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists.`,
    )
  })

  it('says what went wrong with a path that is there but cannot be read, the default one too', () => {
    mkdirSync(path.join(root, 'ci'))
    expect(errorOf(() => readConfigFile('ci', commandLineSource(root)))).toMatch(
      /^--config 'ci': cannot read .*ci \(EISDIR\)\. Give the path of a pydebug config file/,
    )
    mkdirSync(path.join(root, DEFAULT_MATRIX_CONFIG_PATH), { recursive: true })
    expect(errorOf(() => readConfigFile(undefined, actionInputSource(root)))).toMatch(
      /^input 'config' unset reads \.github\/pydebug\.yml, but it cannot be read \(.*: EISDIR\)\./,
    )
  })

  it('gives the custom variants a run may name, or none', () => {
    expect(loadCustomVariants(undefined, commandLineSource(root))).toEqual([])
    write(DEFAULT_MATRIX_CONFIG_PATH, 'custom-variants:\n  mine:\n    configure-args: [--with-pydebug]\n')
    expect(loadCustomVariants(undefined, commandLineSource(root)).map((variant) => variant.name)).toEqual(['mine'])
  })
})

describe('loadMatrixInput: the config file with flags or inputs over it', () => {
  it('overrides key by key, keeps what is unset, and lets false override the file', () => {
    write(DEFAULT_MATRIX_CONFIG_PATH, 'python: ["3.9"]\nvariants: [asan]\nstrict: true\nsplit: true\nmax-jobs: 10\n')
    const { input } = loadMatrixInput(undefined, { python: '3.12,3.13', strict: false, 'max-jobs': '20' }, commandLineSource(root))
    expect(input).toMatchObject({
      python: [
        { text: '3.12', where: '--python' },
        { text: '3.13', where: '--python' },
      ],
      variants: [{ text: 'asan', where: `${DEFAULT_MATRIX_CONFIG_PATH}:2:12` }],
      strict: false,
      split: true,
      maxJobs: { text: '20', where: '--max-jobs' },
    })
  })

  it('names each override as its surface spells it', () => {
    const { input } = loadMatrixInput(undefined, { skip: 'cp39-*', 'cpython-tests-shards': '2' }, actionInputSource(root))
    expect([input.skip?.[0].where, input.cpythonTestsShards?.where]).toEqual(["input 'skip'", "input 'cpython-tests-shards'"])
  })
})
