/**
 * Each command's log, written through one pipe by the real process runner (adapters/process.ts,
 * adapters/log-pipe.ts), under faults: output past `log-limit`, a full disk under the log, a process
 * that leaves a child holding its output open. Real processes (sh, python3), real files.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createProcessRunner } from '../../src/adapters/process.js'
import { parseLogFile } from '../../src/adapters/read-lines.js'
import { systemPython } from '../helpers/fake-cpython.js'
import { readFixture } from '../helpers/fixtures.js'

const MB = 1024 * 1024
const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-command-logs-'))
const log = (name: string) => path.join(root, `${name}.log`)

describe('command logs (adapters/log-pipe.ts), with real processes (issue 15)', { timeout: 60_000 }, () => {
  it('holds stdout and stderr in the order written, /dev/stdout and /dev/stderr included, when under the limit', async () => {
    const result = await createProcessRunner(process.env, { logLimitBytes: MB }).run({
      argv: ['sh', '-c', 'echo one; echo two >&2; echo three; echo four > /dev/stderr; echo five > /dev/stdout'],
      cwd: root,
      logPath: log('order'),
    })
    expect(result).toMatchObject({ exitCode: 0, signal: null, timedOut: false })
    expect(result.logCut).toBeUndefined()
    expect(readFileSync(log('order'), 'utf8')).toBe('one\ntwo\nthree\nfour\nfive\n')
  })

  it.runIf(systemPython)(
    'past the limit: the process runs to its end, the log keeps its first and last part, and every byte is either kept or counted',
    async () => {
      // 64 MB of numbered lines, then a crash report at the very end: what the tail is kept for.
      const crash = readFixture('cpython-3.11.2-pydebug/faulthandler-segfault.txt')
      const script = `import sys\nfor n in range(${64 * 1024}):\n    sys.stdout.write(f"line {n:08d} " + "x" * 1009 + "\\n")\nsys.stdout.flush()\nsys.stderr.write(${JSON.stringify(crash)})\n`
      const result = await createProcessRunner(process.env, { logLimitBytes: MB }).run({
        argv: [systemPython!, '-c', script],
        cwd: root,
        logPath: log('flood'),
      })
      expect(result.exitCode).toBe(0)
      const text = readFileSync(log('flood'), 'utf8')
      const lines = text.split('\n')
      const cutAt = lines.findIndex((line) => line.startsWith('pydebug: this log is incomplete: '))
      expect(result.logCut).toEqual({ reason: 'log-limit', droppedBytes: expect.any(Number), limitBytes: MB })
      expect(lines[cutAt]).toBe(
        `pydebug: this log is incomplete: ${result.logCut!.droppedBytes} bytes of output were dropped at the log-limit of 1 MB, between the first part of the output and its end (raise log-limit, in MB, to keep them); the process ran on to its end`,
      )
      // Whole lines on both sides of the cut, the first from the start and the last to the end.
      expect(lines[0]).toMatch(/^line 00000000 x{1009}$/)
      expect(lines[cutAt - 1]).toMatch(/^line \d{8} x{1009}$/)
      expect(lines[cutAt + 1]).toMatch(/^line \d{8} x{1009}$/)
      expect(text.endsWith(crash)).toBe(true)
      const written = 64 * 1024 * 1024 + Buffer.byteLength(crash)
      expect(statSync(log('flood')).size - Buffer.byteLength(`${lines[cutAt]}\n`) + result.logCut!.droppedBytes).toBe(written)
      expect(statSync(log('flood')).size).toBeLessThanOrEqual(MB + 1024)
      // The parsers read what was kept: the crash at the end is found.
      const parsed = await parseLogFile(log('flood'), {})
      expect(parsed.problems).toContainEqual(
        expect.objectContaining({ kind: 'crash', message: expect.stringContaining('Fatal Python error: Segmentation fault') }),
      )
    },
  )

  it('without a limit, keeps everything', async () => {
    const result = await createProcessRunner(process.env).run({
      argv: ['sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" "y"'],
      cwd: root,
      logPath: log('unlimited'),
    })
    expect(result.logCut).toBeUndefined()
    expect(statSync(log('unlimited')).size).toBe(3_000_000)
  })

  it('returns soon after the process exits although a child it left in the background holds its output open', async () => {
    const started = Date.now()
    const result = await createProcessRunner(process.env).run({
      argv: ['sh', '-c', '(sleep 30; echo late) & echo early'],
      cwd: root,
      logPath: log('background'),
    })
    expect(result.exitCode).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(readFileSync(log('background'), 'utf8')).toBe('early\n')
  })

  describe('on a full disk', () => {
    const disk = path.join(root, 'disk')
    mkdirSync(disk, { recursive: true })
    // A real full disk: a 64 KB tmpfs (root only, as in CI). Without it this cannot be injected for real, so it is skipped.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]).status === 0
    afterAll(() => {
      if (mounted) spawnSync('umount', ['-l', disk])
    })

    it.runIf(mounted)('the process still runs to its end, and what the disk refused is counted', async () => {
      const result = await createProcessRunner(process.env, { logLimitBytes: MB }).run({
        argv: ['sh', '-c', 'head -c 500000 /dev/zero | tr "\\0" "z"; echo done'],
        cwd: root,
        logPath: path.join(disk, 'full.log'),
      })
      expect(result.exitCode).toBe(0)
      expect(result.logCut).toEqual({ reason: 'write-failed', droppedBytes: expect.any(Number), error: expect.stringMatching(/^ENOSPC/) })
      expect(statSync(path.join(disk, 'full.log')).size + result.logCut!.droppedBytes).toBe(500_005)
    })
  })
})
