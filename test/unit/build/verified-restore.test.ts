import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkPrefixManifest } from '../../../src/adapters/prefix-manifest.js'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import type { RemoteCache } from '../../../src/adapters/remote-cache.js'
import { MANIFEST_FILE } from '../../../src/plan/prefix-manifest.js'
import { BUILD_RECORD_FILE, ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { FAKE_CELL, makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'

/** A remote cache kept in a folder: restore copies an entry in, save copies the prefix out, and both are counted. */
function folderCache(root: string) {
  const calls: string[] = []
  const cache: RemoteCache = {
    name: 'Folder',
    async restore(key, [prefix]) {
      calls.push(`restore ${key}`)
      const stored = path.join(root, key)
      if (!existsSync(stored)) return false
      cpSync(stored, prefix, { recursive: true, verbatimSymlinks: true })
      return true
    },
    // ccache's folder is not what these tests are about.
    restoreNearest: async () => undefined,
    async save(key, [prefix]) {
      calls.push(`save ${key}`)
      cpSync(prefix, path.join(root, key), { recursive: true, verbatimSymlinks: true })
    },
  }
  return { cache, calls }
}

// The real build step on real files; only CPython's build is a stand-in (test/helpers/fake-cpython.ts).
describe.runIf(systemPython)('a cached interpreter is checked before it is trusted', { timeout: 60_000 }, () => {
  let root: string
  let tarball: string
  let messages: string[]
  let remote: ReturnType<typeof folderCache>

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-verified-'))
    tarball = await makeFakeCpythonTarball(root)
  })
  beforeEach(() => {
    rmSync(path.join(root, 'cache'), { recursive: true, force: true })
    rmSync(path.join(root, 'remote'), { recursive: true, force: true })
    remote = folderCache(path.join(root, 'remote'))
  })

  /** Without the remote cache, a damaged local entry has nothing to fall back on but a rebuild. */
  const interpreter = async ({ withRemote = true } = {}) => {
    messages = []
    const context = await createStepContext(
      { cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'out') },
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        workspace: root,
        log: createStreamLogger((text) => messages.push(text)),
        ...(withRemote ? { remoteCache: remote.cache } : {}),
      },
    )
    return ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
  }
  const log = () => messages.join('')
  const warnings = () => messages.filter((text) => text.startsWith('warning: '))

  it('writes the manifest with the build, and a restore that matches it is a hit without a warning', async () => {
    const built = await interpreter()
    expect(built.cacheHit).toBe('none')
    expect(await checkPrefixManifest(built.prefix)).toEqual({ state: 'matches' })
    expect(remote.calls).toEqual([`restore ${built.cacheKey}`, `save ${built.cacheKey}`])
    const again = await interpreter()
    expect(again).toMatchObject({ cacheHit: 'local', cacheKey: built.cacheKey })
    expect(warnings()).toEqual([])
  })

  const damages: [string, (prefix: string) => void, RegExp][] = [
    [
      'a truncated file',
      (prefix) => truncateSync(path.join(prefix, 'lib/python3.11/fake_module.py'), 100),
      /lib\/python3\.11\/fake_module\.py: 100 bytes instead of \d+/,
    ],
    [
      'a flipped byte in a file',
      (prefix) => {
        const file = path.join(prefix, 'include/python3.11/Python.h')
        const bytes = readFileSync(file)
        bytes[3] ^= 0x20
        writeFileSync(file, bytes)
      },
      /include\/python3\.11\/Python\.h: SHA-256 [0-9a-f]{12}… instead of [0-9a-f]{12}…/,
    ],
    [
      'a manifest that does not match',
      (prefix) => {
        const manifest = JSON.parse(readFileSync(path.join(prefix, MANIFEST_FILE), 'utf8'))
        manifest.links['bin/python3'] = '/nowhere/python3'
        writeFileSync(path.join(prefix, MANIFEST_FILE), JSON.stringify(manifest))
      },
      /bin\/python3: a link to .* instead of \/nowhere\/python3/,
    ],
    ['a missing file', (prefix) => unlinkSync(path.join(prefix, 'lib/python3.11/fake_module.py')), /1 file is missing \(lib\/python3\.11\/fake_module\.py\)/],
  ]

  it.each(damages)('rebuilds over a local entry with %s, with a warning, and the rebuilt entry is sound', async (_, damage, problem) => {
    const built = await interpreter({ withRemote: false })
    damage(built.prefix)
    const rebuilt = await interpreter({ withRemote: false })
    expect(rebuilt).toMatchObject({ cacheHit: 'none', cacheKey: built.cacheKey })
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toMatch(new RegExp(`^warning: the local cache entry ${built.cacheKey} is damaged and was discarded: .*${problem.source}.*\\n$`))
    expect(log()).toContain(`CPython 3.11.2 (release) is not cached: building it (key ${built.cacheKey})\n`)
    expect(rebuilt.rebuildReason).toMatch(new RegExp(`^the local cache entry under this key was damaged \\(.*${problem.source}`))
    expect(await checkPrefixManifest(rebuilt.prefix)).toEqual({ state: 'matches' })
    expect((await interpreter({ withRemote: false })).cacheHit).toBe('local')
  })

  it.each(damages)('rebuilds over a remote entry with %s, with a warning, and does not save over it', async (_, damage, problem) => {
    const built = await interpreter()
    const stored = path.join(root, 'remote', built.cacheKey)
    damage(stored)
    rmSync(built.prefix, { recursive: true })
    remote.calls.length = 0
    const rebuilt = await interpreter()
    expect(rebuilt.cacheHit).toBe('none')
    expect(warnings().join('')).toMatch(new RegExp(`^warning: the Folder cache entry ${built.cacheKey} is damaged and was discarded: .*${problem.source}`))
    // The damaged entry stays what the remote cache has under the key: no save was tried over it.
    expect(remote.calls).toEqual([`restore ${built.cacheKey}`])
    expect(log()).toContain(`not saving CPython 3.11.2 (release) to the Folder cache: it keeps the damaged entry under ${built.cacheKey}`)
    expect(await checkPrefixManifest(rebuilt.prefix)).toEqual({ state: 'matches' })
  })

  it('discards a local entry without a readable build record (a build that died half way) before anything is restored over it', async () => {
    const built = await interpreter({ withRemote: false })
    writeFileSync(path.join(built.prefix, BUILD_RECORD_FILE), '{"schema": 1, "cacheKey": "pydebug-1-li')
    writeFileSync(path.join(built.prefix, 'left-over-from-the-dead-build'), 'x')
    const rebuilt = await interpreter({ withRemote: false })
    expect(rebuilt.cacheHit).toBe('none')
    expect(warnings()).toEqual([
      `warning: the local cache entry ${built.cacheKey} is damaged and was discarded: it holds no complete build (no readable ${BUILD_RECORD_FILE} for this key)\n`,
    ])
    expect(existsSync(path.join(built.prefix, 'left-over-from-the-dead-build'))).toBe(false)
  })

  it('takes a good remote entry after discarding a damaged local one', async () => {
    const built = await interpreter()
    truncateSync(path.join(built.prefix, 'lib/python3.11/fake_module.py'), 10)
    const restored = await interpreter()
    expect(restored.cacheHit).toBe('remote')
    expect(warnings()).toHaveLength(1)
    expect(log()).toContain('restored from the Folder cache')
  })

  it('checks an entry saved before manifests by running its interpreter, then writes its manifest and says so', async () => {
    const built = await interpreter()
    unlinkSync(path.join(built.prefix, MANIFEST_FILE))
    const restored = await interpreter()
    expect(restored).toMatchObject({ cacheHit: 'local', cacheKey: built.cacheKey })
    expect(warnings()).toEqual([])
    expect(log()).toContain(`the cached build in ${built.prefix} predates manifests: checking it by running its interpreter`)
    expect(log()).toContain(`the interpreter runs and matches its build record: wrote its manifest (${MANIFEST_FILE}), so the next restore checks every file`)
    expect(await checkPrefixManifest(built.prefix)).toEqual({ state: 'matches' })
    await interpreter()
    expect(log()).not.toContain('predates manifests')
  })

  it('rebuilds an entry saved before manifests whose interpreter does not run, or is not the one its record describes', async () => {
    const built = await interpreter({ withRemote: false })
    unlinkSync(path.join(built.prefix, MANIFEST_FILE))
    const record = JSON.parse(readFileSync(path.join(built.prefix, BUILD_RECORD_FILE), 'utf8'))
    writeFileSync(path.join(built.prefix, BUILD_RECORD_FILE), JSON.stringify({ ...record, probe: { ...record.probe, abiflags: 'dt' } }))
    const mismatched = await interpreter({ withRemote: false })
    expect(mismatched.cacheHit).toBe('none')
    expect(warnings().join('')).toMatch(
      /is damaged and was discarded: its interpreter runs but is not the one its build record describes: abiflags "[^"]*" instead of "dt"/,
    )

    unlinkSync(path.join(mismatched.prefix, MANIFEST_FILE))
    unlinkSync(path.join(mismatched.prefix, 'bin', 'python3'))
    writeFileSync(path.join(mismatched.prefix, 'bin', 'python3'), '#!/bin/sh\nexit 3\n', { mode: 0o755 })
    expect((await interpreter({ withRemote: false })).cacheHit).toBe('none')
    expect(warnings().join('')).toMatch(/is damaged and was discarded: it could not be checked: .*python3 does not run \(exit 3\)/)
  })
})
