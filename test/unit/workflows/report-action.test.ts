/**
 * The roll-up sub-action (report/action.yml) run as the runner runs it, on the real cell reports
 * of the roll-up golden (test/golden/rollup/matrix), uploading to the loopback results service
 * through the unmodified artifact client.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { downloadArtifact, filesUnder, startFakeResultsServer, useResultsService, type FakeResultsServer } from '../../helpers/fake-results-server.js'
import { runAction } from '../../helpers/run-action.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

const GOLDEN = path.join(REPO_ROOT, 'test', 'golden', 'rollup', 'matrix')

describe('report sub-action', { timeout: 60_000 }, () => {
  let server: FakeResultsServer
  let workspace: string

  beforeAll(async () => {
    server = await startFakeResultsServer()
    workspace = mkdtempSync(path.join(os.tmpdir(), 'pydebug-report-action-'))
    // As actions/download-artifact leaves them: one folder per cell under reports/.
    cpSync(path.join(GOLDEN, 'reports'), path.join(workspace, 'reports'), { recursive: true })
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    await server.close()
  })

  it("rolls the cells up from the matrix action's outputs as given: the roll-up as the job summary, the merged folder as an artifact", async () => {
    const ran = await runAction(
      path.join(REPO_ROOT, 'report'),
      {
        matrix: readFileSync(path.join(GOLDEN, 'matrix.json'), 'utf8'),
        refused: readFileSync(path.join(GOLDEN, 'refused.json'), 'utf8'),
        title: 'pydebug',
      },
      { from: 'src', env: server.env, workspace },
    )
    expect(ran.code, `${ran.stdout}${ran.stderr}`).toBe(0)
    expect(ran.summary.trimEnd()).toBe(readFileSync(path.join(GOLDEN, 'expected-summary.md'), 'utf8').trimEnd())
    expect(ran.outputs['report-path']).toBe(path.join(workspace, 'pydebug-rollup', 'report.json'))
    expect(JSON.parse(readFileSync(ran.outputs['report-path'], 'utf8')).kind).toBe('rollup')
    useResultsService(server, workspace)
    const downloaded = await filesUnder(await downloadArtifact('pydebug-rollup', workspace))
    expect(Object.keys(downloaded).sort()).toEqual(['report.json', 'summary.md'])
  })

  it('fails the step on findings when fail-on says so, and names the input of a bad value', async () => {
    const failing = await runAction(
      path.join(REPO_ROOT, 'report'),
      { 'fail-on': 'findings', 'upload-artifact': 'false', out: 'failing' },
      { from: 'src', workspace },
    )
    expect(failing.code).toBe(1)
    expect(failing.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/^pydebug report: the roll-up fails fail-on 'findings'/)

    const bad = await runAction(path.join(REPO_ROOT, 'report'), { 'fail-on': 'sometimes', 'upload-artifact': 'false' }, { from: 'src', workspace })
    expect(bad.code).toBe(1)
    expect(bad.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/^input 'fail-on' 'sometimes' is not allowed\. Allowed: /)

    const missing = await runAction(path.join(REPO_ROOT, 'report'), { reports: 'nowhere', 'upload-artifact': 'false' }, { from: 'src', workspace })
    expect(missing.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/^input 'reports': 'nowhere' is not a readable folder/)
  })
})
