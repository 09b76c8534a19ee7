import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../../src/report/parsed-logs.js'
import { FINDING_KIND_NAMES } from '../../../src/report/finding-kinds.js'
import type { Report } from '../../../src/report/model.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { parseLogText } from '../../helpers/parse-text.js'

const SCHEMA = JSON.parse(readFileSync(path.resolve(FIXTURES_DIR, '..', '..', 'schemas', 'report-v1.schema.json'), 'utf8'))
const FIXTURES = readdirSync(FIXTURES_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(txt|xml)$/.test(file))
  .sort()

describe('schemas/report-v1.schema.json', () => {
  it('is JSON Schema 2020-12 with a $def for every parser result', () => {
    expect(SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(Object.keys(SCHEMA.$defs.parsedLog.properties.results.properties)).toEqual([
      'regrtest',
      'showrefcount',
      'refcount-series',
      'mallocstats',
      'count-allocs',
      'pymalloc-debug',
      'fault',
      'sanitizer',
      'valgrind-xml',
      'census',
      'import-error',
    ])
  })

  it('names exactly the finding kinds of src/report/finding-kinds.ts, in their order', () => {
    expect(SCHEMA.properties.findings.items.properties.kind.enum).toEqual(FINDING_KIND_NAMES)
  })

  it.each(FIXTURES)('accepts the parsed report of the real fixture %s', (fixture) => {
    const report = buildReport([{ path: fixture, parsed: parseLogText(readFixture(fixture)) }], new Date('2026-11-24T01:00:00Z'))
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('accepts a full sample report (every section the pipeline writes) and rejects broken ones', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/regrtest-R-leaky.txt'))
    const { lines, unparsed, ...details } = parsed
    const sample: Report = {
      schema: 1,
      tool: { name: 'pydebug', version: '0.1.0' },
      generatedAt: '2026-11-24T01:30:00.000Z',
      status: 'findings',
      cell: {
        id: 'cp311-pydebug',
        python: '3.11.2',
        variant: 'pydebug',
        configureArgs: ['--with-pydebug'],
        runtimeEnv: { PYTHONMALLOC: 'debug' },
        abiFlags: 'd',
        extensionAbi: 'cpython-311d-x86_64-linux-gnu',
      },
      interpreter: {
        pythonPath: '/c/bin/python3',
        prefix: '/c',
        cacheKey: 'k',
        cacheHit: 'none',
        seconds: 301.2,
        source: 'Python-3.11.2.tgz',
        sysVersion: '3.11.2',
        abiflags: 'd',
        soabi: 'cpython-311d-x86_64-linux-gnu',
      },
      extensions: [{ path: '.', abi: 'cpython-311d-x86_64-linux-gnu', reused: false, sitePath: 'site', seconds: 3.1, log: 'logs/ext.log' }],
      refleaks: {
        command: ['python', '-m', 'test', '-R', '3:3'],
        exitCode: 2,
        warmups: 3,
        runs: 3,
        state: 'FAILURE',
        tests: [
          {
            name: 'test_leaky',
            outcome: 'leaked',
            result: 'failed (reference leak)',
            leaks: [{ kind: 'references', deltas: [3, 3, 3], sum: 9 }],
            informationalLeaks: [],
            cases: [{ id: 'test_leaky.LeakyTests.test_leak_refs', outcome: 'leaked', leaks: [], log: 'logs/case.log' }],
          },
        ],
        log: 'logs/refleaks.log',
      },
      showrefcount: { files: [{ name: 'test_leaky', exitCode: 0, outcome: 'passed', atExit: { refs: 3288, blocks: 2972 }, log: 'logs/sr.log' }] },
      findings: [
        {
          kind: 'reference-leak',
          test: 'test_leaky',
          message: 'test_leaky leaked 3 references per run (deltas [3, 3, 3], sum=9)',
          deltas: [3, 3, 3],
          sum: 9,
          log: 'logs/refleaks.log',
          pass: 'refleak',
        },
      ],
      logs: [{ path: 'logs/refleaks.log', kind: 'regrtest', lines, unparsed, parsed: details }],
      problems: parsed.problems.map((problem) => ({ ...problem, log: 'logs/refleaks.log' })),
    }
    expect(validate(SCHEMA, sample)).toEqual([])
    expect(validate(SCHEMA, { ...sample, schema: 2 })).toEqual(['$.schema: expected 1, got 2'])
    expect(validate(SCHEMA, { ...sample, status: 'ok' })[0]).toMatch(/^\$\.status: "ok" not in/)
    expect(validate(SCHEMA, { ...sample, surprise: true })).toEqual(['$: unexpected property surprise'])
    expect(validate(SCHEMA, { ...sample, logs: [{ path: 'x' }] })).toEqual([
      '$.logs[0]: missing kind',
      '$.logs[0]: missing lines',
      '$.logs[0]: missing unparsed',
    ])
  })
})
