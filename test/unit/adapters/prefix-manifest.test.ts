import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { checkPrefixManifest, writePrefixManifest } from '../../../src/adapters/prefix-manifest.js'
import { compareWithManifest, describeManifestMismatch, manifestOf, MANIFEST_FILE, parseManifest, type TreeEntry } from '../../../src/plan/prefix-manifest.js'

const sha = (character: string) => character.repeat(64)

// The pure comparison: what differs, said shortly.
describe('compareWithManifest', () => {
  const saved: TreeEntry[] = [
    { path: 'bin/python3.11', kind: 'file', size: 100, sha256: sha('a') },
    { path: 'bin/python3', kind: 'symlink', target: 'python3.11' },
    { path: 'lib/os.py', kind: 'file', size: 20, sha256: sha('b') },
  ]
  const manifest = manifestOf(saved)

  it('finds nothing wrong with the files it was made from, or with files added since', () => {
    const comparison = compareWithManifest(manifest, [...saved, { path: 'lib/__pycache__/new.pyc', kind: 'file', size: 1, sha256: sha('c') }])
    expect(comparison).toEqual({ missing: [], changed: [], extra: ['lib/__pycache__/new.pyc'] })
    expect(describeManifestMismatch(comparison)).toBeUndefined()
  })

  it('names a file of another size, another digest, a link to elsewhere, and what is missing', () => {
    const comparison = compareWithManifest(manifest, [
      { path: 'bin/python3.11', kind: 'file', size: 60, sha256: sha('a') },
      { path: 'bin/python3', kind: 'symlink', target: '/usr/bin/python3' },
    ])
    expect(describeManifestMismatch(comparison)).toBe(
      '2 files differ from the manifest (bin/python3: a link to /usr/bin/python3 instead of python3.11, bin/python3.11: 60 bytes instead of 100); 1 file is missing (lib/os.py)',
    )
    const flipped = compareWithManifest(
      manifest,
      saved.map((entry) => (entry.path === 'lib/os.py' ? { ...entry, sha256: sha('d') } : entry)),
    )
    expect(describeManifestMismatch(flipped)).toBe(`1 file differs from the manifest (lib/os.py: SHA-256 ${'d'.repeat(12)}… instead of ${'b'.repeat(12)}…)`)
  })

  it('reads back what it wrote, and nothing that is not a manifest', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest)
    expect(parseManifest(JSON.stringify(manifest).slice(0, -20))).toBeUndefined()
    expect(parseManifest(JSON.stringify({ ...manifest, schema: 2 }))).toBeUndefined()
    expect(parseManifest(JSON.stringify({ ...manifest, files: { 'lib/os.py': { size: 20, sha256: 'not-hex' } } }))).toBeUndefined()
  })
})

// The adapter on real files in a temp folder: each kind of damage is found by reading the disk.
describe('checkPrefixManifest on an install prefix', () => {
  let prefix: string
  beforeEach(async () => {
    prefix = mkdtempSync(path.join(os.tmpdir(), 'pydebug-manifest-'))
    mkdirSync(path.join(prefix, 'bin'))
    mkdirSync(path.join(prefix, 'lib', 'python3.11'), { recursive: true })
    writeFileSync(path.join(prefix, 'bin', 'python3.11'), Buffer.alloc(300_000, 7))
    symlinkSync('python3.11', path.join(prefix, 'bin', 'python3'))
    writeFileSync(path.join(prefix, 'lib', 'python3.11', 'os.py'), 'import sys\n'.repeat(1000))
    writeFileSync(path.join(prefix, 'pydebug-build.json'), '{"cacheKey":"k"}\n')
    await writePrefixManifest(prefix)
  })

  it('matches right after it is written, and lists every file and link but itself', async () => {
    expect(await checkPrefixManifest(prefix)).toEqual({ state: 'matches' })
    const manifest = parseManifest(readFileSync(path.join(prefix, MANIFEST_FILE), 'utf8'))!
    expect(Object.keys(manifest.files).sort()).toEqual(['bin/python3.11', 'lib/python3.11/os.py', 'pydebug-build.json'])
    expect(manifest.links).toEqual({ 'bin/python3': 'python3.11' })
  })

  it('is absent from a prefix saved before manifests', async () => {
    unlinkSync(path.join(prefix, MANIFEST_FILE))
    expect(await checkPrefixManifest(prefix)).toEqual({ state: 'absent' })
  })

  it('finds a truncated file', async () => {
    truncateSync(path.join(prefix, 'bin', 'python3.11'), 1000)
    expect(await checkPrefixManifest(prefix)).toEqual({
      state: 'differs',
      problem: '1 file differs from the manifest (bin/python3.11: 1000 bytes instead of 300000)',
    })
  })

  it('finds one flipped byte', async () => {
    const file = path.join(prefix, 'lib', 'python3.11', 'os.py')
    const bytes = readFileSync(file)
    bytes[5000] ^= 0x01
    writeFileSync(file, bytes)
    expect(await checkPrefixManifest(prefix)).toMatchObject({
      state: 'differs',
      problem: expect.stringMatching(/^1 file differs from the manifest \(lib\/python3\.11\/os\.py: SHA-256 [0-9a-f]{12}… instead of [0-9a-f]{12}…\)$/),
    })
  })

  it('finds a missing file', async () => {
    rmSync(path.join(prefix, 'lib', 'python3.11', 'os.py'))
    expect(await checkPrefixManifest(prefix)).toEqual({ state: 'differs', problem: '1 file is missing (lib/python3.11/os.py)' })
  })

  it('finds a manifest that does not match the files (or is not one)', async () => {
    const manifestPath = path.join(prefix, MANIFEST_FILE)
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    manifest.files['pydebug-build.json'].sha256 = 'e'.repeat(64)
    writeFileSync(manifestPath, JSON.stringify(manifest))
    expect(await checkPrefixManifest(prefix)).toMatchObject({ state: 'differs', problem: expect.stringContaining('pydebug-build.json: SHA-256') })
    appendFileSync(manifestPath, 'garbage')
    expect(await checkPrefixManifest(prefix)).toEqual({ state: 'differs', problem: `its manifest ${MANIFEST_FILE} is damaged (not the JSON pydebug writes)` })
  })

  it('does not mind files written after the save', async () => {
    mkdirSync(path.join(prefix, 'lib', 'python3.11', '__pycache__'))
    writeFileSync(path.join(prefix, 'lib', 'python3.11', '__pycache__', 'os.cpython-311.opt-2.pyc'), 'bytecode')
    expect(await checkPrefixManifest(prefix)).toEqual({ state: 'matches' })
  })
})
