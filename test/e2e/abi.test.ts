/**
 * Extension builds follow the interpreter's ABI fingerprint, not its variant's name (docs/abi.md),
 * for real: CPython 3.11.2 pydebug, pymalloc-debug (built as the pydebug build with
 * PYTHONMALLOC=pymalloc_debug: same fingerprint) and trace-refs (same `d` SOABI, another ABI), from
 * the shared build cache folder, and `pydebug run` (bin/pydebug.mjs over the bundle) on a copy of
 * examples/leaky with one quick test (regrtest -R 3:3 of it takes seconds).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_DIR, pydebug, readReport } from '../helpers/leaky.js'
import { validate } from '../helpers/json-schema.js'
import { readFixture } from '../helpers/fixtures.js'
import { REPO_ROOT, spawnAsync } from '../helpers/spawn.js'
import { parseLogText } from '../helpers/parse-text.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-abi-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

// The leaky module with one test that imports it: its own sources (a fresh key), tests that take a second.
const project = path.join(scratch, 'leaky')
cpSync(EXAMPLE_DIR, project, { recursive: true, filter: (from) => !/[\\/](build|__pycache__|tests)$/.test(from) })
mkdirSync(path.join(project, 'tests'))
writeFileSync(
  path.join(project, 'tests', 'test_imports.py'),
  'import unittest\n\nimport leaky\n\n\nclass ImportTests(unittest.TestCase):\n    def test_imports(self):\n        self.assertTrue(leaky.__file__)\n',
)
// Another digest than any earlier run's, so the first build below is a build.
writeFileSync(path.join(project, 'run-id.txt'), `${scratch}\n`)

async function run(variant: string, name: string) {
  const out = path.join(scratch, name)
  const result = await pydebug([
    'run',
    '--python',
    '3.11.2',
    '--variant',
    variant,
    ...sourceArgs,
    '--extension',
    project,
    '--cache-dir',
    cacheDir,
    '--out',
    out,
  ])
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return { ...result, report, out }
}

const PYDEBUG_FINGERPRINT = 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG'
const TRACE_REFS_FINGERPRINT = 'cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG Py_TRACE_REFS'

describe.sequential('extension builds by ABI fingerprint (CPython 3.11.2)', () => {
  let pydebugRun: Awaited<ReturnType<typeof run>>
  let traceRefsRun: Awaited<ReturnType<typeof run>>

  it('builds the extension once for pydebug and reuses it in the pymalloc-debug cell, whose fingerprint is the same', async () => {
    pydebugRun = await run('pydebug', 'pydebug')
    expect(pydebugRun.code, pydebugRun.stderr).toBe(0)
    expect(pydebugRun.report.interpreter?.abiFingerprint).toBe(PYDEBUG_FINGERPRINT)
    expect(pydebugRun.report.extensions).toEqual([expect.objectContaining({ abi: 'cp311d', reused: false, fingerprint: PYDEBUG_FINGERPRINT })])
    expect(pydebugRun.report.extensions[0].reusedFrom).toBeUndefined()

    const pymalloc = await run('pymalloc-debug', 'pymalloc-debug')
    expect(pymalloc.code, pymalloc.stderr).toBe(0)
    expect(pymalloc.report.cell).toMatchObject({ id: 'cp311-pymalloc-debug', runtimeEnv: { PYTHONMALLOC: 'pymalloc_debug' } })
    // On 3.10+ it is the pydebug build run with PYTHONMALLOC=pymalloc_debug: the same interpreter (one cache entry), the same extension build.
    expect(pymalloc.report.interpreter?.cacheKey).toBe(pydebugRun.report.interpreter?.cacheKey)
    expect(pymalloc.report.interpreter?.cacheHit).not.toBe('none')
    expect(pymalloc.report.interpreter?.abiFingerprint).toBe(PYDEBUG_FINGERPRINT)
    expect(pymalloc.report.extensions).toEqual([
      expect.objectContaining({
        reused: true,
        key: pydebugRun.report.extensions[0].key,
        sitePath: pydebugRun.report.extensions[0].sitePath,
        fingerprint: PYDEBUG_FINGERPRINT,
        reusedFrom: { cell: 'cp311-pydebug', interpreterKey: pydebugRun.report.interpreter!.cacheKey, builtAt: expect.any(String) },
      }),
    ])
    expect(pymalloc.stderr).toMatch(
      /reusing the cp311d build of the same sources, compiler settings and interpreter ABI \(leaky\.cpython-311d-x86_64-linux-gnu\.so, made by a cp311-pydebug run\)/,
    )
    expect(readFileSync(path.join(pymalloc.out, 'summary.md'), 'utf8')).toMatch(
      /\| Extension \| `leaky` reused for cp311d \(built by the cp311-pydebug run\) in /,
    )
  })

  it('builds its own for trace-refs, which keeps the d SOABI but not the ABI', async () => {
    traceRefsRun = await run('trace-refs', 'trace-refs')
    expect(traceRefsRun.code, traceRefsRun.stderr).toBe(0)
    expect(traceRefsRun.report.interpreter).toMatchObject({ soabi: 'cpython-311d-x86_64-linux-gnu', abiFingerprint: TRACE_REFS_FINGERPRINT })
    expect(traceRefsRun.report.extensions).toEqual([expect.objectContaining({ abi: 'cp311d-tracerefs', reused: false, fingerprint: TRACE_REFS_FINGERPRINT })])
    expect(traceRefsRun.report.extensions[0].key).not.toBe(pydebugRun.report.extensions[0].key)
  })

  it('refuses a cached pydebug build offered to the trace-refs interpreter, before anything imports it', async () => {
    // A cache entry that lies (copied, restored or edited by hand): the trace-refs key, holding the pydebug build and its record.
    const traceRefsBuild = path.dirname(traceRefsRun.report.extensions[0].sitePath)
    const pydebugBuild = path.dirname(pydebugRun.report.extensions[0].sitePath)
    const record = JSON.parse(readFileSync(path.join(pydebugBuild, 'pydebug-extension.json'), 'utf8'))
    rmSync(path.join(traceRefsBuild, 'site'), { recursive: true })
    cpSync(path.join(pydebugBuild, 'site'), path.join(traceRefsBuild, 'site'), { recursive: true })
    writeFileSync(path.join(traceRefsBuild, 'pydebug-extension.json'), JSON.stringify({ ...record, key: traceRefsRun.report.extensions[0].key }))

    const refused = await run('trace-refs', 'trace-refs-refused')
    expect(refused.code).toBe(5)
    expect(refused.report.status).toBe('extension-failed')
    expect(refused.report.error).toMatchObject({ kind: 'ExtensionBuildError' })
    expect(refused.report.error!.message).toContain(
      `was made for another ABI than CPython 3.11.2 (trace-refs)'s: built without Py_TRACE_REFS (built for ${PYDEBUG_FINGERPRINT}, the interpreter is ${TRACE_REFS_FINGERPRINT})`,
    )
    expect(refused.report.error!.message).toMatch(/delete \S+ or run with --rebuild-extensions/)
    // Refused before the tests: nothing ran, nothing imported it.
    expect(refused.report.refleaks).toBeUndefined()
    expect(refused.stderr).not.toContain('undefined symbol')

    // What the refusal spares the user, for real: the trace-refs interpreter importing the pydebug build.
    const python = traceRefsRun.report.interpreter!.pythonPath
    const imported = await spawnAsync([python, '-c', 'import leaky'], { env: { PATH: process.env.PATH, PYTHONPATH: path.join(pydebugBuild, 'site') } })
    expect(imported.code).toBe(1)
    const failure = imported.stderr.trim().split('\n').pop()!
    expect(failure).toBe(`ImportError: ${path.join(pydebugBuild, 'site', 'leaky.cpython-311d-x86_64-linux-gnu.so')}: undefined symbol: PyModule_Create2`)
    // The same line as the fixture the parser's unit tests read, but for the path.
    expect(readFixture('cpython-3.11.2-trace-refs/regrtest-pydebug-module.txt')).toContain(
      failure.replace(/ImportError: \S+\//, 'ImportError: /tmp/pydebug-abi/pydebug-site/'),
    )
    expect(parseLogText(imported.stderr).problems).toEqual([
      expect.objectContaining({
        kind: 'abi-mismatch',
        message: `leaky.cpython-311d-x86_64-linux-gnu.so was built for another ABI (undefined symbol PyModule_Create2: the module was compiled without Py_TRACE_REFS, which this interpreter has): rebuild it for this interpreter (${path.join(pydebugBuild, 'site', 'leaky.cpython-311d-x86_64-linux-gnu.so')})`,
      }),
    ])

    // Rebuilt on request, it runs.
    const rebuilt = await pydebug([
      'run',
      '--python',
      '3.11.2',
      '--variant',
      'trace-refs',
      ...sourceArgs,
      '--extension',
      project,
      '--cache-dir',
      cacheDir,
      '--out',
      path.join(scratch, 'rebuilt'),
      '--rebuild-extensions',
    ])
    expect(rebuilt.code, rebuilt.stderr).toBe(0)
  })
})
