/**
 * issue 15, "Cancellation": SIGTERM and SIGINT during the build and during the tests. The CLI runs
 * as a real process on the fake CPython tarball (test/helpers/fake-cpython.ts) and a one-function C
 * extension; what runs when the signal comes writes its pid and its own child's pid first, so the
 * test knows it is running and can check that its whole process group was ended. The process
 * runner's part (adapters/process.ts) is tested on its own first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACTION_STATE } from '../../src/adapters/actions.js'
import { createProcessRunner } from '../../src/adapters/process.js'
import { CancelledError } from '../../src/errors.js'
import type { Report } from '../../src/report/model.js'
import { makeFakeCpythonTarball, systemPython } from '../helpers/fake-cpython.js'
import { downloadArtifact, filesUnder, startFakeResultsServer, useResultsService } from '../helpers/fake-results-server.js'
import { runAction, startAction } from '../helpers/run-action.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const CLI_ENTRY = path.join(REPO_ROOT, 'src', 'entry', 'cli.ts')

/** Writes its pid and its child's (a `sleep`, in the same process group) to argv[1], then sleeps. */
const SLEEPER = `import os, subprocess, sys, time
child = subprocess.Popen(['sleep', '300'])
with open(sys.argv[1] + '.tmp', 'w') as pids:
    pids.write(f'{os.getpid()} {child.pid}')
os.rename(sys.argv[1] + '.tmp', sys.argv[1])
time.sleep(300)
`

/** A C extension with one empty module: enough for the extension build step. */
function writeSleepyProject(root: string): string {
  const project = path.join(root, 'sleepy')
  mkdirSync(path.join(project, 'tests'), { recursive: true })
  writeFileSync(
    path.join(project, 'setup.py'),
    'from setuptools import Extension, setup\nsetup(name="sleepy", version="0", ext_modules=[Extension("sleepy", ["sleepy.c"])])\n',
  )
  writeFileSync(
    path.join(project, 'sleepy.c'),
    '#include <Python.h>\nstatic struct PyModuleDef sleepy = {PyModuleDef_HEAD_INIT, "sleepy", NULL, -1, NULL};\nPyMODINIT_FUNC PyInit_sleepy(void) { return PyModule_Create(&sleepy); }\n',
  )
  writeFileSync(path.join(project, 'tests', 'test_sleepy.py'), 'import sleepy\n')
  writeFileSync(path.join(project, 'sleeper.py'), SLEEPER)
  return project
}

/** A workspace whose .github/pydebug.yml declares the fake tarball's release variant. */
function writeWorkspace(root: string): string {
  const workspace = path.join(root, 'workspace')
  mkdirSync(path.join(workspace, '.github'), { recursive: true })
  writeFileSync(path.join(workspace, '.github', 'pydebug.yml'), 'custom-variants:\n  release:\n    configure-args: []\n')
  return workspace
}

/** Running, not a zombie: a container's init may leave a dead process unreaped. */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

async function waitForPids(file: string, timeoutMs = 90_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} was not written within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return readFileSync(file, 'utf8').trim().split(/\s+/).map(Number)
}

/** sh that starts a sleep in its group, writes both pids (after `prelude`), and waits. */
const shellWithChild = (pidFile: string, prelude = '') => [
  'sh',
  '-c',
  `${prelude} sleep 300 & echo "$$ $!" > ${pidFile}.tmp; mv ${pidFile}.tmp ${pidFile}; wait`,
]

