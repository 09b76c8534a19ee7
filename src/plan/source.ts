import path from 'node:path'
import { releaseOf, type PythonVersion } from '../catalog/python-version.js'
import type { SourceIdentity } from './cache-key.js'

/** python.org's layout: the folder is the release (3.14.0), the file carries pre-release markers (3.14.0rc1). */
const DEFAULT_SOURCE_TEMPLATE = 'https://www.python.org/ftp/python/{release}/Python-{version}.tgz'

/** A download, a local tarball, or a local source folder (an unpacked release or a git checkout: `tree`, built out of tree as it is). */
export type SourceSpec =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'tree'; readonly path: string }

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
  if (source.kind !== 'url') return path.basename(source.path)
  return decodeURIComponent(new URL(source.url).pathname.split('/').pop() ?? '')
}

/**
 * What identifies a source in cache keys: a download's URL (release tarballs never change), a
 * local file's SHA-256 or a folder's digest of its files once read. A planner that reads no file (the matrix) names the file instead,
 * so its key shares the build's readable prefix but not its digest (docs/matrix.md).
 */
export function sourceIdentityOf(source: SourceSpec, contentSha256?: string): SourceIdentity {
  if (source.kind === 'url') return { url: source.url }
  if (!contentSha256) return { url: `file://${source.path}` }
  return source.kind === 'tree' ? { tree: contentSha256 } : { sha256: contentSha256 }
}

/** Where a CPython source folder says its version: `#define PY_VERSION "3.11.2"` (`"3.15.0a0+"` on a development branch). */
export const SOURCE_TREE_VERSION_FILE = 'Include/patchlevel.h'

/**
 * Why a source folder cannot build `python` (its patchlevel.h, or undefined when the file is
 * missing): the catalog's rules and the cache key follow the version given, so it must be the
 * folder's. A development checkout's `+` (3.15.0a0+) matches its version without it.
 */
export function sourceTreeProblem(folder: string, patchlevel: string | undefined, python: PythonVersion): string | undefined {
  const version = patchlevel === undefined ? undefined : /^#define\s+PY_VERSION\s+"([^"]+)"/m.exec(patchlevel)?.[1]
  if (version === undefined)
    return `${folder} does not look like a CPython source folder: ${SOURCE_TREE_VERSION_FILE} ${patchlevel === undefined ? 'is missing' : 'has no PY_VERSION'}`
  if (version.replace(/\+$/, '') !== python.text)
    return `${folder} holds CPython ${version}, not ${python.text}: give the folder's version (${version.replace(/\+$/, '')}) as the Python version, or another folder`
  return undefined
}
