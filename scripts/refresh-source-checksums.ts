// Refreshes two catalog files from one answer of python.org's downloads API (every release file):
// - src/catalog/python-org-checksums.ts: the SHA-256 python.org publishes for each source release
//   file (its sha256_sum), for the CPython minors the catalog knows;
// - src/catalog/known-versions.ts: the `latest` release of each known minor (what a matrix builds
//   for `X.Y`), rewritten in place.
// Run by the scheduled workflow .github/workflows/refresh-source-checksums.yml, which opens a pull
// request with the change.
//
// Usage: npx tsx scripts/refresh-source-checksums.ts [--check]
//   --check: exit 1 when either file is behind python.org's answer, without writing it.
//
// Digests are only ever added: a release file never changes on python.org, so a published digest
// that differs from the one the file has is an error to look into, never an update. Files python.org
// lists without a SHA-256 (older releases, before it published them) are left out and counted.
// `latest` only moves forward, to the newest final release (the newest pre-release while a minor has
// none): a release missing from one answer must not take a matrix back. Minors python.org lists that
// the catalog does not know are reported, not added: a new minor needs the catalog's rules for it.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { KNOWN_MINORS, type KnownMinor } from '../src/catalog/known-versions.js'
import { PYTHON_ORG_SOURCE_SHA256 } from '../src/catalog/python-org-checksums.js'
import { compareMinor, minorOf, parsePythonVersion, releaseOf, type PythonVersion } from '../src/catalog/python-version.js'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const CHECKSUM_MODULE = path.join(REPO_ROOT, 'src', 'catalog', 'python-org-checksums.ts')
export const KNOWN_VERSIONS_MODULE = path.join(REPO_ROOT, 'src', 'catalog', 'known-versions.ts')
/** python.org's downloads API: every release file, with `url`, `is_source` and `sha256_sum`. */
export const RELEASE_FILES_API = 'https://www.python.org/api/v2/downloads/release_file/'

const SOURCE_URL = /^https:\/\/www\.python\.org\/ftp\/python\/(\d+\.\d+\.\d+)\/(Python-([^/]+)\.(?:tgz|tar\.xz))$/
const SHA256_HEX = /^[0-9a-f]{64}$/

export interface PublishedDigests {
  /** File name → SHA-256, for the source tarballs of known minors that have one. */
  readonly digests: Readonly<Record<string, string>>
  /** Source tarballs of known minors listed without a SHA-256. */
  readonly withoutDigest: readonly string[]
}

interface SourceTarball {
  readonly fileName: string
  readonly version: PythonVersion
  readonly file: Readonly<Record<string, unknown>>
}

/** The source tarballs on python.org's own folders in the API's answer (a list, or a paginated object with `results`), of any minor. */
function sourceTarballsOf(answer: unknown): SourceTarball[] {
  const files: unknown[] = Array.isArray(answer) ? answer : isRecord(answer) && Array.isArray(answer.results) ? answer.results : []
  if (files.length === 0) throw new Error(`${RELEASE_FILES_API} answered with no release files: has the API changed?`)
  const tarballs: SourceTarball[] = []
  for (const file of files) {
    if (!isRecord(file) || typeof file.url !== 'string') continue
    const match = SOURCE_URL.exec(file.url)
    const version = match && parsePythonVersion(match[3])
    if (match && version && releaseOf(version) === match[1]) tarballs.push({ fileName: match[2], version, file })
  }
  return tarballs
}

/** The source tarball digests in the API's answer, for the minors the catalog knows. */
export function publishedSourceDigests(answer: unknown): PublishedDigests {
  const known = new Set(KNOWN_MINORS.map((entry) => entry.minor))
  const digests: Record<string, string> = {}
  const withoutDigest: string[] = []
  for (const { fileName, version, file } of sourceTarballsOf(answer)) {
    if (!known.has(minorOf(version))) continue
    const sha256 = typeof file.sha256_sum === 'string' ? file.sha256_sum.trim().toLowerCase() : ''
    if (SHA256_HEX.test(sha256)) digests[fileName] = sha256
    else withoutDigest.push(fileName)
  }
  return { digests, withoutDigest: withoutDigest.sort() }
}

/** Every release python.org lists a source tarball of, any minor, each once, oldest first. */
export function publishedSourceReleases(answer: unknown): PythonVersion[] {
  const releases = new Map(sourceTarballsOf(answer).map(({ version }) => [version.text, version]))
  return [...releases.values()].sort(compareVersions)
}

export interface LatestChange {
  readonly minor: string
  readonly from: string
  readonly to: string
}

