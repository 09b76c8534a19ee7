/**
 * runCell end to end in milliseconds: every step real, no process started. The scripted runner
 * (test/helpers/scripted-runner.ts) answers each command the cell is expected to run with what the
 * real command wrote (real captures from test/fixtures/), and fails on any other.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { writePrefixManifest } from '../../../src/adapters/prefix-manifest.js'
import { NO_REMOTE_CACHE } from '../../../src/adapters/remote-cache.js'
import { parseRunConfig } from '../../../src/cli/run-options.js'
import { planBuildCacheKey, sha256Hex, type PlatformFacts } from '../../../src/plan/cache-key.js'
import { planCell } from '../../../src/plan/cell.js'
import type { CommandSpec } from '../../../src/adapters/process.js'
import type { BuildRecord } from '../../../src/report/step-results.js'
import { BUILD_RECORD_FILE } from '../../../src/steps/build-python.js'
import type { StepContext } from '../../../src/steps/context.js'
import { runCell } from '../../../src/steps/run-cell.js'
import { findVariant } from '../../../src/catalog/variants.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { captureIo } from '../../helpers/cli-io.js'
import { readFixture } from '../../helpers/fixtures.js'
import { command, scriptedRunner, type ExpectedCommand } from '../../helpers/scripted-runner.js'
import { tgzBytes } from '../../helpers/tar-builder.js'

const PLATFORM: PlatformFacts = { os: 'linux', arch: 'x64', compiler: 'gcc (Debian 12.2.0-14) 12.2.0' }

/** A cell's folders and a "source tarball" (any file: only its digest is read when the build is cached). */
function setUp(name: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), `pydebug-scripted-${name}-`))
  const source = path.join(root, 'Python-3.11.2.tgz')
  writeFileSync(source, 'not a tarball: the interpreter is cached\n')
  return { root, source, cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'out') }
}

function contextOf(folders: { root: string; cacheDir: string; outDir: string }, expected: readonly ExpectedCommand[]) {
  const messages: string[] = []
  const runner = scriptedRunner(expected)
  const context: StepContext = {
    runner,
    env: { PATH: '/usr/bin:/bin', HOME: folders.root },
    log: createStreamLogger((text) => messages.push(text)),
    remoteCache: NO_REMOTE_CACHE,
    platform: PLATFORM,
    cacheDir: folders.cacheDir,
    outDir: folders.outDir,
    workspace: folders.root,
  }
  return { context, runner, messages }
}

