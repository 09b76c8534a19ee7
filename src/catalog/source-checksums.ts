import { PYTHON_ORG_SOURCE_SHA256 } from './python-org-checksums.js'

/**
 * The SHA-256 of CPython source tarballs pydebug knows, by file name: a download whose file name is
 * listed must have this digest (steps/build-python.ts checks it before unpacking). Two lists:
 *
 * - python.org's release tarballs (python-org-checksums.ts), written only by
 *   scripts/refresh-source-checksums.ts from the digests python.org publishes, and refreshed by a
 *   scheduled workflow. It starts empty: python.org could not be reached where this list was made.
 * - Debian's orig tarballs of the releases the tests use, below: each digest is the one Debian's
 *   archive lists for the file (Checksums-Sha256 of the source package's .dsc, which apt-get source
 *   checks against the archive's signed Sources index), recomputed from the downloaded file.
 *   Whether Debian's orig tarball is python.org's file byte for byte was not checked, so these
 *   digests are not claimed for python.org's file names.
 */
const DEBIAN_ORIG_SHA256: Readonly<Record<string, string>> = {
  // python3.11 3.11.2-6+deb12u8 (bookworm)
  'python3.11_3.11.2.orig.tar.gz': '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849',
  // python3.13 3.13.5-2+deb13u5 (trixie)
  'python3.13_3.13.5.orig.tar.xz': '93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640',
}

export interface KnownSourceChecksum {
  readonly sha256: string
  /** Where the digest comes from, for messages. */
  readonly from: string
}

/** The known digest of a source tarball by its file name (`Python-3.11.2.tgz`); undefined when the list has none. */
export function knownSourceChecksum(fileName: string): KnownSourceChecksum | undefined {
  const fromPythonOrg = PYTHON_ORG_SOURCE_SHA256[fileName]
  if (fromPythonOrg) return { sha256: fromPythonOrg, from: "python.org's published SHA-256 (pydebug's checksum list)" }
  const fromDebian = DEBIAN_ORIG_SHA256[fileName]
  if (fromDebian) return { sha256: fromDebian, from: "Debian's archive (pydebug's checksum list)" }
  return undefined
}
