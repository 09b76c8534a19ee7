import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runEnvironment } from '../../../src/adapters/run-environment.js'
import { parseRunConfig } from '../../../src/cli/run-options.js'
import { actionInputsFrom } from '../../../src/config/action-inputs.js'
import { validateRunOptions } from '../../../src/config/run-config.js'
import { ACTION_INPUT_NAMES, CLI_RUN_OPTION_ENTRIES, RUN_OPTION_ENTRIES, type RunOptionKey } from '../../../src/config/run-option-table.js'
import { cli } from '../../../src/entry/cli.js'
import { captureIo } from '../../helpers/cli-io.js'

const helpOf = async (command: string) => {
  const io = captureIo(os.tmpdir())
  expect(await cli([command, '--help'], io)).toBe(0)
  return io.out
}
// --help wraps descriptions: compare words, not lines.
const words = (text: string) => text.replace(/\s+/g, ' ')

describe('pydebug run --help', () => {
  it('lists every flag of the run option table with its description and default, and none of the action-only inputs', async () => {
    const help = words(await helpOf('run'))
    for (const { flag, spec } of CLI_RUN_OPTION_ENTRIES) {
      expect(help).toContain(
        spec.kind === 'boolean' ? ` --[no-]${flag} ${words(spec.description)}` : ` --${flag} ${spec.placeholder} ${words(spec.description)}`,
      )
      if (spec.kind !== 'boolean' && spec.default) expect(help).toContain(`${words(spec.description)} Default: ${spec.default}.`)
    }
    expect(help).not.toMatch(/--upload-artifact|--artifact-name/)
  })

  it("names build's options from the same table", async () => {
    expect((await helpOf('build')).split('\n')[0]).toBe(
      'Usage: pydebug build --python X.Y.Z [--variant NAME] [--config FILE] [--source SRC] [--sha256 HEX] [--cache-dir DIR] [--out DIR] [--jobs N] [--[no-]keep-build-tree] [--configure-timeout MIN] [--make-timeout MIN] [--install-timeout MIN] [--log-limit MB]',
    )
  })
})

describe('the command line and the action read the table the same way', () => {
  // One value per option that needs nothing on disk; the two surfaces must validate to the same config.
  const values: Partial<Record<RunOptionKey, string | boolean>> = {
    python: '3.13.5',
    variant: 'free-threading',
    source: 'https://mirror.example/python/{release}/Python-{version}.tgz',
    testRunner: 'pytest',
    testRequirements: 'pytest hypothesis>=6',
    testCommand: "python -m pytest -k 'not slow'",
    testCommandTimeout: '60',
    buildCommand: 'python -m pip install --target $PYDEBUG_SITE .',
    buildEnv: 'CC=clang',
    cacheDir: 'cache',
    out: 'report',
    failOn: 'leaks',
    gil: 'force-off',
    refleakRuns: '2:5',
    jobs: '3',
    testTimeout: '30',
    maxCaseRuns: '0',
    maxCaseRunsTotal: '7',
    rebuildExtensions: true,
    keepBuildTree: true,
    cpythonTests: 'test_int test_bool',
    cpythonTestsShard: '1/2',
  }

  it('gives one RunConfig from flags and from inputs', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'pydebug-surfaces-'))
    const io = captureIo(cwd)
    const argv = CLI_RUN_OPTION_ENTRIES.flatMap(({ key, flag, spec }) => {
      const value = values[key]
      if (value === undefined || value === false) return []
      if (spec.kind === 'boolean') return [`--${flag}`]
      // A list flag is repeated, once per entry, where an input has them on one line.
      return spec.kind === 'list'
        ? String(value)
            .split(' ')
            .flatMap((entry) => [`--${flag}`, entry])
        : [`--${flag}`, String(value)]
    })
    const fromCli = parseRunConfig(argv, io, { requireExtension: false })

    const inputs = Object.fromEntries(
      RUN_OPTION_ENTRIES.map(([key, spec]) => [spec.input, values[key] === undefined ? (spec.default ?? '') : String(values[key])]),
    )
    const fromAction = validateRunOptions(
      actionInputsFrom((name) => inputs[name]),
      ACTION_INPUT_NAMES,
      runEnvironment(cwd, io.env),
      { requireExtension: false },
    )
    expect(fromCli).toEqual(fromAction)
    expect(fromCli).toMatchObject({
      testRequirements: ['pytest', 'hypothesis>=6'],
      keepBuildTree: true,
      gil: 'force-off',
      jobs: 3,
      outDir: path.join(cwd, 'report'),
    })
  })

  it('takes --no-<flag> for on/off options, the last one given winning', () => {
    const io = captureIo(mkdtempSync(path.join(os.tmpdir(), 'pydebug-no-flags-')))
    const config = parseRunConfig(['--python', '3.11.2', '--keep-build-tree', '--no-keep-build-tree', '--no-rebuild-extensions'], io, {
      requireExtension: false,
    })
    expect([config.keepBuildTree, config.rebuildExtensions]).toEqual([false, false])
  })
})
