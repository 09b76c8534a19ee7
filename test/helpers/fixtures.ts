import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

/** Real output captured from real CPython builds; see test/fixtures/README.md. */
export function readFixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8')
}
