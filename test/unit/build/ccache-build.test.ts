import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createActionsCache } from '../../../src/adapters/actions.js'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { collectReport } from '../../../src/report/collect.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { FAKE_CELL, makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'
import { startFakeResultsServer, type FakeResultsServer } from '../../helpers/fake-results-server.js'

const hasCcache = spawnSync('ccache', ['--version']).status === 0 && spawnSync('cc', ['--version']).status === 0

// The fake CPython's make compiles one C file with `cc`, as CPython's make compiles hundreds.
describe.runIf(systemPython && hasCcache)('make compiles through ccache when the machine has it (a real build step, real ccache)', { timeout: 60_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-ccache-'))
  const cacheDir = path.join(root, 'cache')
  let tarball: string
  let messages: string[] = []
  const build = async (env: Record<string, string> = {}) => {
    messages = []
    const context = await createStepContext(
      { cacheDir, outDir: path.join(root, 'out') },
      { env: { PATH: process.env.PATH, HOME: root, ...env }, workspace: root, log: createStreamLogger((text) => messages.push(text)) },
    )
    return ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
  }

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root, {
      configurePrelude: "printf 'int f(void) { return 1; }\\n' > module.c",
      makeAll: ['cc -c module.c -o module.o'],
    })
  })

  it("the first build misses, a rebuild of the same cell (its entry gone) takes the object from ccache's folder in the cache folder; the summary says so", async () => {
    const first = await build()
    expect(first.record.ccache).toEqual({ hits: 0, misses: 1 })
    expect(messages.some((text) => text.includes(`make compiles through ccache`) && text.includes(path.join(cacheDir, 'ccache')))).toBe(true)
    rmSync(first.prefix, { recursive: true })
    const again = await build()
    expect(again.cacheHit).toBe('none')
    expect(again.record.ccache).toEqual({ hits: 1, misses: 0 })
    expect(readFileSync(path.join(root, 'out', 'logs', 'build-make.log'), 'utf8')).toContain('cc -c module.c -o module.o')
    const report = collectReport({
      toolVersion: '0.1.0',
      generatedAt: '2026-12-02T00:00:00.000Z',
      cell: FAKE_CELL,
      interpreter: again,
      extensions: [],
      relative: (file) => file,
    })
    expect(renderSummaryMarkdown(report)).toMatch(/make \d+ s with ccache, 1 of 1 compilations from its cache/)
  })

  it('CCACHE_DISABLE=1 builds without it', async () => {
    rmSync(path.join(cacheDir, 'cpython'), { recursive: true })
    const plain = await build({ CCACHE_DISABLE: '1' })
    expect(plain.record.ccache).toBeUndefined()
  })
})

// On a runner: ccache's folder travels through the Actions cache (the real @actions/cache against the loopback results service).
describe.runIf(systemPython && hasCcache)("ccache's folder in the Actions cache", { timeout: 60_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-ccache-actions-'))
  const cacheDir = path.join(root, 'cache')
  let server: FakeResultsServer
  let tarball: string

  beforeAll(async () => {
    server = await startFakeResultsServer()
    tarball = await makeFakeCpythonTarball(root, {
      configurePrelude: "printf 'int g(void) { return 2; }\\n' > module.c",
      makeAll: ['cc -c module.c -o module.o'],
    })
  })
  afterAll(() => server.close())

  const build = async () => {
    for (const [variable, value] of Object.entries(server.env)) vi.stubEnv(variable, value)
    vi.stubEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
    vi.stubEnv('GITHUB_WORKSPACE', root)
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
    // The toolkit prints its own progress to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const context = await createStepContext(
        { cacheDir, outDir: path.join(root, 'out') },
        { env: { PATH: process.env.PATH, HOME: root }, workspace: root, log: createStreamLogger(() => undefined), remoteCache: createActionsCache() },
      )
      return await ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
    } finally {
      vi.restoreAllMocks()
      vi.unstubAllEnvs()
    }
  }

  it('is saved after a build; a fresh runner whose interpreter entry is gone restores it and compiles nothing', async () => {
    const first = await build()
    expect(first.record.ccache).toEqual({ hits: 0, misses: 1 })
    expect([...server.cacheEntries.values()].map((entry) => entry.key).sort()).toEqual([first.cacheKey, `pydebug-ccache-${first.cacheKey}`])
    // A fresh runner, and the interpreter's entry evicted from the Actions cache.
    rmSync(cacheDir, { recursive: true })
    for (const [id, entry] of server.cacheEntries) if (entry.key === first.cacheKey) server.cacheEntries.delete(id)
    const again = await build()
    expect(again.cacheHit).toBe('none')
    expect(again.record.ccache).toEqual({ hits: 1, misses: 0 })
  })
})
