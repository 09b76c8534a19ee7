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
  abiFingerprint: 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG',
  interpreterCompiler: 'GCC 12.2.0',
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
    ["the interpreter's compiler (same variant, CPython built with clang)", { interpreterCompiler: 'Debian clang version 14.0.6' }],
    [
      "the interpreter's ABI (trace-refs keeps the d SOABI of pydebug)",
      { abiFingerprint: 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG Py_TRACE_REFS' },
    ],
    ["the interpreter's sanitizers", { abiFingerprint: 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG -fsanitize=address' }],
  ])('changes with %s', (_, change) => {
    expect(planExtensionBuildKey({ ...base, ...change })).not.toBe(planExtensionBuildKey(base))
  })

  it('is shared by interpreters of one ABI fingerprint, whatever their cache keys (pydebug, valgrind, pymalloc-debug)', () => {
    const pydebug = planExtensionBuildKey({ ...base, interpreterKey: 'pydebug-1-linux-x64-cp311-pydebug-3.11.2-1c1250b73f2cc3d1' })
    expect(planExtensionBuildKey({ ...base, interpreterKey: 'pydebug-1-linux-x64-cp311-valgrind-3.11.2-0123456789abcdef' })).toBe(pydebug)
    expect(pydebug).toBe(planExtensionBuildKey(base))
  })

  it("falls back to the interpreter's key when its ABI is unknown (a SOABI that is not CPython's): nothing is shared", () => {
    const { abiFingerprint: _, interpreterCompiler: __, ...unknown } = base
    const one = planExtensionBuildKey({ ...unknown, interpreterKey: 'a' })
    expect(planExtensionBuildKey({ ...unknown, interpreterKey: 'b' })).not.toBe(one)
    expect(one).not.toBe(planExtensionBuildKey(base))
  })
})
