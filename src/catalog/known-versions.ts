/**
 * The CPython minor releases the catalog has rules for, with the release a matrix builds when
 * the user names only `X.Y`. Data, refreshed by hand when python.org publishes a release; a
 * config may always pin a full `X.Y.Z` instead.
 */
export interface KnownMinor {
  readonly minor: string
  /** The newest release on python.org/ftp/python/ when this table was last updated. */
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
  { minor: '3.15', latest: '3.15.0a1', note: 'first 3.15 pre-release; pin a newer X.Y.Z in the config when one is out' },
]

export function findKnownMinor(minor: string): KnownMinor | undefined {
  return KNOWN_MINORS.find((known) => known.minor === minor)
}
