/**
 * A variant's checks hold for every way a project's tests run: a pytest suite (each test file once
 * more under the tool, by pytest) and the user's own test-command (run whole under memcheck, or with
 * the sanitizer's reports in files of their own). `pydebug run` for real on examples/defects'
 * pytest twins (examples/defects/pytest-tests), with pytest from Debian (no PyPI here), on the
 * cached CPython 3.11.2 trace-refs, valgrind and asan builds.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { debianPytestLib, hasDebianPytest } from '../helpers/debian-pytest.js'
import { validate } from '../helpers/json-schema.js'
import { pydebug, readReport } from '../helpers/leaky.js'
import { REPO_ROOT } from '../helpers/spawn.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-pytest-checks-'))
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))
const DEFECTS = path.join(REPO_ROOT, 'examples', 'defects')

/**
 * A copy of examples/defects whose tests folder holds only the given pytest files (each tool's
 * defect and the clean file: a run under valgrind costs about 15 s per pytest process).
 */
function project(name: string, testFiles: string[]): string {
  const dir = path.join(scratch, name)
  mkdirSync(path.join(dir, 'tests'), { recursive: true })
  for (const file of ['defects.c', 'setup.py']) cpSync(path.join(DEFECTS, file), path.join(dir, file))
  for (const file of testFiles) cpSync(path.join(DEFECTS, 'pytest-tests', file), path.join(dir, 'tests', file))
  return dir
}

/** The line of defects.c holding `text` inside the C function `name`. */
function lineIn(name: string, text: string): number {
  const lines = readFileSync(path.join(DEFECTS, 'defects.c'), 'utf8').split('\n')
  const start = lines.findIndex((line) => line.startsWith(`${name}(`))
  return start + lines.slice(start).findIndex((line) => line.includes(text)) + 1
}

async function run(name: string, variant: string, extension: string, more: string[] = []) {
  const out = path.join(scratch, `out-${name}`)
  const result = await pydebug(
    ['run', '--python', '3.11.2', '--variant', variant, ...sourceArgs, '--extension', extension, '--cache-dir', cacheDir, '--out', out, ...more],
    { PYTHONPATH: debianPytestLib(scratch) },
  )
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
  return { ...result, out, report, summary: readFileSync(path.join(out, 'summary.md'), 'utf8') }
}

