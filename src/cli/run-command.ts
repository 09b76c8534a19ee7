import { createStreamLogger } from '../adapters/logger.js'
import { runCell } from '../steps/run-cell.js'
import type { CliCommand } from './command.js'
import { createStepContext } from '../steps/context.js'
import { parseRunConfig } from './run-options.js'

export const RUN_USAGE = `Usage: pydebug run --python X.Y.Z --extension DIR [options]

Builds CPython X.Y.Z in a debug variant (or restores it from the cache), builds the C extension
in DIR against it, hunts reference leaks in its tests with regrtest -R, runs each test file once
with -X showrefcount, and writes report.json, summary.md and logs/ to the output folder.

Options:
  --python X.Y.Z         CPython release to build, e.g. 3.11.2 (required)
  --variant NAME         debug variant, built-in or custom (default: pydebug)
  --config FILE          config file with custom variants (default: .github/pydebug.yml if present)
  --source SRC           source tarball path, URL, or URL template with {version} / {release}
                         (default: https://www.python.org/ftp/python/{release}/Python-{version}.tgz)
  --extension DIR        C extension project (setup.py, or pyproject.toml with any PEP 517 backend)
                         (required); repeat it for more projects (e.g. a test dependency with C
                         code): each is built, all go on PYTHONPATH, the first one's tests run
  --tests DIR            unittest folder (default: DIR/tests)
  --test-command CMD     run your own tests instead of the regrtest refleak hunt, e.g.
                         'python -m pytest tests -x' (split into words without a shell; python
                         is the debug interpreter; pytest's and unittest's results are read)
  --test-command-timeout SEC  stop the test command after this long in all, reported as timed out
                         with the test it hung in (default: 3600)
  --build-command CMD    build each extension project with CMD instead of the default; it must
                         install into $PYDEBUG_SITE, e.g. 'python -m pip install
                         --no-build-isolation --no-deps --target $PYDEBUG_SITE .'
  --build-env NAME=VALUE variable for the extension builds only (repeatable), e.g. CC=clang
  --cache-dir DIR        interpreters, sources, extension builds (default: ~/.cache/pydebug)
  --out DIR              report folder (default: pydebug-out)
  --fail-on WHAT         findings | leaks | never: what makes the exit code 1 (default: findings)
  --gil MODE             free-threaded variants: default | force-off (run the tests with
                         PYTHON_GIL=0 even when the extension does not declare Py_mod_gil)
  --refleak-runs W:R     regrtest -R warm-ups and counted runs (default: 3:3)
  --jobs N               make -jN (default: number of CPUs)
  --test-timeout SEC     regrtest --timeout per test file (default: 1200)
  --max-case-runs N      cases of each leaking file re-run alone to name the leak (default: 25)
  --max-case-runs-total N  cases re-run alone across all leaking files (default: 100)
  --rebuild-extensions   rebuild the extension even if an identical build is cached
  --keep-build-tree      keep the CPython build folder after installing
  --cpython-tests WHAT   CPython's own test suite on the debug interpreter: none, quick (make
                         quicktest), full (make test) or regrtest arguments, e.g. 'test_int -u cpu'
                         (default: none with --extension, which is then optional; else quick)
  --cpython-tests-shard I/N   run share I of N of the suite's test files
  --cpython-tests-durations FILE  report.json of an earlier run: balances the shards by duration

Exit codes: 0 clean, 1 findings (see --fail-on; a run that tested nothing is a finding),
2 bad arguments, 3 source not found, 4 CPython build failed, 5 extension build failed,
70 internal error (a bug: please report it with the log).`

export const runCommand: CliCommand = {
  summary: 'build (or restore) a debug CPython, build an extension against it, hunt leaks, write a report',
  usage: RUN_USAGE,
  async run(args, io) {
    const config = parseRunConfig(args, io, { requireExtension: true })
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr) })
    const outcome = await runCell(config, context, io.env.PYTHONPATH)
    const { report } = outcome
    io.stdout(`status: ${report.status}${report.error ? ` (${report.error.message.split('\n')[0]})` : ''}\n`)
    for (const finding of report.findings) io.stdout(`  ${finding.kind}: ${finding.message}\n`)
    io.stdout(`report: ${outcome.reportPath}\nsummary: ${outcome.summaryPath}\n`)
    return outcome.exitCode
  },
}
