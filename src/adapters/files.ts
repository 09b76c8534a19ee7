import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import {
  copyFile,
  type FileHandle,
  link,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { mapWithConcurrency } from '../concurrency.js'
import type { TreeEntry } from '../plan/prefix-manifest.js'

export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Digest of every file under `root` (relative path + content), skipping build outputs, for reusing extension builds. */
export async function hashTree(root: string, skip: (relativePath: string, isDirectory: boolean) => boolean): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const relativePath = path.posix.join(relativeDir, entry.name)
      if (skip(relativePath, entry.isDirectory())) continue
      if (entry.isDirectory()) await walk(relativePath)
      else if (entry.isFile()) {
        hash.update(`${relativePath}\0`)
        hash.update(await readFile(path.join(root, relativePath)))
        hash.update('\0')
      }
    }
  }
  await walk('')
  return hash.digest('hex')
}

/** Writes through a temporary file and a rename, so readers never see half a file. */
export async function writeFileAtomic(filePath: string, content: string): Promise<void> {
  await throughTemporary(filePath, (temporary) => writeFile(temporary, content))
}

/** Writes `destination` through a temporary file beside it, renamed over it once whole. */
async function throughTemporary(destination: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(destination), { recursive: true })
  const temporary = `${destination}.${process.pid}.tmp`
  await write(temporary)
  await rename(temporary, destination)
}

export async function readJsonIfPresent<T>(filePath: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(filePath, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** The last `count` lines of a log, for error messages; empty when the file is missing. */
export async function tailLines(filePath: string, count: number): Promise<string[]> {
  let handle: FileHandle | undefined
  try {
    handle = await open(filePath, 'r')
    const { size } = await handle.stat()
    const length = Math.min(size, 64 * 1024)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    const lines = buffer.toString('utf8').split('\n')
    if (lines.at(-1) === '') lines.pop()
    return lines.slice(-count)
  } catch {
    return []
  } finally {
    await handle?.close()
  }
}

/** Every regular file under `root`, as absolute paths, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const files: string[] = []
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const entryPath = path.join(directory, entry.name)
      if (entry.isDirectory()) await walk(entryPath)
      else if (entry.isFile()) files.push(entryPath)
    }
  }
  await walk(root)
  return files.sort()
}

/**
 * Every entry under `root` but folders, with paths relative to it (`/`-separated): regular files
 * with their size and SHA-256, symbolic links with their target (never followed), anything else
 * as `other`. `skip` leaves out entries by relative path (a folder's whole content with it).
 * Files are read a few at a time, so reading is not one file after the other.
 */
export async function readTreeEntries(root: string, skip: (relativePath: string) => boolean = () => false): Promise<TreeEntry[]> {
  const found: { readonly relativePath: string; readonly kind: 'file' | 'symlink' | 'other' }[] = []
  const walk = async (relativeDir: string): Promise<void> => {
    for (const entry of await readdir(path.join(root, relativeDir), { withFileTypes: true })) {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name
      if (skip(relativePath)) continue
      if (entry.isDirectory()) await walk(relativePath)
      else found.push({ relativePath, kind: entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'other' })
    }
  }
  await walk('')
  return mapWithConcurrency(found, TREE_READERS, async ({ relativePath, kind }): Promise<TreeEntry> => {
    const absolute = path.join(root, relativePath)
    if (kind === 'symlink') return { path: relativePath, kind, target: await readlink(absolute) }
    if (kind === 'other') return { path: relativePath, kind }
    return { path: relativePath, kind, size: (await lstat(absolute)).size, sha256: await sha256File(absolute) }
  })
}

/** Files read at once by readTreeEntries: enough to keep the disk busy while one is hashed. */
const TREE_READERS = 8

/** Bytes of the files and links under `root`, each file counted once however many hard links it has. */
export async function treeBytes(root: string): Promise<number> {
  const seen = new Set<string>()
  let total = 0
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const entryPath = path.join(directory, entry.name)
      if (entry.isDirectory()) await walk(entryPath)
      else {
        const info = await lstat(entryPath)
        const inode = `${info.dev}:${info.ino}`
        if (seen.has(inode)) continue
        seen.add(inode)
        total += info.size
      }
    }
  }
  await walk(root)
  return total
}

/**
 * Makes `duplicate` a hard link to `original` when the two files have the same content; returns
 * whether it did. The link is made beside the duplicate and renamed over it, so the path is never
 * missing.
 */
export async function hardLinkIfIdentical(original: string, duplicate: string): Promise<boolean> {
  const [a, b] = await Promise.all([lstat(original), lstat(duplicate)])
  if (!a.isFile() || !b.isFile() || a.size !== b.size) return false
  if (a.dev === b.dev && a.ino === b.ino) return true
  if ((await sha256File(original)) !== (await sha256File(duplicate))) return false
  const temporary = `${duplicate}.${process.pid}.link`
  await link(original, temporary)
  await rename(temporary, duplicate)
  return true
}

/** Every regular file under `root`, relative to it and `/`-separated, sorted. */
export async function listRelativeFiles(root: string): Promise<string[]> {
  return (await listFiles(root)).map((file) => path.relative(root, file).split(path.sep).join('/'))
}

