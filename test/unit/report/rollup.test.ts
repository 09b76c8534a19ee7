import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { cellId } from '../../../src/plan/cell.js'
import { shardSuffix } from '../../../src/plan/cpython-tests.js'
import type { Report } from '../../../src/report/model.js'
import {
  mergeReports,
  readPlannedMatrix,
  readRefusedCells,
  renderRollupMarkdown,
  rollUpReports,
  type MergeInput,
  type PlannedCell,
} from '../../../src/report/rollup.js'
import { REPO_ROOT } from '../../helpers/spawn.js'
import { expectGolden } from '../../helpers/golden.js'

// Two cases, each a folder of real reports laid out as download-artifact does (test/fixtures/README.md
// says which run each came from): shards/ (two shards of CPython's suite on cp311-pydebug, and
// examples/leaky's run), and matrix/ (seven cells of 3.11 and 3.13, with the plan that
// `pydebug matrix` made for them: matrix.json and refused.json), and e2e/ (seven cells as the end-to-end
// tests left them, one report per cell, copied unchanged from a cold CI run). UPDATE_GOLDEN=1 rewrites the
// expected-* files; review the diff.
const ROLLUP_DIR = path.join(REPO_ROOT, 'test', 'golden', 'rollup')
const GENERATED_AT = '2026-11-24T00:00:00.000Z'

function reportsOf(testCase: string): MergeInput['reports'] {
  const dir = path.join(ROLLUP_DIR, testCase, 'reports')
  return readdirSync(dir)
    .sort()
    .map((folder) => ({ folder, report: JSON.parse(readFileSync(path.join(dir, folder, 'report.json'), 'utf8')) as Report }))
}

function plannedOf(testCase: string): PlannedCell[] {
  const read = (file: string) => readFileSync(path.join(ROLLUP_DIR, testCase, file), 'utf8')
  const matrix = existsSync(path.join(ROLLUP_DIR, testCase, 'matrix.json')) ? readPlannedMatrix(read('matrix.json')) : { ok: true as const, cells: [] }
  const refused = existsSync(path.join(ROLLUP_DIR, testCase, 'refused.json')) ? readRefusedCells(read('refused.json')) : { ok: true as const, cells: [] }
  if (!matrix.ok || !refused.ok) throw new Error(`${testCase}: its plan files do not read`)
  return [...matrix.cells, ...refused.cells]
}

const SHARDS = ['pydebug-cp311-pydebug-cpy1of2', 'pydebug-cp311-pydebug-cpy2of2']
const shard = (folder: string) => reportsOf('shards').find((entry) => entry.folder === folder)!

describe('rollUpReports: the shards of a cell are one cell', () => {
  it('adds up their CPython test counts', () => {
    const [cell] = rollUpReports(SHARDS.map(shard))
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
    const merged = mergeReports({ reports: [shard(SHARDS[0])], title: 'pydebug', toolVersion: '0.1.0', generatedAt: GENERATED_AT })
    expect(merged.cells[0]).toMatchObject({ status: 'nothing-tested', states: ['not-run'], shards: { count: 2, reported: [1], missing: [2] } })
    expect(renderRollupMarkdown(merged)).toContain('shard 2 of 2 sent no report (cancelled or failed before writing one): their tests were not checked.')
  })

  // Defect: the shard suffix was only removed at the end of the name, but a matrix over several
  // runners names artifacts `pydebug-<cell>-cpyIofN-<os>`, so each shard became a cell of its own.
  it('merges the shards of a cell whose artifact names end in the runner (-cpyIofN-<os>)', () => {
    const cells = rollUpReports(SHARDS.map((folder) => ({ folder: `${folder}-ubuntu-24.04-arm`, report: shard(folder).report })))
    expect(cells.map((cell) => [cell.name, cell.shards])).toEqual([['pydebug-cp311-pydebug-ubuntu-24.04-arm', { count: 2, reported: [1, 2], missing: [] }]])
  })

  it("reads the shard from a folder name spelled as the plan's shardSuffix, for a shard that stopped before CPython's tests", () => {
    const { cpythonTests: _dropped, ...broken } = shard(SHARDS[1]).report
    const cells = rollUpReports([
      shard(SHARDS[0]),
      { folder: `pydebug-cp311-pydebug-${shardSuffix({ index: 2, count: 2 })}`, report: { ...broken, status: 'build-failed' } },
    ])
    expect(cells.map((cell) => [cell.name, cell.status, cell.shards?.missing])).toEqual([['pydebug-cp311-pydebug', 'build-failed', []]])
  })
})

describe('reports of another pydebug version', () => {
  it('a finding kind this version does not know still marks its cell failed, by its own name', () => {
    const leaky = shard('pydebug-cp311-pydebug-leaky')
    const unknown = { ...leaky.report, findings: [{ kind: 'future-kind', message: 'something new', log: 'logs/x.log' }] } as unknown as Report
    const merged = mergeReports({ reports: [{ folder: leaky.folder, report: unknown }], title: 'pydebug', toolVersion: '0.1.0', generatedAt: GENERATED_AT })
    expect(merged.cells[0].states).toEqual(['failed'])
    expect(renderRollupMarkdown(merged)).toContain('| future-kind: something new | — |  | `cp311-pydebug` |')
  })
})

