/**
 * A run that checked nothing must never read as clean, and a crash must point at the test that
 * caused it: `pydebug run` for real (CPython 3.11.2 pydebug, shared with the other e2e tests
 * through the build cache folder) on projects shaped like the ones users brought (test/projects/).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_DIR, pydebug, readReport } from '../helpers/leaky.js'
import { validate } from '../helpers/json-schema.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-trust-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

async function run(project: string, name: string, ...extraArgs: string[]) {
  const out = path.join(scratch, name)
  const result = await pydebug([
    'run',
    '--python',
    '3.11.2',
    '--variant',
    'pydebug',
    ...sourceArgs,
    '--extension',
    project,
    '--cache-dir',
    cacheDir,
    '--out',
    out,
    ...extraArgs,
  ])
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return { ...result, report, summary: readFileSync(path.join(out, 'summary.md'), 'utf8') }
}

describe.sequential('never "clean" when nothing was checked (CPython 3.11.2, pydebug)', () => {
  it('an extension whose tests are all pytest-style, run by regrtest: exit 1 under the default fail-on, "nothing was tested" first in the summary', async () => {
    // What a user got before pydebug could run pytest; regrtest is still one --test-runner away.
    const { code, stdout, report, summary } = await run(path.join(REPO_ROOT, 'test', 'projects', 'not-tested'), 'not-tested', '--test-runner', 'regrtest')
    expect(code).toBe(1)
    expect(report.status).toBe('nothing-tested')
    expect(stdout).toMatch(/^status: nothing-tested$/m)
    expect(stdout).toMatch(/nothing-tested: nothing was tested: /)
    expect(report.findings[0].message).toMatch(/all 2 test files look written for pytest/)
    // The missing pytest is the failure's cause, not "failed (uncaught exception)" alone.
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        kind: 'test-failure',
        test: 'test_withpytest',
        message: "test_withpytest failed (uncaught exception): ModuleNotFoundError: No module named 'pytest'",
      }),
    )
    expect(summary.split('\n')[2]).toMatch(/^\*\*⚠️ nothing was tested: /)
    expect(summary).not.toContain('no leaks or crashes found')
  })

  it('the same project left to choose its runner picks pytest, and without pytest in the interpreter stops with how to provide it', async () => {
    const { code, report, summary } = await run(path.join(REPO_ROOT, 'test', 'projects', 'not-tested'), 'not-tested-auto')
    expect(code).toBe(2)
    expect(report.status).toBe('error')
    expect(report.error?.message).toMatch(
      /cannot import it \(ModuleNotFoundError: No module named 'pytest'\)\. Install it for the tests with test-requirements: pytest/,
    )
    expect(summary).not.toContain('no leaks or crashes found')
  })

  it('tests only in a sub-folder of tests/: exit 1, and the report says where they are', async () => {
    const project = path.join(scratch, 'nested-project')
    cpSync(EXAMPLE_DIR, project, { recursive: true, filter: (from) => !/[\\/](build|__pycache__)$/.test(from) })
    mkdirSync(path.join(project, 'tests', 'unit'))
    for (const file of readdirSync(path.join(project, 'tests')).filter((name) => name.endsWith('.py')))
      renameSync(path.join(project, 'tests', file), path.join(project, 'tests', 'unit', file))
    const { code, report } = await run(project, 'nested')
    expect(code).toBe(1)
    expect(report.status).toBe('nothing-tested')
    expect(report.refleaks?.discovery).toMatchObject({ modules: [], nested: [{ dir: 'unit', modules: 2 }] })
    expect(report.findings[0].message).toMatch(/test files are in unit\/ \(2\): pass that folder as the tests folder/)
  })

  it('crashes called through a test helper point at the test and name the case', async () => {
    const { code, report, summary } = await run(path.join(REPO_ROOT, 'test', 'projects', 'trouble'), 'trouble')
    expect(code).toBe(1)
    expect(report.status).toBe('findings')
    const crashes = report.findings.filter((finding) => finding.kind === 'crash')
    expect(crashes.map((finding) => [finding.case, finding.file, finding.line])).toEqual([
      ['test_checkresult.CheckResultTests.test_result_with_error', 'test/projects/trouble/tests/test_checkresult.py', 11],
      ['test_overrun8.Overrun8Tests.test_overrun8', 'test/projects/trouble/tests/test_overrun8.py', 8],
    ])
    expect(crashes[0].message).toContain('Fatal Python error: _Py_CheckFunctionResult: a function returned a result with an exception set')
    expect(crashes[1].message).toContain(
      'buffer overrun of 8 bytes detected on free in test/projects/trouble/tests/test_overrun8.py:8 (test_overrun8, through test/projects/trouble/tests/helpers.py:6 in call_into)',
    )
    // Every finding report.json has is in the summary a person reads.
    for (const finding of report.findings) expect(summary).toContain(`\`${finding.case ?? finding.test}\``)
  })
})
