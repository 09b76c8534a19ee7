/**
 * One build of a cache key at a time in one cache folder. CPython's install prefix is written into
 * the interpreter it builds (`--prefix`), so a build cannot happen elsewhere and be renamed into
 * place: two runs building the same cell into one cache folder would write the same files. The
 * second run waits for the first and then finds its entry complete (issue 15).
 *
 * The lock is a file created exclusively (`O_EXCL`) holding its owner's pid and host. A lock whose
 * owner on this host is gone (killed, crashed) is stale and taken over; a lock held by another host
 * (a shared network folder) is waited for.
 */
import { open, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import type { Logger } from './logger.js'

interface LockOwner {
  readonly pid: number
  readonly host: string
  readonly since: string
}

export interface BuildLockOptions {
  /** How often a waiting run looks at the lock again. */
  readonly pollMs?: number
}

/** Runs `work` holding the lock at `lockPath`, waiting for another holder first; the lock is removed afterwards, whatever happens. */
export async function withBuildLock<T>(lockPath: string, what: string, log: Logger, work: () => Promise<T>, options: BuildLockOptions = {}): Promise<T> {
  const held = await acquire(lockPath, what, log, options.pollMs ?? 2000)
  try {
    return await work()
  } finally {
    if (held) await rm(lockPath, { force: true })
  }
}

/** True once the lock is held; false when the folder cannot hold a lock file (read-only), where the run goes on without one. */
async function acquire(lockPath: string, what: string, log: Logger, pollMs: number): Promise<boolean> {
  let announced = false
  for (;;) {
    const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() }
    try {
      const handle = await open(lockPath, 'wx')
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`)
      } finally {
        await handle.close()
      }
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        log.info(`${what}: no lock file can be written in this cache folder (${code}); going on without one`)
        return false
      }
      if (code !== 'EEXIST') throw error
    }
    const owner = await readOwner(lockPath)
    // Released between our attempt and the read: try again at once.
    if (owner === 'gone') continue
    if (owner && owner.host === me.host && !isAlive(owner.pid)) {
      log.warning(`${what}: the run that was building it (pid ${owner.pid}, since ${owner.since}) is gone; taking over its lock ${lockPath}`)
      await rm(lockPath, { force: true })
      continue
    }
    if (!owner) {
      // Created but not written yet, or left empty by a run killed between the two: look again before judging.
      await delay(pollMs)
      if ((await readOwner(lockPath)) === undefined) {
        log.warning(`${what}: the lock ${lockPath} names no owner; taking it over`)
        await rm(lockPath, { force: true })
      }
      continue
    }
    if (!announced) {
      log.info(
        `${what}: another run (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is building it into this cache folder; waiting for it (lock: ${lockPath})`,
      )
      announced = true
    }
    await delay(pollMs)
  }
}

/** The lock's owner; undefined when the file does not name one, `gone` when there is no file. */
async function readOwner(lockPath: string): Promise<LockOwner | 'gone' | undefined> {
  let text: string
  try {
    text = await readFile(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host, since: String(owner.since) } : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