describe('createProcessRunner with a cancel signal (real processes)', { timeout: 30_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cancel-runner-'))
  it('ends the running command and its child at once, and rejects with a CancelledError naming the command and its log', async () => {
    const controller = new AbortController()
    const runner = createProcessRunner(process.env, { cancel: controller.signal })
    const pidFile = path.join(root, 'plain.pids')
    const logPath = path.join(root, 'plain.log')
    const running = runner.run({ argv: shellWithChild(pidFile), cwd: root, logPath })
    const pids = await waitForPids(pidFile)
    const started = Date.now()
    controller.abort(new CancelledError('SIGTERM'))
    const error = await running.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CancelledError)
    expect(error).toMatchObject({ signal: 'SIGTERM', exitCode: 143, logPath })
    expect((error as Error).message).toBe(`cancelled by SIGTERM while \`${shellWithChild(pidFile).join(' ')}\` ran: its processes were ended`)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(pids.filter(isAlive)).toEqual([])
  })

  it('a command that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const controller = new AbortController()
    const runner = createProcessRunner(process.env, { cancel: controller.signal })
    const pidFile = path.join(root, 'stubborn.pids')
    const running = runner.run({ argv: shellWithChild(pidFile, "trap '' TERM;"), cwd: root, logPath: path.join(root, 'stubborn.log') })
    const pids = await waitForPids(pidFile)
    const started = Date.now()
    controller.abort(new CancelledError('SIGINT'))
    await expect(running).rejects.toMatchObject({ signal: 'SIGINT', exitCode: 130 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900)
    expect(pids.filter(isAlive)).toEqual([])
  })

  it('starts nothing once cancelled', async () => {
    const controller = new AbortController()
    controller.abort(new CancelledError('SIGTERM'))
    const runner = createProcessRunner(process.env, { cancel: controller.signal })
    const marker = path.join(root, 'never-made')
    const logPath = path.join(root, 'never.log')
    await expect(runner.run({ argv: ['touch', marker], cwd: root, logPath })).rejects.toThrow(/^cancelled by SIGTERM before `touch .*never-made` started$/)
    expect(existsSync(marker)).toBe(false)
    expect(existsSync(logPath)).toBe(false)
  })

  it('leaves a run that ended before the cancellation as it was', async () => {
    const controller = new AbortController()
    const runner = createProcessRunner(process.env, { cancel: controller.signal })
    const result = await runner.run({ argv: ['true'], cwd: root, logPath: path.join(root, 'true.log') })
    controller.abort(new CancelledError('SIGTERM'))
    expect(result.exitCode).toBe(0)
  })
})

interface Ended {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly output: string
}

function startCli(args: string[], cwd: string): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI_ENTRY, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const ended = new Promise<Ended>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })))
  return { child, ended }
}

const readReport = (outDir: string) => JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8')) as Report

describe.runIf(systemPython)('pydebug run cancelled by a signal (a real process)', { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cancel-'))
  const workspace = writeWorkspace(root)
  const project = writeSleepyProject(root)
  const buildPids = path.join(root, 'configure.pids')
  let tarball: string
  let stallingTarball: string

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root)
    mkdirSync(path.join(root, 'stalling'))
    // configure writes its pids, then waits on a sleep of its own: the build is running when the signal comes.
    stallingTarball = await makeFakeCpythonTarball(root, {
      fileName: 'stalling/Python-3.11.2.tgz',
      configurePrelude: `sleep 300 & echo "$$ $!" > '${buildPids}.tmp'; mv '${buildPids}.tmp' '${buildPids}'; wait`,
    })
  })

  const runArgs = (source: string, name: string, testCommand?: string) => [
    'run',
    '--python',
    '3.11.2',
    '--variant',
    'release',
    '--source',
    source,
    '--extension',
    project,
    '--cache-dir',
    path.join(root, name, 'cache'),
    '--out',
    path.join(root, name, 'out'),
    ...(testCommand ? ['--test-command', testCommand] : []),
  ]

  // Both signals in both phases: GitHub sends SIGINT then SIGTERM on cancellation, a person Ctrl-C, a supervisor SIGTERM.
  const SIGNALS = [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const

  /** `pydebug` started with `args`, sent `signal` once its processes wrote their pids: it exits with `exitCode`, none of them left running. */
  async function signalOnceRunning(args: string[], pidFile: string, signal: NodeJS.Signals, exitCode: number) {
    const { child, ended } = startCli(args, workspace)
    const pids = await waitForPids(pidFile)
    child.kill(signal)
    const run = await ended
    expect(run.code, run.output).toBe(exitCode)
    expect(pids.filter(isAlive)).toEqual([])
    return run
  }

  it.each(SIGNALS)('%s during the tests: ends the test command and its child, writes a cancelled report, exit code %i', async (signal, exitCode) => {
    const name = `tests-${signal}`
    const pidFile = path.join(root, `${name}.pids`)
    const run = await signalOnceRunning(runArgs(tarball, name, `python ${path.join(project, 'sleeper.py')} ${pidFile}`), pidFile, signal, exitCode)

    const report = readReport(path.join(root, name, 'out'))
    expect(report.status).toBe('cancelled')
    expect(report.error).toMatchObject({ kind: 'CancelledError', log: 'logs/test-command.log' })
    expect(report.error?.message).toMatch(new RegExp(`^cancelled by ${signal} while .*sleeper\\.py .* ran: its processes were ended`))
    // What ran before is in the report.
    expect(report.interpreter?.cacheHit).toBe('none')
    expect(report.extensions).toHaveLength(1)
    const summary = readFileSync(path.join(root, name, 'out', 'summary.md'), 'utf8')
    expect(summary).toContain('the run was cancelled')
    expect(summary).toMatch(/\| Extension /)
    expect(run.output).toMatch(new RegExp(`^status: cancelled \\(cancelled by ${signal} while `, 'm'))
  })

  it.each(SIGNALS)('%s during the build: ends configure and its child, writes a cancelled report, exit code %i, leaves no lock', async (signal, exitCode) => {
    const name = `build-${signal}`
    // The stalling configure writes its pids to one file: an earlier test's must not be taken for this one's.
    rmSync(buildPids, { force: true })
    await signalOnceRunning(runArgs(stallingTarball, name), buildPids, signal, exitCode)

    const report = readReport(path.join(root, name, 'out'))
    expect(report.status).toBe('cancelled')
    expect(report.error).toMatchObject({ kind: 'CancelledError', log: 'logs/build-configure.log' })
    expect(report.interpreter).toBeUndefined()
    const cpython = path.join(root, name, 'cache', 'cpython')
    expect(existsSync(cpython) ? readdirSync(cpython).filter((name) => name.endsWith('.lock')) : []).toEqual([])
  })
})

