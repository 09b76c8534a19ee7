/**
 * The Actions cache failing for real (issue 15, "Cache"): the unmodified @actions/cache client,
 * through our adapter, against a cache service that is not there (a closed port) or that fails
 * (HTTP 500 from a proxy in front of the loopback results service). Each run must warn, build a
 * sound interpreter, and end green with the tests passing: the cache is best effort.
 *
 * The damaged-entry faults (a truncated archive, a flipped byte, a manifest that does not match) are
 * injected for real in test/unit/adapters/actions-cache.test.ts and test/unit/build/verified-restore.test.ts
 * (test/faults/README.md lists which test covers which fault).
 */
import { createServer, type IncomingMessage } from 'node:http'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createActionsCache } from '../../src/adapters/actions.js'
import { checkPrefixManifest } from '../../src/adapters/prefix-manifest.js'
import { makeFakeCpythonTarball, systemPython } from '../helpers/fake-cpython.js'
import { startFakeResultsServer, type FakeResultsServer } from '../helpers/fake-results-server.js'
import { canBuildExtensions, runFaultCell, writeProbeProject, type FaultCellRun } from './fault-cell.js'

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A proxy to `target` that answers 500 to every request whose path `fails` picks, and counts them. */
async function startFailingProxy(target: string, fails: (pathname: string) => boolean) {
  const failed: string[] = []
  const server = createServer(async (request, response) => {
    const body = await bodyOf(request)
    const pathname = request.url ?? '/'
    if (fails(pathname)) {
      failed.push(pathname)
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'internal', msg: 'injected failure' }))
      return
    }
    const forwarded = await fetch(`${target}${pathname}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      ...(body.length ? { body } : {}),
    })
    response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' })
    response.end(Buffer.from(await forwarded.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, failed, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe.runIf(systemPython && canBuildExtensions)('the Actions cache service failing (issue 15)', { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cache-faults-'))
  let server: FakeResultsServer
  let tarball: string
  let project: string
  /** What the toolkit printed (its ::warning:: lines go to stdout, not through our logger). */
  let toolkit: string[]

  beforeAll(async () => {
    server = await startFakeResultsServer()
    tarball = await makeFakeCpythonTarball(root)
    project = writeProbeProject(path.join(root, 'probe'))
  })
  afterAll(() => server.close())
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  /** One `pydebug run` with the Actions cache at `resultsUrl`. */
  const runWithCacheAt = async (name: string, resultsUrl: string): Promise<FaultCellRun> => {
    for (const [variable, value] of Object.entries({ ...server.env, ACTIONS_RESULTS_URL: `${resultsUrl}/` })) vi.stubEnv(variable, value)
    vi.stubEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
    vi.stubEnv('GITHUB_WORKSPACE', root)
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
    toolkit = []
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      toolkit.push(String(text))
      return true
    })
    try {
      return await runFaultCell({ root: path.join(root, name), tarball, project, remoteCache: createActionsCache() })
    } finally {
      vi.restoreAllMocks()
    }
  }

  /** The ::warning:: lines about saving the run's interpreter (the adapter warns through the toolkit, as the toolkit itself does). */
  const saveWarnings = (run: FaultCellRun) =>
    toolkit.filter((line) =>
      line.startsWith(`::warning::Actions cache save failed for ${run.outcome.interpreter?.cacheKey}: the cache service did not store it`),
    )

  /** Green: the interpreter built and sound, the extension built, its tests run and passed. */
  const expectGreen = async (run: FaultCellRun) => {
    expect(run.outcome.report.error).toBeUndefined()
    expect(run.outcome.exitCode).toBe(0)
    expect(run.outcome.report.status).toBe('clean')
    expect(run.outcome.report.testCommand).toMatchObject({ exitCode: 0, summary: 'Ran 2 tests: OK', testsRan: 2 })
    expect(run.outcome.interpreter?.cacheHit).toBe('none')
    expect(await checkPrefixManifest(run.outcome.interpreter!.prefix)).toEqual({ state: 'matches' })
  }

  it('unreachable (a closed port): the restore and the save each warn, and the run builds, tests and passes', async () => {
    const started = Date.now()
    const run = await runWithCacheAt('closed-port', `http://127.0.0.1:${await closedPort()}`)
    await expectGreen(run)
    expect(toolkit.join('')).toMatch(/^::warning::Failed to restore: .*ECONNREFUSED/m)
    expect(saveWarnings(run)).toHaveLength(1)
    // A refused connection is not retried: the cache costs no time when it is not there.
    expect(Date.now() - started).toBeLessThan(60_000)
  })

  it('failing to save (HTTP 500 on every attempt to reserve the entry): a warning, the build stays local, the run passes', async () => {
    const proxy = await startFailingProxy(server.url, (pathname) => pathname.endsWith('/CreateCacheEntry'))
    try {
      const run = await runWithCacheAt('save-500', proxy.url)
      await expectGreen(run)
      // The toolkit retried (5 attempts), then gave up.
      expect(proxy.failed.length).toBe(5)
      expect(saveWarnings(run)).toHaveLength(1)
      expect([...server.cacheEntries.values()].filter((entry) => entry.key === run.outcome.interpreter?.cacheKey)).toEqual([])
    } finally {
      await proxy.close()
    }
  })
})
