import { open, type FileHandle } from 'node:fs/promises'
import { crc32, inflateRaw } from 'node:zlib'
import { promisify } from 'node:util'

const inflateRawAsync = promisify(inflateRaw)

/** One file of a zip archive, as its central directory lists it. */
export interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly size: number
  readonly crc32: number
  readonly localHeaderOffset: number
  readonly encrypted: boolean
}

// APPNOTE.TXT (PKWARE's zip specification) 4.3.16, 4.3.15, 4.3.14, 4.3.12, 4.3.7.
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const ZIP64_END_LOCATOR = 0x07064b50
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50
const ZIP64_EXTRA_FIELD = 0x0001
const STORED = 0
const DEFLATED = 8
const MAX_COMMENT_BYTES = 0xffff
// The central directory of a zip of a few thousand logs is well under this; past it the file is not an artifact.
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024

/**
 * The entries of a zip archive (an `actions/upload-artifact` download): its central directory only,
 * read from the end of the file, so a large archive costs what its listing does. Zip64 archives
 * are read too. Throws an Error naming what is wrong when the file is not a zip it can read.
 */
export async function listZipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const tailLength = Math.min(size, 22 + MAX_COMMENT_BYTES)
    const tail = await readAt(handle, size - tailLength, tailLength)
    let end = -1
    for (let at = tail.length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
        end = at
        break
      }
    }
    if (end < 0) throw new Error('it is not a zip archive (no end of central directory record)')
    let count = tail.readUInt16LE(end + 10)
    let directorySize = tail.readUInt32LE(end + 12)
    let directoryOffset = tail.readUInt32LE(end + 16)
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = end - 20
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_END_LOCATOR) throw new Error('its zip64 end of central directory locator is missing')
      const zip64 = await readAt(handle, Number(tail.readBigUInt64LE(locatorAt + 8)), 56)
      if (zip64.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw new Error('its zip64 end of central directory record is missing')
      count = Number(zip64.readBigUInt64LE(32))
      directorySize = Number(zip64.readBigUInt64LE(40))
      directoryOffset = Number(zip64.readBigUInt64LE(48))
    }
    if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > size)
      throw new Error(`its central directory (${directorySize} bytes at ${directoryOffset}) does not fit the file (${size} bytes)`)
    const directory = await readAt(handle, directoryOffset, directorySize)
    const entries: ZipEntry[] = []
    let at = 0
    for (let index = 0; index < count; index++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
        throw new Error(`its central directory ends early, at entry ${index + 1} of ${count}`)
      const flags = directory.readUInt16LE(at + 8)
      const nameLength = directory.readUInt16LE(at + 28)
      const extraLength = directory.readUInt16LE(at + 30)
      const commentLength = directory.readUInt16LE(at + 32)
      let size32: number | bigint = directory.readUInt32LE(at + 24)
      let compressed32: number | bigint = directory.readUInt32LE(at + 20)
      let offset32: number | bigint = directory.readUInt32LE(at + 42)
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength)
      // Sizes and offset too large for 32 bits are in the zip64 extra field, in this order, only those that are.
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
      for (let field = 0; field + 4 <= extra.length; field += 4 + extra.readUInt16LE(field + 2)) {
        if (extra.readUInt16LE(field) !== ZIP64_EXTRA_FIELD) continue
        let value = field + 4
        const next = () => {
          const read = extra.readBigUInt64LE(value)
          value += 8
          return read
        }
        if (size32 === 0xffffffff) size32 = next()
        if (compressed32 === 0xffffffff) compressed32 = next()
        if (offset32 === 0xffffffff) offset32 = next()
      }
      entries.push({
        name,
        method: directory.readUInt16LE(at + 10),
        compressedSize: Number(compressed32),
        size: Number(size32),
        crc32: directory.readUInt32LE(at + 16),
        localHeaderOffset: Number(offset32),
        encrypted: (flags & 1) === 1,
      })
      at += 46 + nameLength + extraLength + commentLength
    }
    return entries
  } finally {
    await handle.close()
  }
}

/**
 * One entry's bytes, stored or deflated, checked against its CRC-32. Refuses an entry larger than
 * `maxBytes` before reading it, so a report cannot take the process's memory.
 */
export async function readZipEntry(file: string, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.encrypted) throw new Error(`${entry.name} is encrypted`)
  if (entry.method !== STORED && entry.method !== DEFLATED)
    throw new Error(`${entry.name} uses compression method ${entry.method} (only stored and deflated are read)`)
  if (entry.size > maxBytes || entry.compressedSize > maxBytes) throw new Error(`${entry.name} is ${entry.size} bytes, more than the ${maxBytes} read`)
  const handle = await open(file, 'r')
  let data: Buffer
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30)
    if (header.readUInt32LE(0) !== LOCAL_FILE_HEADER) throw new Error(`${entry.name}: no local file header at ${entry.localHeaderOffset}`)
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    data = await readAt(handle, start, entry.compressedSize)
  } finally {
    await handle.close()
  }
  const content = entry.method === STORED ? data : await inflateRawAsync(data, { maxOutputLength: Math.max(1, maxBytes) })
  if (content.length !== entry.size || crc32(content) !== entry.crc32) throw new Error(`${entry.name} is damaged (its size or CRC-32 differs from the listing)`)
  return content
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  if (bytesRead !== length) throw new Error(`it ends early (wanted ${length} bytes at ${position}, got ${bytesRead})`)
  return buffer
}
