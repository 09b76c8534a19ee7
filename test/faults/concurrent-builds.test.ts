import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkPrefixManifest } from '../../src/adapters/prefix-manifest.js'
import { makeFakeCpythonTarball, systemPython } from '../helpers/fake-cpython.js'
import { REPO_ROOT } from '../helpers/spawn.js'

interface BuildRun {
  readonly cacheHit: string
  readonly prefix: string
  readonly messages: readonly string[]
}

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
const SCRIPT = path.join(REPO_ROOT, 'test', 'helpers', 'build-fake-cell.ts')

/** One build step in its own process. */
function buildInProcess(tarball: string, cacheDir: string, outDir: string): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, tarball, cacheDir, outDir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as BuildRun) : reject(new Error(`exit ${code}: ${stderr}`)),
    )
  })
}

describe.runIf(systemPython)('two runs building the same cell into one cache folder (issue 15)', { timeout: 120_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-concurrent-'))
  let tarball: string

  beforeAll(async () => {
    // configure takes 3 s, so the second run starts while the first is building.
    tarball = await makeFakeCpythonTarball(root, { configurePrelude: 'sleep 3' })
  })

  it('the second waits for the first and uses its entry; the entry is whole and no lock is left', async () => {
    const cacheDir = path.join(root, 'together')
    const [a, b] = await Promise.all([buildInProcess(tarball, cacheDir, path.join(root, 'out-a')), buildInProcess(tarball, cacheDir, path.join(root, 'out-b'))])
    expect([a.cacheHit, b.cacheHit].sort()).toEqual(['local', 'none'])
    const waited = a.cacheHit === 'local' ? a : b
    expect(waited.messages.some((text) => /another run \(pid \d+ on .+\) is building it into this cache folder; waiting for it/.test(text))).toBe(true)
    expect(waited.messages.filter((text) => text.startsWith('warning: '))).toEqual([])
    expect(await checkPrefixManifest(a.prefix)).toEqual({ state: 'matches' })
    expect(existsSync(`${a.prefix}.lock`)).toBe(false)
  })

  it('takes over the lock of a run that died, with a warning, and builds', async () => {
    const cacheDir = path.join(root, 'stale')
    // A pid that was alive a moment ago and is not any more.
    const dead = spawn('true')
    const pid = dead.pid!
    await new Promise((resolve) => dead.on('close', resolve))
    const first = await buildInProcess(tarball, path.join(root, 'probe-key'), path.join(root, 'out-probe'))
    const prefix = path.join(cacheDir, 'cpython', path.basename(first.prefix))
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(prefix), { recursive: true }))
    writeFileSync(`${prefix}.lock`, `${JSON.stringify({ pid, host: os.hostname(), since: '2026-12-02T00:00:00.000Z' })}\n`)
    const run = await buildInProcess(tarball, cacheDir, path.join(root, 'out-stale'))
    expect(run.cacheHit).toBe('none')
    expect(run.messages.filter((text) => text.startsWith('warning: '))).toEqual([
      `warning: CPython 3.11.2 (release): the run that was building it (pid ${pid}, since 2026-12-02T00:00:00.000Z) is gone; taking over its lock ${prefix}.lock\n`,
    ])
    expect(existsSync(`${prefix}.lock`)).toBe(false)
  })
})
