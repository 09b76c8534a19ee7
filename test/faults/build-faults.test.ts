/**
 * CPython's build failing for real (issue 15, "Build"): the fake source tarball's configure,
 * Makefile and install script are tiny real programs, run by the real build step under the real
 * process runner, inside a whole `pydebug run` (runCell). Each fault must end with a clear error that
 * names the phase and quotes the log's tail, the logs and report.json kept, no cache entry saved
 * (locally or remotely) and the build lock released.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RemoteCache } from '../../src/adapters/remote-cache.js'
import { BUILD_RECORD_FILE } from '../../src/steps/build-python.js'
import { makeFakeCpythonTarball, systemPython } from '../helpers/fake-cpython.js'
import { runFaultCell, type FaultCellRun } from './fault-cell.js'

/** Whether a process is running: a killed one may stay a zombie a moment, until the init process reaps it. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/** A remote cache that has nothing and records every save: a failed build must save nothing. */
function recordingCache() {
  const saves: string[] = []
  const cache: RemoteCache = {
    name: 'Recording',
    restore: async () => false,
    restoreNearest: async () => undefined,
    save: async (key) => {
      saves.push(key)
    },
  }
  return { cache, saves }
}

/** What every failed build leaves: report.json with the error and its log, the log itself, no entry and no lock. */
function expectFailedBuild(run: FaultCellRun, saves: readonly string[], phaseLog: string) {
  const report = JSON.parse(readFileSync(path.join(run.outDir, 'report.json'), 'utf8'))
  expect(run.outcome.exitCode).toBe(4)
  expect(report.status).toBe('build-failed')
  expect(report.error).toMatchObject({ kind: 'BuildError', log: `logs/${phaseLog}` })
  expect(existsSync(path.join(run.outDir, 'logs', phaseLog))).toBe(true)
  expect(readFileSync(path.join(run.outDir, 'summary.md'), 'utf8')).toContain(report.error.message.split('\n')[0])
  const entries = existsSync(path.join(run.cacheDir, 'cpython')) ? readdirSync(path.join(run.cacheDir, 'cpython')) : []
  expect(entries.filter((name) => name.endsWith('.lock'))).toEqual([])
  for (const entry of entries) expect(existsSync(path.join(run.cacheDir, 'cpython', entry, BUILD_RECORD_FILE))).toBe(false)
  expect(saves).toEqual([])
  return report as { error: { message: string } }
}

