import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadFile } from '../../../src/adapters/download.js'
import { SourceError } from '../../../src/errors.js'
import { startStaticServer, type StaticServer } from '../../helpers/static-server.js'

// A real HTTP server on loopback: the adapter is tested as it runs, not through a mock.
describe('downloadFile', () => {
  let server: Server
  let base: string
  const payload = Buffer.alloc(3 * 1024 * 1024, 7)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pydebug-download-'))

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ftp/python/3.11.2/Python-3.11.2.tgz') response.end(payload)
      else if (request.url === '/moved') response.writeHead(302, { location: '/ftp/python/3.11.2/Python-3.11.2.tgz' }).end()
      else if (request.url === '/cut') {
        response.writeHead(200, { 'content-length': String(payload.length) })
        response.write(payload.subarray(0, 1000), () => response.destroy())
      } else response.writeHead(404, 'Not Found').end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (typeof address !== 'object' || !address) throw new Error('no address')
    base = `http://127.0.0.1:${address.port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('downloads a tarball, following redirects', async () => {
    const destination = path.join(dir, 'a', 'Python-3.11.2.tgz')
    await downloadFile(`${base}/moved`, destination, 'CPython 3.11.2 source')
    expect(readFileSync(destination).equals(payload)).toBe(true)
  })

  it('names the URL and the HTTP status when the server refuses', async () => {
    const destination = path.join(dir, 'b', 'Python-9.9.9.tgz')
    const failure = downloadFile(`${base}/ftp/python/9.9.9/Python-9.9.9.tgz`, destination, 'CPython 9.9.9 source')
    await expect(failure).rejects.toThrow(SourceError)
    await expect(failure).rejects.toThrow(`CPython 9.9.9 source: could not download ${base}/ftp/python/9.9.9/Python-9.9.9.tgz: HTTP 404 Not Found`)
    expect(existsSync(destination)).toBe(false)
  })

  it('leaves nothing behind when the connection drops half way', async () => {
    const destination = path.join(dir, 'c', 'Python-3.11.2.tgz')
    await expect(downloadFile(`${base}/cut`, destination, 'CPython 3.11.2 source')).rejects.toThrow(/download of .*\/cut failed/)
    expect(readdirSync(path.dirname(destination))).toEqual([])
  })

  it('says when nothing listens', async () => {
    await expect(downloadFile('http://127.0.0.1:9/x.tgz', path.join(dir, 'd', 'x.tgz'), 'CPython source')).rejects.toThrow(
      /could not download http:\/\/127\.0\.0\.1:9\/x\.tgz: fetch failed/,
    )
  })
})

// The same adapter with a digest to meet, against the project's static server helper.
describe('downloadFile with a SHA-256 to check', () => {
  const tarball = Buffer.from('not really a tarball, but bytes with a digest\n'.repeat(5000))
  const digest = createHash('sha256').update(tarball).digest('hex')
  const wrong = 'f'.repeat(64)
  let server: StaticServer
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pydebug-download-digest-'))

  beforeAll(async () => {
    server = await startStaticServer({
      '/ftp/python/3.11.2/Python-3.11.2.tgz': { body: tarball },
      '/cut/Python-3.11.2.tgz': { body: tarball, truncateAt: 4096 },
    })
  })
  afterAll(() => server.close())

  it('keeps a download of the expected digest and returns the digest', async () => {
    const destination = path.join(dir, 'right', 'Python-3.11.2.tgz')
    const result = await downloadFile(`${server.url}/ftp/python/3.11.2/Python-3.11.2.tgz`, destination, 'CPython 3.11.2 source', {
      sha256: digest,
      from: 'the test',
    })
    expect(result.sha256).toBe(digest)
    expect(readFileSync(destination).equals(tarball)).toBe(true)
  })

  it('refuses a download of another digest, naming both digests, where the expected one comes from, and the URL; nothing is kept', async () => {
    const url = `${server.url}/ftp/python/3.11.2/Python-3.11.2.tgz`
    const destination = path.join(dir, 'wrong', 'Python-3.11.2.tgz')
    const failure = downloadFile(url, destination, 'CPython 3.11.2 source', { sha256: wrong, from: 'the given source-sha256 (--sha256)' })
    await expect(failure).rejects.toThrow(SourceError)
    await expect(failure).rejects.toThrow(
      `CPython 3.11.2 source: the download of ${url} has SHA-256 ${digest}, but the given source-sha256 (--sha256) expects ${wrong}.`,
    )
    expect(readdirSync(path.dirname(destination))).toEqual([])
  })

  it('fails on a body cut short of its Content-Length, naming the URL and how much came', async () => {
    const url = `${server.url}/cut/Python-3.11.2.tgz`
    const destination = path.join(dir, 'cut', 'Python-3.11.2.tgz')
    const failure = downloadFile(url, destination, 'CPython 3.11.2 source', { sha256: digest, from: 'the test' })
    await expect(failure).rejects.toThrow(SourceError)
    await expect(failure).rejects.toThrow(
      new RegExp(`^CPython 3\\.11\\.2 source: download of ${url.replace(/\./g, '\\.')} failed after \\d+ of ${tarball.length} bytes: `),
    )
    expect(readdirSync(path.dirname(destination))).toEqual([])
  })

  it('fails on a 404, naming the URL and the status', async () => {
    const url = `${server.url}/ftp/python/3.99.0/Python-3.99.0.tgz`
    await expect(
      downloadFile(url, path.join(dir, 'missing', 'Python-3.99.0.tgz'), 'CPython 3.99.0 source', { sha256: digest, from: 'the test' }),
    ).rejects.toThrow(`CPython 3.99.0 source: could not download ${url}: HTTP 404 Not Found`)
  })
})
