import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'
import { cli } from '../../../src/entry/cli.js'
import { buildBackend } from '../../../src/steps/build-extension.js'
import { captureIo } from '../../helpers/cli-io.js'

const environment = fakeRunEnvironment
const folders = (...names: string[]) => environment(Object.fromEntries(names.map((name) => [path.join('/work/project', name), 'directory' as const])))

describe('run options for the test command, the build and several projects', () => {
  it('takes several extensions (repeated flags, or one input with lines or commas); the first one is tested', () => {
    const env = folders('pkg', 'pkg/tests', 'dep', 'other')
    const fromCli = validateRunOptions({ python: '3.11.2', extension: ['pkg', 'dep'] }, CLI_OPTION_NAMES, env, { requireExtension: true })
    expect(fromCli).toMatchObject({ extension: '/work/project/pkg', extraExtensions: ['/work/project/dep'], testsDir: '/work/project/pkg/tests' })
    const fromAction = validateRunOptions({ python: '3.11.2', extension: 'pkg\n dep, other\n' }, ACTION_INPUT_NAMES, env, { requireExtension: true })
    expect(fromAction.extraExtensions).toEqual(['/work/project/dep', '/work/project/other'])
    expect(() => validateRunOptions({ python: '3.11.2', extension: 'pkg,missing' }, ACTION_INPUT_NAMES, env, { requireExtension: true })).toThrow(
      "input 'extension' 'missing': no such directory (/work/project/missing). Give the folder of a C extension project (with setup.py or pyproject.toml).",
    )
    expect(() => validateRunOptions({ python: '3.11.2', extension: ['pkg', './pkg'] }, CLI_OPTION_NAMES, env, { requireExtension: true })).toThrow(
      '--extension names /work/project/pkg twice; give each project once.',
    )
  })

  it('splits test-command and build-command without a shell, and needs no tests/ folder with a test command', () => {
    const config = validateRunOptions(
      {
        python: '3.11.2',
        extension: 'dep',
        testCommand: "python -m pytest -k 'not slow'",
        buildCommand: 'python -m pip install --no-build-isolation --target $PYDEBUG_SITE .',
        buildEnv: ['CC=clang'],
      },
      CLI_OPTION_NAMES,
      folders('dep'),
      { requireExtension: true },
    )
    expect(config.testCommand?.words.length).toBe(5)
    expect(config.buildCommand?.text).toBe('python -m pip install --no-build-isolation --target $PYDEBUG_SITE .')
    expect(config.buildEnv).toEqual({ CC: 'clang' })
    expect(() => validateRunOptions({ python: '3.11.2', extension: 'dep' }, CLI_OPTION_NAMES, folders('dep'), { requireExtension: true })).toThrow(
      /or run your own test command with --test-command\.$/,
    )
  })

  it('refuses shell syntax with the input, the value, the reason and what to do instead', () => {
    expect(() =>
      validateRunOptions({ python: '3.11.2', extension: 'dep', testCommand: 'pytest tests && echo ok' }, ACTION_INPUT_NAMES, folders('dep'), {
        requireExtension: true,
      }),
    ).toThrow(
      "input 'test-command' 'pytest tests && echo ok' is not allowed: '&' at character 14 runs a command in the background or chains commands (&&). pydebug runs the command without a shell (one program and its arguments; quotes, backslashes and $NAME work as in sh). Put anything more (several commands, pipes, redirections) in a script and give that, e.g. 'bash scripts/test.sh'.",
    )
    expect(() =>
      validateRunOptions({ python: '3.11.2', buildCommand: 'make > build.log' }, CLI_OPTION_NAMES, environment(), { requireExtension: false }),
    ).toThrow(/^--build-command 'make > build\.log' is not allowed: '>' at character 6 redirects output\./)
    expect(() => validateRunOptions({ python: '3.11.2', buildEnv: 'CC clang' }, ACTION_INPUT_NAMES, environment(), { requireExtension: false })).toThrow(
      /^input 'build-env' line 1 'CC clang' is not allowed/,
    )
  })
})

describe('how a project is built, from its files', () => {
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pydebug-backend-'))
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
    return dir
  }
  it('setup.py first; pyproject.toml without a backend or with setuptools; any other PEP 517 backend by name', async () => {
    expect(await buildBackend(project({ 'setup.py': '', 'pyproject.toml': '[build-system]\nbuild-backend = "mesonpy"\n' }))).toEqual({ kind: 'setup.py' })
    expect(await buildBackend(project({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n' }))).toEqual({ kind: 'setuptools' })
    expect(await buildBackend(project({ 'pyproject.toml': '[build-system]\nbuild-backend = "setuptools.build_meta"\n' }))).toEqual({ kind: 'setuptools' })
    expect(
      await buildBackend(project({ 'pyproject.toml': '[build-system]\nrequires = ["meson-python>=0.13", "meson"]\nbuild-backend = "mesonpy"\n' })),
    ).toEqual({
      kind: 'other',
      name: 'mesonpy',
      module: 'mesonpy',
      requires: ['meson-python>=0.13', 'meson'],
    })
    expect(
      await buildBackend(project({ 'pyproject.toml': "[build-system]\nrequires = ['scikit-build-core']\nbuild-backend = 'scikit_build_core.build'\n" })),
    ).toMatchObject({ kind: 'other', module: 'scikit_build_core.build' })
    expect(await buildBackend(project({ 'pyproject.toml': '[build-system]\nbuild-backend = "backend"\nbackend-path = ["_build"]\n' }))).toEqual({
      kind: 'other',
      name: 'backend',
      requires: [],
    })
    expect(await buildBackend(project({ 'README.md': '' }))).toEqual({ kind: 'none' })
  })
})

// A real failing build against the system python3 would need an interpreter install record; the e2e
// test (test/e2e/test-command.test.ts) builds examples/clang-only with gcc against the cached debug
// interpreter. Here: the CLI refuses bad input before anything is built.
describe('pydebug run with bad test-command input', () => {
  it('exits 2 naming the flag', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-badcmd-'))
    mkdirSync(path.join(root, 'ext'))
    const io = captureIo(root)
    await expect(
      cli(['run', '--python', '3.11.2', '--extension', 'ext', '--test-command', 'pytest | tee log', '--out', path.join(root, 'out')], io),
    ).resolves.toBe(2)
    expect(io.err).toContain("--test-command 'pytest | tee log' is not allowed: '|' at character 8 pipes into or chains commands (|, ||).")
    expect(() => readFileSync(path.join(root, 'out', 'report.json'))).toThrow()
  })
})
