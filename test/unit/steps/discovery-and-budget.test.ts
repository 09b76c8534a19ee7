import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { planCaseRuns } from '../../../src/plan/case-runs.js'
import { collectReport } from '../../../src/report/collect.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { discoverTestModules } from '../../../src/steps/run-tests.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-discovery-'))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return root
}

const UNITTEST = 'import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n'

describe('discoverTestModules: what regrtest --testdir runs, and what it would miss', () => {
  it('finds test modules only at the top, as regrtest does, and names the sub-folders that hold the rest', async () => {
    const root = tree({
      'unit/test_a.py': UNITTEST,
      'unit/test_b.py': UNITTEST,
      'unit/deep/test_c.py': UNITTEST,
      'integration/test_d.py': UNITTEST,
      'conftest.py': '',
      'helpers.py': '',
    })
    expect(await discoverTestModules(root)).toEqual({
      testsDir: root,
      modules: [],
      nested: [
        { dir: 'integration', modules: 1 },
        { dir: 'unit', modules: 2 },
        { dir: 'unit/deep', modules: 1 },
      ].sort((a, b) => a.dir.localeCompare(b.dir)),
      pytestStyle: [],
    })
  })

  it('takes test_* files and packages at the top; a test_* package is not searched as a sub-folder', async () => {
    const root = tree({ 'test_top.py': UNITTEST, 'test_pkg/__init__.py': '', 'test_pkg/test_inner.py': UNITTEST, 'nottest.py': '' })
    const found = await discoverTestModules(root)
    expect(found.modules).toEqual(['test_pkg', 'test_top'])
    expect(found.nested).toEqual([])
  })

  it('tells pytest-style files (module-level test functions, a pytest import) from unittest ones', async () => {
    const found = await discoverTestModules(path.join(REPO_ROOT, 'test', 'projects', 'not-tested', 'tests'))
    expect(found.modules).toEqual(['test_plain', 'test_withpytest'])
    expect(found.pytestStyle).toEqual(['test_plain', 'test_withpytest'])
    const mixed = tree({ 'test_unit.py': UNITTEST, 'test_both.py': `import pytest\n${UNITTEST}` })
    // A TestCase makes it a unittest file regrtest can run, whatever else it imports.
    expect((await discoverTestModules(mixed)).pytestStyle).toEqual([])
  })
})

describe('planCaseRuns: a budget per leaking file under a global cap', () => {
  const ids = (file: string, count: number) => Array.from({ length: count }, (_, index) => `${file}.T.test_${index}`)

  it('gives each leaking file its own budget, so a large file does not leave the others unattributed', () => {
    const plan = planCaseRuns(
      [
        { name: 'test_big', caseIds: ids('test_big', 40) },
        { name: 'test_small', caseIds: ids('test_small', 6) },
      ],
      { perFile: 25, total: 100 },
    )
    expect(plan.map((file) => [file.name, file.run.length, file.notRun])).toEqual([
      ['test_big', 25, 15],
      ['test_small', 6, 0],
    ])
  })

  it('stops at the global cap and counts what each file did not get', () => {
    const plan = planCaseRuns(
      [
        { name: 'a', caseIds: ids('a', 10) },
        { name: 'b', caseIds: ids('b', 10) },
        { name: 'c', caseIds: ids('c', 10) },
      ],
      { perFile: 8, total: 12 },
    )
    expect(plan.map((file) => [file.name, file.run.length, file.notRun])).toEqual([
      ['a', 8, 2],
      ['b', 4, 6],
      ['c', 0, 10],
    ])
  })

  it('the summary names the files that were only partly attributed', () => {
    const report = collectReport({
      toolVersion: '0.1.0',
      generatedAt: '2026-12-02T00:00:00.000Z',
      extensions: [],
      relative: (file) => file,
      refleaks: {
        warmups: 3,
        runs: 3,
        discovery: { testsDir: 'tests', modules: ['test_big'], nested: [], pytestStyle: [] },
        cases: {},
        casesNotRun: { test_big: 15 },
        caseIds: {},
      },
    })
    // No regrtest run here: only the section's bookkeeping is under test.
    const withFile = {
      ...report,
      refleaks: {
        ...report.refleaks!,
        tests: [{ name: 'test_big', outcome: 'leaked' as const, leaks: [], informationalLeaks: [], casesNotRun: 15, cases: [] }],
      },
    }
    expect(renderSummaryMarkdown(withFile)).toContain(
      'Only partly attributed (raise `max-case-runs` or `max-case-runs-total`): `test_big` (15 of 15 cases not re-run alone).',
    )
  })
})
