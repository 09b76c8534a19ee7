import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/spawn.js'

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
const entry = (how: string) =>
  spawnSync(TSX, [path.join(REPO_ROOT, 'test', 'helpers', 'crashing-entry.ts'), how], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 })

// issue 15: "The action entries catch uncaughtException and unhandledRejection, report them as errors with their stacks, and exit once ... done."
describe('the action entries (adapters/action-entry.ts), in a real process', () => {
  it('an uncaught exception fails the step with an ::error:: and its stack, exit code 1', () => {
    const run = entry('exception')
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/^::error::pydebug internal error \(uncaught exception\): Error: boom from a timer%0A {4}at /m)
  })

  it('an unhandled rejection likewise', () => {
    const run = entry('rejection')
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/^::error::pydebug internal error \(unhandled promise rejection\): Error: boom from a promise%0A {4}at /m)
  })

  it('a step that finished exits although something still holds the event loop open', () => {
    const run = entry('clean')
    expect(run.error).toBeUndefined()
    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain('::error::')
  })
})
