import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import type { Report } from '../../../src/report/model.js'
import { captureIo } from '../../helpers/cli-io.js'
import { FIXTURES_DIR } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'

const SCHEMA = JSON.parse(readFileSync(path.resolve(FIXTURES_DIR, '..', '..', 'schemas', 'report-v1.schema.json'), 'utf8'))

describe('pydebug report parse', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-report-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const fixture = (relative: string) => path.join(FIXTURES_DIR, relative)

  it('turns logs of any kind into a schema-valid report, kinds detected from content', async () => {
    const io = captureIo(root)
    const logs = [
      'cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt',
      'cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml',
      'cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt',
    ]
    const code = await cli(['report', 'parse', ...logs.map(fixture)], io)
    expect(io.err).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(io.out) as Report
    expect(validate(SCHEMA, report)).toEqual([])
    expect(report.status).toBe('findings')
    expect(report.logs.map((log) => [path.basename(log.path), log.kind, log.unparsed.count])).toEqual([
      ['regrtest-R-j1-leak-and-crash.txt', 'regrtest+pymalloc-debug+fault', 0],
      ['memcheck-pythonmalloc-malloc.xml', 'valgrind-xml', 0],
      ['pymalloc-debug-overrun-tracemalloc.txt', 'pymalloc-debug+fault', 0],
    ])
    // Every problem that is not a note is a finding, with or without a test to own it.
    expect(report.findings.map((finding) => [finding.kind, finding.test, finding.deltas])).toEqual([
      ['crash', 'test_overrun', undefined],
      ['buffer-overrun', undefined, undefined],
      ['memory-error', undefined, undefined],
      ['reference-leak', 'test_leaky', [3, 3, 3]],
      ['memory-leak', undefined, undefined],
      ['memory-leak', undefined, undefined],
    ])
    expect(report.problems?.map((problem) => problem.message)).toContain('buffer overrun of 1 byte detected on free in tests/test_overrun.py:4')
    // Notes (CPython's own memcheck errors) sort after errors.
    expect(report.problems?.at(-1)?.severity).toBe('note')
  })

  it("reports a crashed test once, pointing where its fault does, and each test's verdict as a run does", async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'parse', fixture('cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt')], io)).toBe(0)
    const report = JSON.parse(io.out) as Report
    // regrtest's verdicts, as pydebug run gives them for the same log (test/unit/report/collect.test.ts).
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toEqual([
      ['crash', 'test_segv'],
      ['timeout', 'test_hangs'],
      ['test-failure', 'test_envchanged'],
      ['test-failure', 'test_fails'],
      ['not-run', 'test_norun'],
    ])
    expect(report.findings[0]).toMatchObject({
      message: 'test_segv crashed (Exit code -11): Fatal Python error: Segmentation fault',
      detail: 'Exit code -11 · Fatal Python error: Segmentation fault',
      // The test's own line, not the stdlib frame that faulted on its behalf.
      file: '/tmp/regr/tests/test_segv.py',
      line: 4,
      function: 'test_null',
    })
    expect(validate(SCHEMA, report)).toEqual([])
  })

  it('writes Markdown to --out, with paths relative to the report', async () => {
    const io = captureIo(root)
    const out = path.join(root, 'out', 'summary.md')
    rmSync(path.dirname(out), { recursive: true, force: true })
    await import('node:fs').then((fs) => fs.mkdirSync(path.dirname(out)))
    writeFileSync(path.join(root, 'asan.log'), readFileSync(fixture('cpython-3.11.2-pydebug-asan/asan-overrun.txt')))
    const code = await cli(['report', 'parse', 'asan.log', '--format', 'markdown', '--out', out], io)
    expect(code).toBe(0)
    expect(io.out).toBe('')
    const markdown = readFileSync(out, 'utf8')
    expect(markdown).toContain('| `../asan.log` | sanitizer | 87 | 0 |')
    expect(markdown).toContain('AddressSanitizer heap-buffer-overflow: WRITE of size 1 in overrun (leaky.c:32)')
  })

  it("shows the findings as a run's summary does: a crash with its cause and place, a leak with its deltas", async () => {
    const io = captureIo(root)
    expect(await cli(['report', 'parse', fixture('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt'), '--format', 'markdown'], io)).toBe(0)
    const lines = io.out.split('\n')
    expect(lines).toContain('**❌ found problems in the logs** (2 findings: 1 crash, 1 reference leak)')
    expect(lines).toContain(
      '| `test_overrun` | crash: `Exit code -6 · buffer overrun of 1 byte detected on free in /tmp/exttest/src/tests/test_overrun.py:9 · Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte` | `/tmp/exttest/src/tests/test_overrun.py:9` in `test_overrun` |  |',
    )
    expect(lines).toContain('| `test_leaky` | reference leak |  | [3, 3, 3] |')
  })

  it.each([
    [[], 0],
    [['--fail-on', 'never'], 0],
    [['--fail-on', 'findings'], 1],
    [['--fail-on', 'leaks'], 1],
  ])('with %j on a log with a leak and a crash, exits %i', async (flags, expected) => {
    const io = captureIo(root)
    expect(await cli(['report', 'parse', fixture('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt'), ...flags], io)).toBe(expected)
    expect(io.err).toBe('')
  })

  it('--fail-on leaks ignores a crash alone; findings does not', async () => {
    const crashOnly = fixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt')
    expect(await cli(['report', 'parse', crashOnly, '--fail-on', 'leaks'], captureIo(root))).toBe(0)
    const io = captureIo(root)
    expect(await cli(['report', 'parse', fixture('cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt'), '--fail-on', 'findings'], io)).toBe(1)
  })

  it.each([
    [['report'], /^pydebug report: expected the subcommand 'parse' or 'merge', got nothing/],
    [['report', 'show'], /expected the subcommand 'parse' or 'merge', got 'show'/],
    [['report', 'parse'], /<log>: no log files given/],
    [['report', 'parse', 'x.log', '--format', 'html'], /--format: 'html' is not a format; use json or markdown\./],
    [['report', 'parse', 'missing.log'], /<log>: 'missing.log' is not a readable file/],
    [['report', 'parse', 'x.log', '--colour'], /Allowed options: --format, --out, --workspace, --fail-on\./],
    [
      ['report', 'parse', path.join(FIXTURES_DIR, 'cpython-3.11.2-pydebug/regrtest-R-leaky.txt'), '--fail-on', 'errors'],
      /--fail-on 'errors' is not allowed\. Allowed: findings, leaks, new, never\./,
    ],
    [
      ['report', 'parse', path.join(FIXTURES_DIR, 'cpython-3.11.2-pydebug/regrtest-R-leaky.txt'), '--out', 'no/such/folder/report.json'],
      /--out: cannot write 'no\/such\/folder\/report.json' \(ENOENT\); pass a file in an existing folder\./,
    ],
  ])('%j exits 2 naming the argument', async (args, message) => {
    const io = captureIo(root)
    expect(await cli(args, io)).toBe(2)
    expect(io.err).toMatch(message)
    expect(io.err.trim().split('\n')).toHaveLength(1)
  })
})
