import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import { captureIo } from '../../helpers/cli-io.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

// `pydebug report merge` on the roll-up goldens' real reports (test/golden/rollup), laid out as
// download-artifact writes them, or zipped as a run's page downloads them.
const GOLDEN = path.join(REPO_ROOT, 'test', 'golden', 'rollup')
const BASELINE = path.join(REPO_ROOT, 'test', 'golden', 'baseline')
const expected = (testCase: string, file: string) => readFileSync(path.join(GOLDEN, testCase, file), 'utf8')
const PLAN = ['--matrix', path.join(GOLDEN, 'matrix', 'matrix.json'), '--refused', path.join(GOLDEN, 'matrix', 'refused.json')]
const withoutTime = (json: string) => ({ ...JSON.parse(json), generatedAt: 'normalised' })

let root: string
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-merge-'))
  cpSync(path.join(GOLDEN, 'matrix', 'reports'), path.join(root, 'reports'), { recursive: true })
  cpSync(path.join(GOLDEN, 'shards', 'reports'), path.join(root, 'shards'), { recursive: true })
  // Each artifact as Python's zipfile zips it: report.json at the top, no folder.
  mkdirSync(path.join(root, 'zips'))
  for (const folder of readdirSync(path.join(root, 'reports'))) {
    const script = 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z: z.write(sys.argv[2], "report.json")'
    const made = spawnSync('python3', ['-c', script, path.join(root, 'zips', `${folder}.zip`), path.join(root, 'reports', folder, 'report.json')])
    if (made.status !== 0) throw new Error(String(made.stderr))
  }
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('pydebug report merge', () => {
  it('prints the roll-up of the folders, and fails on findings when asked', async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'reports', ...PLAN, '--fail-on', 'findings'], io)).toBe(1)
    expect(io.out).toBe(expected('matrix', 'expected-summary.md'))
    expect(io.err).toBe('')
    expect(await cli(['report', 'merge', 'reports', ...PLAN], captureIo(root))).toBe(0)
    // The reusable workflow passes --baseline "" when it has none: blank is unset, as for pydebug run.
    const blank = captureIo(root)
    expect(await cli(['report', 'merge', 'reports', ...PLAN, '--baseline', '', '--refused', ''], blank)).toBe(0)
    expect(blank.out).not.toContain('baseline')
    expect(blank.out).not.toContain('refused')
  })

  it('--out DIR writes summary.md and the merged report.json', async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'reports', ...PLAN, '--out', 'rollup'], io)).toBe(0)
    expect(io.out).toBe('')
    expect(io.err).toBe(`pydebug report merge: wrote ${path.join('rollup', 'summary.md')} and ${path.join('rollup', 'report.json')}\n`)
    expect(readFileSync(path.join(root, 'rollup', 'summary.md'), 'utf8')).toBe(expected('matrix', 'expected-summary.md'))
    expect(withoutTime(readFileSync(path.join(root, 'rollup', 'report.json'), 'utf8'))).toEqual(withoutTime(expected('matrix', 'expected-report.json')))
  })

  it('--out FILE.md writes the Markdown alone, as it did before the merged report.json', async () => {
    expect(await cli(['report', 'merge', 'shards', '--out', 'rollup.md'], captureIo(root))).toBe(0)
    expect(readFileSync(path.join(root, 'rollup.md'), 'utf8')).toBe(expected('shards', 'expected-summary.md'))
  })

  it('reads artifact zips, given one by one or in a folder, as their folders', async () => {
    const zips = readdirSync(path.join(root, 'zips')).map((name) => path.join('zips', name))
    const oneByOne = captureIo(root)
    expect(await cli(['report', 'merge', ...zips, ...PLAN], oneByOne)).toBe(0)
    expect(oneByOne.out).toBe(expected('matrix', 'expected-summary.md'))
    const inFolder = captureIo(root)
    expect(await cli(['report', 'merge', 'zips', ...PLAN], inFolder)).toBe(0)
    expect(inFolder.out).toBe(expected('matrix', 'expected-summary.md'))
  })

  it('leaves out what is not a cell report, saying so: another JSON, and a merged report among the folders', async () => {
    const mixed = path.join(root, 'mixed')
    cpSync(path.join(root, 'shards'), mixed, { recursive: true })
    mkdirSync(path.join(mixed, 'stray'))
    writeFileSync(path.join(mixed, 'stray', 'report.json'), '{}')
    await cli(['report', 'merge', 'shards', '--out', path.join('mixed', 'rollup')], captureIo(root))
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'mixed'], io)).toBe(0)
    expect(io.out).toBe(expected('shards', 'expected-summary.md'))
    expect(io.err).toBe(
      `pydebug report merge: ${path.join(mixed, 'rollup', 'report.json')} is a merged report, not a cell's; left out\n` +
        `pydebug report merge: ${path.join(mixed, 'stray', 'report.json')} is not a schema-1 report.json; left out\n`,
    )
  })

  it('--baseline marks each finding new, unchanged or fixed; --fail-on new fails only on new ones', async () => {
    cpSync(path.join(BASELINE, 'current'), path.join(root, 'current', 'pydebug-cp311-pydebug'), { recursive: true })
    const io = captureIo(root)
    expect(
      await cli(['report', 'merge', 'current', '--baseline', path.join(BASELINE, 'baseline', 'report.json'), '--fail-on', 'new', '--out', 'diff'], io),
    ).toBe(1)
    const merged = JSON.parse(readFileSync(path.join(root, 'diff', 'report.json'), 'utf8'))
    expect(merged.baseline).toEqual({
      ...JSON.parse(readFileSync(path.join(BASELINE, 'expected-baseline.json'), 'utf8')),
      source: path.join(BASELINE, 'baseline', 'report.json'),
    })
    const summary = readFileSync(path.join(root, 'diff', 'summary.md'), 'utf8')
    expect(summary).toContain('Against the baseline: **1 new**, 2 unchanged, 1 fixed.')
    expect(summary).toContain('| ✅ fixed | `test_fails` | test failure |  |')
    // The merged report is a baseline too: compared with itself nothing is new.
    expect(await cli(['report', 'merge', 'current', '--baseline', path.join('diff', 'report.json'), '--fail-on', 'new'], captureIo(root))).toBe(0)
    expect(await cli(['report', 'merge', 'current', '--baseline', path.join('diff', 'report.json'), '--fail-on', 'findings'], captureIo(root))).toBe(1)
  })

  it('--fail-on new without a baseline: every finding is new, and the summary says so', async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'current', '--fail-on', 'new'], io)).toBe(1)
    expect(io.out).toContain('No baseline was given: every finding counts as new (3).')
  })

  it.each([
    [
      ['--baseline', 'nowhere.json'],
      "pydebug report: baseline 'nowhere.json': no such file, or it cannot be read. Give the report.json of an earlier pydebug run",
    ],
    [['--baseline', path.join('shards', 'pydebug-cp311-pydebug-leaky')], 'no such file, or it cannot be read'],
    [['--matrix', 'rollup.md'], "pydebug report: --matrix 'rollup.md': it is not JSON ("],
    [['--refused', path.join(GOLDEN, 'matrix', 'matrix.json')], '\': it is not a list (expected the matrix action\'s "refused" output'],
  ])('refuses %j with exit code 2, naming the file', async (flags, message) => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'shards', ...flags], io)).toBe(2)
    expect(io.err).toContain(message)
    expect(io.out).toBe('')
  })

  // Defect: a half-written report.json (a job killed while writing it) threw JSON's SyntaxError out
  // of merge (an internal error, no roll-up at all) instead of being left out and said.
  it('leaves out a half-written report.json and rolls up the rest', async () => {
    const partial = path.join(root, 'partial')
    cpSync(path.join(root, 'shards'), partial, { recursive: true })
    const leaky = path.join(partial, 'pydebug-cp311-pydebug-leaky', 'report.json')
    writeFileSync(leaky, readFileSync(leaky, 'utf8').slice(0, 500))
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'partial'], io)).toBe(0)
    expect(io.err).toBe(`pydebug report merge: ${leaky} is not a schema-1 report.json; left out\n`)
    expect(io.out).toContain('# pydebug: 1 cell')
  })

  // Defect: an --out FILE in a folder that does not exist failed with the file system's raw error (an internal error).
  it('refuses an --out it cannot write with exit code 2, naming it', async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'merge', 'shards', '--out', path.join('no', 'such', 'rollup.md')], io)).toBe(2)
    expect(io.err).toBe(
      `pydebug report: --out: cannot write '${path.join('no', 'such', 'rollup.md')}' (ENOENT); pass a folder (or a .md file) in a place you can write.\n`,
    )
  })

  it('refuses a damaged zip and a missing folder, naming them', async () => {
    writeFileSync(path.join(root, 'damaged.zip'), readFileSync(path.join(root, 'zips', 'pydebug-cp311-asan.zip')).subarray(0, 200))
    const damaged = captureIo(root)
    expect(await cli(['report', 'merge', 'damaged.zip'], damaged)).toBe(2)
    expect(damaged.err).toBe(
      "pydebug report: <folder>: 'damaged.zip' cannot be read as an artifact zip: it is not a zip archive (no end of central directory record).\n",
    )
    const missing = captureIo(root)
    expect(await cli(['report', 'merge', 'nowhere'], missing)).toBe(2)
    expect(missing.err).toContain("<folder>: 'nowhere' is not a readable folder or .zip file")
    expect(existsSync(path.join(root, 'nowhere'))).toBe(false)
  })
})
