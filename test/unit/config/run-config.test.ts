import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTION_INPUT_NAMES, CLI_OPTION_NAMES, defaultCacheDir, validateRunOptions } from '../../../src/config/run-config.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'

const environment = fakeRunEnvironment

describe('validateRunOptions', () => {
  it('fills every default', () => {
    const config = validateRunOptions({ python: '3.11.2' }, CLI_OPTION_NAMES, environment(), { requireExtension: false })
    expect(config).toMatchObject({
      python: { major: 3, minor: 11, patch: 2, text: '3.11.2' },
      variant: { name: 'pydebug' },
      source: { kind: 'url', url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' },
      cacheDir: '/home/user/.cache/pydebug',
      outDir: '/work/project/pydebug-out',
      failOn: 'findings',
      refleak: { warmups: 3, runs: 3 },
      jobs: 2,
      testTimeoutSeconds: 1200,
      maxCaseRuns: 25,
    })
  })

  it('expands mirror templates, keeping pre-release markers in the file name only', () => {
    const config = validateRunOptions(
      { python: '3.14.0rc1', source: 'https://mirror.example/python/{release}/Python-{version}.tar.xz' },
      CLI_OPTION_NAMES,
      environment(),
      {
        requireExtension: false,
      },
    )
    expect(config.source).toEqual({ kind: 'url', url: 'https://mirror.example/python/3.14.0/Python-3.14.0rc1.tar.xz' })
  })

  it('resolves local tarballs and extension folders against the working directory', () => {
    const config = validateRunOptions(
      { python: '3.11.2', source: 'src/Python-3.11.2.tgz', extension: 'ext', cacheDir: '~/cache' },
      CLI_OPTION_NAMES,
      environment({ '/work/project/src/Python-3.11.2.tgz': 'file', '/work/project/ext': 'directory', '/work/project/ext/tests': 'directory' }),
      { requireExtension: true },
    )
    expect(config).toMatchObject({
      source: { kind: 'file', path: '/work/project/src/Python-3.11.2.tgz' },
      extension: '/work/project/ext',
      testsDir: '/work/project/ext/tests',
      cacheDir: '/home/user/cache',
    })
  })

  it('names action inputs the way action.yml spells them', () => {
    expect(() => validateRunOptions({ python: '3.11' }, ACTION_INPUT_NAMES, environment(), { requireExtension: false })).toThrow(
      /^input 'python-version' '3\.11' is not a CPython release version/,
    )
  })

  it('honours XDG_CACHE_HOME when it is absolute', () => {
    expect(defaultCacheDir({ homeDir: '/home/u', env: { XDG_CACHE_HOME: '/var/cache' } })).toBe(path.join('/var/cache', 'pydebug'))
    expect(defaultCacheDir({ homeDir: '/home/u', env: { XDG_CACHE_HOME: 'relative' } })).toBe('/home/u/.cache/pydebug')
  })

  it('resolves custom variants from the config file before the built-in ones', () => {
    const custom = { name: 'my-lto', summary: 'custom', configureArgs: ['--with-pydebug', '--with-lto'] }
    const config = validateRunOptions({ python: '3.11.2', variant: 'my-lto' }, CLI_OPTION_NAMES, environment(), {
      requireExtension: false,
      customVariants: [custom],
    })
    expect(config.variant).toBe(custom)
    expect(() =>
      validateRunOptions({ python: '3.11.2', variant: 'my-lt' }, CLI_OPTION_NAMES, environment(), { requireExtension: false, customVariants: [custom] }),
    ).toThrow(/^--variant 'my-lt' is not a known variant\. Allowed: my-lto, pydebug, .*\. Perhaps you meant 'my-lto'\?$/)
  })
})
