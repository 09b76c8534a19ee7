import path from 'node:path'
import { releaseOf, type PythonVersion } from '../catalog/python-version.js'
import type { SourceIdentity } from './cache-key.js'

/** python.org's layout: the folder is the release (3.14.0), the file carries pre-release markers (3.14.0rc1). */
const DEFAULT_SOURCE_TEMPLATE = 'https://www.python.org/ftp/python/{release}/Python-{version}.tgz'

export type SourceSpec = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string }

const URL_SCHEME = /^(https?|file):\/\//i

/**
 * `source` is a URL, a URL template with `{version}` / `{release}` placeholders (a mirror), or a
 * local tarball path (resolved against `cwd`). Empty means python.org.
 */
export function resolveSourceSpec(source: string | undefined, python: PythonVersion, resolvePath: (path: string) => string): SourceSpec {
  const text = source?.trim() || DEFAULT_SOURCE_TEMPLATE
  const expanded = text.replaceAll('{version}', python.text).replaceAll('{release}', releaseOf(python))
  if (URL_SCHEME.test(expanded)) {
    return expanded.toLowerCase().startsWith('file://')
      ? { kind: 'file', path: decodeURIComponent(new URL(expanded).pathname) }
      : { kind: 'url', url: expanded }
  }
  return { kind: 'file', path: resolvePath(expanded) }
}

export function describeSource(source: SourceSpec): string {
  return source.kind === 'url' ? source.url : source.path
}

/** The tarball's file name: a URL's last path segment (decoded), a local file's name; empty for a URL ending in `/`. */
export function sourceFileName(source: SourceSpec): string {
  if (source.kind === 'file') return path.basename(source.path)
  return decodeURIComponent(new URL(source.url).pathname.split('/').pop() ?? '')
}

/**
 * What identifies a source in cache keys: a download's URL (release tarballs never change), a
 * local file's SHA-256 once read. A planner that reads no file (the matrix) names the file instead,
 * so its key shares the build's readable prefix but not its digest (docs/matrix.md).
 */
export function sourceIdentityOf(source: SourceSpec, fileSha256?: string): SourceIdentity {
  if (source.kind === 'url') return { url: source.url }
  return fileSha256 ? { sha256: fileSha256 } : { url: `file://${source.path}` }
}