describe.runIf(systemPython)('the action cancelled during the tests, then its post step (real processes)', { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cancel-action-'))
  const workspace = writeWorkspace(root)
  const project = writeSleepyProject(root)
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it('SIGTERM: main writes the cancelled report and leaves the upload to the post step, which uploads it; downloaded back, it says cancelled', async () => {
    const server = await startFakeResultsServer()
    try {
      const tarball = await makeFakeCpythonTarball(root)
      const pidFile = path.join(root, 'action.pids')
      const outDir = path.join(root, 'out')
      const inputs = {
        'python-version': '3.11.2',
        variant: 'release',
        source: tarball,
        extension: project,
        'test-command': `python ${path.join(project, 'sleeper.py')} ${pidFile}`,
        'cache-dir': path.join(root, 'cache'),
        out: outDir,
      }
      // A re-run's second attempt on a Linux x64 runner: its artifact must take neither the first attempt's name nor another runner's.
      const env = { ...server.env, GITHUB_RUN_ATTEMPT: '2', RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' }
      const main = startAction(REPO_ROOT, inputs, { from: 'src', env, workspace })
      const pids = await waitForPids(pidFile)
      main.child.kill('SIGTERM')
      const ran = await main.done
      const output = `exit ${ran.code}\n${ran.stdout}${ran.stderr}`
      expect(ran.code, output).toBe(1)
      expect(pids.filter(isAlive)).toEqual([])
      expect(ran.stdout).toContain('::warning::pydebug: SIGTERM: ending the running commands and writing the report of what ran')
      expect(ran.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/^cancelled by SIGTERM while `python .*sleeper\.py/)
      expect(ran.outputs.status).toBe('cancelled')
      expect(readReport(outDir).status).toBe('cancelled')
      expect(ran.state).toMatchObject({
        [ACTION_STATE.outDir]: outDir,
        [ACTION_STATE.artifactName]: 'pydebug-cp311-release-linux-x64-attempt2',
        [ACTION_STATE.summaryWritten]: 'true',
      })
      expect(ran.state[ACTION_STATE.artifactUploaded]).toBeUndefined()
      expect(server.artifacts.size).toBe(0)

      const post = await runAction(REPO_ROOT, inputs, { from: 'src', step: 'post', state: ran.state, env, workspace })
      expect(post.code, `${post.stdout}${post.stderr}`).toBe(0)
      expect(post.summary).toBe('')
      useResultsService(server, root)
      const downloaded = await filesUnder(await downloadArtifact('pydebug-cp311-release-linux-x64-attempt2', root))
      expect(JSON.parse(downloaded['report.json'])).toMatchObject({ status: 'cancelled', error: { kind: 'CancelledError', log: 'logs/test-command.log' } })
      expect(downloaded['summary.md']).toContain('the run was cancelled')
      expect(Object.keys(downloaded)).toContain('logs/test-command.log')
    } finally {
      await server.close()
    }
  })
})
