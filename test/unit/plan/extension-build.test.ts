import { describe, expect, it } from 'vitest'
import { planExtensionBuildEnv, planExtensionBuildKey, type ExtensionKeyInputs } from '../../../src/plan/extension-build.js'

const inherited = { PATH: '/usr/bin', HOME: '/home/dev', CC: 'gcc', CFLAGS: '-O2', PYTHONPATH: '/work/lib', PYTHONHOME: '/opt/py', PIP_FIND_LINKS: '/wheels' }

const base: ExtensionKeyInputs = {
  project: 'leaky',
  abi: 'cp311d',
  python: '3.11.2',
  sourceDigest: 'a'.repeat(64),
  compilerEnv: planExtensionBuildEnv(inherited, {}).compilerEnv,
  compilerVersions: { CC: 'gcc (Debian 12.2.0-14) 12.2.0' },
  interpreterKey: 'pydebug-1-linux-x64-cp311-pydebug-3.11.2-61ae73dae57e5465',
}

describe('planExtensionBuildEnv', () => {
  it('removes the inherited variables that redirect imports, keeps the compiler variables and pip settings, and adds the cell build variables', () => {
    const env = planExtensionBuildEnv(inherited, { ASAN_OPTIONS: 'detect_leaks=0' })
    expect(env.removed).toEqual(['PYTHONPATH', 'PYTHONHOME'])
    expect(env.overrides).toEqual({ PYTHONPATH: undefined, PYTHONHOME: undefined, ASAN_OPTIONS: 'detect_leaks=0' })
    expect(env.compilerEnv).toEqual({ CC: 'gcc', CFLAGS: '-O2' })
  })

  it('lets the cell set a compiler variable (it wins over the inherited one) and never reports a variable the cell sets as removed', () => {
    const env = planExtensionBuildEnv(inherited, { CFLAGS: '-O0', PYTHONPATH: '/variant' })
    expect(env.compilerEnv).toEqual({ CC: 'gcc', CFLAGS: '-O0' })
    expect(env.removed).toEqual(['PYTHONHOME'])
    expect(env.overrides).toEqual({ PYTHONHOME: undefined, CFLAGS: '-O0', PYTHONPATH: '/variant' })
  })
})

describe('planExtensionBuildKey', () => {
  it('is readable and stable', () => {
    expect(planExtensionBuildKey(base)).toMatch(/^leaky-cp311d-3\.11\.2-[0-9a-f]{16}$/)
    expect(planExtensionBuildKey({ ...base })).toBe(planExtensionBuildKey(base))
  })

  it.each<[string, Record<string, string | undefined>]>([
    ['CC', { CC: 'clang' }],
    ['CXX', { CXX: 'clang++' }],
    ['CFLAGS', { CFLAGS: '-O0 -g' }],
    ['CPPFLAGS', { CPPFLAGS: '-DNDEBUG' }],
    ['LDFLAGS', { LDFLAGS: '-fsanitize=address' }],
    ['LDSHARED', { LDSHARED: 'clang -shared' }],
    ['ARCHFLAGS', { ARCHFLAGS: '-arch arm64' }],
    ['CPATH', { CPATH: '/opt/python3.12/include' }],
    ['an unset CC', { CC: undefined }],
  ])('changes with %s in the environment', (_, change) => {
    const compilerEnv = planExtensionBuildEnv({ ...inherited, ...change }, {}).compilerEnv
    expect(planExtensionBuildKey({ ...base, compilerEnv })).not.toBe(planExtensionBuildKey(base))
  })

  it.each<[string, Record<string, string>]>([
    ['PATH, HOME and unrelated variables', { PATH: '/opt/bin:/usr/bin', HOME: '/root', GITHUB_SHA: 'abc' }],
    ['PYTHONPATH and PYTHONHOME (removed from the build)', { PYTHONPATH: '/elsewhere', PYTHONHOME: '/other' }],
    ['pip settings', { PIP_NO_INDEX: '1' }],
  ])('does not change with %s', (_, change) => {
    const compilerEnv = planExtensionBuildEnv({ ...inherited, ...change }, {}).compilerEnv
    expect(planExtensionBuildKey({ ...base, compilerEnv })).toBe(planExtensionBuildKey(base))
  })

  it.each<[string, Partial<ExtensionKeyInputs>]>([
    ['the sources', { sourceDigest: 'b'.repeat(64) }],
    ['the compiler behind the same CC (an upgrade)', { compilerVersions: { CC: 'gcc (Debian 13.2.0-1) 13.2.0' } }],
    ['the interpreter (same variant, another compiler)', { interpreterKey: 'pydebug-1-linux-x64-cp311-pydebug-3.11.2-0123456789abcdef' }],
  ])('changes with %s', (_, change) => {
    expect(planExtensionBuildKey({ ...base, ...change })).not.toBe(planExtensionBuildKey(base))
  })
})
