import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { SourceError } from '../errors.js'

/** Downloads `url` to `destination` through a temporary file; a failed download leaves nothing behind. */
export async function downloadFile(url: string, destination: string, what: string): Promise<void> {
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
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(temporary))
    await rename(temporary, destination)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new SourceError(`${what}: download of ${url} failed: ${causeOf(error)}`)
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}