export interface RefreshedLatest {
  /** The known minors, in their order, each with its refreshed `latest` (and note). */
  readonly minors: readonly KnownMinor[]
  readonly changes: readonly LatestChange[]
  /**
   * Minors newer than every known one that python.org lists: reported, never added (a minor needs
   * the catalog's rules first). Older ones (2.7, 3.5, ...) are left out of the catalog on purpose.
   */
  readonly newMinors: readonly string[]
}

/** The note of a `latest` that is a pre-release; a final release has none. */
export function preReleaseNote(minor: string): string {
  return `no final ${minor} release yet: the newest pre-release python.org lists`
}

/**
 * Each known minor's `latest`: the newest final release python.org lists for it, or its newest
 * pre-release while it has no final one. Never older than the listed one: an answer that lacks a
 * release (a page python.org did not send) leaves the entry, note included, as it is.
 */
export function refreshLatest(known: readonly KnownMinor[], published: readonly PythonVersion[]): RefreshedLatest {
  const changes: LatestChange[] = []
  const minors = known.map((entry) => {
    const ofMinor = published.filter((version) => minorOf(version) === entry.minor)
    const finals = ofMinor.filter((version) => !version.pre)
    const newest = (finals.length ? finals : ofMinor).reduce<PythonVersion | undefined>(
      (best, version) => (best && compareVersions(best, version) >= 0 ? best : version),
      undefined,
    )
    const listed = parsePythonVersion(entry.latest)
    if (!newest || (listed && compareVersions(newest, listed) <= 0)) return entry
    changes.push({ minor: entry.minor, from: entry.latest, to: newest.text })
    return { minor: entry.minor, latest: newest.text, ...(newest.pre ? { note: preReleaseNote(entry.minor) } : {}) }
  })
  const newestKnown = known[known.length - 1]?.minor
  const newMinors = newestKnown === undefined ? [] : [...new Set(published.filter((version) => compareMinor(version, newestKnown) > 0).map(minorOf))]
  return { minors, changes, newMinors }
}

// One entry of KNOWN_MINORS as known-versions.ts writes it, on one line.
const KNOWN_MINOR_ENTRY = /\{ minor: '(\d+\.\d+)', latest: '[^'\\]*'(?:, note: '(?:[^'\\]|\\.)*')? \}/g

/**
 * known-versions.ts with each known minor's entry rewritten from `minors`, the rest of the file as
 * it is: the minors and the comments there are written by hand, `latest` and `note` by this script.
 */
export function renderKnownVersionsModule(text: string, minors: readonly KnownMinor[]): string {
  const byMinor = new Map(minors.map((entry) => [entry.minor, entry]))
  const rewritten = new Set<string>()
  const result = text.replace(KNOWN_MINOR_ENTRY, (entry, minor: string) => {
    const known = byMinor.get(minor)
    if (!known) return entry
    rewritten.add(minor)
    const note = known.note === undefined ? '' : `, note: '${known.note.replace(/[\\']/g, (character) => `\\${character}`)}'`
    return `{ minor: '${known.minor}', latest: '${known.latest}'${note} }`
  })
  const missing = minors.filter((entry) => !rewritten.has(entry.minor)).map((entry) => entry.minor)
  if (missing.length)
    throw new Error(
      `${path.relative(REPO_ROOT, KNOWN_VERSIONS_MODULE)} has no one-line entry { minor: 'X.Y', latest: '...' } for ${missing.join(', ')}: keep each entry on one line as the script writes it`,
    )
  return result
}

export interface MergedDigests {
  readonly merged: Readonly<Record<string, string>>
  readonly added: readonly string[]
  /** Files whose published digest is not the one the list has: never overwritten. */
  readonly conflicts: readonly { readonly file: string; readonly listed: string; readonly published: string }[]
}

export function mergeDigests(listed: Readonly<Record<string, string>>, published: Readonly<Record<string, string>>): MergedDigests {
  const merged: Record<string, string> = { ...listed }
  const added: string[] = []
  const conflicts: { file: string; listed: string; published: string }[] = []
  for (const [file, sha256] of Object.entries(published)) {
    if (listed[file] === undefined) {
      merged[file] = sha256
      added.push(file)
    } else if (listed[file] !== sha256) conflicts.push({ file, listed: listed[file], published: sha256 })
  }
  return { merged, added: added.sort(compareFileNames), conflicts }
}

