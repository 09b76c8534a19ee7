import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { KNOWN_MINORS } from '../../../src/catalog/known-versions.js'
import { PYTHON_ORG_SOURCE_SHA256 } from '../../../src/catalog/python-org-checksums.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { knownSourceChecksum } from '../../../src/catalog/source-checksums.js'
import { expectedSourceDigest, GIVEN_DIGEST_FROM, parseSha256 } from '../../../src/plan/source-checksum.js'
import {
  CHECKSUM_MODULE,
  KNOWN_VERSIONS_MODULE,
  mergeDigests,
  preReleaseNote,
  publishedSourceDigests,
  publishedSourceReleases,
  refreshLatest,
  renderChecksumModule,
  renderKnownVersionsModule,
} from '../../../scripts/refresh-source-checksums.js'

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

describe("the refresh script's known releases (KNOWN_MINORS' latest)", () => {
  const file = (url: string, sha256_sum?: string, is_source = true) => ({
    name: path.basename(url),
    url,
    is_source,
    ...(sha256_sum === undefined ? {} : { sha256_sum }),
  })
  const ftp = (release: string, name: string) => file(`https://www.python.org/ftp/python/${release}/${name}`, sha('a'))
  const versions = (...texts: string[]) => texts.map((text) => parsePythonVersion(text)!)
  const known = [
    { minor: '3.12', latest: '3.12.9' },
    { minor: '3.13', latest: '3.13.9' },
    { minor: '3.14', latest: '3.14.0rc3', note: preReleaseNote('3.14') },
    { minor: '3.15', latest: '3.15.0a1', note: preReleaseNote('3.15') },
  ]

  it("lists each source release in python.org's answer once, of any minor, in version order", () => {
    const answer = [
      ftp('3.13.10', 'Python-3.13.10.tar.xz'),
      ftp('3.13.10', 'Python-3.13.10.tgz'),
      ftp('3.13.9', 'Python-3.13.9.tgz'),
      ftp('3.15.0', 'Python-3.15.0a2.tgz'),
      ftp('2.7.18', 'Python-2.7.18.tgz'),
      file('https://www.python.org/ftp/python/3.14.1/python-3.14.1-amd64.exe', sha('b'), false),
      file('https://mirror.example/python/3.14.2/Python-3.14.2.tgz', sha('c')),
    ]
    expect(publishedSourceReleases(answer).map((version) => version.text)).toEqual(['2.7.18', '3.13.9', '3.13.10', '3.15.0a2'])
    expect(() => publishedSourceReleases({ detail: 'throttled' })).toThrow(/answered with no release files/)
  })

  it('moves each minor to its newest final release, numerically (3.13.10 after 3.13.9), dropping the pre-release note', () => {
    const { minors, changes } = refreshLatest(known, versions('3.12.9', '3.12.10', '3.13.9', '3.13.10', '3.14.0rc3', '3.14.0', '3.14.1rc1'))
    expect(minors).toEqual([{ minor: '3.12', latest: '3.12.10' }, { minor: '3.13', latest: '3.13.10' }, { minor: '3.14', latest: '3.14.0' }, known[3]])
    expect(changes).toEqual([
      { minor: '3.12', from: '3.12.9', to: '3.12.10' },
      { minor: '3.13', from: '3.13.9', to: '3.13.10' },
      { minor: '3.14', from: '3.14.0rc3', to: '3.14.0' },
    ])
  })

  it('takes the newest pre-release, with its note, only for a minor with no final release', () => {
    const { minors } = refreshLatest(known, versions('3.15.0a1', '3.15.0b1', '3.15.0a3'))
    expect(minors[3]).toEqual({ minor: '3.15', latest: '3.15.0b1', note: 'no final 3.15 release yet: the newest pre-release python.org lists' })
  })

  it('never goes backwards, and leaves a minor python.org does not list (or lists the same) as it is, note included', () => {
    const { minors, changes } = refreshLatest(known, versions('3.12.8', '3.13.9', '3.14.0rc2', '3.15.0a1'))
    expect(minors).toEqual(known)
    expect(changes).toEqual([])
    expect(refreshLatest(known, []).minors).toEqual(known)
  })

  it("reports minors newer than the catalog's newest, never adds them, and is silent on the old ones it leaves out", () => {
    const { minors, newMinors } = refreshLatest(known, versions('2.7.18', '3.5.10', '3.15.0a2', '3.16.0a1', '3.16.0a2', '4.0.0a1'))
    expect(newMinors).toEqual(['3.16', '4.0'])
    expect(minors.map((entry) => entry.minor)).toEqual(['3.12', '3.13', '3.14', '3.15'])
  })

  it('holds in known-versions.ts exactly what the script writes there (one line per entry)', () => {
    const text = readFileSync(KNOWN_VERSIONS_MODULE, 'utf8')
    expect(renderKnownVersionsModule(text, KNOWN_MINORS)).toBe(text)
    for (const entry of KNOWN_MINORS) {
      const version = parsePythonVersion(entry.latest)
      expect(version && `${version.major}.${version.minor}`).toBe(entry.minor)
      if (version?.pre) expect(entry.note).toBe(preReleaseNote(entry.minor))
      else expect(entry.note).toBeUndefined()
    }
  })

  it('rewrites only the entries whose release moved, and the note with it', () => {
    const text = readFileSync(KNOWN_VERSIONS_MODULE, 'utf8')
    const { minors } = refreshLatest(KNOWN_MINORS, versions('3.15.0', '3.13.99'))
    const rewritten = renderKnownVersionsModule(text, minors)
    const changed = (left: string, right: string) => {
      const rightLines = right.split('\n')
      return left.split('\n').flatMap((line, index) => (line === rightLines[index] ? [] : [[line.trim(), rightLines[index].trim()]]))
    }
    expect(changed(text, rewritten)).toEqual([
      ["{ minor: '3.13', latest: '3.13.9' },", "{ minor: '3.13', latest: '3.13.99' },"],
      [`{ minor: '3.15', latest: '3.15.0a1', note: '${preReleaseNote('3.15')}' },`, "{ minor: '3.15', latest: '3.15.0' },"],
    ])
    expect(renderKnownVersionsModule(rewritten, KNOWN_MINORS)).toBe(text)
  })

  it('refuses to rewrite a known-versions.ts whose entries it cannot find (reformatted onto several lines)', () => {
    const spread = "  {\n    minor: '3.6',\n    latest: '3.6.15',\n  },\n"
    expect(() => renderKnownVersionsModule(spread, [{ minor: '3.6', latest: '3.6.15' }])).toThrow(
      "src/catalog/known-versions.ts has no one-line entry { minor: 'X.Y', latest: '...' } for 3.6",
    )
  })

  it('escapes a note as a string literal that reads back', () => {
    const text = "  { minor: '3.6', latest: '3.6.15' },\n"
    const note = "python.org's \\ odd note"
    const rewritten = renderKnownVersionsModule(text, [{ minor: '3.6', latest: '3.6.16', note }])
    expect(rewritten).toBe("  { minor: '3.6', latest: '3.6.16', note: 'python.org\\'s \\\\ odd note' },\n")
    expect(renderKnownVersionsModule(rewritten, [{ minor: '3.6', latest: '3.6.16', note }])).toBe(rewritten)
  })

  it('is committed by the scheduled workflow with both catalog files and what they feed (goldens naming the releases, dist/)', () => {
    const workflowFile = path.join(path.dirname(KNOWN_VERSIONS_MODULE), '../../.github/workflows/refresh-source-checksums.yml')
    const workflow = parse(readFileSync(workflowFile, 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> }
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''))
    const commit = runs.find((run) => run.includes('git commit'))!
    const repoRoot = path.resolve(path.dirname(KNOWN_VERSIONS_MODULE), '../..')
    for (const refreshed of [CHECKSUM_MODULE, KNOWN_VERSIONS_MODULE].map((module) => path.relative(repoRoot, module))) expect(commit).toContain(refreshed)
    for (const fed of ['test/golden/catalog', 'test/golden/matrix', 'dist']) expect(commit).toMatch(new RegExp(`[ (]${fed}[ )]`))
    expect(runs.some((run) => run.includes('UPDATE_GOLDEN=1') && run.includes('npm run build'))).toBe(true)
  })
})
