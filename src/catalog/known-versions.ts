/**
 * The CPython minor releases the catalog has rules for, with the release a matrix builds when
 * the user names only `X.Y`; a config may always pin a full `X.Y.Z` instead. The minors are
 * written by hand, with the catalog's rules for them. `latest` and `note` are data from python.org,
 * rewritten in place by scripts/refresh-source-checksums.ts (with the source checksums, from the
 * same answer of its downloads API), which .github/workflows/refresh-source-checksums.yml runs
 * weekly before opening a pull request. Keep each entry on one line, as that script writes it.
 */
export interface KnownMinor {
  readonly minor: string
  /** The newest final release python.org lists for this minor (its newest pre-release while it has none); never moved backwards. */
  readonly latest: string
  /** Why this release was picked, when it is not a final release. */
  readonly note?: string
}

export const KNOWN_MINORS: readonly KnownMinor[] = [
  { minor: '3.6', latest: '3.6.15' },
  { minor: '3.7', latest: '3.7.17' },
  { minor: '3.8', latest: '3.8.20' },
  { minor: '3.9', latest: '3.9.25' },
  { minor: '3.10', latest: '3.10.19' },
  { minor: '3.11', latest: '3.11.14' },
  { minor: '3.12', latest: '3.12.12' },
  { minor: '3.13', latest: '3.13.9' },
  { minor: '3.14', latest: '3.14.0' },
  { minor: '3.15', latest: '3.15.0a1', note: 'no final 3.15 release yet: the newest pre-release python.org lists' },
]

export function findKnownMinor(minor: string): KnownMinor | undefined {
  return KNOWN_MINORS.find((known) => known.minor === minor)
}
