import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { knownSourceChecksum } from '../../../src/catalog/source-checksums.js'
import { BuildError, ConfigError, SourceError } from '../../../src/errors.js'
import type { BuildPhaseTimeouts } from '../../../src/plan/build-phases.js'
import { untestedHostNotice } from '../../../src/plan/platforms.js'
import type { SourceSpec } from '../../../src/plan/source.js'
import { ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext, type StepContext } from '../../../src/steps/context.js'
import { FAKE_CELL, makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'
import { startStaticServer, type StaticServer } from '../../helpers/static-server.js'
import { tgzBytes } from '../../helpers/tar-builder.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-build-safety-'))
let messages: string[] = []
const contextFor = async (name: string, adjust: (context: StepContext) => StepContext = (context) => context) => {
  messages = []
  const context = await createStepContext(
    { cacheDir: path.join(root, name, 'cache'), outDir: path.join(root, name, 'out') },
    { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: root, log: createStreamLogger((text) => messages.push(text)) },
  )
  return adjust(context)
}
const build = async (name: string, source: SourceSpec, options: { sourceSha256?: string; buildTimeouts?: BuildPhaseTimeouts } = {}) =>
  ensureInterpreter(await contextFor(name), FAKE_CELL, source, { jobs: 1, keepBuildTree: false, ...options })
const warnings = () => messages.filter((text) => text.startsWith('warning: '))
const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe.runIf(systemPython)('downloads are checked against a SHA-256 before they are unpacked', { timeout: 60_000 }, () => {
  let server: StaticServer
  let tarball: string
  let digest: string

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root)
    digest = sha256Of(tarball)
    const bytes = readFileSync(tarball)
    server = await startStaticServer({
      '/ftp/python/3.11.2/Python-3.11.2.tgz': { body: bytes },
      // A file name pydebug's checksum list knows, with other bytes than Debian's.
      '/debian/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz': { body: bytes },
    })
  })
  afterAll(() => server.close())

  it('refuses a download whose file name the checksum list knows but whose bytes differ, naming both digests and the URL; nothing is unpacked', async () => {
    const url = `${server.url}/debian/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz`
    const known = knownSourceChecksum('python3.11_3.11.2.orig.tar.gz')!
    const failure = build('known-name', { kind: 'url', url })
    await expect(failure).rejects.toThrow(SourceError)
    await expect(failure).rejects.toThrow(
      `CPython 3.11.2 source: the download of ${url} has SHA-256 ${digest}, but Debian's archive (pydebug's checksum list) expects ${known.sha256}.`,
    )
    expect(existsSync(path.join(root, 'known-name', 'cache', 'work'))).toBe(false)
    expect(existsSync(path.join(root, 'known-name', 'cache', 'sources', 'python3.11_3.11.2.orig.tar.gz'))).toBe(false)
  })

  it('builds from a download the list does not know, with a warning that it is not verified', async () => {
    const url = `${server.url}/ftp/python/3.11.2/Python-3.11.2.tgz`
    expect((await build('unknown-name', { kind: 'url', url })).cacheHit).toBe('none')
    expect(warnings()).toEqual([
      `warning: CPython 3.11.2 source: pydebug's checksum list has no SHA-256 for Python-3.11.2.tgz, so the download of ${url} is not verified. Give its SHA-256 with source-sha256 (--sha256) to check it.\n`,
    ])
  })

  it('checks a download against source-sha256: the right digest builds without a warning, a wrong one fails', async () => {
    const url = `${server.url}/ftp/python/3.11.2/Python-3.11.2.tgz`
    expect((await build('given-right', { kind: 'url', url }, { sourceSha256: digest })).cacheHit).toBe('none')
    expect(warnings()).toEqual([])
    await expect(build('given-wrong', { kind: 'url', url }, { sourceSha256: '0'.repeat(64) })).rejects.toThrow(
      `the download of ${url} has SHA-256 ${digest}, but the given source-sha256 (--sha256) expects ${'0'.repeat(64)}.`,
    )
  })

  it('checks an earlier download again before using it, and downloads a damaged one again', async () => {
    const url = `${server.url}/ftp/python/3.11.2/Python-3.11.2.tgz`
    await build('redownload', { kind: 'url', url }, { sourceSha256: digest })
    const kept = path.join(root, 'redownload', 'cache', 'sources', 'Python-3.11.2.tgz')
    const whole = readFileSync(kept)
    writeFileSync(kept, whole.subarray(0, whole.length >> 1))
    const damaged = sha256Of(kept)
    rmSync(path.join(root, 'redownload', 'cache', 'cpython'), { recursive: true })
    const before = server.requests.length
    expect((await build('redownload', { kind: 'url', url }, { sourceSha256: digest })).cacheHit).toBe('none')
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toContain(
      `CPython 3.11.2 source: the earlier download ${kept} has SHA-256 ${damaged}, but the given source-sha256 (--sha256) expects ${digest}.`,
    )
    expect(warnings()[0]).toMatch(/ Downloading it again\.\n$/)
    expect(server.requests.length).toBe(before + 1)
    expect(sha256Of(kept)).toBe(digest)
  })

  it('checks a local tarball against source-sha256 when given, before anything else', async () => {
    await expect(build('local-wrong', { kind: 'file', path: tarball }, { sourceSha256: 'a'.repeat(64) })).rejects.toThrow(
      `CPython 3.11.2 source: ${tarball} has SHA-256 ${digest}, but the given source-sha256 (--sha256) expects ${'a'.repeat(64)}.`,
    )
    expect((await build('local-right', { kind: 'file', path: tarball }, { sourceSha256: digest })).cacheHit).toBe('none')
  })
})

