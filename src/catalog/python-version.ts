/** A CPython release version such as 3.11.2 or 3.14.0rc1. */
export interface PythonVersion {
  readonly major: number
  readonly minor: number
  readonly patch: number
  /** Pre-release marker, e.g. `{ kind: 'rc', number: 1 }` for 3.14.0rc1. */
  readonly pre?: { readonly kind: 'a' | 'b' | 'rc'; readonly number: number }
  /** The version as written, normalised: `3.11.2`, `3.14.0rc1`. */
  readonly text: string
}

const RELEASE_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?$/

/** Parses `X.Y.Z` (optionally with an `aN`, `bN` or `rcN` suffix); undefined for anything else. */
export function parsePythonVersion(text: string): PythonVersion | undefined {
  const match = RELEASE_VERSION.exec(text.trim())
  if (!match) return undefined
  const [, major, minor, patch, preKind, preNumber] = match
  const version = {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    ...(preKind ? { pre: { kind: preKind as 'a' | 'b' | 'rc', number: Number(preNumber) } } : {}),
  }
  return { ...version, text: `${version.major}.${version.minor}.${version.patch}${preKind ? `${preKind}${preNumber}` : ''}` }
}

/** `3.11` for 3.11.2. */
export function minorOf(version: Pick<PythonVersion, 'major' | 'minor'>): string {
  return `${version.major}.${version.minor}`
}

/** `X.Y.Z` without the pre-release marker: python.org's folder name for a release. */
export function releaseOf(version: PythonVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`
}

/** cibuildwheel-style interpreter tag: `cp311` for 3.11.x. */
export function interpreterTag(version: Pick<PythonVersion, 'major' | 'minor'>): string {
  return `cp${version.major}${version.minor}`
}

/** Compares a version's minor release with `X.Y`: negative when older, 0 when equal, positive when newer. */
export function compareMinor(version: Pick<PythonVersion, 'major' | 'minor'>, minor: string): number {
  let parsed = parsedMinors.get(minor)
  if (!parsed) {
    const [major, minorNumber] = minor.split('.').map(Number)
    parsed = { major, minor: minorNumber }
    parsedMinors.set(minor, parsed)
  }
  return version.major !== parsed.major ? version.major - parsed.major : version.minor - parsed.minor
}

// The catalog compares against a handful of literal minors, thousands of times per matrix.
const parsedMinors = new Map<string, { major: number; minor: number }>()

const MINOR_VERSION = /^(\d+)\.(\d+)$/

/** Parses `X.Y` (a matrix selects minor releases); undefined for anything else. */
export function parseMinorVersion(text: string): { readonly major: number; readonly minor: number } | undefined {
  const match = MINOR_VERSION.exec(text.trim())
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined
}
