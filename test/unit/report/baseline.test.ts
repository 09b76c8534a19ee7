import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI_OPTION_NAMES, validateRunOptions } from '../../../src/config/run-config.js'
import { ConfigError } from '../../../src/errors.js'
import { baselineMarkdown } from '../../../src/report/baseline-md.js'
import { baselineOrError, compareWithBaseline, findingIdentity, identityParts, readBaseline, withBaseline } from '../../../src/report/baseline.js'
import { findingsExitCode } from '../../../src/report/exit-code.js'
import type { Finding, Report } from '../../../src/report/model.js'
import { escapeCode, escapeMarkdown, renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { validate } from '../../helpers/json-schema.js'
import { fakeRunEnvironment } from '../../helpers/run-environment.js'
import { REPO_ROOT } from '../../helpers/spawn.js'
import { expectGolden } from '../../helpers/golden.js'

// current/: examples/leaky's real report (the summary golden's). baseline/: the same report as an
// earlier run would have left it: the reference leak at 5 per run, no block leak yet, and
// test_fails failing (that finding from `pydebug report parse` of a real regrtest log). See
// test/fixtures/README.md. UPDATE_GOLDEN=1 rewrites the expected files; review the diff.
const BASELINE_DIR = path.join(REPO_ROOT, 'test', 'golden', 'baseline')
const readReport = (folder: string) => JSON.parse(readFileSync(path.join(BASELINE_DIR, folder, 'report.json'), 'utf8')) as Report
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

const leak: Finding = {
  kind: 'reference-leak',
  test: 'test_leaky',
  case: 'test_leaky.LeakyTests.test_leak_refs',
  message: 'test_leaky.LeakyTests.test_leak_refs leaked 3 references per run (deltas [3, 3, 3], sum=9)',
  deltas: [3, 3, 3],
  sum: 9,
  log: 'logs/refleak-cases/test_leaky.LeakyTests.test_leak_refs.log',
}

describe('findingIdentity', () => {
  it('is the same for the same leak whatever its deltas, sum, message, detail, log or pass', () => {
    const again: Finding = {
      ...leak,
      message: 'test_leaky.LeakyTests.test_leak_refs leaked 4 references per run (deltas [4, 4, 5], sum=13)',
      deltas: [4, 4, 5],
      sum: 13,
      detail: 'other words',
      log: 'logs/refleak-cases/12345.log',
      pass: 'refleak-case',
    }
    expect(findingIdentity(again)).toBe(findingIdentity(leak))
    expect(findingIdentity(leak)).toBe('reference-leak | test_leaky | test_leaky.LeakyTests.test_leak_refs | ')
  })

  it('is the same for a native report at one place whatever the address or pid in its message', () => {
    const report = (message: string): Finding => ({
      kind: 'memory-error',
      message,
      log: 'logs/asan/test_x.1234',
      file: 'src/defects.c',
      line: 29,
      function: 'heap_overflow',
    })
    const first = report('AddressSanitizer heap-buffer-overflow on address 0x602000000011 at pc 0x7f3c (pid 4242)')
    const second = report('AddressSanitizer heap-buffer-overflow on address 0x6020000000f1 at pc 0x7f1d (pid 977)')
    expect(findingIdentity(first)).toBe(findingIdentity(second))
    expect(findingIdentity(first)).toBe('memory-error |  |  | src/defects.c:29')
  })

  it('tells apart what differs in kind, test, case or place', () => {
    const identities = [
      leak,
      { ...leak, kind: 'block-leak' as const },
      { ...leak, case: 'test_leaky.LeakyTests.test_leak_blocks' },
      { ...leak, test: 'test_other' },
      { ...leak, file: 'src/x.c', line: 1 },
      { ...leak, file: 'src/x.c', line: 2 },
      { ...leak, function: 'leak_refs' },
    ].map(findingIdentity)
    expect(new Set(identities).size).toBe(identities.length)
  })

  it('escapes the separator, so names holding it cannot make two findings one, and reads back', () => {
    const a = findingIdentity({ kind: 'crash', test: 'test_a | b', case: '' })
    const b = findingIdentity({ kind: 'crash', test: 'test_a', case: 'b' })
    expect(a).not.toBe(b)
    expect(identityParts(a)).toEqual({ kind: 'crash', test: 'test_a | b', case: '', where: '' })
    expect(identityParts(findingIdentity({ kind: 'crash', test: 'x\\y', file: 'C:\\src\\a.c', line: 3 }))).toEqual({
      kind: 'crash',
      test: 'x\\y',
      case: '',
      where: 'C:/src/a.c:3',
    })
  })
})

describe('readBaseline: a previous report.json, or a merged one', () => {
  it.each([
    ['not JSON', '{"schema": 1,', /^it is not JSON \(/],
    ['an array', '[]', /^it is JSON but not an object$/],
    ['another schema', '{"schema": 2, "findings": []}', /^it has no "schema": 1 \(found 2\), so it is not a pydebug report$/],
    ['no findings', '{"schema": 1}', /^it has no "findings" list$/],
    ['a finding without kind', '{"schema": 1, "findings": [{"test": "x"}]}', /^findings\[0\] is not a finding \(no "kind"\)$/],
  ])('says what is wrong with %s, without throwing', (_name, text, problem) => {
    const reading = readBaseline(text, 'base.json')
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.problem).toMatch(problem)
  })

  it("takes a merged report's findings (their extra fields are not read)", () => {
    const merged = { schema: 1, kind: 'rollup', findings: [{ ...leak, identity: 'whatever', cells: ['cp311-pydebug'] }] }
    expect(readBaseline(JSON.stringify(merged), 'rollup/report.json')).toEqual({
      ok: true,
      baseline: { source: 'rollup/report.json', identities: [findingIdentity(leak)] },
    })
  })

  it('fails with a ConfigError naming the file and what to give', () => {
    expect(() => baselineOrError(undefined, 'missing.json')).toThrow(ConfigError)
    expect(() => baselineOrError(undefined, 'missing.json')).toThrow(
      "baseline 'missing.json': no such file, or it cannot be read. Give the report.json of an earlier pydebug run (a cell's artifact) or the report.json pydebug report merge wrote.",
    )
    expect(() => baselineOrError('{"schema": 1}', 'summary.json')).toThrow(/^baseline 'summary\.json': it has no "findings" list\. Give the report\.json/)
  })

  it('pydebug run refuses a --baseline that does not exist before anything runs, naming it', () => {
    expect(() =>
      validateRunOptions({ python: '3.11.2', baseline: 'base/report.json' }, CLI_OPTION_NAMES, fakeRunEnvironment(), { requireExtension: false }),
    ).toThrow(/^--baseline 'base\/report\.json': no such file \(.*base\/report\.json\)\. Give the report\.json of an earlier pydebug run/)
  })
})

describe('a baseline diff of real reports (golden)', () => {
  const current = readReport('current')
  const previous = baselineOrError(readFileSync(path.join(BASELINE_DIR, 'baseline', 'report.json'), 'utf8'), 'baseline/report.json')
  const report = withBaseline(current, previous, 'findings')

  it('finds one new, one fixed and the unchanged ones (the leak whose deltas moved among them)', () => {
    expect(report.baseline).toEqual({
      source: 'baseline/report.json',
      new: ['block-leak | test_leaky | test_leaky.LeakyTests.test_leak_blocks | '],
      fixed: ['test-failure | test_fails |  | '],
      unchanged: ['crash | test_overrun |  | examples/leaky/tests/test_overrun.py:9', 'reference-leak | test_leaky | test_leaky.LeakyTests.test_leak_refs | '],
    })
    expectGolden(path.join(BASELINE_DIR, 'expected-baseline.json'), `${JSON.stringify(report.baseline, null, 2)}\n`)
    expectGolden(path.join(BASELINE_DIR, 'expected-baseline.md'), baselineMarkdown(report.baseline, escapeMarkdown, escapeCode).join('\n'))
  })

  it('is in summary.md and in a report.json the schema accepts', () => {
    expect(renderSummaryMarkdown(report)).toContain(baselineMarkdown(report.baseline, escapeMarkdown, escapeCode).join('\n'))
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('fail-on new fails on the new block leak only; with nothing new it passes where findings fails', () => {
    expect(findingsExitCode(report, 'new')).toBe(1)
    const noNew = withBaseline({ ...current, findings: current.findings.filter((finding) => finding.kind !== 'block-leak') }, previous, 'new')
    expect(findingsExitCode(noNew, 'new')).toBe(0)
    expect(findingsExitCode(noNew, 'findings')).toBe(1)
  })

  it('fail-on new without a baseline counts every finding as new, and the summary says so', () => {
    const alone = withBaseline(current, undefined, 'new')
    expect(alone.baseline).toEqual({ new: compareWithBaseline(current.findings, undefined).new, fixed: [], unchanged: [] })
    expect(alone.baseline?.new).toHaveLength(3)
    expect(findingsExitCode(alone, 'new')).toBe(1)
    expect(renderSummaryMarkdown(alone)).toContain('No baseline was given: every finding counts as new (3).')
    expect(withBaseline(current, undefined, 'findings')).toBe(current)
  })
})

describe('pydebug run with a baseline that is not a report', () => {
  it('stops with exit code 2 naming the file, before anything is built', async () => {
    const { cli } = await import('../../../src/entry/cli.js')
    const { captureIo } = await import('../../helpers/cli-io.js')
    const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-baseline-run-'))
    writeFileSync(path.join(root, 'summary.md'), '## pydebug\n')
    const io = captureIo(root)
    const code = await cli(
      [
        'run',
        '--python',
        '3.11.2',
        '--extension',
        path.join(REPO_ROOT, 'examples', 'leaky'),
        '--baseline',
        'summary.md',
        '--cache-dir',
        path.join(root, 'cache'),
        '--out',
        'out',
      ],
      io,
    )
    expect(code).toBe(2)
    expect(io.err).toContain("baseline '")
    expect(io.err).toContain("summary.md': it is not JSON (")
    expect(existsSync(path.join(root, 'cache'))).toBe(false)
    rmSync(root, { recursive: true, force: true })
  })
})
