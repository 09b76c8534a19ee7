import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import type { Report } from '../../../src/report/model.js'
import { renderRollupMarkdown, rollUpReports } from '../../../src/report/rollup.js'
import { captureIo } from '../../helpers/cli-io.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

// Real reports: two shards of `pydebug run --cpython-tests '...' --cpython-tests-shard I/2` on 3.11.2
// pydebug, and examples/leaky's report (the summary golden), laid out as download-artifact does.
const ROLLUP_DIR = path.join(REPO_ROOT, 'test', 'golden', 'rollup')
const read = (folder: string) => ({ folder, report: JSON.parse(readFileSync(path.join(ROLLUP_DIR, folder, 'report.json'), 'utf8')) as Report })
const SHARDS = ['pydebug-cp311-pydebug-cpy1of2', 'pydebug-cp311-pydebug-cpy2of2']

describe('rollUpReports: a matrix run as one view', () => {
  it('treats the shards of a cell as one cell, with CPython test counts added', () => {
    const [cell] = rollUpReports(SHARDS.map(read))
    expect(cell).toMatchObject({
      name: 'pydebug-cp311-pydebug',
      cellId: 'cp311-pydebug',
      status: 'clean',
      shards: { count: 2, reported: [1, 2], missing: [] },
      reports: SHARDS,
    })
    expect(cell.cpythonTests).toMatchObject({ ok: 5, failed: 0 })
  })

  it('a shard that sent no report leaves its cell "nothing tested", named, never clean', () => {
    const [cell] = rollUpReports([read(SHARDS[0])])
    expect(cell.status).toBe('nothing-tested')
    expect(cell.shards).toEqual({ count: 2, reported: [1], missing: [2] })
    expect(renderRollupMarkdown([cell])).toContain('shard 2 of 2 sent no report (cancelled or failed before writing one): their tests were not checked.')
  })

  it('renders every cell and every finding, most serious first (golden)', () => {
    const cells = rollUpReports([...SHARDS, 'pydebug-cp311-pydebug-leaky'].map(read))
    expect(cells.map((cell) => [cell.name, cell.status, cell.findings.length])).toEqual([
      ['pydebug-cp311-pydebug', 'clean', 0],
      ['pydebug-cp311-pydebug-leaky', 'findings', 3],
    ])
    const rendered = renderRollupMarkdown(cells)
    const expectedPath = path.join(ROLLUP_DIR, 'rollup.md')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, rendered)
    expect(rendered).toBe(readFileSync(expectedPath, 'utf8'))
  })

  it('pydebug report merge reads the folders download-artifact writes, and fails on findings when asked', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-merge-'))
    cpSync(ROLLUP_DIR, path.join(root, 'reports'), { recursive: true })
    rmSync(path.join(root, 'reports', 'rollup.md'))
    writeFileSync(path.join(root, 'reports', 'stray.json'), '{}')
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'reports', '--fail-on', 'findings'], io)).toBe(1)
    expect(io.out).toBe(readFileSync(path.join(ROLLUP_DIR, 'rollup.md'), 'utf8'))
    const quiet = captureIo(root)
    expect(await cli(['report', 'merge', 'reports'], quiet)).toBe(0)
    expect(await cli(['report', 'merge', 'nowhere'], captureIo(root))).toBe(2)
  })
})
