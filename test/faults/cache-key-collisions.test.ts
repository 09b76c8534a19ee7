/**
 * Cache keys cannot collide (issue 15): two builds that differ in anything that changes the
 * installed interpreter (version, variant, configure arguments, build variables, source,
 * platform, compiler) never share a key, and one build always gets the same key. A property test
 * over every catalog cell and seeded random inputs, for the interpreter's key and the extension
 * build's key.
 */
import { describe, expect, it } from 'vitest'
import { KNOWN_MINORS } from '../../src/catalog/known-versions.js'
import { parsePythonVersion } from '../../src/catalog/python-version.js'
import { VARIANTS, type VariantSpec } from '../../src/catalog/variants.js'
import { buildKeyMaterial, planBuildCacheKey, type BuildKeyInputs, type PlatformFacts, type SourceIdentity } from '../../src/plan/cache-key.js'
import { planCell } from '../../src/plan/cell.js'
import { planExtensionBuildKey, type ExtensionKeyInputs } from '../../src/plan/extension-build.js'

/** mulberry32: a small seeded generator, so a failure names a case that can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PLATFORMS: PlatformFacts[] = [
  { os: 'linux', arch: 'x64', compiler: 'gcc (Debian 12.2.0-14) 12.2.0' },
  { os: 'linux', arch: 'arm64', compiler: 'gcc (Debian 12.2.0-14) 12.2.0' },
  { os: 'linux', arch: 'x64', compiler: 'Debian clang version 14.0.6' },
  { os: 'linux', arch: 'x64', image: 'ubuntu24-20261110.1', compiler: 'gcc (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0' },
  { os: 'darwin', arch: 'arm64', compiler: 'Apple clang version 16.0.0 (clang-1600.0.26.6)' },
  { os: 'linux', arch: 'x64' },
]
const SOURCES: SourceIdentity[] = [{ sha256: 'a'.repeat(64) }, { sha256: 'b'.repeat(64) }, { url: 'https://mirror.example/Python-{version}.tgz' }]

/** Every key with the material it was made from: a key made from two different materials is a collision. */
function collisions(inputs: Iterable<BuildKeyInputs>): { keys: number; materials: number; collided: string[] } {
  const seen = new Map<string, string>()
  const materials = new Set<string>()
  const collided: string[] = []
  for (const input of inputs) {
    const key = planBuildCacheKey(input)
    const material = JSON.stringify({ buildId: input.cell.buildId, ...buildKeyMaterial(input) })
    const earlier = seen.get(key)
    if (earlier !== undefined && earlier !== material) collided.push(`${key}:\n  ${earlier}\n  ${material}`)
    seen.set(key, material)
    materials.add(material)
  }
  return { keys: seen.size, materials: materials.size, collided }
}

function* catalogCells(): Generator<BuildKeyInputs['cell']> {
  for (const { latest } of KNOWN_MINORS) {
    const python = parsePythonVersion(latest)!
    for (const variant of VARIANTS) {
      const planned = planCell(python, variant)
      if (planned.ok) yield planned.cell
    }
  }
}

