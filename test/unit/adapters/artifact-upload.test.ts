/**
 * The report artifact through the unmodified @actions/artifact client, against the loopback results
 * service (test/helpers/fake-results-server.ts): uploaded by our adapter, then listed and downloaded
 * back by the same client, as a later job or a person would.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { reportArtifactName, uploadReportArtifact } from '../../../src/adapters/actions.js'
import {
  DUPLICATE_ARTIFACT_MESSAGE,
  downloadArtifact,
  filesUnder,
  startFakeResultsServer,
  useResultsService,
  type FakeResultsServer,
} from '../../helpers/fake-results-server.js'

describe('uploadReportArtifact, with the real artifact client', () => {
  let server: FakeResultsServer
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-artifact-'))
  const reportDir = path.join(root, 'out')

  beforeAll(async () => {
    server = await startFakeResultsServer()
    mkdirSync(path.join(reportDir, 'logs'), { recursive: true })
    writeFileSync(path.join(reportDir, 'report.json'), '{"schema":1,"status":"clean"}\n')
    writeFileSync(path.join(reportDir, 'summary.md'), '## pydebug\n')
    writeFileSync(path.join(reportDir, 'logs', 'refleak.log'), 'test_leaky leaked [3, 3, 3] references, sum=9\n'.repeat(500))
  })
  afterAll(() => server.close())
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it('uploads the report folder; the client lists it and downloads the same files back', async () => {
    const printed = useResultsService(server, root)
    expect(await uploadReportArtifact('pydebug-cp311-pydebug', reportDir)).toBe(true)
    expect(printed.join('')).toMatch(/uploaded artifact pydebug-cp311-pydebug \(3 files, \d+ bytes, id \d+\)/)
    const stored = server.artifacts.get('pydebug-cp311-pydebug')
    expect(stored).toMatchObject({ finalized: true, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })

    const downloaded = await downloadArtifact('pydebug-cp311-pydebug', root)
    expect(await filesUnder(downloaded)).toEqual(await filesUnder(reportDir))
  }, 30_000)

  it('a name the run already has fails as on GitHub (409), as a warning, and keeps the first artifact', async () => {
    const printed = useResultsService(server, root)
    await uploadReportArtifact('pydebug-cp312-pydebug', reportDir)
    const first = server.artifacts.get('pydebug-cp312-pydebug')?.id
    expect(await uploadReportArtifact('pydebug-cp312-pydebug', reportDir)).toBe(false)
    expect(printed.join('')).toContain(
      `::warning::report artifact 'pydebug-cp312-pydebug' was not uploaded: Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: ${DUPLICATE_ARTIFACT_MESSAGE}`,
    )
    expect(server.artifacts.get('pydebug-cp312-pydebug')?.id).toBe(first)
  }, 30_000)
})

describe('reportArtifactName', () => {
  it.each([
    ['', {}, 'pydebug-cp311-pydebug'],
    ['', { attempt: '1' }, 'pydebug-cp311-pydebug'],
    ['', { attempt: '3' }, 'pydebug-cp311-pydebug-attempt3'],
    // On a runner: the same cell on Linux and macOS in one run must not take one name.
    ['', { os: 'Linux', arch: 'X64' }, 'pydebug-cp311-pydebug-linux-x64'],
    ['', { os: 'macOS', arch: 'ARM64', attempt: '2' }, 'pydebug-cp311-pydebug-macos-arm64-attempt2'],
    ['  mine ', { os: 'Linux', arch: 'X64', attempt: '2' }, 'mine-attempt2'],
    ['mine', { attempt: 'x' }, 'mine'],
  ])('artifact-name %j, runner %j: %s', (given, runner, expected) => {
    expect(reportArtifactName(given, 'pydebug-cp311-pydebug', runner)).toBe(expected)
  })
})