/** The module's text: the header, then the entries in version order. */
export function renderChecksumModule(digests: Readonly<Record<string, string>>): string {
  const files = Object.keys(digests).sort(compareFileNames)
  const emptyNote = files.length
    ? ''
    : `//
// Empty until that workflow first runs: none of python.org's digests could be checked where this
// file was written (no access to python.org), and a digest that was not checked is not written here.
`
  const entries = files.map((file) => `  '${file}': '${digests[file]}',\n`).join('')
  return `// Generated by scripts/refresh-source-checksums.ts from python.org's published SHA-256 values
// (the sha256_sum of each source release file in ${RELEASE_FILES_API});
// do not edit by hand. The scheduled workflow .github/workflows/refresh-source-checksums.yml runs the
// script and opens a pull request when python.org lists new releases.
${emptyNote}
/** Source tarball file name on python.org (Python-X.Y.Z.tgz, Python-X.Y.Z.tar.xz) → its SHA-256, lowercase hex. */
export const PYTHON_ORG_SOURCE_SHA256: Readonly<Record<string, string>> = {${entries ? `\n${entries}` : ''}}
`
}

/** 3.9.2 before 3.10.0a1 before 3.10.0rc1 before 3.10.0 before 3.10.1. */
export function compareVersions(a: PythonVersion, b: PythonVersion): number {
  return compareKeys(versionKey(a), versionKey(b))
}

function versionKey(version: PythonVersion): number[] {
  const stage = version.pre ? { a: 0, b: 1, rc: 2 }[version.pre.kind] : 3
  return [version.major, version.minor, version.patch, stage, version.pre?.number ?? 0]
}

/** Python-3.9.2.tgz before Python-3.10.0a1.tgz before Python-3.10.0.tgz; .tgz before .tar.xz of one release. */
function compareFileNames(a: string, b: string): number {
  const key = (file: string) => {
    const version = parsePythonVersion(/^Python-(.+?)\.(?:tgz|tar\.xz)$/.exec(file)?.[1] ?? '')
    if (!version) return [Infinity, 0, 0, 0, 0, file]
    return [...versionKey(version), file.endsWith('.tgz') ? 0 : 1]
  }
  return compareKeys(key(a), key(b))
}

function compareKeys(left: readonly (number | string)[], right: readonly (number | string)[]): number {
  for (let index = 0; index < left.length; index++) {
    if (left[index] < right[index]) return -1
    if (left[index] > right[index]) return 1
  }
  return 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function main(): Promise<void> {
  const response = await fetch(RELEASE_FILES_API, { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`${RELEASE_FILES_API}: HTTP ${response.status} ${response.statusText}`)
  const answer: unknown = await response.json()
  const { digests, withoutDigest } = publishedSourceDigests(answer)
  // A field python.org stopped sending (or never sent) must fail the scheduled run, not leave the list quietly stale.
  if (Object.keys(digests).length === 0)
    throw new Error(`python.org listed ${withoutDigest.length} source tarballs but a SHA-256 for none: does ${RELEASE_FILES_API} still publish sha256_sum?`)
  const { merged, added, conflicts } = mergeDigests(PYTHON_ORG_SOURCE_SHA256, digests)
  if (conflicts.length) {
    for (const conflict of conflicts)
      process.stderr.write(`${conflict.file}: python.org now publishes ${conflict.published}, the list has ${conflict.listed}\n`)
    throw new Error(
      `${conflicts.length} published digest(s) differ from the list: a release file should never change; look into it before changing the list by hand`,
    )
  }
  process.stdout.write(
    `${Object.keys(digests).length} source tarballs with a published SHA-256, ${withoutDigest.length} without (left out); ${added.length} new\n`,
  )
  for (const file of added) process.stdout.write(`  + ${file}\n`)
  const { minors, changes, newMinors } = refreshLatest(KNOWN_MINORS, publishedSourceReleases(answer))
  process.stdout.write(`${changes.length} known minor(s) with a newer release\n`)
  for (const change of changes) process.stdout.write(`  ${change.minor}: ${change.from} -> ${change.to}\n`)
  if (newMinors.length)
    process.stdout.write(`python.org lists minors the catalog does not know, not added (a minor needs the catalog's rules first): ${newMinors.join(', ')}\n`)

  const planned = [
    { file: CHECKSUM_MODULE, text: renderChecksumModule(merged) },
    { file: KNOWN_VERSIONS_MODULE, text: renderKnownVersionsModule(readFileSync(KNOWN_VERSIONS_MODULE, 'utf8'), minors) },
  ]
  const stale = planned.filter(({ file, text }) => text !== readFileSync(file, 'utf8'))
  if (process.argv.includes('--check')) {
    for (const { file } of stale)
      process.stderr.write(`${path.relative(REPO_ROOT, file)} is behind python.org; run npx tsx scripts/refresh-source-checksums.ts\n`)
    if (stale.length) process.exitCode = 1
    return
  }
  for (const { file, text } of stale) {
    writeFileSync(file, text)
    process.stdout.write(`updated ${path.relative(REPO_ROOT, file)}\n`)
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`refresh-source-checksums: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