describe('cache keys never collide (a property test)', { timeout: 60_000 }, () => {
  it('every catalog cell of every known minor, on every platform and source: one key each, all distinct', () => {
    const inputs: BuildKeyInputs[] = []
    for (const cell of catalogCells()) for (const platform of PLATFORMS) for (const source of SOURCES) inputs.push({ cell, platform, source })
    const { keys, materials, collided } = collisions(inputs)
    expect(collided).toEqual([])
    // Cells the catalog builds as equivalents (trace-refs on 3.6–3.7 is the pydebug build) share their build, and their key.
    expect(keys).toBe(materials)
    expect(keys).toBeGreaterThan(1_000)
    // The same inputs, the same key.
    expect(inputs.map(planBuildCacheKey)).toEqual(inputs.map((input) => planBuildCacheKey(structuredClone(input))))
  })

  it('seeded random custom variants: configure arguments, macros, build variables and names that look alike never share a key', () => {
    const random = seeded(20261202)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
    // Pieces chosen to look alike when joined: a split argument, an '=' moved, a trailing space.
    const ARGUMENTS = [
      '--with-pydebug',
      '--with-trace-refs',
      '--without-pymalloc',
      '--with-valgrind',
      '--with-a b',
      '--with-a',
      'b',
      '--x=1',
      '--x',
      '=1',
      'CFLAGS=-O0',
      '',
    ]
    const VARIABLES = [
      ['CFLAGS', '-DPy_REF_DEBUG'],
      ['CFLAGS', '-DPy_REF_DEBUG '],
      ['CPPFLAGS', '-DPy_REF_DEBUG'],
      ['LDFLAGS', ''],
      ['CFLAGS', ''],
    ] as const
    const NAMES = ['custom', 'custom-3', 'custom-3-11', 'x', 'x-3-11-2', 'pydebug']
    const VERSIONS = ['3.11.2', '3.11.20', '3.1.12', '3.13.5', '3.13.0rc1']
    const inputs: BuildKeyInputs[] = []
    for (let index = 0; index < 5_000; index++) {
      const variant: VariantSpec = {
        name: pick(NAMES),
        summary: 'random',
        custom: true,
        configureArgs: Array.from({ length: Math.floor(random() * 4) }, () => pick(ARGUMENTS)),
      }
      const python = parsePythonVersion(pick(VERSIONS))!
      const planned = planCell(python, variant)
      if (!planned.ok) continue
      const extraEnv = Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, () => pick(VARIABLES)))
      const cell = { ...planned.cell, buildEnv: { ...planned.cell.buildEnv, ...extraEnv } }
      inputs.push({ cell, platform: pick(PLATFORMS), source: pick(SOURCES) })
    }
    const { keys, collided } = collisions(inputs)
    expect(collided).toEqual([])
    // Many inputs repeat (few pieces); the distinct ones are many.
    expect(keys).toBeGreaterThan(1_000)
    console.log(`cache-key property: ${inputs.length} random cells, ${keys} distinct keys, 0 collisions`)
  })

  it("extension builds: a change to the project, the interpreter's ABI, the compiler or the build settings gives another key", () => {
    const random = seeded(7)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
    const seen = new Map<string, string>()
    const collided: string[] = []
    for (let index = 0; index < 20_000; index++) {
      const inputs = {
        project: pick(['leaky', 'leaky-pytest', 'a-b']),
        abi: pick(['cpython-311d-x86_64-linux-gnu', 'cpython-313td-x86_64-linux-gnu', 'cpython-311-x86_64-linux-gnu']),
        python: pick(['3.11.2', '3.13.5']),
        sourceDigest: pick(['1'.repeat(64), '2'.repeat(64)]),
        compilerEnv: pick<Record<string, string>>([{}, { CC: 'clang' }, { CC: 'gcc' }, { CFLAGS: '-O0' }]),
        compilerVersions: pick<Record<string, string>>([{}, { CC: 'Debian clang version 14.0.6' }]),
        // With a fingerprint, the compiler CPython was built with counts; without, the interpreter's own key stands for both.
        ...pick<Partial<ExtensionKeyInputs>>([
          { abiFingerprint: 'd1f0' },
          { abiFingerprint: 'd1f1' },
          { abiFingerprint: 'd1f0', interpreterCompiler: 'GCC 12.2.0' },
          { abiFingerprint: 'd1f0', interpreterCompiler: 'clang 14.0.6' },
          { interpreterKey: 'pydebug-v3-linux-x64-pydebug-3.11.2-0123456789abcdef' },
          { interpreterKey: 'pydebug-v3-linux-x64-valgrind-3.11.2-0123456789abcdef' },
        ]),
        ...pick([{}, { buildEnv: { CC: 'clang' } }, { buildEnv: { LDFLAGS: '-lstdc++' } }]),
        ...pick([{}, { buildCommand: 'python -m pip install --target $PYDEBUG_SITE .' }, { buildCommand: 'python setup.py build' }]),
      } as ExtensionKeyInputs
      const key = planExtensionBuildKey(inputs)
      const material = JSON.stringify(inputs, Object.keys(inputs).sort())
      const canonical = JSON.stringify(Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b))))
      const earlier = seen.get(key)
      if (earlier !== undefined && earlier !== canonical) collided.push(`${key}: ${earlier} / ${canonical} (${material})`)
      seen.set(key, canonical)
    }
    expect(collided).toEqual([])
    expect(seen.size).toBeGreaterThan(1_000)
  })
})
