/**
 * The variant checks on real output: the trace-refs census (3.11.2 --with-trace-refs), the
 * allocation report (3.11.2 pydebug with PYTHONMALLOC=pymalloc_debug, the pymalloc-debug cell),
 * and COUNT_ALLOCS's sys.getcounts() around a test file (text made with CPython 3.8's formats).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CensusParser, leakedTypes } from '../../../src/parse/census.js'
import { collectReport } from '../../../src/report/collect.js'
import type { HelperRun } from '../../../src/report/step-results.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { compareDumps, countsGrowth } from '../../../src/report/variant-checks.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { parseLogText, scanText } from '../../helpers/parse-text.js'

const SCHEMA = JSON.parse(readFileSync(path.resolve(FIXTURES_DIR, '..', '..', 'schemas', 'report-v1.schema.json'), 'utf8'))
const CENSUS_LEAK = readFixture('cpython-3.11.2-trace-refs/census-test_object_leak.txt')
const CENSUS_CLEAN = readFixture('cpython-3.11.2-trace-refs/census-test_clean.txt')
const ALLOCSTATS = readFixture('cpython-3.11.2-pymalloc-debug/allocstats-test_object_leak.txt')
const COUNTS = readFixture('cpython-3.8-count-allocs-format/pydebug-counts-log.txt')

/** A helper's run as the step returns it, with its log read by the detector. */
function helperRun(testFile: string, logDir: string, text: string): HelperRun {
  const { lines, unparsed, ...details } = parseLogText(text)
  return {
    command: ['python', `pydebug_${logDir}.py`, testFile],
    exitCode: 0,
    signal: null,
    timedOut: false,
    log: `/out/logs/${logDir}/${testFile}.log`,
    lines,
    unparsed,
    details,
    parsed: undefined,
    testFile,
  }
}

describe('the trace-refs census (python/pydebug_census.py on 3.11.2 --with-trace-refs)', () => {
  it('names the leaked type: one list per run in test_object_leak, nothing in test_clean', () => {
    const { results, unparsed } = scanText({ census: new CensusParser() }, CENSUS_LEAK)
    expect(unparsed.count).toBe(0)
    const [file] = results.census.files
    expect(file.test).toBe('test_object_leak')
    expect(file.runs.map((run) => run.warmup)).toEqual([true, true, true, false, false, false])
    // The first warm-up fills caches (interned strings, small ints): the counted runs are the list alone.
    expect(file.runs[0].delta.str).toBeGreaterThan(100)
    expect(file.runs.slice(3).map((run) => run.delta)).toEqual([{ list: 1 }, { list: 1 }, { list: 1 }])
    expect(file.end).toEqual({ runs: 6, testsRun: 6, failures: 0, errors: 0, skipped: 0 })
    expect(leakedTypes(file)).toEqual([{ name: 'list', deltas: [1, 1, 1] }])

    const clean = scanText({ census: new CensusParser() }, CENSUS_CLEAN).results.census.files[0]
    expect(leakedTypes(clean)).toEqual([])
  })

  it('the detector routes the census lines and makes an object-leak problem naming the type, the same with every line to every parser', () => {
    const parsed = parseLogText(CENSUS_LEAK)
    expect(parsed.kinds).toEqual(['census'])
    expect(parsed.unparsed.count).toBe(0)
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        kind: 'object-leak',
        severity: 'error',
        test: 'test_object_leak',
        source: 'census',
        message: 'test_object_leak: +1 `list` per run (live objects by type after each counted run, sys.getobjects)',
      }),
    ])
    expect(JSON.stringify(parseLogText(CENSUS_LEAK, { routing: 'all' }))).toBe(JSON.stringify(parsed))
    expect(parseLogText(CENSUS_CLEAN).problems).toEqual([])
  })

  it('never throws: broken records are diagnostics, a run cut short has no end, unknown lines are left to others', () => {
    const lines = CENSUS_LEAK.split('\n')
    const text = [
      lines[0],
      'pydebug-census: {"test": "test_object_leak", "run": ',
      'pydebug-census: []',
      'pydebug-census: {"test": "test_object_leak", "run": 2, "warmup": true, "objects": 1, "delta": {"x": "many"}, "moreTypes": 0}',
      'pydebug-censusx',
      lines[1],
      'Fatal Python error: Aborted',
    ].join('\n')
    const { results, unparsed } = scanText({ census: new CensusParser() }, text)
    expect(results.census.diagnostics.count).toBe(3)
    expect(results.census.files[0].runs.map((run) => run.run)).toEqual([1, 2, 2])
    expect(results.census.files[0].end).toBeUndefined()
    expect(unparsed.count).toBe(2)
    // A type that shrank in one counted run is not a leak.
    expect(
      leakedTypes({
        runs: [1, 2, 3].map((run) => ({ line: run, run, warmup: false, objects: 0, delta: { list: run === 2 ? -1 : 1, dict: 2 }, moreTypes: 0 })),
      }),
    ).toEqual([{ name: 'dict', deltas: [2, 2, 2] }])
  })
})

