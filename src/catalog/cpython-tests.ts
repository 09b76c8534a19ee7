/**
 * How CPython's own `make test` and `make quicktest` run its test suite, per version: data only,
 * each profile citing the CPython files it was read from. src/plan/cpython-tests.ts turns a
 * profile into the command pydebug runs against an installed interpreter.
 */
import type { VersionRange } from './variants.js'

export interface CpythonTestProfile extends VersionRange {
  /** Interpreter options `make test` gives, without `-E` (see `ignoresEnvironment`). */
  readonly pythonOptions: readonly string[]
  /**
   * `make test` runs the interpreter with `-E`, so PYTHON* settings of the environment (a variant's
   * PYTHONMALLOC=malloc, say) do not apply to it. pydebug leaves `-E` out so that they do.
   */
  readonly ignoresEnvironment: true
  /** regrtest options `make test` gives, as pydebug passes them (see `notPassed`). */
  readonly regrtestOptions: readonly string[]
  /** regrtest options of `make test` that pydebug leaves out, and why. */
  readonly notPassed: readonly { readonly option: string; readonly reason: string }[]
  /** Test resources `make test` enables, added only when the user's arguments give no `-u`; absent when the options above imply them. */
  readonly defaultResources?: string
  /** `make test`'s own per-test timeout in seconds; absent: none. pydebug always passes its `test-timeout`. */
  readonly makeTestTimeoutSeconds?: number
  /** What `make quicktest` excludes (`-x`) on top of `make test`. */
  readonly quickExclusions: readonly string[]
  readonly source: string
}

// Tools/scripts/run_tests.py (3.11.2) re-runs failed tests (-w) in the main process: there, the
// --timeout faulthandler exits the whole run on a hung test, and every result is lost.
const RERUN_IN_MAIN_PROCESS =
  're-runs failed tests in the main process (libregrtest/main.py rerun_failed_tests → runtest), where --timeout ends the whole run on a hung test and every result is lost; failed tests are reported without a re-run'

export const CPYTHON_TEST_PROFILES: readonly CpythonTestProfile[] = [
  {
    until: '3.13',
    // run_tests.py: [sys.executable, '-u', '-W', 'default', '-bb', '-E', ..., '-m', 'test', '-r', '-w', '-j', '0', '-u', 'all,-largefile,-audio,-gui']
    pythonOptions: ['-u', '-W', 'default', '-bb'],
    ignoresEnvironment: true,
    regrtestOptions: ['-r'],
    notPassed: [{ option: '-w', reason: RERUN_IN_MAIN_PROCESS }],
    defaultResources: 'all,-largefile,-audio,-gui',
    quickExclusions: [
      'test_subprocess',
      'test_io',
      'test_lib2to3',
      'test_multibytecodec',
      'test_urllib2_localnet',
      'test_itertools',
      'test_multiprocessing_fork',
      'test_multiprocessing_spawn',
      'test_multiprocessing_forkserver',
      'test_mailbox',
      'test_nntplib',
      'test_socket',
      'test_poll',
      'test_select',
      'test_zipfile',
      'test_concurrent_futures',
    ],
    source:
      'Makefile.pre.in `test:` runs Tools/scripts/run_tests.py (no TESTTIMEOUT), `quicktest:` adds QUICKTESTOPTS (read in 3.11.2; 3.9 has the same rule and run_tests.py; 3.12 releases after gh-109566 switched to --fast-ci)',
  },
  {
    from: '3.13',
    // --fast-ci: -j0 --randomize --fail-env-changed --rerun --slowest --verbose3, -u all,-cpu, --timeout 600;
    // it re-executes the interpreter with -u -W error -bb -E unless --dont-add-python-opts is given.
    pythonOptions: ['-u', '-W', 'error', '-bb'],
    ignoresEnvironment: true,
    regrtestOptions: ['--fast-ci', '--dont-add-python-opts'],
    notPassed: [],
    makeTestTimeoutSeconds: 600,
    quickExclusions: [
      'test_subprocess',
      'test_io',
      'test_multibytecodec',
      'test_urllib2_localnet',
      'test_itertools',
      'test_multiprocessing_fork',
      'test_multiprocessing_spawn',
      'test_multiprocessing_forkserver',
      'test_mailbox',
      'test_socket',
      'test_poll',
      'test_select',
      'test_zipfile',
      'test_concurrent_futures',
    ],
    source:
      'Makefile.pre.in `test: $(TESTRUNNER) --fast-ci --timeout=$(TESTTIMEOUT)`, QUICKTESTOPTS; Lib/test/libregrtest/cmdline.py (--fast-ci) and main.py _add_ci_python_opts (read in 3.13.5; gh-109566)',
  },
]
