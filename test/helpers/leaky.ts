import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Report } from '../../src/report/model.js'
import { REPO_ROOT, spawnAsync } from './spawn.js'

export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'leaky')

/** The example's own constants, so the expectations follow the C code's documented defects. */
export function exampleConstant(name: string): number {
  const match = new RegExp(`^${name} = (\\d+)$`, 'm').exec(readFileSync(path.join(EXAMPLE_DIR, 'tests', 'test_leaky.py'), 'utf8'))
  if (!match) throw new Error(`${name} not found in examples/leaky/tests/test_leaky.py`)
  return Number(match[1])
}

/** Leak lines read straight from a log, without our parser: the report must say exactly this. */
export function rawLeakLines(logPath: string): { kind: string; deltas: number[]; sum: number }[] {
  return [...readFileSync(logPath, 'utf8').matchAll(/^\S+ leaked \[([-\d, ]+)\] (references|memory blocks|file descriptors), sum=(-?\d+)$/gm)].map((match) => ({
    kind: match[2],
    deltas: match[1].split(', ').map(Number),
    sum: Number(match[3]),
  }))
}

/** The CLI as users run it: bin/pydebug.mjs over the committed bundle. */
export const pydebug = (args: string[], env?: NodeJS.ProcessEnv) =>
  spawnAsync([process.execPath, path.join(REPO_ROOT, 'bin', 'pydebug.mjs'), ...args], env ? { env: { ...process.env, ...env } } : {})

export const readReport = (out: string) => JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report