describe.runIf(systemPython)('CPython build faults, injected for real (issue 15)', { timeout: 120_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-build-faults-'))

  it('configure failing on a missing compiler (CC=/nonexistent): configure named, its error quoted, nothing cached', async () => {
    // What autoconf's AC_PROG_CC does first: compile and link an empty program with $CC, and give up with exit 77.
    const tarball = await makeFakeCpythonTarball(path.join(root, 'no-compiler'), {
      configurePrelude: [
        'echo "checking whether the C compiler works... "',
        "printf 'int main(void) { return 0; }\\n' > conftest.c",
        `if ! \${CC:-cc} conftest.c -o conftest; then echo "configure: error: C compiler cannot create executables" >&2; exit 77; fi`,
      ].join('\n'),
    })
    const { cache, saves } = recordingCache()
    const run = await runFaultCell({ root: path.join(root, 'no-compiler'), tarball, env: { CC: '/nonexistent' }, remoteCache: cache })
    const report = expectFailedBuild(run, saves, 'build-configure.log')
    expect(report.error.message).toMatch(/^configure failed \(exit 77\); full log: .*build-configure\.log\n/)
    expect(report.error.message).toContain('  | configure: error: C compiler cannot create executables')
    expect(report.error.message).toMatch(/ {2}\| .*\/nonexistent: not found/)
  })

  it('make failing half way (a real compile error in the second file): make named, the compiler error quoted, the first object kept', async () => {
    const tarball = await makeFakeCpythonTarball(path.join(root, 'make-fails'), {
      sourceFiles: { 'good.c': 'int good(void) { return 1; }\n', 'broken.c': 'int broken(void) { return 1 }\n' },
      makeAll: ['cc -c $(srcdir)/good.c -o good.o', 'cc -c $(srcdir)/broken.c -o broken.o', 'cc -c $(srcdir)/good.c -o never.o'],
    })
    const { cache, saves } = recordingCache()
    const run = await runFaultCell({ root: path.join(root, 'make-fails'), tarball, remoteCache: cache })
    const report = expectFailedBuild(run, saves, 'build-make.log')
    expect(report.error.message).toMatch(/^make failed \(exit 2\); full log: .*build-make\.log\n/)
    expect(report.error.message).toMatch(/ {2}\| .*broken\.c:1:\d+: error: expected ';' before '}' token/)
    // Half way: the first object was built and is kept (the build folder stays after a failure, for config.log and the like).
    const buildDirs = readdirSync(path.join(run.cacheDir, 'work')).map((key) => path.join(run.cacheDir, 'work', key, 'release'))
    expect(buildDirs.some((dir) => existsSync(path.join(dir, 'good.o')))).toBe(true)
    expect(buildDirs.some((dir) => existsSync(path.join(dir, 'never.o')))).toBe(false)
  })

  it('configure stalling past its limit (2 s): configure named as stalled, its whole process group ended, nothing cached', async () => {
    const pidFile = path.join(root, 'stall', 'sleeper.pid')
    mkdirSync(path.dirname(pidFile), { recursive: true })
    // A child of configure in its process group: it must be ended too, not left sleeping.
    const tarball = await makeFakeCpythonTarball(path.join(root, 'stall'), {
      configurePrelude: `sleep 60 &\necho $! > '${pidFile}'\necho "checking for something slow..."\nwait`,
    })
    const { cache, saves } = recordingCache()
    const started = Date.now()
    const run = await runFaultCell({
      root: path.join(root, 'stall'),
      tarball,
      remoteCache: cache,
      config: { buildTimeouts: { configure: 2, make: 60, install: 60 } },
    })
    expect(Date.now() - started).toBeLessThan(30_000)
    const report = expectFailedBuild(run, saves, 'build-configure.log')
    expect(report.error.message).toMatch(
      /^configure stalled: it was still running after 2 s, the configure-timeout limit, and its processes were ended\. Raise configure-timeout .*full log: .*build-configure\.log\n/,
    )
    expect(report.error.message).toContain('  | checking for something slow...')
    const sleeper = Number(readFileSync(pidFile, 'utf8'))
    await expect.poll(() => isRunning(sleeper), { timeout: 5000 }).toBe(false)
  })

  describe('a full disk during make install', () => {
    // A real full disk: a 1 MB tmpfs (we run as root in CI). Where mounting is not allowed, the disk
    // cannot be filled for real, and RLIMIT_FSIZE (`ulimit -f`) stands in: the write fails with SIGXFSZ
    // instead of ENOSPC, still half way through make install.
    const disk = path.join(root, 'disk')
    mkdirSync(disk, { recursive: true })
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status === 0
    afterAll(() => {
      if (mounted) spawnSync('umount', ['-l', disk])
    })
    // About 4 MB into the prefix, as a real install writes libpython's static library.
    const bigFile = 'head -c 4000000 /dev/zero > "$prefix/lib/libpython3.11.a"'
    let tarball: string

    beforeAll(async () => {
      tarball = await makeFakeCpythonTarball(path.join(root, 'full-disk-source'), { installCommands: mounted ? bigFile : `ulimit -f 512\n${bigFile}` })
    })

    it('with the cache folder on that disk: make install named, the write error quoted, nothing cached', async () => {
      const { cache, saves } = recordingCache()
      const run = await runFaultCell({ root: path.join(root, 'full-disk'), cacheDir: path.join(disk, 'cache'), tarball, remoteCache: cache })
      const report = expectFailedBuild(run, saves, 'build-install.log')
      expect(report.error.message).toMatch(/^make install failed \(exit 2\); full log: .*build-install\.log\n/)
      expect(report.error.message).toMatch(mounted ? /head: error writing .*: No space left on device/ : /File size limit exceeded/)
    })

    it.runIf(mounted)(
      'with the report on that disk too (one disk, as on a runner): the half install is removed, so report.json and the logs still fit',
      async () => {
        const { cache, saves } = recordingCache()
        const run = await runFaultCell({
          root: path.join(root, 'full-disk-one'),
          cacheDir: path.join(disk, 'one', 'cache'),
          outDir: path.join(disk, 'one', 'out'),
          tarball,
          remoteCache: cache,
        })
        const report = expectFailedBuild(run, saves, 'build-install.log')
        expect(report.error.message).toMatch(/^make install failed \(exit 2\); full log: .*build-install\.log\n/)
      },
    )
  })
})