describe.skipIf(!hasDebianPytest)('variant checks on a pytest suite and on test-command (CPython 3.11.2, examples/defects/pytest-tests)', () => {
  it('trace-refs, pytest: the census and the allocation report run each pytest file, -X showrefcount too', async () => {
    const { code, report, summary } = await run('trace-refs', 'trace-refs', project('census', ['test_clean.py', 'test_object_leak.py']))
    expect(code).toBe(1)
    expect(report.refleaks?.runner?.name).toBe('pytest')
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'object-leak', test: 'tests/test_object_leak.py', pass: 'census' }))
    expect(report.census!.files.find((file) => file.name === 'tests/test_object_leak.py')?.leakedTypes).toEqual([{ name: 'list', deltas: [32, 32, 32] }])
    expect(report.census!.files.find((file) => file.name === 'tests/test_clean.py')?.leakedTypes).toEqual([])
    expect(report.allocations!.files.map((file) => file.name)).toEqual(['tests/test_clean.py', 'tests/test_object_leak.py'])
    expect(report.showrefcount!.files.map((file) => [file.name, file.outcome, file.atExit !== undefined])).toEqual([
      ['tests/test_clean.py', 'passed', true],
      ['tests/test_object_leak.py', 'passed', true],
    ])
    expect(summary).toContain('| `tests/test_object_leak.py` | `list` +32 per run |')
  })

  it('valgrind, pytest: each pytest file once under memcheck; the error names the pytest node id and the C line', async () => {
    const { code, report } = await run('valgrind', 'valgrind', project('memcheck', ['test_clean.py', 'test_uninitialised.py']))
    expect(code).toBe(1)
    expect(report.memcheck!.files.map((file) => [file.name, file.outcome])).toEqual([
      ['tests/test_clean.py', 'passed'],
      ['tests/test_uninitialised.py', 'passed'],
    ])
    expect(report.findings.filter((finding) => finding.pass === 'memcheck')).toEqual([
      expect.objectContaining({
        kind: 'uninitialised-value',
        test: 'tests/test_uninitialised.py',
        case: 'tests/test_uninitialised.py::test_uninitialised_branch',
        function: 'uninitialised_branch',
        line: lineIn('uninitialised_branch', 'PyLong_FromLong(result)'),
      }),
    ])
  })

  it("asan, pytest: the overflow ends its pytest process, named by node id, with ASan's kind and C line", async () => {
    const { code, report } = await run('asan', 'asan', project('asan', ['test_clean.py', 'test_heap_overflow.py']))
    expect(code).toBe(1)
    const overflow = report.findings.find((finding) => finding.test === 'tests/test_heap_overflow.py')
    expect(overflow).toMatchObject({
      case: 'tests/test_heap_overflow.py::test_heap_overflow',
      function: 'heap_overflow',
      line: lineIn('heap_overflow', "buffer[16] = 'x'"),
    })
    expect(overflow?.message).toContain('AddressSanitizer heap-buffer-overflow: WRITE of size 1 in heap_overflow')
    expect(report.sanitizers!.files.map((file) => [file.name, file.reports.flatMap((entry) => entry.kinds)])).toEqual([
      ['tests/test_clean.py', []],
      ['tests/test_heap_overflow.py', ['heap-buffer-overflow']],
    ])
    // The clean file's -X showrefcount pass is not a crash: pytest's own verdicts are read, not its exit status alone.
    expect(report.showrefcount!.files.map((file) => [file.name, file.outcome])).toEqual([
      ['tests/test_clean.py', 'passed'],
      ['tests/test_heap_overflow.py', 'crashed'],
    ])
  })

  const all = () => project('command', ['test_clean.py', 'test_heap_overflow.py', 'test_uninitialised.py'])

  it('valgrind, test-command: the command runs once more, whole, under memcheck; each error is a finding with its C line', async () => {
    const { code, report, summary } = await run('valgrind-command', 'valgrind', all(), ['--test-command', 'python -m pytest tests'])
    expect(code).toBe(1)
    expect(report.testCommand).toMatchObject({ runner: 'pytest', exitCode: 0 })
    const memcheck = report.findings.filter((finding) => finding.pass === 'memcheck')
    expect(memcheck.map((finding) => [finding.kind, finding.test, finding.function])).toEqual([
      ['invalid-write', 'test-command', 'heap_overflow'],
      ['uninitialised-value', 'test-command', 'uninitialised_branch'],
    ])
    expect(report.memcheck!.files[0].command.slice(0, 2)).toEqual(['valgrind', '--tool=memcheck'])
    expect(report.memcheck!.files[0].command).toEqual(expect.arrayContaining(['python', '-m', 'pytest', 'tests']))
    expect(summary).toMatch(/\| Memcheck \| valgrind-[\d.]+ on the test command, run once \(\d+ process(?:es)?\): 4 errors in the extension's code/)
  })

  it("asan, test-command: the report in its own file ends the command; the crash names the test file running and ASan's C line", async () => {
    const { code, report, out } = await run('asan-command', 'asan', all(), ['--test-command', 'python -m pytest tests'])
    expect(code).toBe(1)
    const crash = report.findings.find((finding) => finding.kind === 'crash')
    expect(crash).toMatchObject({ test: 'tests/test_heap_overflow.py', function: 'heap_overflow', line: lineIn('heap_overflow', "buffer[16] = 'x'") })
    expect(crash?.message).toContain('AddressSanitizer heap-buffer-overflow')
    expect(report.sanitizers!.files).toEqual([
      expect.objectContaining({ name: 'test-command', reports: [expect.objectContaining({ kinds: ['heap-buffer-overflow'] })] }),
    ])
    // The report went to its file, not into the command's output.
    expect(readFileSync(path.join(out, 'logs', 'test-command.log'), 'utf8')).not.toContain('AddressSanitizer')
  })

  it('trace-refs, test-command: the checks that run each test file say plainly that they did not run, and why', async () => {
    const { report, summary } = await run('trace-refs-command', 'trace-refs', all(), ['--test-command', 'python -m pytest tests/test_clean.py'])
    expect(report.checksNotRun?.map((entry) => entry.check)).toEqual(['allocation-report', 'census'])
    expect(summary).toContain('**⚠️ Not run: `census`**')
    expect(report.census).toBeUndefined()
  })
})
