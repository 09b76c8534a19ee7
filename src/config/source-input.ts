import type { PythonVersion } from '../catalog/python-version.js'
import { ConfigError } from '../errors.js'
import { resolveSourceSpec, type SourceSpec } from '../plan/source.js'

/**
 * `source` resolved, with a URL that cannot be downloaded refused before anything runs: the run
 * validates its input with it, and the matrix its `source`, from which it builds the cache keys.
 */
export function sourceOf(text: string | undefined, python: PythonVersion, resolve: (value: string) => string, name: string): SourceSpec {
  let source: SourceSpec
  let url: URL | undefined
  try {
    source = resolveSourceSpec(text, python, resolve)
    url = source.kind === 'url' ? new URL(source.url) : undefined
  } catch {
    throw new ConfigError(
      `${name} '${text}' is not allowed: it is not a valid URL. Give a CPython source tarball or folder, an http(s) URL, or a URL template with {version}.`,
    )
  }
  // fetch refuses such a URL, and its password would be in every log line and message that names the source.
  if (url?.username || url?.password) {
    throw new ConfigError(
      `${name} '${text!.replace(/(:\/\/)[^/]*@/, '$1***@')}' is not allowed: a URL with a user name or password cannot be downloaded (fetch refuses credentials in URLs), and it would be written into the logs and the report. Download the tarball in an earlier step and give its path.`,
    )
  }
  return source
}
