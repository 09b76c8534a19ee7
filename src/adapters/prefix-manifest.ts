import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { compareWithManifest, describeManifestMismatch, manifestOf, MANIFEST_FILE, parseManifest } from '../plan/prefix-manifest.js'
import { readTreeEntries, writeFileAtomic } from './files.js'

/** Everything in the prefix but the manifest itself (and the temporary file it is written through). */
const notTheManifest = (relativePath: string) => relativePath === MANIFEST_FILE || relativePath.startsWith(`${MANIFEST_FILE}.`)

/** Writes the prefix's manifest (plan/prefix-manifest.ts): every file's size and SHA-256, every link's target. */
export async function writePrefixManifest(prefix: string): Promise<void> {
  const manifest = manifestOf(await readTreeEntries(prefix, notTheManifest))
  await writeFileAtomic(path.join(prefix, MANIFEST_FILE), `${JSON.stringify(manifest)}\n`)
}

export type ManifestCheck =
  /** No manifest: an entry saved before pydebug wrote them. */
  | { readonly state: 'absent' }
  | { readonly state: 'matches' }
  /** The manifest is damaged, or the files are not those it lists: what is wrong. */
  | { readonly state: 'differs'; readonly problem: string }

/** Compares the prefix's files with its manifest, reading and hashing every file. */
export async function checkPrefixManifest(prefix: string): Promise<ManifestCheck> {
  let text: string
  try {
    text = await readFile(path.join(prefix, MANIFEST_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' }
    throw error
  }
  const manifest = parseManifest(text)
  if (!manifest) return { state: 'differs', problem: `its manifest ${MANIFEST_FILE} is damaged (not the JSON pydebug writes)` }
  const problem = describeManifestMismatch(compareWithManifest(manifest, await readTreeEntries(prefix, notTheManifest)))
  return problem ? { state: 'differs', problem } : { state: 'matches' }
}
