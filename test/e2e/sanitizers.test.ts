/**
 * asan and ubsan cells run the checks they exist for: `pydebug run` for real on examples/defects,
 * against CPython 3.11.2 built --with-address-sanitizer / --with-undefined-behavior-sanitizer (shared
 * with the other e2e tests through the build cache folder).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pydebug, readReport } from '../helpers/leaky.js'
import { validate } from '../helpers/json-schema.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-sanitizers-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const DEFECTS = path.join(REPO_ROOT, 'examples', 'defects')
const DEFECTS_C = readFileSync(path.join(DEFECTS, 'defects.c'), 'utf8').split('\n')

/** The line of defects.c holding this text: the expectations follow the C code. */
function lineOf(text: string): number {
  const index = DEFECTS_C.findIndex((line) => line.includes(text))
  if (index < 0) throw new Error(`${text} not in defects.c`)
  return index + 1
}

const source313 = process.env.PYDEBUG_TEST_SOURCE_313 ? ['--source', process.env.PYDEBUG_TEST_SOURCE_313] : []
// ThreadSanitizer's runtime maps its shadow memory at fixed places, which a kernel with more than 28 bits of mmap randomisation can break.
const mmapRandomBits = Number(readFileSync('/proc/sys/vm/mmap_rnd_bits', { encoding: 'utf8', flag: 'r' }).trim())
// Asked for, not run by default: a cold TSan build of 3.13 takes about 25 minutes on 2 cores (its
// instrumented interpreter byte-compiles the standard library three times during `make install`),
// more than the cold CI budget leaves. PYDEBUG_TEST_TSAN=1 runs it (bench/RESULTS.md has the run).
const runTsan = process.env.PYDEBUG_TEST_TSAN === '1' && mmapRandomBits <= 28

async function run(variant: string, python = ['--python', '3.11.2', ...sourceArgs]) {
  const out = path.join(scratch, variant)
  const result = await pydebug(['run', ...python, '--variant', variant, '--extension', DEFECTS, '--cache-dir', cacheDir, '--out', out])
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return { ...result, out, report, summary: readFileSync(path.join(out, 'summary.md'), 'utf8') }
}

describe.sequential('sanitizer variants run their sanitizers (CPython 3.11.2, examples/defects)', () => {
  it('asan: the heap-buffer-overflow in test_heap_overflow, WRITE of size 1, in heap_overflow at defects.c, from its own report file', async () => {
    const { code, out, report, summary } = await run('asan')
    expect(code).toBe(1)
    // The module references ASan's runtime; the compile lines are checked when this run built it (a reused build has no log here).
    const [instrumentation] = report.sanitizers!.instrumentation
    expect(instrumentation).toMatchObject({ instrumented: true, modules: [{ file: expect.stringMatching(/^defects\.cpython-311d-/), instrumented: true }] })
    if (!report.extensions[0].reused) expect(instrumentation.compileLines).toMatchObject({ compile: 1, compileWithFlag: 1, link: 1, linkWithFlag: 1 })
    const overflow = report.findings.find((finding) => finding.test === 'test_heap_overflow')
    expect(overflow).toMatchObject({
      case: 'test_heap_overflow.HeapOverflowTests.test_heap_overflow',
      file: 'examples/defects/defects.c',
      line: lineOf("buffer[16] = 'x';"),
      function: 'heap_overflow',
    })
    expect(overflow?.message).toContain('AddressSanitizer heap-buffer-overflow: WRITE of size 1 in heap_overflow (examples/defects/defects.c:')
    // The report came from the test file's own report file, not from the mixed log.
    const files = report.sanitizers!.files.find((file) => file.name === 'test_heap_overflow')!
    expect(files.reports.map((entry) => entry.kinds)).toEqual([['heap-buffer-overflow']])
    expect(existsSync(path.join(out, files.reports[0].path))).toBe(true)
    // The clean test leaves no finding: CPython's own memory at exit is suppressed, not reported.
    expect(report.findings.filter((finding) => finding.test === 'test_clean')).toEqual([])
    expect(readdirSync(path.join(out, 'logs', 'asan')).some((name) => name.startsWith('test_clean.'))).toBe(true)
    expect(summary).toMatch(/AddressSanitizer \| ✅ `defects` compiled with `-fsanitize=address`/)
  })

  it('ubsan: the signed integer overflow in test_signed_overflow, in signed_overflow at defects.c', async () => {
    const { code, report } = await run('ubsan')
    expect(code).toBe(1)
    expect(report.sanitizers?.instrumentation).toEqual([expect.objectContaining({ instrumented: true })])
    const overflow = report.findings.find((finding) => finding.kind === 'undefined-behavior' && finding.test === 'test_signed_overflow')
    expect(overflow).toMatchObject({
      case: 'test_signed_overflow.SignedOverflowTests.test_signed_overflow',
      file: 'examples/defects/defects.c',
      line: lineOf('value + value'),
      function: 'signed_overflow',
    })
    expect(overflow?.message).toContain('signed integer overflow')
    expect(report.findings.filter((finding) => finding.kind === 'undefined-behavior')).toHaveLength(1)
  })

  it.skipIf(!runTsan)('tsan (CPython 3.13.5): the data race in test_data_race, between the two threads of racy_increment at defects.c', async () => {
    const { code, report, summary } = await run('tsan', ['--python', '3.13.5', ...source313])
    expect(code).toBe(1)
    expect(report.sanitizers?.instrumentation).toEqual([expect.objectContaining({ instrumented: true })])
    const race = report.findings.find((finding) => finding.test === 'test_data_race')
    expect(race).toMatchObject({
      case: 'test_data_race.DataRaceTests.test_data_race',
      file: 'examples/defects/defects.c',
      line: lineOf('racy_counter++'),
      function: 'racy_increment',
    })
    expect(race?.message).toContain('ThreadSanitizer data race')
    expect(report.sanitizers!.files.find((file) => file.name === 'test_data_race')!.reports.flatMap((entry) => entry.kinds)).toContain('data race')
    expect(summary).toMatch(/ThreadSanitizer \| ✅ `defects` compiled with `-fsanitize=thread`/)
  })
})
