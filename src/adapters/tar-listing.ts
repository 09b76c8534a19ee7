import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { TarHeaderReader, type TarMember } from '../plan/tar-members.js'

/** The compressions a source tarball may have, by their magic bytes, and the program that undoes each (gzip is Node's own). */
const COMPRESSIONS: readonly { readonly name: string; readonly magic: readonly number[]; readonly program?: string }[] = [
  { name: 'gzip', magic: [0x1f, 0x8b] },
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], program: 'xz' },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68], program: 'bzip2' },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd], program: 'zstd' },
]

/** Why the members could not be listed: the file is no tar archive pydebug can read, or its decompression failed. */
export class TarListingError extends Error {}

/**
 * The members of a tar archive (plain, or compressed with gzip, xz, bzip2 or zstd), read from its
 * headers without unpacking anything, so they can be checked before `tar -x` writes a file.
 */
export async function listTarMembers(tarball: string): Promise<TarMember[]> {
  const head = Buffer.alloc(512)
  const handle = await open(tarball, 'r')
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close())
  const compression = COMPRESSIONS.find(({ magic }) => magic.every((byte, index) => head[index] === byte))
  if (!compression && !(bytesRead >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar')) {
    throw new TarListingError('not a tar archive pydebug can read: neither plain tar nor compressed with gzip, xz, bzip2 or zstd')
  }
  const reader = new TarHeaderReader()
  const members: TarMember[] = []
  const read = async (stream: Readable) => {
    for await (const chunk of stream) members.push(...reader.push(chunk as Buffer))
    reader.end()
  }
  if (!compression?.program) {
    await read(compression ? createReadStream(tarball).pipe(createGunzip()) : createReadStream(tarball))
    return members
  }
  // Another program's output, read as it comes; its failure (a damaged file) is the listing's failure.
  const child = spawn(compression.program, ['-dc', tarball], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new TarListingError(`could not run ${compression.program} to read the ${compression.name} archive: ${error.message}`)))
    child.on('close', (code) => resolve(code))
  })
  // Awaited below; until then a failure to start must not count as an unhandled rejection.
  exited.catch(() => undefined)
  try {
    await read(child.stdout)
  } catch (error) {
    child.kill('SIGKILL')
    await exited.catch(() => undefined)
    throw error
  }
  const code = await exited
  if (code !== 0) throw new TarListingError(`${compression.program} -dc failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`)
  return members
}