/** The entry a finished 3.11.2 pydebug build leaves in the cache folder: record (with its ABI probe, from a real build) and manifest. */
async function cachedPydebugEntry(cacheDir: string, source: string): Promise<string> {
  const planned = planCell(parsePythonVersion('3.11.2')!, findVariant('pydebug')!)
  if (!planned.ok) throw new Error(planned.refusal.reason)
  const sourceIdentity = { sha256: sha256Hex(readFileSync(source, 'utf8')) }
  const cacheKey = planBuildCacheKey({ cell: planned.cell, source: sourceIdentity, platform: PLATFORM })
  const prefix = path.join(cacheDir, 'cpython', cacheKey)
  mkdirSync(path.join(prefix, 'bin'), { recursive: true })
  writeFileSync(path.join(prefix, 'bin', 'python3'), '#!/bin/sh\necho "never run: the runner is scripted" >&2; exit 99\n')
  const abiProbe = JSON.parse(readFixture('cpython-3.11.2-pydebug/abi-probe.json'))
  const record: BuildRecord = {
    schema: 1,
    cacheKey,
    cellId: planned.cell.buildId,
    python: '3.11.2',
    configureArgs: planned.cell.configureArgs,
    source,
    sourceIdentity,
    builtAt: '2026-12-02T00:00:00.000Z',
    buildSeconds: 266.2,
    phaseSeconds: { configure: 121.8, make: 107.1, install: 35.2 },
    configureResults: 'fresh',
    installedBytes: 187_030_424,
    probe: {
      version: '3.11.2 (main, Dec  2 2026, 08:21:00) [GCC 12.2.0]',
      extSuffix: '.cpython-311d-x86_64-linux-gnu.so',
      pyDebug: true,
      traceRefs: false,
      ...abiProbe,
    },
  }
  writeFileSync(path.join(prefix, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`)
  await writePrefixManifest(prefix)
  return prefix
}

describe('runCell with a scripted process runner (no process, no CPython build)', () => {
  it("CPython's own tests on a cached interpreter: the one command it runs, its real log, the report and summary from it", async () => {
    const folders = setUp('cpython-tests')
    const prefix = await cachedPydebugEntry(folders.cacheDir, folders.source)
    const regrtest: ExpectedCommand = {
      name: 'python -m test (CPython 3.11.2, the capture with a hung test file)',
      matches: command('python3', '-m', 'test', '--timeout', '5', 'test_hang_example'),
      log: readFixture('cpython-3.11.2-pydebug/cpython-tests-j2-timeout.txt'),
      exitCode: 2,
      effect: (spec) =>
        writeFileSync(spec.argv[spec.argv.indexOf('--junit-xml') + 1], readFixture('cpython-3.11.2-pydebug/cpython-tests-j2-timeout.junit.xml')),
    }
    const { context, runner } = contextOf(folders, [regrtest])
    const config = parseRunConfig(
      [
        '--python',
        '3.11.2',
        '--source',
        folders.source,
        '--cache-dir',
        folders.cacheDir,
        '--out',
        folders.outDir,
        '--test-timeout',
        '5',
        '--cpython-tests=--testdir /tmp/hangdir test_hang_example test_quick_a test_quick_b',
      ],
      captureIo(folders.root),
      { requireExtension: false },
    )
    const outcome = await runCell(config, context)

    expect(runner.remaining()).toEqual([])
    expect(runner.calls).toHaveLength(1)
    expect(runner.calls[0].argv[0]).toBe(path.join(prefix, 'bin', 'python3'))
    expect(outcome.report.error).toBeUndefined()
    expect(outcome.report.interpreter).toMatchObject({ cacheHit: 'local', build: { seconds: 266.2, configureResults: 'fresh', installedBytes: 187_030_424 } })
    expect(outcome.report.cpythonTests).toMatchObject({ exitCode: 2, finished: true, counts: { ok: 2, failed: 1 } })
    expect(outcome.report.findings.map((finding) => [finding.kind, finding.test])).toEqual([['timeout', 'test_hang_example']])
    expect(outcome.exitCode).toBe(1)
    expect(outcome.summaryMarkdown).toContain('| Interpreter | restored from the local cache in ')
    expect(outcome.summaryMarkdown).toContain('· 187 MB installed ·')
    // The build's lock is gone.
    expect(readdirSync(path.join(folders.cacheDir, 'cpython'))).toEqual([path.basename(prefix)])
  })

  it("gives its commands a temporary folder of the run's own and removes it: a crashed test's leftovers never reach the next run", async () => {
    const folders = setUp('scratch')
    await cachedPydebugEntry(folders.cacheDir, folders.source)
    // What a test that crashes leaves: regrtest's working folder, named after its pid (os_helper.temp_cwd).
    const leaveCrashLeftovers = (spec: CommandSpec) => mkdirSync(path.join(spec.env!.TMPDIR!, 'test_python_4242æ'))
    const regrtest = (name: string): ExpectedCommand => ({
      name,
      matches: command('python3', '-m', 'test'),
      log: readFixture('cpython-3.11.2-pydebug/cpython-tests-j2-timeout.txt'),
      exitCode: 2,
      effect: leaveCrashLeftovers,
    })
    const runs = [regrtest('first run'), regrtest('second run')]
    const { context, runner } = contextOf(folders, runs)
    const config = parseRunConfig(
      ['--python', '3.11.2', '--source', folders.source, '--cache-dir', folders.cacheDir, '--out', folders.outDir, '--cpython-tests', 'test_os'],
      captureIo(folders.root),
      { requireExtension: false },
    )
    await runCell(config, context)
    await runCell(config, context)
    expect(runner.remaining()).toEqual([])
    const [first, second] = runner.calls.map((call) => call.env!.TMPDIR!)
    expect(path.dirname(first)).toBe(os.tmpdir())
    expect(second).not.toBe(first)
    expect([existsSync(first), existsSync(second)]).toEqual([false, false])
  })

  it('a command the test did not expect fails the cell with its name, and report.json is still written', async () => {
    const folders = setUp('unexpected')
    await cachedPydebugEntry(folders.cacheDir, folders.source)
    const { context, runner } = contextOf(folders, [])
    const config = parseRunConfig(
      ['--python', '3.11.2', '--source', folders.source, '--cache-dir', folders.cacheDir, '--out', folders.outDir, '--cpython-tests', 'quick'],
      captureIo(folders.root),
      { requireExtension: false },
    )
    const outcome = await runCell(config, context)
    expect(runner.calls).toHaveLength(1)
    expect(outcome.report.error?.kind).toBe('InternalError')
    expect(outcome.report.error?.message).toMatch(/unexpected command: \[".*\/bin\/python3",.*"-m","test".*; expected no more commands/)
    expect(existsSync(path.join(folders.outDir, 'report.json'))).toBe(true)
  })

  it('a configure that fails: exit 4, the log tail in the error, no cache entry and no lock left', async () => {
    const folders = setUp('configure-fails')
    // The member check reads the tarball itself before tar runs: a real one, with what the scripted tar unpacks.
    writeFileSync(folders.source, tgzBytes([{ path: 'Python-3.11.2/configure', content: '#!/bin/sh\n', mode: 0o755 }]))
    const { context, runner } = contextOf(folders, [
      {
        name: 'tar -xf (the source tree with its configure)',
        matches: command('tar', '-xf', folders.source),
        effect: (spec) => {
          const tree = path.join(spec.argv[spec.argv.indexOf('-C') + 1], 'Python-3.11.2')
          mkdirSync(tree, { recursive: true })
          writeFileSync(path.join(tree, 'configure'), '')
        },
      },
      {
        name: 'configure',
        matches: command('configure', '--with-pydebug'),
        log: 'checking for gcc... no\nconfigure: error: no acceptable C compiler found in $PATH\n',
        exitCode: 1,
      },
    ])
    const config = parseRunConfig(
      ['--python', '3.11.2', '--source', folders.source, '--cache-dir', folders.cacheDir, '--out', folders.outDir, '--cpython-tests', 'quick'],
      captureIo(folders.root),
      { requireExtension: false },
    )
    const outcome = await runCell(config, context)
    expect(runner.remaining()).toEqual([])
    expect(outcome.exitCode).toBe(4)
    expect(outcome.report.error?.message).toContain('  | configure: error: no acceptable C compiler found in $PATH')
    expect(readdirSync(path.join(folders.cacheDir, 'cpython'))).toEqual([])
  })
})
