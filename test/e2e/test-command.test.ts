/**
 * The user's own test command and build environment, for real: the bundled CLI (bin/pydebug.mjs)
 * on the cached CPython 3.11.2 pydebug build, with pytest from Debian's python3-pytest (a folder of
 * links to its packages on PYTHONPATH: the tests get the user's PYTHONPATH after the extension).
 *
 * Source: PYDEBUG_TEST_SOURCE, cache: PYDEBUG_TEST_CACHE_DIR, as in leaky-pipeline.test.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pydebug, readReport } from '../helpers/leaky.js'
import { REPO_ROOT } from '../helpers/spawn.js'
import { validate } from '../helpers/json-schema.js'
import { debianPytestLib, hasDebianPytest } from '../helpers/debian-pytest.js'

const sourceArgs = process.env.PYDEBUG_TEST_SOURCE ? ['--source', process.env.PYDEBUG_TEST_SOURCE] : []
const cacheDir = process.env.PYDEBUG_TEST_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'e2e')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-e2e-command-'))
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

const hasPytest = hasDebianPytest
const pytestLib = hasPytest ? debianPytestLib(scratch) : ''

const run = async (name: string, args: string[], env: Record<string, string> = {}) => {
  const out = path.join(scratch, name)
  const result = await pydebug(['run', '--python', '3.11.2', ...sourceArgs, '--cache-dir', cacheDir, '--out', out, ...args], env)
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`no report.json; stderr:\n${result.stderr}`)
  const report = readReport(out)
  expect(validate(schema, report)).toEqual([])
  return { ...result, out, report, summary: readFileSync(path.join(out, 'summary.md'), 'utf8') }
}

describe.sequential('pydebug run --test-command and --build-env (CPython 3.11.2, pydebug)', () => {
  it.skipIf(!hasPytest)("reports pytest's results: counts, every test from its JUnit XML, the failing test by node id and line", async () => {
    const { code, report, summary } = await run('pytest', ['--extension', 'test/projects/with-pytest', '--test-command', 'python -m pytest tests'], {
      PYTHONPATH: pytestLib,
    })
    expect(code).toBe(1)
    expect(report.status).toBe('findings')
    expect(report.refleaks).toBeUndefined()
    expect(report.testCommand).toMatchObject({
      command: 'python -m pytest tests',
      runner: 'pytest',
      exitCode: 1,
      read: ['pytest', 'junit-xml'],
      counts: { passed: 2, failed: 1, skipped: 1 },
      testsRan: 3,
    })
    expect(report.testCommand!.summary).toMatch(/^1 failed, 2 passed, 1 skipped in [\d.]+s$/)
    expect(report.testCommand!.added).toEqual([expect.stringMatching(/^--junitxml=.*test-command\.junit\.xml$/), '--capture=sys'])
    expect(report.testCommand!.tests.map((test) => [test.id, test.outcome])).toEqual([
      ['tests/test_add.py::test_add_ints', 'passed'],
      ['tests/test_add.py::test_add_strings', 'passed'],
      ['tests/test_add.py::test_add_wrong_on_purpose', 'failed'],
      ['tests/test_add.py::test_skipped', 'skipped'],
    ])
    expect(report.findings).toEqual([
      {
        kind: 'test-failure',
        test: 'tests/test_add.py::test_add_wrong_on_purpose',
        message: 'tests/test_add.py::test_add_wrong_on_purpose failed: assert 4 == 5',
        detail: 'assert 4 == 5',
        log: 'logs/test-command.log',
        pass: 'test-command',
        file: 'test/projects/with-pytest/tests/test_add.py',
        line: 16,
      },
    ])
    expect(report.logs.find((log) => log.path === 'logs/test-command.log')!.unparsed.count).toBe(0)
    expect(summary).toMatch(/^\| Test command \| `python -m pytest tests` \(pytest\): 1 failed, 2 passed, 1 skipped in [\d.]+s · exit 1 \|$/m)
  })

  it.skipIf(!hasPytest)('names the test that was running when the debug hooks aborted pytest, with the cause and the line', async () => {
    const { code, report } = await run('crash', ['--extension', 'test/projects/with-pytest', '--test-command', 'python -m pytest crash_tests'], {
      PYTHONPATH: pytestLib,
    })
    expect(code).toBe(1)
    expect(report.testCommand).toMatchObject({ signal: 'SIGABRT', exitCode: null, running: 'crash_tests/test_crash.py::test_overrun' })
    expect(report.findings[0]).toMatchObject({
      kind: 'crash',
      test: 'crash_tests/test_crash.py::test_overrun',
      message:
        'crash_tests/test_crash.py::test_overrun crashed (killed by SIGABRT): buffer overrun of 1 byte detected on free in test/projects/with-pytest/crash_tests/test_crash.py:10',
      file: 'test/projects/with-pytest/crash_tests/test_crash.py',
      line: 10,
      function: 'test_overrun',
    })
    // The debug hooks' dump starts on pytest's progress line: it is still read whole.
    expect(report.logs[0]).toMatchObject({ path: 'logs/test-command.log', unparsed: { count: 0 } })
    expect(report.logs[0].parsed!.kinds).toEqual(['pymalloc-debug', 'fault'])
  })

  it('builds a clang-only project with build-env CC=clang (and its C++ module with LDFLAGS=-lstdc++), next to a second project, and runs unittest through the test command', async () => {
    const { code, report, stdout } = await run('clang', [
      '--extension',
      'examples/clang-only',
      '--extension',
      'test/projects/with-pytest',
      ...['--build-env', 'CC=clang', '--build-env', 'CXX=clang', '--build-env', 'LDFLAGS=-lstdc++'],
      // Built every time, so the log shows clang compiling.
      '--rebuild-extensions',
      '--test-command',
      'python -m unittest discover -s tests -v',
    ])
    expect(code, stdout).toBe(0)
    expect(report.status).toBe('clean')
    expect(report.extensions.map((extension) => [path.basename(extension.path), extension.builder, extension.buildEnv])).toEqual([
      ['clang-only', 'setuptools', { CC: 'clang', CXX: 'clang', LDFLAGS: '-lstdc++' }],
      ['with-pytest', 'setuptools', { CC: 'clang', CXX: 'clang', LDFLAGS: '-lstdc++' }],
    ])
    expect(report.extensions[0].compilerVersions!.CC).toMatch(/clang/)
    // Only the extensions: the interpreter is the one built with the default compiler.
    expect(report.interpreter!.sysVersion).toMatch(/\[GCC /)
    expect(report.testCommand).toMatchObject({ runner: 'unittest', exitCode: 0, read: ['unittest'], summary: 'Ran 2 tests: OK', testsRan: 2 })
    const log = readFileSync(path.join(scratch, 'clang', report.extensions[0].log!), 'utf8')
    expect(log).toMatch(/^clang .*-Werror=shorten-64-to-32/m)
  })

  it('fails clearly without CC=clang: gcc refuses the flag, report.json and summary.md end with the compiler line', async () => {
    const { code, report, summary, stdout } = await run('gcc', ['--extension', 'examples/clang-only', '--build-env', 'CC=gcc'])
    expect(code).toBe(5)
    expect(stdout).toMatch(
      /^status: extension-failed \(building .*clang-only against CPython 3\.11\.2 \(pydebug\) failed \(setuptools build: exit 1\); full log: /m,
    )
    expect(report).toMatchObject({ status: 'extension-failed', error: { kind: 'ExtensionBuildError', log: 'logs/extension-clang-only-cp311d.log' } })
    expect(report.error!.message).toMatch(/^ {2}\| cc1: error: .-Werror=shorten-64-to-32.: no option .-Wshorten-64-to-32.$/m)
    expect(summary).toContain('💥 the extension did not build')
    expect(summary).toMatch(/^ {2}\| cc1: error: .-Werror=shorten-64-to-32.: no option .-Wshorten-64-to-32.$/m)
  })

  it('a test command that hangs is stopped at test-command-timeout and reported as a timeout in the test it hung in', async () => {
    // A copy of a small project with one test that never ends, run by unittest (no pytest needed).
    const project = path.join(scratch, 'hangs')
    cpSync(path.join(REPO_ROOT, 'test', 'projects', 'not-tested'), project, { recursive: true })
    rmSync(path.join(project, 'tests'), { recursive: true })
    mkdirSync(path.join(project, 'tests'))
    writeFileSync(path.join(project, 'tests', '__init__.py'), '')
    writeFileSync(
      path.join(project, 'tests', 'test_hangs.py'),
      'import time\nimport unittest\n\n\nclass HangTests(unittest.TestCase):\n    def test_sleeps(self):\n        time.sleep(600)\n',
    )
    const started = Date.now()
    const { code, report } = await run('hangs', [
      '--extension',
      project,
      '--test-command',
      'python -m unittest -v tests.test_hangs',
      '--test-command-timeout',
      '3',
    ])
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(code).toBe(1)
    expect(report.testCommand).toMatchObject({ timedOut: true, signal: 'SIGABRT' })
    const timeout = report.findings.find((finding) => finding.kind === 'timeout')
    expect(timeout?.message).toMatch(/^the test command timed out in .*test_sleeps.* \(stopped by pydebug: test-command-timeout\)/)
    expect(timeout).toMatchObject({ line: 7, function: 'test_sleeps' })
    expect(report.findings.some((finding) => finding.kind === 'crash')).toBe(false)
  })
})
