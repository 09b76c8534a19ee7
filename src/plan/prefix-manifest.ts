/**
 * The manifest of a cached interpreter: every file's size and SHA-256 and every symbolic link's
 * target, written into the install prefix when it is saved, and compared with the prefix's files
 * before a restored entry is trusted. Pure: reading the files is adapters/files.ts (readTreeEntries).
 */

/** In the install prefix, next to the build record; it lists every other file. */
export const MANIFEST_FILE = 'pydebug-manifest.json'

export interface ManifestFile {
  readonly size: number
  readonly sha256: string
}

export interface PrefixManifest {
  readonly schema: 1
  /** Path relative to the prefix, with `/` → size and digest. */
  readonly files: Readonly<Record<string, ManifestFile>>
  /** Path relative to the prefix → the link's target as written. */
  readonly links: Readonly<Record<string, string>>
}

/** One entry of a folder as read from disk: a regular file with its size and digest, a symbolic link, or anything else. */
export type TreeEntry =
  | { readonly path: string; readonly kind: 'file'; readonly size: number; readonly sha256: string }
  | { readonly path: string; readonly kind: 'symlink'; readonly target: string }
  | { readonly path: string; readonly kind: 'other' }

export function manifestOf(entries: readonly TreeEntry[]): PrefixManifest {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const files: Record<string, ManifestFile> = {}
  const links: Record<string, string> = {}
  for (const entry of sorted) {
    if (entry.kind === 'file') files[entry.path] = { size: entry.size, sha256: entry.sha256 }
    else if (entry.kind === 'symlink') links[entry.path] = entry.target
  }
  return { schema: 1, files, links }
}

/** The manifest in a file's JSON, or undefined when it is not one (damaged, cut short, another schema). */
export function parseManifest(text: string): PrefixManifest | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(value) || value.schema !== 1 || !isRecord(value.files) || !isRecord(value.links)) return undefined
  const filesValid = Object.values(value.files).every(
    (file) =>
      isRecord(file) && Number.isSafeInteger(file.size) && (file.size as number) >= 0 && typeof file.sha256 === 'string' && /^[0-9a-f]{64}$/.test(file.sha256),
  )
  const linksValid = Object.values(value.links).every((target) => typeof target === 'string')
  return filesValid && linksValid ? (value as unknown as PrefixManifest) : undefined
}

export interface ManifestComparison {
  /** Listed but absent (or no longer a file / a link). */
  readonly missing: readonly string[]
  /** Present with another size, digest or link target: what differs, per path. */
  readonly changed: readonly { readonly path: string; readonly difference: string }[]
  /** Present but not listed: written after the save (bytecode of a module first imported later, say). Not a fault. */
  readonly extra: readonly string[]
}

export function compareWithManifest(manifest: PrefixManifest, entries: readonly TreeEntry[]): ManifestComparison {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]))
  const missing: string[] = []
  const changed: { path: string; difference: string }[] = []
  for (const [filePath, expected] of Object.entries(manifest.files)) {
    const found = byPath.get(filePath)
    if (found?.kind !== 'file') missing.push(filePath)
    else if (found.size !== expected.size) changed.push({ path: filePath, difference: `${found.size} bytes instead of ${expected.size}` })
    else if (found.sha256 !== expected.sha256)
      changed.push({ path: filePath, difference: `SHA-256 ${found.sha256.slice(0, 12)}… instead of ${expected.sha256.slice(0, 12)}…` })
  }
  for (const [linkPath, target] of Object.entries(manifest.links)) {
    const found = byPath.get(linkPath)
    if (found?.kind !== 'symlink') missing.push(linkPath)
    else if (found.target !== target) changed.push({ path: linkPath, difference: `a link to ${found.target} instead of ${target}` })
  }
  const extra = entries
    .filter((entry) => entry.kind !== 'other' && !(entry.path in manifest.files) && !(entry.path in manifest.links))
    .map((entry) => entry.path)
  return { missing: missing.sort(), changed: changed.sort((a, b) => (a.path < b.path ? -1 : 1)), extra }
}

/** Undefined when the files are those the manifest lists; else what differs, shortly (the first few paths of each kind). */
export function describeManifestMismatch(comparison: ManifestComparison, shown = 3): string | undefined {
  const parts: string[] = []
  const list = (paths: readonly string[]) => `${paths.slice(0, shown).join(', ')}${paths.length > shown ? `, and ${paths.length - shown} more` : ''}`
  if (comparison.changed.length) {
    parts.push(
      `${comparison.changed.length} ${plural(comparison.changed.length, 'file differs', 'files differ')} from the manifest (${list(comparison.changed.map((change) => `${change.path}: ${change.difference}`))})`,
    )
  }
  if (comparison.missing.length)
    parts.push(`${comparison.missing.length} ${plural(comparison.missing.length, 'file is', 'files are')} missing (${list(comparison.missing)})`)
  return parts.length ? parts.join('; ') : undefined
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
