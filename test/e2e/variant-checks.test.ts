/**
 * Each variant runs what it exists for, besides the refleak hunt: `pydebug run` for real on
 * examples/defects (one defect per tool). trace-refs names the leaked type, pymalloc-debug reports
 * the size classes that grew, free-threading says the GIL came back and which module brought it.
 * Interpreters come from the shared build cache (PYDEBUG_TEST_CACHE_DIR).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { validate } from '../helpers/json-schema.js'
import { pydebug, readReport } from '../helpers/leaky.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const source311 = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const source313 = process.env.PYDEBUG_TEST_SOURCE_313 ? ['--source', process.env.PYDEBUG_TEST_SOURCE_313] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const offlinePip = process.env.PYDEBUG_TEST_PIP_FIND_LINKS ? { PIP_NO_INDEX: '1', PIP_FIND_LINKS: process.env.PYDEBUG_TEST_PIP_FIND_LINKS } : undefined
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-checks-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const DEFECTS = path.join('examples', 'defects')

async function run(name: string, args: string[], env?: NodeJS.ProcessEnv) {
  const out = path.join(scratch, name)
  const result = await pydebug(['run', ...args, '--extension', DEFECTS, '--cache-dir', cacheDir, '--out', out], env)
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return { ...result, out, report, summary: readFileSync(path.join(out, 'summary.md'), 'utf8') }
}

describe.sequential('variant checks on examples/defects', () => {
  it('3.11.2 trace-refs: the census names `list` as the type test_object_leak leaks, 32 per run', async () => {
    const { code, report, summary } = await run('trace-refs', ['--python', '3.11.2', '--variant', 'trace-refs', ...source311])
    expect(code).toBe(1)
    const census = report.census!
    expect(census).toMatchObject({ warmups: 3, runs: 3 })
    expect(census.files.map((file) => file.name)).toEqual(report.refleaks!.discovery!.modules)
    expect(census.files.find((file) => file.name === 'test_object_leak')).toMatchObject({
      outcome: 'ok',
      leakedTypes: [{ name: 'list', deltas: [32, 32, 32] }],
    })
    expect(census.files.find((file) => file.name === 'test_clean')).toMatchObject({ outcome: 'ok', leakedTypes: [] })
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        kind: 'object-leak',
        test: 'test_object_leak',
        pass: 'census',
        message: 'test_object_leak: +32 `list` per run (live objects by type after each counted run, sys.getobjects)',
      }),
    )
    expect(summary).toContain('| `test_object_leak` | `list` +32 per run |')
    // trace-refs runs on pymalloc: the allocation report is there too.
    expect(report.allocations?.files.length).toBe(census.files.length)
  })

  it('3.11.2 pymalloc-debug: the allocation report shows the size classes that grew across test_object_leak', async () => {
    const { report, summary } = await run('pymalloc-debug', ['--python', '3.11.2', '--variant', 'pymalloc-debug', ...source311])
    expect(report.cell?.runtimeEnv).toEqual({ PYTHONMALLOC: 'pymalloc_debug' })
    const file = report.allocations!.files.find((candidate) => candidate.name === 'test_object_leak')!
    expect(file).toMatchObject({ outcome: 'ok', allocator: 'pymalloc' })
    expect(file.before?.arenas).toBeGreaterThan(0)
    expect(file.before?.bytesInAllocatedBlocks).toBeGreaterThan(0)
    const grew = file.sizeClasses.filter((row) => row.growth > 0)
    expect(grew.length).toBeGreaterThan(0)
    for (const row of grew) expect(summary).toContain(`${row.size} B: ${row.before} → ${row.after} (+${row.growth})`)
    expect(report.census).toBeUndefined()
  })

  it('3.13.5 free-threading: the GIL was re-enabled for module `defects`, loudly; gil: force-off keeps it off', async () => {
    const { code, report, summary } = await run('free-threading', ['--python', '3.13.5', '--variant', 'free-threading', ...source313], offlinePip)
    expect(code).toBe(1)
    expect(report.gil).toMatchObject({ mode: 'default', reenabledBy: [expect.objectContaining({ module: 'defects' })] })
    expect(report.gil!.reenabledBy[0].warning).toMatch(
      /^RuntimeWarning: The global interpreter lock \(GIL\) has been enabled to load module 'defects', which has not declared that it can run safely without the GIL\./,
    )
    expect(report.findings[0]).toMatchObject({ kind: 'gil-enabled', pass: 'gil' })
    expect(report.findings[0].message).toMatch(/^the GIL was re-enabled to import module 'defects'/)
    expect(summary).toContain('**⚠️ The GIL was re-enabled to import module `defects`**')
    // Free-threaded builds use mimalloc: its block is the allocation report.
    expect(report.allocations?.files.find((file) => file.name === 'test_object_leak')).toMatchObject({ allocator: 'mimalloc' })

    const forced = await run('free-threading-force-off', ['--python', '3.13.5', '--variant', 'free-threading', '--gil', 'force-off', ...source313], offlinePip)
    expect(forced.report.cell?.runtimeEnv).toMatchObject({ PYTHON_GIL: '0' })
    expect(forced.report.gil).toMatchObject({ mode: 'force-off', reenabledBy: [] })
    expect(forced.report.gil!.files.every((file) => file.gilEnabled === false)).toBe(true)
    expect(forced.report.findings.some((finding) => finding.kind === 'gil-enabled')).toBe(false)
  })
})
