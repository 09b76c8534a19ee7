/**
 * The same pipeline on CPython 3.13.5: no setuptools is bundled from 3.12 on (pydebug installs it
 * with pip, offline from PYDEBUG_TEST_PIP_FIND_LINKS when set), regrtest words things its 3.13 way,
 * and its block counts are exact. Source: PYDEBUG_TEST_SOURCE_313 (.ci/run fetches Debian's copy
 * of the upstream tarball), else python.org.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/model.js'
import { validate } from '../helpers/json-schema.js'
import { exampleConstant, pydebug, rawLeakLines, readReport } from '../helpers/leaky.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE_313 ? ['--source', process.env.PYDEBUG_TEST_SOURCE_313] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const offlinePip = process.env.PYDEBUG_TEST_PIP_FIND_LINKS ? { PIP_NO_INDEX: '1', PIP_FIND_LINKS: process.env.PYDEBUG_TEST_PIP_FIND_LINKS } : undefined

describe('pydebug run on examples/leaky (CPython 3.13.5, pydebug)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-313-'))
  let run: Awaited<ReturnType<typeof pydebug>>
  let report: Report

  beforeAll(async () => {
    run = await pydebug(['run', '--python', '3.13.5', ...sourceArgs, '--extension', 'examples/leaky', '--cache-dir', cacheDir, '--out', out], offlinePip)
    if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${run.stderr}`)
    report = readReport(out)
  })

  it('builds the extension after installing setuptools into the interpreter, which no longer bundles it', () => {
    expect(run.code, run.stderr).toBe(1)
    expect(report.cell).toMatchObject({ id: 'cp313-pydebug', abiFlags: 'd', extensionAbi: 'cp313d' })
    expect(report.interpreter!.soabi).toBe('cpython-313d-x86_64-linux-gnu')
    const extension = report.extensions[0]
    // pip installs setuptools into the interpreter once; a cached interpreter keeps it for later builds.
    const hasSetuptools = existsSync(path.join(report.interpreter!.prefix, 'lib', 'python3.13', 'site-packages', 'setuptools'))
    expect(hasSetuptools).toBe(true)
    if (!extension.reused && report.interpreter!.cacheHit === 'none')
      expect(readFileSync(path.join(out, extension.log!), 'utf8')).toMatch(/Successfully installed setuptools-/)
  })

  it('reports the leaks per case exactly, and 3.13 counts the leaked blocks exactly too', () => {
    const cases = report.refleaks!.tests.find((test) => test.name === 'test_leaky')!.cases!
    const refs = exampleConstant('LEAKED_REFS_PER_RUN')
    const blocks = exampleConstant('LEAKED_BLOCKS_PER_RUN')
    const leakRefs = cases.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_leak_refs')!
    expect(leakRefs.leaks.find((leak) => leak.kind === 'references')).toEqual({ kind: 'references', deltas: [refs, refs, refs], sum: 3 * refs })
    const leakBlocks = cases.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_leak_blocks')!
    expect(leakBlocks.leaks).toEqual(rawLeakLines(path.join(out, leakBlocks.log)))
    expect(leakBlocks.leaks.find((leak) => leak.kind === 'memory blocks')).toEqual({ kind: 'memory blocks', deltas: [blocks, blocks, blocks], sum: 3 * blocks })
    expect(cases.find((testCase) => testCase.id === 'test_leaky.LeakyTests.test_checked_sum')).toMatchObject({ outcome: 'passed', leaks: [] })
  })

  it("reads 3.13's crash wording and names the overrun and its line", () => {
    expect(report.refleaks!.tests.find((test) => test.name === 'test_overrun')).toMatchObject({
      outcome: 'crashed',
      result: 'worker non-zero exit code (Exit code -6 (SIGABRT))',
    })
    expect(report.findings[0]).toMatchObject({
      kind: 'crash',
      message: 'test_overrun crashed (Exit code -6 (SIGABRT)): buffer overrun of 1 byte detected on free in examples/leaky/tests/test_overrun.py:9',
      file: 'examples/leaky/tests/test_overrun.py',
      line: 9,
    })
  })

  it('leaves no log line unread and writes a report the JSON Schema accepts', () => {
    for (const log of report.logs) expect(log.unparsed.samples, log.path).toEqual([])
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
    expect(validate(schema, report)).toEqual([])
  })
})
