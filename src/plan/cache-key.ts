import { createHash } from 'node:crypto'
import type { CellPlan } from './cell.js'

/** Bump to invalidate every cached interpreter, e.g. when the install layout changes. */
const BUILD_CACHE_SALT = '1'

/** What identifies the source: a URL for remote tarballs (release tarballs never change), a digest for local files. */
/** A download by its URL, a tarball by its SHA-256, a source folder by the digest of its files (adapters/files.ts hashTree). */
export type SourceIdentity = { readonly url: string } | { readonly sha256: string } | { readonly tree: string }

/** Facts about the machine that change the binaries. */
export interface PlatformFacts {
  readonly os: string
  readonly arch: string
  /** Runner image, e.g. `ubuntu24-20261110.1` on GitHub-hosted runners. */
  readonly image?: string
  /** The compiler chosen with CC, as the first line of its `--version`. */
  readonly compiler?: string
}

export interface BuildKeyInputs {
  readonly cell: Pick<CellPlan, 'buildId' | 'python' | 'configureArgs' | 'buildEnv'>
  readonly source: SourceIdentity
  readonly platform: PlatformFacts
}

/**
 * A readable prefix for humans and prefix restores, then a digest of everything that changes
 * the installed interpreter. Keys stay far below the toolkit's 512-character limit and contain
 * no commas.
 */
export function planBuildCacheKey(inputs: BuildKeyInputs): string {
  const { cell, platform } = inputs
  const digest = sha256Hex(JSON.stringify(buildKeyMaterial(inputs))).slice(0, 16)
  return `pydebug-${BUILD_CACHE_SALT}-${platform.os}-${platform.arch}-${cell.buildId}-${cell.python.text}-${digest}`
}

/**
 * Everything the interpreter's key digests, as plain data: the build record keeps it so that a
 * later miss can say which part changed (plan/cache-miss.ts). The property order is part of the
 * digest: changing it would change every key.
 */
export interface BuildKeyMaterial {
  readonly salt: string
  readonly python: string
  readonly configureArgs: readonly string[]
  readonly buildEnv: readonly (readonly [string, string])[]
  readonly source: SourceIdentity
  readonly platform: PlatformFacts
}

export function buildKeyMaterial({ cell, source, platform }: BuildKeyInputs): BuildKeyMaterial {
  return {
    salt: BUILD_CACHE_SALT,
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    buildEnv: Object.entries(cell.buildEnv).sort(),
    source,
    platform,
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
