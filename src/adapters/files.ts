import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, readdir, readFile, rename, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'

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
  await mkdir(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}.tmp`
  await writeFile(temporary, content)
  await rename(temporary, filePath)
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
  let handle
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