describe('the matrix plan', () => {
  it("reads a refused cell's version and variant back from its id, as plan/cell.ts cellId writes it", () => {
    const ids = ['3.6', '3.11', '3.13', '3.14'].flatMap((minor) =>
      VARIANTS.map((variant) => ({
        id: cellId(parsePythonVersion(`${minor}.0`)!, variant.name, variant.name === 'free-threading'),
        minor,
        variant: variant.name,
      })),
    )
    const reading = readRefusedCells(JSON.stringify(ids.map(({ id }) => ({ id, os: 'ubuntu-24.04', reason: 'r', source: 's' }))))
    expect(reading.ok && reading.cells.map((cell) => [cell.python, cell.variant])).toEqual(ids.map(({ minor, variant }) => [minor, variant]))
  })

  it.each([
    [readPlannedMatrix, '{', /^it is not JSON \(/],
    [readPlannedMatrix, '{"cells": []}', /^it has no "include" list/],
    [readPlannedMatrix, '{"include": [{"id": "cp311-pydebug"}]}', /^include\[0\] lacks one of id, python, variant, artifact$/],
    [readRefusedCells, '{}', /^it is not a list/],
    [readRefusedCells, '[{"id": "pydebug", "reason": "x"}]', /^\[0\] has no cell id like cp311-asan and reason$/],
  ])('says what is wrong with a plan file, without throwing (%#)', (read, text, problem) => {
    const reading = read(text)
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.problem).toMatch(problem)
  })
})

describe('mergeReports golden files', () => {
  it.each(['shards', 'matrix', 'e2e'])('%s: summary.md and the merged report.json', (testCase) => {
    const merged = mergeReports({
      reports: reportsOf(testCase),
      planned: plannedOf(testCase),
      title: 'pydebug',
      toolVersion: '0.1.0',
      generatedAt: GENERATED_AT,
    })
    expectGolden(path.join(ROLLUP_DIR, testCase, 'expected-summary.md'), renderRollupMarkdown(merged))
    expectGolden(path.join(ROLLUP_DIR, testCase, 'expected-report.json'), `${JSON.stringify(merged, null, 2)}\n`)
  })

  it('e2e: seven cells the end-to-end tests ran for real, rolled up: each cell its own row, each finding once', () => {
    const merged = mergeReports({ reports: reportsOf('e2e'), planned: [], title: 'pydebug', toolVersion: '0.1.0', generatedAt: GENERATED_AT })
    expect(merged.cells.map((cell) => cell.name).sort()).toEqual([
      'pydebug-cp311-asan',
      'pydebug-cp311-pydebug',
      'pydebug-cp311-pymalloc-debug',
      'pydebug-cp311-trace-refs',
      'pydebug-cp311-ubsan',
      'pydebug-cp311-valgrind',
      'pydebug-cp313t-free-threading',
    ])
    expect(merged.cells.every((cell) => cell.reports.length === 1 && !cell.states.includes('clean'))).toBe(true)
    const identities = merged.findings.map((finding) => finding.identity)
    expect(new Set(identities).size).toBe(identities.length)
  })

  it('matrix: a grid of every planned and refused cell, and each finding once with the cells that saw it', () => {
    const merged = mergeReports({
      reports: reportsOf('matrix'),
      planned: plannedOf('matrix'),
      title: 'pydebug',
      toolVersion: '0.1.0',
      generatedAt: GENERATED_AT,
    })
    expect(merged.cells.filter((cell) => cell.reports.length)).toHaveLength(7)
    expect(merged.grid).toEqual({ versions: ['3.11', '3.13'], variants: ['pydebug', 'valgrind', 'trace-refs', 'asan', 'ubsan', 'tsan', 'free-threading'] })
    const states = Object.fromEntries(merged.cells.map((cell) => [cell.name, cell.states]))
    expect(states).toMatchObject({
      'pydebug-cp311-pydebug': ['leaks', 'failed'],
      'pydebug-cp311-asan': ['memory-errors', 'failed'],
      'pydebug-cp311-trace-refs': ['leaks'],
      'pydebug-cp313-asan': ['not-run'],
      'cp311-tsan': ['refused'],
      'cp311t-free-threading': ['refused'],
    })
    // The same overrun at defects.c:29, seen by ASan and by memcheck: one finding, two cells.
    expect(merged.findings.find((finding) => finding.identity === 'memory-error |  |  | examples/defects/defects.c:29')?.cells).toEqual([
      'cp311-asan',
      'cp311-valgrind',
    ])
    const identities = merged.findings.map((finding) => finding.identity)
    expect(new Set(identities).size).toBe(identities.length)
  })
})
