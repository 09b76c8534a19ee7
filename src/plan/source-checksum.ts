import { knownSourceChecksum, type KnownSourceChecksum } from '../catalog/source-checksums.js'
import { sourceFileName, type SourceSpec } from './source.js'

/** A digest the source tarball must have, and where it comes from (for messages). */
export type ExpectedDigest = KnownSourceChecksum

/** How messages name the user's digest: the action input and the CLI flag (config/run-option-table.ts). */
export const GIVEN_DIGEST_FROM = 'the given source-sha256 (--sha256)'

/** 64 hexadecimal digits, any case. */
const SHA256_HEX = /^[0-9a-f]{64}$/i

/** A SHA-256 as the user may write it (hex, any case, optionally `sha256:` before it), lowercased; undefined when it is not one. */
export function parseSha256(text: string): string | undefined {
  const hex = text.trim().replace(/^sha256:/i, '')
  return SHA256_HEX.test(hex) ? hex.toLowerCase() : undefined
}

/**
 * What the source tarball must digest to: the user's `source-sha256` when given (for a download or
 * a local tarball); else, for a download, the digest pydebug's checksum list has for its file name.
 * Undefined when neither says: a local tarball is the user's own (its digest is its cache key), and
 * a download the list does not know is unverified (`unverifiedDownloadWarning`).
 */
export function expectedSourceDigest(source: SourceSpec, givenSha256: string | undefined): ExpectedDigest | undefined {
  if (givenSha256 !== undefined) return { sha256: givenSha256, from: GIVEN_DIGEST_FROM }
  return source.kind === 'url' ? knownSourceChecksum(sourceFileName(source)) : undefined
}

/** A tarball whose digest is not the expected one: both digests, where the expected one comes from, and the URL or path. */
export function digestMismatchMessage(what: string, location: string, expected: ExpectedDigest, actualSha256: string): string {
  return `${what}: ${location} has SHA-256 ${actualSha256}, but ${expected.from} expects ${expected.sha256}. It was not unpacked; check the source (a mirror serving another file, a truncated download) or the digest given.`
}

/**
 * A download the checksum list does not know. A warning, not an error: `pydebug run` has no strict
 * mode (only the matrix has `strict`), and new releases reach python.org before the list's refresh.
 */
export function unverifiedDownloadWarning(what: string, url: string): string {
  return `${what}: pydebug's checksum list has no SHA-256 for ${sourceFileName({ kind: 'url', url }) || url}, so the download of ${url} is not verified. Give its SHA-256 with source-sha256 (--sha256) to check it.`
}
