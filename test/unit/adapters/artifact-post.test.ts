/**
 * The action's post step (src/entry/action-post.ts) with the state a main step saved (STATE_<name>,
 * as the runner gives it), against the loopback results service: it does what main did not get to
 * do with the report folder, and nothing else. In-process, for speed: test/faults/cancel.test.ts
 * runs it as the runner does, in a process of its own, after a cancelled main step.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACTION_STATE } from '../../../src/adapters/actions.js'
import { MAIN_STEP_ENDED_KIND } from '../../../src/report/missing-report.js'
import type { Report } from '../../../src/report/model.js'
import { downloadArtifact, filesUnder, startFakeResultsServer, useResultsService, type FakeResultsServer } from '../../helpers/fake-results-server.js'
import { validate } from '../../helpers/json-schema.js'
import { REPO_ROOT } from '../../helpers/spawn.js'
// Imported without STATE_ variables, the entry's own run finds no report folder and does nothing.
import { runPost } from '../../../src/entry/action-post.js'

const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

interface PostRun {
  /** What the step printed, workflow commands included. */
  readonly stdout: string
  readonly summary: string
}

describe('the post step (action.yml runs.post)', { timeout: 30_000 }, () => {
  let server: FakeResultsServer
  let root: string
  let summaryFile: string

  beforeAll(async () => {
    server = await startFakeResultsServer()
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-post-'))
    // One file for all: @actions/core keeps the path of the first summary it writes.
    summaryFile = path.join(root, 'step-summary.md')
  })
  afterAll(() => server.close())
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  /** A report folder as main leaves it: logs, and report.json with summary.md unless `withReport` is false. */
  const reportFolder = (name: string, withReport: boolean) => {
    const outDir = path.join(root, name)
    mkdirSync(path.join(outDir, 'logs'), { recursive: true })
    writeFileSync(path.join(outDir, 'logs', 'build-make.log'), 'gcc -c Objects/object.c\n')
    if (withReport) {
      writeFileSync(path.join(outDir, 'report.json'), '{"schema":1,"status":"cancelled"}\n')
      writeFileSync(path.join(outDir, 'summary.md'), '## pydebug: cp311-pydebug\n\n**🛑 the run was cancelled**\n')
    }
    return outDir
  }
  const post = async (state: Record<string, string>): Promise<PostRun> => {
    writeFileSync(summaryFile, '')
    const printed = useResultsService(server, root)
    vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile)
    for (const [name, value] of Object.entries(state)) vi.stubEnv(`STATE_${name}`, value)
    await runPost()
    return { stdout: printed.join(''), summary: readFileSync(summaryFile, 'utf8') }
  }

  it('uploads the report and writes the job summary that main did not (a cancelled main step)', async () => {
    const outDir = reportFolder('cancelled', true)
    const run = await post({ [ACTION_STATE.outDir]: outDir, [ACTION_STATE.cellId]: 'cp311-pydebug', [ACTION_STATE.artifactName]: 'pydebug-cancelled' })
    expect(run.summary).toBe(readFileSync(path.join(outDir, 'summary.md'), 'utf8'))
    expect(await filesUnder(await downloadArtifact('pydebug-cancelled', root))).toEqual(await filesUnder(outDir))
  })

  it('main left no report.json (killed): writes one that says so, valid against the schema, and uploads it with the logs', async () => {
    const outDir = reportFolder('killed', false)
    const run = await post({ [ACTION_STATE.outDir]: outDir, [ACTION_STATE.cellId]: 'cp311-pydebug', [ACTION_STATE.artifactName]: 'pydebug-killed' })
    expect(run.stdout).toContain(`::warning::pydebug's main step left no report.json in ${outDir}: writing one that says so, beside the logs it wrote`)
    const downloaded = await filesUnder(await downloadArtifact('pydebug-killed', root))
    expect(Object.keys(downloaded).sort()).toEqual(['logs/build-make.log', 'report.json', 'summary.md'])
    const report = JSON.parse(downloaded['report.json']) as Report
    expect(validate(SCHEMA, report)).toEqual([])
    expect(report).toMatchObject({ status: 'error', error: { kind: MAIN_STEP_ENDED_KIND } })
    expect(report.error?.message).toMatch(/^pydebug's main step \(cp311-pydebug\) ended before it wrote report\.json/)
    expect(run.summary).toBe(downloaded['summary.md'])
    expect(run.summary).toContain('ended before it wrote report.json')
  })

  it('does nothing when main uploaded the artifact and wrote the summary', async () => {
    const outDir = reportFolder('done', true)
    const run = await post({
      [ACTION_STATE.outDir]: outDir,
      [ACTION_STATE.artifactName]: 'pydebug-done',
      [ACTION_STATE.artifactUploaded]: 'true',
      [ACTION_STATE.summaryWritten]: 'true',
    })
    expect(run.summary).toBe('')
    expect(server.artifacts.has('pydebug-done')).toBe(false)
  })

  it('uploads nothing when upload-artifact was off (no artifact name saved), but writes the summary main did not', async () => {
    const outDir = reportFolder('no-upload', true)
    const run = await post({ [ACTION_STATE.outDir]: outDir })
    expect(run.summary).toContain('the run was cancelled')
    expect([...server.artifacts.keys()].filter((name) => name.includes('no-upload'))).toEqual([])
  })

  it('does nothing when main stopped before it had a report folder (bad input)', async () => {
    const run = await post({})
    expect(run.summary).toBe('')
    expect(run.stdout).not.toContain('::warning::')
  })
})
