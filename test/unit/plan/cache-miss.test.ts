import { describe, expect, it } from 'vitest'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { findVariant } from '../../../src/catalog/variants.js'
import { buildKeyMaterial, type BuildKeyInputs } from '../../../src/plan/cache-key.js'
import { compilerFromSysVersion, explainCacheMiss, explainExtensionRebuild } from '../../../src/plan/cache-miss.js'
import { planCell } from '../../../src/plan/cell.js'
import type { ExtensionKeyInputs } from '../../../src/plan/extension-build.js'

const cellFor = (version: string, variant: string) => {
  const planned = planCell(parsePythonVersion(version)!, findVariant(variant)!)
  if (!planned.ok) throw new Error(planned.refusal.reason)
  return planned.cell
}
const gccBuild: BuildKeyInputs = {
  cell: cellFor('3.11.2', 'pydebug'),
  source: { url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' },
  platform: { os: 'linux', arch: 'x64', image: 'ubuntu24' },
}
const cachedGcc = { material: buildKeyMaterial(gccBuild), builtWith: 'GCC 12.2.0' }
const withClang = { ...gccBuild, platform: { ...gccBuild.platform, compiler: 'Debian clang version 14.0.6' } }

describe('explainCacheMiss', () => {
  it('names the compiler and says that CC chooses CPython’s compiler too', () => {
    expect(explainCacheMiss({ material: buildKeyMaterial(withClang), compilerCommand: 'clang' }, [cachedGcc])).toBe(
      "the compiler differs: CC=clang (Debian clang version 14.0.6) instead of the default compiler (GCC 12.2.0) with CC unset; CPython's build takes CC from the environment too, not only the extension's",
    )
  })

  it('names configure arguments, the source, the variant build environment and the platform', () => {
    const cell = { ...gccBuild.cell, configureArgs: ['--with-pydebug', 'CFLAGS=-DPy_TRACE_REFS'], buildEnv: { ASAN_OPTIONS: 'detect_leaks=0' } }
    const wanted = buildKeyMaterial({ cell, source: { sha256: 'ab'.repeat(32) }, platform: { ...gccBuild.platform, image: 'ubuntu22' } })
    expect(explainCacheMiss({ material: wanted }, [cachedGcc])!.split('; ')).toEqual([
      'the source differs: a tarball with sha256 abababababab… instead of https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz',
      'configure arguments differ: --with-pydebug CFLAGS=-DPy_TRACE_REFS instead of --with-pydebug',
      "the variant's build environment differs: ASAN_OPTIONS=detect_leaks=0 instead of ASAN_OPTIONS unset",
      'the platform differs: image ubuntu22 instead of ubuntu24',
    ])
  })

  it('explains with the closest of several cached builds', () => {
    const otherSource = { material: buildKeyMaterial({ ...withClang, source: { sha256: 'cd'.repeat(32) } }), compilerCommand: 'clang' }
    const onImage = (image: string) => ({ ...gccBuild, platform: { ...gccBuild.platform, image } })
    // Newest first: of two equally close builds, the first listed explains.
    const reason = explainCacheMiss({ material: buildKeyMaterial(onImage('ubuntu22')) }, [
      otherSource,
      cachedGcc,
      { material: buildKeyMaterial(onImage('ubuntu20')) },
    ])
    expect(reason).toBe('the closest of 3 cached builds differs: the platform differs: image ubuntu22 instead of ubuntu24')
  })

  it('does not fail on build records written before the key inputs were recorded', () => {
    expect(explainCacheMiss({ material: buildKeyMaterial(withClang) }, [{ builtWith: 'GCC 12.2.0' }])).toBe(
      'the cached build predates recorded keys, so what differs is unknown',
    )
    expect(explainCacheMiss({ material: buildKeyMaterial(withClang) }, [{}, {}])).toBe('the 2 cached builds predate recorded keys, so what differs is unknown')
    // A recorded one is compared even when older ones sit beside it.
    expect(explainCacheMiss({ material: buildKeyMaterial(withClang), compilerCommand: 'clang' }, [{}, cachedGcc])).toMatch(/^the compiler differs: /)
  })

  it('says nothing when nothing of the same version and variant is cached', () => {
    expect(explainCacheMiss({ material: buildKeyMaterial(gccBuild) }, [])).toBeUndefined()
  })

  it('reads the compiler from sys.version', () => {
    expect(compilerFromSysVersion('3.11.2 (main, Nov 24 2026, 10:00:00) [GCC 12.2.0]')).toBe('GCC 12.2.0')
    expect(compilerFromSysVersion('3.13.5 (main, Jun 11 2025, 15:36:57) [Clang 14.0.6 ]')).toBe('Clang 14.0.6')
    expect(compilerFromSysVersion('3.11.2')).toBeUndefined()
    expect(compilerFromSysVersion(undefined)).toBeUndefined()
  })
})

describe('explainExtensionRebuild', () => {
  const gcc: ExtensionKeyInputs = {
    project: 'leaky',
    abi: 'cp311d',
    python: '3.11.2',
    sourceDigest: 'a'.repeat(64),
    compilerEnv: {},
    compilerVersions: {},
    interpreterKey: 'pydebug-1-linux-x64-cp311-pydebug-3.11.2-61ae73dae57e5465',
  }

  it('names each input that changed', () => {
    const clang = {
      ...gcc,
      sourceDigest: 'b'.repeat(64),
      compilerEnv: { CC: 'clang', CFLAGS: '-O0' },
      compilerVersions: { CC: 'Debian clang version 14.0.6' },
      interpreterKey: 'k2',
    }
    expect(explainExtensionRebuild(clang, [gcc])!.split('; ')).toEqual([
      'the sources changed',
      'compiler variables differ: CC=clang (Debian clang version 14.0.6) instead of CC unset, CFLAGS=-O0 instead of CFLAGS unset',
      `the interpreter differs: k2 instead of ${gcc.interpreterKey}`,
    ])
  })

  it('names an upgraded compiler behind the same CC', () => {
    const before = { ...gcc, compilerEnv: { CC: 'gcc' }, compilerVersions: { CC: 'gcc 12.2.0' } }
    expect(explainExtensionRebuild({ ...before, compilerVersions: { CC: 'gcc 13.1.0' } }, [before])).toBe(
      'the compiler behind CC=gcc differs: gcc 13.1.0 instead of gcc 12.2.0',
    )
  })

  it('names another ABI fingerprint or interpreter compiler, and an earlier build keyed by its interpreter before fingerprints', () => {
    const { interpreterKey: _, ...unkeyed } = gcc
    const pydebug = { ...unkeyed, abiFingerprint: 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG', interpreterCompiler: 'GCC 12.2.0' }
    const traceRefs = { ...pydebug, abi: 'cp311d-tracerefs', abiFingerprint: 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG Py_TRACE_REFS' }
    expect(explainExtensionRebuild(traceRefs, [pydebug])).toBe(
      "the interpreter's ABI differs: cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG Py_TRACE_REFS instead of cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG",
    )
    expect(explainExtensionRebuild({ ...pydebug, interpreterCompiler: 'Debian clang version 14.0.6' }, [pydebug])).toBe(
      "the interpreter was built with another compiler (setuptools' default when CC is unset): Debian clang version 14.0.6 instead of GCC 12.2.0",
    )
    expect(explainExtensionRebuild(pydebug, [gcc])).toBe(
      `the earlier build was keyed by its interpreter (${gcc.interpreterKey}), before builds were keyed by ABI fingerprint`,
    )
  })

  it('does not fail on records of older versions', () => {
    expect(explainExtensionRebuild(gcc, [undefined])).toBe('the earlier build predates recorded keys, so what differs is unknown')
    expect(explainExtensionRebuild(gcc, [])).toBeUndefined()
  })
})