describe('the allocation report (python/pydebug_allocstats.py, 3.11.2 with PYTHONMALLOC=pymalloc_debug)', () => {
  it('reads the dumps before and after test_object_leak and says which size classes grew', () => {
    const parsed = parseLogText(ALLOCSTATS)
    const dumps = parsed.results.mallocstats!.dumps
    expect(dumps).toHaveLength(2)
    const compared = compareDumps(dumps[0], dumps[1])
    expect(compared.allocator).toBe('pymalloc')
    expect(compared.before).toEqual({ arenas: 6, bytesInAllocatedBlocks: dumps[0].values['bytes in allocated blocks'] })
    expect(compared.growth?.arenas).toBe(0)
    // Classes with no pool (16 bytes here) are not printed.
    expect(compared.sizeClasses).toHaveLength(31)
    // After 3 warm-ups, 3 runs: the 80-byte class (a list with the debug hooks' pad bytes) grew, less what the runs freed.
    expect(compared.sizeClasses.filter((row) => row.growth !== 0)).toEqual([
      { size: 80, before: 9376, after: 9378, growth: 2 },
      {
        size: 96,
        before: compared.sizeClasses.find((row) => row.size === 96)!.before,
        after: compared.sizeClasses.find((row) => row.size === 96)!.before - 4,
        growth: -4,
      },
    ])
    expect(compared.growth).toEqual({ arenas: 0, bytesInAllocatedBlocks: 4983504 - 4983728 })
    // test_clean, captured the same way: no class grew.
    const clean = parseLogText(readFixture('cpython-3.11.2-pymalloc-debug/allocstats-test_clean.txt')).results.mallocstats!.dumps
    expect(compareDumps(clean[0], clean[1]).sizeClasses.filter((row) => row.growth > 0)).toEqual([])
  })

  it('compares mimalloc dumps by allocated blocks and bytes', () => {
    const dump = parseLogText(readFixture('cpython-3.13.5-pydebug/debugmallocstats-mimalloc.txt')).results.mallocstats!.dumps[0]
    const grown = { ...dump, mimalloc: { ...dump.mimalloc, 'Allocated Blocks': dump.mimalloc!['Allocated Blocks'] + 3 } }
    const compared = compareDumps(dump, grown)
    expect(compared.allocator).toBe('mimalloc')
    expect(compared.growth).toEqual({ allocatedBlocks: 3, allocatedBytes: 0 })
    expect(compared.sizeClasses).toEqual([])
  })
})

describe('COUNT_ALLOCS counts around a test file (sys.getcounts() reprs as CPython 3.8 builds them)', () => {
  it('ranks the types by net growth in live instances', () => {
    const parsed = parseLogText(COUNTS)
    const lists = parsed.results['count-allocs']!.dumps
    expect(lists.map((dump) => dump.source)).toEqual(['getcounts', 'getcounts'])
    expect(countsGrowth(lists[0], lists[1])).toEqual([
      { name: 'leaky.Thing', before: { allocs: 12, frees: 9, maxInUse: 4 }, after: { allocs: 17, frees: 11, maxInUse: 7 }, growth: 3 },
      { name: 'dict', before: { allocs: 15230, frees: 14012, maxInUse: 2311 }, after: { allocs: 15301, frees: 14082, maxInUse: 2311 }, growth: 1 },
    ])
  })
})

describe('report.json and summary.md of the variant checks', () => {
  const relative = (absolutePath: string) => absolutePath.replace('/out/', '')
  const report = collectReport({
    toolVersion: '0.0.0',
    generatedAt: '2026-12-02T00:00:00Z',
    extensions: [],
    variantChecks: {
      census: { warmups: 3, runs: 3, files: [helperRun('test_clean', 'census', CENSUS_CLEAN), helperRun('test_object_leak', 'census', CENSUS_LEAK)] },
      allocations: [helperRun('test_object_leak', 'allocstats', ALLOCSTATS)],
      countAllocs: [helperRun('test_counts', 'counts', COUNTS)],
    },
    relative,
  })

  it('holds the sections, an object-leak finding naming the type, and passes the schema', () => {
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'object-leak',
        test: 'test_object_leak',
        pass: 'census',
        message: 'test_object_leak: +1 `list` per run (live objects by type after each counted run, sys.getobjects)',
        log: 'logs/census/test_object_leak.log',
      }),
    ])
    expect(report.census?.files.map((file) => [file.name, file.outcome, file.leakedTypes])).toEqual([
      ['test_clean', 'ok', []],
      ['test_object_leak', 'ok', [{ name: 'list', deltas: [1, 1, 1] }]],
    ])
    expect(report.allocations?.files[0]).toMatchObject({ name: 'test_object_leak', outcome: 'ok', allocator: 'pymalloc', growth: { arenas: 0 } })
    expect(report.countAllocs?.files[0].topGrowth.map((type) => [type.name, type.growth])).toEqual([
      ['leaky.Thing', 3],
      ['dict', 1],
    ])
  })

  it('the summary shows the leaked type, the size classes that grew and the top types', () => {
    const summary = renderSummaryMarkdown(report)
    expect(summary).toContain('| `test_object_leak` | `list` +1 per run |')
    expect(summary).toContain('80 B: 9376 → 9378 (+2)')
    expect(summary).toContain("`leaky.Thing` +3 (alloc'd 5, freed 2)")
    expect(summary).toContain("| `test_object_leak` | object leak: `test_object_leak: +1 'list' per run")
  })
})