describe('a tarball with a member that would land outside the work folder', () => {
  it('is refused before tar writes anything, naming the member', async () => {
    const crafted = path.join(root, 'escaping.tgz')
    writeFileSync(
      crafted,
      tgzBytes([
        { path: 'Python-3.11.2/configure', content: '#!/bin/sh\nexit 0\n', mode: 0o755 },
        { path: 'Python-3.11.2/../escaped-by-tar', content: 'outside\n' },
      ]),
    )
    const failure = build('escaping', { kind: 'file', path: crafted })
    await expect(failure).rejects.toThrow(SourceError)
    await expect(failure).rejects.toThrow(
      `refusing to unpack ${crafted}: its member Python-3.11.2/../escaped-by-tar has a '..' step in its path, which no CPython source tarball has`,
    )
    expect(existsSync(path.join(root, 'escaping', 'cache', 'work', 'escaped-by-tar'))).toBe(false)
  })
})

describe.runIf(systemPython)('each build phase has a wall-clock limit', { timeout: 60_000 }, () => {
  /** True while the process runs (a zombie waiting for its parent counts as ended). */
  const running = (pid: number) => {
    try {
      process.kill(pid, 0)
    } catch {
      return false
    }
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  }

  it('ends a configure that stalls, with its children, and says which phase stalled, after how long, with the log tail', async () => {
    const pidFile = path.join(root, 'configure-child.pid')
    const tarball = await makeFakeCpythonTarball(path.join(root), {
      fileName: 'Python-3.11.2-stalls-in-configure.tgz',
      configurePrelude: `sleep 300 &\necho $! > '${pidFile}'\necho "checking for a lock that never comes..."\nsleep 300`,
    })
    const started = Date.now()
    const failure = build('configure-stalls', { kind: 'file', path: tarball }, { buildTimeouts: { configure: 1, make: 60, install: 60 } })
    await expect(failure).rejects.toThrow(BuildError)
    const error = (await failure.catch((caught: unknown) => caught)) as BuildError
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(error.message).toMatch(
      /^configure stalled: it was still running after 1 s, the configure-timeout limit, and its processes were ended\. Raise configure-timeout \(--configure-timeout, in minutes\) if this machine is just slow; full log: .*build-configure\.log\n/,
    )
    expect(error.message).toContain('  | checking for a lock that never comes...')
    expect(error.logPath).toMatch(/build-configure\.log$/)
    // The whole process group is ended, not only configure itself.
    const child = Number(readFileSync(pidFile, 'utf8'))
    expect(running(child)).toBe(false)
  })

  it('ends a make that stalls and says so', async () => {
    const tarball = await makeFakeCpythonTarball(path.join(root), {
      fileName: 'Python-3.11.2-stalls-in-make.tgz',
      makeAll: ['@echo compiling Objects/object.c', '@sleep 300'],
    })
    const failure = build('make-stalls', { kind: 'file', path: tarball }, { buildTimeouts: { configure: 60, make: 1, install: 60 } })
    await expect(failure).rejects.toThrow(/^make stalled: it was still running after 1 s, the make-timeout limit, and its processes were ended\./)
    await expect(failure).rejects.toThrow('  | compiling Objects/object.c')
  })

  it('lets a phase that finishes within its limit pass', async () => {
    const tarball = await makeFakeCpythonTarball(path.join(root), { fileName: 'Python-3.11.2-quick.tgz' })
    expect((await build('in-time', { kind: 'file', path: tarball }, { buildTimeouts: { configure: 30, make: 30, install: 30 } })).cacheHit).toBe('none')
  })
})

describe('a Windows machine', () => {
  it('is refused before anything is built, with the reason and the plan', async () => {
    const context = await contextFor('windows', (context) => ({ ...context, platform: { ...context.platform, os: 'win32' } }))
    const failure = ensureInterpreter(
      context,
      FAKE_CELL,
      { kind: 'url', url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' },
      { jobs: 1, keepBuildTree: false },
    )
    await expect(failure).rejects.toThrow(ConfigError)
    await expect(failure).rejects.toThrow(
      /^Windows builds CPython with PCbuild \(PCbuild\\build\.bat -d for a debug build\), .* loads only extensions built as _d\.pyd; .*\(the plan for Windows: docs\/platforms\.md\)\.$/,
    )
    expect(existsSync(path.join(root, 'windows', 'cache'))).toBe(false)
  })
})

describe.runIf(systemPython)('a macOS machine', { timeout: 60_000 }, () => {
  it('builds, with one warning that macOS is untested here, naming docs/platforms.md', async () => {
    const tarball = await makeFakeCpythonTarball(root, { fileName: 'Python-3.11.2-on-macos.tgz' })
    const context = await contextFor('macos', (context) => ({ ...context, platform: { ...context.platform, os: 'darwin' } }))
    expect((await ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })).cacheHit).toBe('none')
    expect(warnings()).toEqual([`warning: ${untestedHostNotice('darwin')}\n`])
    expect(warnings()[0]).toContain('docs/platforms.md')
  })
})
