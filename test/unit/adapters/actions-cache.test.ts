import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createActionsCache } from '../../../src/adapters/actions.js'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { checkPrefixManifest } from '../../../src/adapters/prefix-manifest.js'
import { NO_REMOTE_CACHE } from '../../../src/adapters/remote-cache.js'
import { ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { FAKE_CELL, makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'
import { startFakeResultsServer, type FakeResultsServer } from '../../helpers/fake-results-server.js'

// The real @actions/cache client, through our adapter, against a loopback results service.
describe('createActionsCache', () => {
  let server: FakeResultsServer
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-actions-cache-'))
  const prefix = path.join(root, 'cpython', 'pydebug-1-linux-x64-cp311-pydebug-3.11.2-0123456789abcdef')

  beforeAll(async () => {
    server = await startFakeResultsServer()
  })
  afterAll(() => server.close())
  afterEach(() => vi.unstubAllEnvs())

  const useService = () => {
    for (const [name, value] of Object.entries(server.env)) vi.stubEnv(name, value)
    vi.stubEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
    vi.stubEnv('GITHUB_WORKSPACE', root)
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
  }

  it('saves an install prefix and restores it byte for byte under the same key', async () => {
    useService()
    mkdirSync(path.join(prefix, 'bin'), { recursive: true })
    writeFileSync(path.join(prefix, 'bin', 'python3'), '#!/bin/sh\necho fake\n')
    writeFileSync(path.join(prefix, 'pydebug-build.json'), '{"cacheKey":"k"}\n')
    const cache = createActionsCache()
    await cache.save(path.basename(prefix), [prefix])
    expect([...server.cacheEntries.values()].map((entry) => entry.key)).toEqual([path.basename(prefix)])

    rmSync(prefix, { recursive: true })
    expect(await cache.restore(path.basename(prefix), [prefix])).toBe(true)
    expect(readFileSync(path.join(prefix, 'bin', 'python3'), 'utf8')).toBe('#!/bin/sh\necho fake\n')
    expect(await cache.restore('pydebug-1-linux-x64-cp311-pydebug-3.11.2-ffffffffffffffff', [prefix])).toBe(false)
  }, 60_000)

  it('is a quiet miss where the runner gives no cache service (a run: step, a local run)', async () => {
    vi.stubEnv('ACTIONS_RESULTS_URL', '')
    vi.stubEnv('ACTIONS_CACHE_URL', '')
    vi.stubEnv('ACTIONS_CACHE_SERVICE_V2', 'true')
    const started = Date.now()
    const cache = createActionsCache()
    expect(await cache.restore('any-key', [prefix])).toBe(false)
    await cache.save('any-key', [prefix])
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

// The build step with the real @actions/cache against the loopback results service: damaged
// entries are rebuilt with a warning, and never trusted. The "CPython build" is the fake one.
describe.runIf(systemPython)('a damaged Actions cache entry', { timeout: 120_000 }, () => {
  let server: FakeResultsServer
  let root: string
  let tarball: string
  let stdout: string[]

  beforeAll(async () => {
    server = await startFakeResultsServer()
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-actions-damaged-'))
    tarball = await makeFakeCpythonTarball(root)
  })
  afterAll(() => server.close())
  afterEach(() => vi.restoreAllMocks())

  const interpreter = async (name: string, remoteCache = createActionsCache()) => {
    for (const [variable, value] of Object.entries(server.env)) vi.stubEnv(variable, value)
    vi.stubEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
    vi.stubEnv('GITHUB_WORKSPACE', root)
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
    stdout = []
    // The toolkit writes its own warnings (::warning::) to stdout; the step's go to the logger.
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      stdout.push(String(text))
      return true
    })
    const context = await createStepContext(
      { cacheDir: path.join(root, name, 'cache'), outDir: path.join(root, name, 'out') },
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: root, log: createStreamLogger((text) => stdout.push(text)), remoteCache },
    )
    try {
      return await ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
    } finally {
      vi.restoreAllMocks()
    }
  }

  it('with a flipped byte in a restored file: discarded with a warning, rebuilt, not saved over', async () => {
    // A sound build, damaged, then stored in the Actions cache as it is.
    const built = await interpreter('flipped', NO_REMOTE_CACHE)
    const file = path.join(built.prefix, 'lib/python3.11/fake_module.py')
    const bytes = readFileSync(file)
    bytes[100] ^= 0x01
    writeFileSync(file, bytes)
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    await createActionsCache().save(built.cacheKey, [built.prefix])
    vi.restoreAllMocks()
    rmSync(built.prefix, { recursive: true })

    const rebuilt = await interpreter('flipped')
    expect(rebuilt.cacheHit).toBe('none')
    expect(stdout.join('')).toMatch(
      new RegExp(
        `warning: the Actions cache entry ${built.cacheKey} is damaged and was discarded: 1 file differs from the manifest \\(lib/python3\\.11/fake_module\\.py: SHA-256 `,
      ),
    )
    expect(stdout.join('')).toContain(`not saving CPython 3.11.2 (release) to the Actions cache: it keeps the damaged entry under ${built.cacheKey}`)
    expect(readFileSync(file)[100]).toBe(bytes[100] ^ 0x01)
    expect(await checkPrefixManifest(rebuilt.prefix)).toEqual({ state: 'matches' })
  })

  it('with a truncated archive: the toolkit cannot extract it and warns, the interpreter is rebuilt, the run goes on', async () => {
    const built = await interpreter('truncated')
    expect(built.cacheHit).toBe('none')
    // Cut the stored archive in half, through the service's own blob upload.
    // The last entry under the key is this test's (another test stored one for other paths: another version).
    const entry = [...server.cacheEntries.values()].filter((candidate) => candidate.key === built.cacheKey).at(-1) as unknown as { blob: string }
    const blobUrl = `${server.url}/devstoreaccount1/${entry.blob}`
    const archive = Buffer.from(await (await fetch(blobUrl)).arrayBuffer())
    expect((await fetch(blobUrl, { method: 'PUT', body: archive.subarray(0, archive.length >> 1) })).status).toBe(201)
    rmSync(built.prefix, { recursive: true })

    const rebuilt = await interpreter('truncated')
    expect(rebuilt.cacheHit).toBe('none')
    expect(stdout.join('')).toMatch(/::warning::Failed to restore: /)
    expect(await checkPrefixManifest(rebuilt.prefix)).toEqual({ state: 'matches' })
    // And the sound local build is what the next run takes.
    expect((await interpreter('truncated')).cacheHit).toBe('local')
  })
})
