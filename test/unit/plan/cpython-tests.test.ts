import { describe, expect, it } from 'vitest'
import { CPYTHON_TEST_PROFILES } from '../../../src/catalog/cpython-tests.js'
import { KNOWN_MINORS } from '../../../src/catalog/known-versions.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { inRange } from '../../../src/plan/cell.js'
import {
  assignShard,
  parseCpythonTestsSelection,
  parseShardSpec,
  planCpythonTestsCommand,
  planCpythonTestsEnv,
  planCpythonTestsListing,
  shardSuffix,
  testFileOf,
} from '../../../src/plan/cpython-tests.js'

const py311 = parsePythonVersion('3.11.2')!
const py313 = parsePythonVersion('3.13.5')!
const base = { pythonPath: '/p/bin/python3', jobs: 2, timeoutSeconds: 1200, junitXml: '/out/cpython-tests.junit.xml' }

describe('the make test profiles (src/catalog/cpython-tests.ts)', () => {
  it('cover every version the catalog knows, each exactly once', () => {
    for (const known of KNOWN_MINORS) {
      const version = parsePythonVersion(`${known.minor}.0`)!
      expect(
        CPYTHON_TEST_PROFILES.filter((profile) => inRange(version, profile)),
        known.minor,
      ).toHaveLength(1)
    }
  })
})

describe('planCpythonTestsCommand', () => {
  it('runs 3.11 as make quicktest does (run_tests.py), without -E and -w, with -jN workers, the timeout and the JUnit XML', () => {
    const { argv, notPassed } = planCpythonTestsCommand({ ...base, python: py311, selection: { kind: 'quick' } })
    expect(argv.slice(0, 17)).toEqual([
      '/p/bin/python3',
      '-u',
      '-W',
      'default',
      '-bb',
      '-m',
      'test',
      '-r',
      '-j',
      '2',
      '--timeout',
      '1200',
      '-u',
      'all,-largefile,-audio,-gui',
      '--junit-xml',
      '/out/cpython-tests.junit.xml',
      '-x',
    ])
    expect(argv).toContain('test_subprocess')
    expect(argv).not.toContain('-E')
    expect(argv).not.toContain('-w')
    expect(notPassed.map((entry) => entry.option)).toEqual(['-E', '-w'])
  })

  it('runs 3.13 as make test does (--fast-ci), keeping regrtest from re-executing itself with -E', () => {
    const { argv } = planCpythonTestsCommand({ ...base, python: py313, selection: { kind: 'full' } })
    expect(argv).toEqual([
      '/p/bin/python3',
      '-u',
      '-W',
      'error',
      '-bb',
      '-m',
      'test',
      '--fast-ci',
      '--dont-add-python-opts',
      '-j',
      '2',
      '--timeout',
      '1200',
      '--junit-xml',
      '/out/cpython-tests.junit.xml',
    ])
  })

  it("puts the user's arguments last, as TESTOPTS, and lets their -j, --timeout and -u replace pydebug's", () => {
    const parsed = parseCpythonTestsSelection('-j1 --timeout 30 -u network test_int')
    if (!parsed.ok || parsed.selection.kind === 'none') throw new Error(`not parsed: ${JSON.stringify(parsed)}`)
    const { argv } = planCpythonTestsCommand({ ...base, python: py311, selection: parsed.selection })
    expect(argv).toEqual([
      '/p/bin/python3',
      '-u',
      '-W',
      'default',
      '-bb',
      '-m',
      'test',
      '-r',
      '--junit-xml',
      '/out/cpython-tests.junit.xml',
      '-j1',
      '--timeout',
      '30',
      '-u',
      'network',
      'test_int',
    ])
  })

  it('runs a shard from a file, which regrtest reads instead of names and -x; lists with --list-tests', () => {
    const { argv } = planCpythonTestsCommand({ ...base, python: py311, selection: { kind: 'quick' }, testsFile: '/out/logs/shard.txt' })
    expect(argv.slice(argv.indexOf('--fromfile'), argv.indexOf('--fromfile') + 3)).toEqual(['--fromfile', '/out/logs/shard.txt', '-x'])
    const listing = planCpythonTestsListing({ ...base, python: py311, selection: { kind: 'quick' } })
    expect(listing).toContain('--list-tests')
    expect(listing).not.toContain('--junit-xml')
    expect(listing.indexOf('--list-tests')).toBeLessThan(listing.indexOf('-x'))
  })
})

describe('parseCpythonTestsSelection', () => {
  it('reads the modes and regrtest arguments', () => {
    expect(parseCpythonTestsSelection(' quick ')).toEqual({ ok: true, selection: { kind: 'quick' } })
    expect(parseCpythonTestsSelection('test_int  test_bool')).toEqual({ ok: true, selection: { kind: 'args', args: ['test_int', 'test_bool'] } })
  })

  it.each([
    ["'test_int'", /quotes and backslashes are not allowed \(found '\): .*no shell/],
    ['test_int --junit-xml x.xml', /'--junit-xml' is not allowed: pydebug writes/],
    ['--list-tests', /only lists tests/],
    ['--fromfile=tests.txt', /pydebug passes the test list itself/],
    ['quik', /expected none, quick, full or regrtest arguments/],
  ])('refuses %s', (text, problem) => {
    const result = parseCpythonTestsSelection(text)
    expect(result.ok).toBe(false)
    expect((result as { problem: string }).problem).toMatch(problem)
  })
})

describe('planCpythonTestsEnv', () => {
  it("applies the variant's settings and removes the other inherited PYTHON* variables, which make test's -E would ignore", () => {
    const env = planCpythonTestsEnv({ PATH: '/bin', PYTHONPATH: '/x', PYTHONMALLOC: 'pymalloc', PYTHONUNSET: undefined }, { PYTHONMALLOC: 'malloc' })
    expect(env).toEqual({ env: { PYTHONPATH: undefined, PYTHONMALLOC: 'malloc' }, applied: { PYTHONMALLOC: 'malloc' }, removed: ['PYTHONPATH'] })
  })
})

describe('shards', () => {
  const listed = ['test_a', 'test_b', 'test_c', 'test_d', 'test_e', 'test.test_asyncio.test_tasks', 'test.test_asyncio.test_locks']

  it.each([1, 2, 3, 4, 9])('split %i ways, run every test file exactly once, by name or by duration', (count) => {
    for (const durations of [{}, { test_a: 100, test_b: 1, test_asyncio: 50 }] as Record<string, number>[]) {
      const shards = Array.from({ length: count }, (_, index) => assignShard(listed, { index: index + 1, count }, durations))
      expect(shards.flat().sort()).toEqual(['test_a', 'test_asyncio', 'test_b', 'test_c', 'test_d', 'test_e'])
    }
  })

  it('gives the longest file a shard of its own when the durations say so', () => {
    const durations = { test_a: 100, test_b: 10, test_c: 10, test_d: 10, test_e: 10, test_asyncio: 10 }
    expect(assignShard(listed, { index: 1, count: 2 }, durations)).toEqual(['test_a'])
    expect(assignShard(listed, { index: 2, count: 2 }, durations)).toHaveLength(5)
  })

  it('reads INDEX/COUNT and names the shard', () => {
    expect(parseShardSpec('2/4')).toEqual({ index: 2, count: 4 })
    expect(parseShardSpec('5/4')).toBeUndefined()
    expect(parseShardSpec('0/4')).toBeUndefined()
    expect(shardSuffix({ index: 1, count: 4 })).toBe('cpy1of4')
    expect(testFileOf('test.test_asyncio.test_tasks')).toBe('test_asyncio')
  })
})
