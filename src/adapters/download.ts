import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { SourceError } from '../errors.js'
import { digestMismatchMessage, type ExpectedDigest } from '../plan/source-checksum.js'

/**
 * Downloads `url` to `destination` through a temporary file, computing its SHA-256 on the way; with
 * `expected`, a file of another digest is refused. A failed or refused download leaves nothing behind.
 */
export async function downloadFile(url: string, destination: string, what: string, expected?: ExpectedDigest): Promise<{ readonly sha256: string }> {
  await mkdir(path.dirname(destination), { recursive: true })
  const temporary = `${destination}.${process.pid}.part`
  let response: Response
  try {
    response = await fetch(url, { redirect: 'follow' })
  } catch (error) {
    throw new SourceError(`${what}: could not download ${url}: ${causeOf(error)}`)
  }
  if (!response.ok || !response.body) {
    throw new SourceError(`${what}: could not download ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd())
  }
  const announced = response.headers.get('content-length')
  const hash = createHash('sha256')
  let received = 0
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk)
          received += chunk.length
          yield chunk
        }
      },
      createWriteStream(temporary),
    )
  } catch (error) {
    await rm(temporary, { force: true })
    const progress = announced ? ` after ${received} of ${announced} bytes` : ` after ${received} bytes`
    throw new SourceError(`${what}: download of ${url} failed${progress}: ${causeOf(error)}`)
  }
  const sha256 = hash.digest('hex')
  if (expected && sha256 !== expected.sha256) {
    await rm(temporary, { force: true })
    throw new SourceError(digestMismatchMessage(what, `the download of ${url}`, expected, sha256))
  }
  await rename(temporary, destination)
  return { sha256 }
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}
