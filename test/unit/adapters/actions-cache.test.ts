import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createActionsCache } from '../../../src/adapters/actions.js'
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
