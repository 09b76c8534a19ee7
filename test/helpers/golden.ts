import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'

/**
 * `text` must equal the golden file. A missing golden fails (a deleted one must not recreate itself
 * and pass); UPDATE_GOLDEN=1 writes it on purpose: review the diff before committing.
 */
export function expectGolden(file: string, text: string, message?: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true)
  expect(text, message).toBe(readFileSync(file, 'utf8'))
}
