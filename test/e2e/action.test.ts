/**
 * The committed action bundle (dist/main) run as GitHub runs it: on Node 24 when .ci/run
 * provides it (PYDEBUG_TEST_NODE24), with inputs from action.yml, and without the Actions cache
 * and artifact services (they are optional: the local cache folder and warnings stand in).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createActionsCache } from '../../src/adapters/actions.js'
import type { Report } from '../../src/report/model.js'
import { startFakeResultsServer } from '../helpers/fake-results-server.js'
import { runAction } from '../helpers/run-action.js'
import { REPO_ROOT, spawnAsync } from '../helpers/spawn.js'

const node = process.env.PYDEBUG_TEST_NODE24 || process.execPath
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')

describe('the action (dist/main/index.js)', () => {
  let pythonPath = ''

  it(`runs the pipeline on ${process.env.PYDEBUG_TEST_NODE24 ? 'Node 24' : 'this Node'} and reports through outputs, the job summary and annotations`, async () => {
    const version = await spawnAsync([node, '--version'])
    if (process.env.PYDEBUG_TEST_NODE24) expect(version.stdout).toMatch(/^v24\./)
    const out = mkdtempSync(path.join(os.tmpdir(), 'pydebug-action-out-'))
    const run = await runAction(
      REPO_ROOT,
      {
        'python-version': '3.11.2',
        variant: 'pydebug',
        ...(process.env.PYDEBUG_TEST_SOURCE ? { source: process.env.PYDEBUG_TEST_SOURCE } : {}),
        extension: 'examples/leaky',
        'cache-dir': cacheDir,
        out,
      },
      { node },
    )

    // Findings fail the step (fail-on: findings), after every report has been written.
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.outputs).toMatchObject({ 'report-path': path.join(out, 'report.json'), status: 'findings' })
    pythonPath = run.outputs['python-path']
    expect(run.outputs['python-path']).toMatch(/\/cpython\/pydebug-1-linux-x64-cp311-pydebug-3\.11\.2-[0-9a-f]{16}\/bin\/python3$/)
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report
    // Built here or restored: the e2e files share one build cache and may run in any order.
    expect(run.outputs['cache-hit']).toBe(String(report.interpreter!.cacheHit !== 'none'))
    expect(run.outputs['cache-source']).toBe(report.interpreter!.cacheHit === 'remote' ? 'actions' : report.interpreter!.cacheHit)
    // An entry built before phases were timed has none; a build of this version has all three.
    if (report.interpreter!.build?.phaseSeconds) expect(Object.keys(JSON.parse(run.outputs['build-phases']))).toEqual(['configure', 'make', 'install'])
    expect(run.outputs['installed-bytes']).toBe(report.interpreter!.build?.installedBytes !== undefined ? String(report.interpreter!.build.installedBytes) : '')
    expect(run.summary.trimEnd()).toBe(readFileSync(path.join(out, 'summary.md'), 'utf8').trimEnd())
    expect(run.summary).toContain('test_leaky.LeakyTests.test_leak_refs')

    const errors = run.annotations.filter((annotation) => annotation.level === 'error')
    // The crash points at the line of the test that overran the buffer, as the debug hooks' traceback says.
    expect(errors[0]).toMatchObject({
      properties: { title: 'pydebug: crash in test_overrun.OverrunTests.test_overrun', file: 'examples/leaky/tests/test_overrun.py', line: '9' },
    })
    expect(errors.find((annotation) => annotation.properties.title === 'pydebug: reference leak in test_leaky.LeakyTests.test_leak_refs')).toMatchObject({
      properties: { file: 'examples/leaky/tests/test_leaky.py' },
      message: report.findings.find((finding) => finding.case === 'test_leaky.LeakyTests.test_leak_refs')!.message,
    })
    // No artifact service outside GitHub: a warning, never a failure.
    expect(run.stdout).toMatch(/^::warning::report artifact 'pydebug-cp311-pydebug' was not uploaded/m)
    expect(run.stdout).toMatch(/^::error::pydebug found \d+ problem\(s\) in cp311-pydebug/m)
    expect(existsSync(path.join(out, 'logs', 'refleak.log'))).toBe(true)
  })

  it('restores the interpreter from the Actions cache into an empty cache folder and uploads the report artifact', async () => {
    expect(pythonPath, 'needs the previous test').not.toBe('')
    const server = await startFakeResultsServer()
    const freshCache = mkdtempSync(path.join(os.tmpdir(), 'pydebug-remote-cache-'))
    try {
      // Seed the Actions cache with a copy of the built interpreter, saved from a fresh cache folder.
      const prefix = path.join(freshCache, 'cpython', path.basename(path.dirname(path.dirname(pythonPath))))
      cpSync(path.dirname(path.dirname(pythonPath)), prefix, { recursive: true, verbatimSymlinks: true })
      // @actions/cache archives paths relative to GITHUB_WORKSPACE: save from the workspace the action runs in.
      for (const [name, value] of Object.entries({ ...server.env, RUNNER_TEMP: path.join(freshCache, 'temp'), GITHUB_WORKSPACE: REPO_ROOT }))
        vi.stubEnv(name, value)
      try {
        await createActionsCache().save(path.basename(prefix), [prefix])
      } finally {
        vi.unstubAllEnvs()
      }
      expect(server.cacheEntries.size).toBe(1)
      rmSync(prefix, { recursive: true })

      const out = mkdtempSync(path.join(os.tmpdir(), 'pydebug-action-remote-'))
      const run = await runAction(
        REPO_ROOT,
        {
          'python-version': '3.11.2',
          ...(process.env.PYDEBUG_TEST_SOURCE ? { source: process.env.PYDEBUG_TEST_SOURCE } : {}),
          extension: 'examples/leaky',
          'cache-dir': freshCache,
          out,
        },
        { node, env: server.env },
      )
      expect(run.code, run.stdout + run.stderr).toBe(1)
      expect(run.stdout).toMatch(/restored from the Actions cache under key pydebug-1-linux-x64-cp311-pydebug-3\.11\.2-/)
      expect(run.stdout).not.toMatch(/is not cached: building it/)
      expect(run.outputs['cache-hit']).toBe('true')
      const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report
      expect(report.interpreter).toMatchObject({ cacheHit: 'remote', prefix })
      expect(report.findings.some((finding) => finding.case === 'test_leaky.LeakyTests.test_leak_refs')).toBe(true)
      const artifact = server.artifacts.get('pydebug-cp311-pydebug')
      expect(artifact?.size).toBeGreaterThan(0)
      expect(run.stdout).toMatch(/uploaded artifact pydebug-cp311-pydebug \(\d+ files/)
    } finally {
      await server.close()
      rmSync(freshCache, { recursive: true, force: true })
    }
  })

  it('fails with a clear message naming the input for a bad python-version', async () => {
    const run = await runAction(REPO_ROOT, { 'python-version': '3.11', extension: 'examples/leaky' }, { node })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::input 'python-version' '3\.11' is not a CPython release version: expected X\.Y\.Z/m)
  })
})