/** Copies through a temporary file and a rename, so a reader of `destination` never sees half a copy. */
export async function copyFileAtomic(source: string, destination: string): Promise<void> {
  await throughTemporary(destination, (temporary) => copyFile(source, temporary))
}

/** Makes the folder and any missing parents; an existing folder is fine. */
/** A new, empty folder under the system's temporary folder, named `<prefix>XXXXXX`. */
export async function makeScratchDir(prefix: string): Promise<string> {
  return makeTempDirIn(os.tmpdir(), prefix)
}

/** A new, empty folder in `parent`, named `<prefix>XXXXXX`. */
export async function makeTempDirIn(parent: string, prefix: string): Promise<string> {
  return mkdtemp(path.join(parent, prefix))
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
}

/** Deletes a file or a whole folder; nothing there is fine. */
export async function removeTree(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true })
}

/** Deletes one file (never a folder); nothing there is fine. */
export async function removeFile(filePath: string): Promise<void> {
  await rm(filePath, { force: true })
}

/** Whether something is at `target` (links followed): false when it is missing or cannot be reached. */
export async function pathExists(target: string): Promise<boolean> {
  return stat(target).then(
    () => true,
    () => false,
  )
}

/** pathExists for synchronous code. */
export function pathExistsSync(target: string): boolean {
  return existsSync(target)
}

/** Whether `target` is a regular file (links followed): false when it is missing or cannot be reached. */
export async function isFile(target: string): Promise<boolean> {
  return stat(target).then(
    (info) => info.isFile(),
    () => false,
  )
}

/** A UTF-8 file's text; rejects as readFile does (ENOENT for a missing file). */
export async function readText(filePath: string): Promise<string> {
  return readFile(filePath, 'utf8')
}

/** A UTF-8 file's text, or undefined when it cannot be read (missing or otherwise). */
export async function readTextIfPresent(filePath: string): Promise<string | undefined> {
  return readFile(filePath, 'utf8').catch(() => undefined)
}

/** A file's bytes; rejects as readFile does. */
export async function readBytes(filePath: string): Promise<Buffer> {
  return readFile(filePath)
}

/** Writes `content` in place (not atomic: see writeFileAtomic for that). */
export async function writeText(filePath: string, content: string): Promise<void> {
  await writeFile(filePath, content)
}

/** The names in a folder, in the order the system gives them; rejects as readdir does (ENOENT for a missing folder). */
export async function listDir(dir: string): Promise<string[]> {
  return readdir(dir)
}

/** One entry of a folder, as listDirEntries gives it: `isDirectory` is false for a link, even to a folder. */
export interface DirEntry {
  readonly name: string
  readonly isDirectory: boolean
}

/** The entries of a folder with whether each is a folder, in the order the system gives them; rejects as readdir does. */
export async function listDirEntries(dir: string): Promise<DirEntry[]> {
  return (await readdir(dir, { withFileTypes: true })).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }))
}

/** Every entry under a folder, folders too, as paths relative to it (with the platform's separator); rejects as readdir does. */
export async function listTree(dir: string): Promise<string[]> {
  return readdir(dir, { recursive: true })
}

/**
 * Copies the folder `source` to `destination`, leaving out what `skip` says, given each entry's
 * path relative to `source` (`/`-separated) and whether it is a folder (links not followed); a
 * folder left out takes its whole content with it.
 */
export async function copyTree(source: string, destination: string, skip: (relativePath: string, isDirectory: boolean) => boolean): Promise<void> {
  // Walked by hand rather than fs.cp, which refuses any destination inside the source even when the
  // filter leaves that part out (a cache folder inside the project being copied, say).
  const target = path.resolve(destination)
  const copy = async (relativeDir: string): Promise<void> => {
    await mkdir(path.join(target, relativeDir), { recursive: true })
    for (const entry of await readdir(path.join(source, relativeDir), { withFileTypes: true })) {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name
      const from = path.join(source, relativePath)
      if (path.resolve(from) === target || skip(relativePath, entry.isDirectory())) continue
      if (entry.isDirectory()) await copy(relativePath)
      else if (entry.isSymbolicLink()) await symlink(await readlink(from), path.join(target, relativePath))
      else await copyFile(from, path.join(target, relativePath))
    }
  }
  await copy('')
}

/** Copies a file when the source is there: a missing source (ENOENT) is no error, any other failure is. */
export async function copyFileIfPresent(source: string, destination: string): Promise<void> {
  await copyFile(source, destination).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
}

/** Copies a file; returns whether it did, never rejecting (a missing source, or any other failure, is false). */
export async function tryCopyFile(source: string, destination: string): Promise<boolean> {
  return copyFile(source, destination).then(
    () => true,
    () => false,
  )
}

/** Renames a file (same file system); rejects as rename does. */
export async function moveFile(from: string, to: string): Promise<void> {
  await rename(from, to)
}

/**
 * Makes `linkPath` a symbolic link to `target`, replacing what was there: the link is made beside
 * it, then renamed over the old one, so a concurrent reader never sees the name missing.
 */
export async function replaceWithSymlink(target: string, linkPath: string): Promise<void> {
  const temporary = path.join(path.dirname(linkPath), `.${path.basename(linkPath)}.${process.pid}`)
  await rm(temporary, { force: true })
  await symlink(target, temporary)
  await rename(temporary, linkPath)
}
