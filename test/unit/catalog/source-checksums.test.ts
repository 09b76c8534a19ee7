import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PYTHON_ORG_SOURCE_SHA256 } from '../../../src/catalog/python-org-checksums.js'
import { knownSourceChecksum } from '../../../src/catalog/source-checksums.js'
import { expectedSourceDigest, GIVEN_DIGEST_FROM, parseSha256 } from '../../../src/plan/source-checksum.js'
import { CHECKSUM_MODULE, mergeDigests, publishedSourceDigests, renderChecksumModule } from '../../../scripts/refresh-source-checksums.js'

const sha = (character: string) => character.repeat(64)

describe("pydebug's checksum list", () => {
  it("holds python.org's digests only as the refresh script writes them (the file is its output, not edited by hand)", () => {
    expect(readFileSync(CHECKSUM_MODULE, 'utf8')).toBe(renderChecksumModule(PYTHON_ORG_SOURCE_SHA256))
    for (const [file, digest] of Object.entries(PYTHON_ORG_SOURCE_SHA256)) {
      expect(file).toMatch(/^Python-\d+\.\d+\.\d+((a|b|rc)\d+)?\.(tgz|tar\.xz)$/)
      expect(digest).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  // Debian's digests were taken from the .dsc files apt-get source fetched with these tarballs.
  const sources = path.join(os.homedir(), '.cache', 'pydebug-ci-sources')
  it.each(['python3.11_3.11.2.orig.tar.gz', 'python3.13_3.13.5.orig.tar.xz'])(
    "has the digest of Debian's %s that this machine holds, and the .dsc lists",
    async (file) => {
      const known = knownSourceChecksum(file)
      expect(known?.from).toBe("Debian's archive (pydebug's checksum list)")
      if (!existsSync(path.join(sources, file))) return
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(path.join(sources, file))) hash.update(chunk as Buffer)
      expect(hash.digest('hex')).toBe(known!.sha256)
      const dscFile = readdirSync(sources).find((name) => name.startsWith(`${file.split('_')[0]}_`) && name.endsWith('.dsc'))
      const dsc = readFileSync(path.join(sources, dscFile!), 'utf8')
      expect(dsc).toContain(` ${known!.sha256} `)
    },
  )

  it("knows no digest for a python.org file it was not given (none is claimed from Debian's files)", () => {
    for (const file of ['Python-3.11.2.tgz', 'Python-3.13.5.tar.xz']) {
      const published = PYTHON_ORG_SOURCE_SHA256[file]
      expect(knownSourceChecksum(file)).toEqual(published ? { sha256: published, from: "python.org's published SHA-256 (pydebug's checksum list)" } : undefined)
    }
  })
})

describe('what a source tarball must digest to', () => {
  const pythonOrg = { kind: 'url', url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' } as const
  const debianMirror = { kind: 'url', url: 'https://mirror.example/debian/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz' } as const

  it("is the user's digest when given, for a download or a local file", () => {
    expect(expectedSourceDigest(pythonOrg, sha('a'))).toEqual({ sha256: sha('a'), from: GIVEN_DIGEST_FROM })
    expect(expectedSourceDigest({ kind: 'file', path: '/tmp/Python-3.11.2.tgz' }, sha('b'))).toEqual({ sha256: sha('b'), from: GIVEN_DIGEST_FROM })
  })

  it("is the list's digest for a download of a file name it knows (any host), and nothing for a local file", () => {
    expect(expectedSourceDigest(debianMirror, undefined)).toEqual(knownSourceChecksum('python3.11_3.11.2.orig.tar.gz'))
    expect(expectedSourceDigest({ kind: 'file', path: path.join('/x', 'python3.11_3.11.2.orig.tar.gz') }, undefined)).toBeUndefined()
    expect(expectedSourceDigest({ kind: 'url', url: 'https://www.python.org/ftp/python/9.9.9/Python-9.9.9.tgz' }, undefined)).toBeUndefined()
  })

  it('reads a SHA-256 as people write it', () => {
    expect([parseSha256(sha('A')), parseSha256(`sha256:${sha('b')}`), parseSha256('abc'), parseSha256(`${sha('a')}0`)]).toEqual([
      sha('a'),
      sha('b'),
      undefined,
      undefined,
    ])
  })
})

describe('the refresh script', () => {
  const file = (url: string, sha256_sum?: string, is_source = true) => ({
    name: path.basename(url),
    url,
    is_source,
    ...(sha256_sum === undefined ? {} : { sha256_sum }),
  })

  it("takes the published digests of source tarballs of known minors from python.org's answer", () => {
    const answer = [
      file('https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz', sha('a').toUpperCase()),
      file('https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tar.xz', sha('b')),
      file('https://www.python.org/ftp/python/3.14.0/Python-3.14.0rc1.tgz', sha('c')),
      file('https://www.python.org/ftp/python/3.11.2/python-3.11.2-amd64.exe', sha('d'), false),
      file('https://www.python.org/ftp/python/2.7.18/Python-2.7.18.tgz', sha('e')),
      file('https://www.python.org/ftp/python/3.10.0/Python-3.10.0.tgz', ''),
      file('https://www.python.org/ftp/python/3.10.1/Python-3.10.1.tgz'),
      file('https://mirror.example/python/3.11.3/Python-3.11.3.tgz', sha('f')),
    ]
    expect(publishedSourceDigests(answer)).toEqual({
      digests: { 'Python-3.11.2.tgz': sha('a'), 'Python-3.11.2.tar.xz': sha('b'), 'Python-3.14.0rc1.tgz': sha('c') },
      withoutDigest: ['Python-3.10.0.tgz', 'Python-3.10.1.tgz'],
    })
    expect(publishedSourceDigests({ results: answer }).digests).toHaveProperty(['Python-3.11.2.tgz'])
    expect(() => publishedSourceDigests({ detail: 'throttled' })).toThrow(/answered with no release files/)
  })

  it('only adds: a published digest that differs from the listed one is a conflict, never an update', () => {
    const listed = { 'Python-3.11.2.tgz': sha('a') }
    expect(mergeDigests(listed, { 'Python-3.11.2.tgz': sha('a'), 'Python-3.10.0.tgz': sha('b') })).toEqual({
      merged: { 'Python-3.11.2.tgz': sha('a'), 'Python-3.10.0.tgz': sha('b') },
      added: ['Python-3.10.0.tgz'],
      conflicts: [],
    })
    expect(mergeDigests(listed, { 'Python-3.11.2.tgz': sha('9') }).conflicts).toEqual([{ file: 'Python-3.11.2.tgz', listed: sha('a'), published: sha('9') }])
  })

  it('writes entries in version order, pre-releases first, and a module that reads back', () => {
    const text = renderChecksumModule({
      'Python-3.10.0.tgz': sha('1'),
      'Python-3.9.2.tgz': sha('2'),
      'Python-3.10.0rc1.tgz': sha('3'),
      'Python-3.10.0.tar.xz': sha('4'),
    })
    expect([...text.matchAll(/'(Python-[^']+)'/g)].map((match) => match[1])).toEqual([
      'Python-3.9.2.tgz',
      'Python-3.10.0rc1.tgz',
      'Python-3.10.0.tgz',
      'Python-3.10.0.tar.xz',
    ])
    expect(text).not.toContain('Empty until')
  })
})
