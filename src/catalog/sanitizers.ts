/**
 * The compiler sanitizers a variant can exist for, as data: what flag CPython's configure puts into
 * sysconfig's CFLAGS and LDFLAGS (and so into every extension built against the interpreter), which
 * variable the runtime reads its options from, what pydebug adds for its own pass over the tests,
 * and which symbol an instrumented object file always references. steps/run-sanitizers.ts runs the
 * check a variant's `checks` names.
 */
export type SanitizerCheck = 'address-sanitizer' | 'undefined-behavior-sanitizer' | 'thread-sanitizer'

export interface SanitizerSpec {
  readonly check: SanitizerCheck
  /** As the reports name it (`SUMMARY: AddressSanitizer: ...`). */
  readonly tool: 'AddressSanitizer' | 'UndefinedBehaviorSanitizer' | 'ThreadSanitizer'
  /** The folder under `<out>/logs/` its reports go to, one file per process. */
  readonly logDir: string
  /** On every compile and link line of an instrumented extension: configure adds it to BASECFLAGS and LDFLAGS. */
  readonly compileFlag: string
  readonly source: string
  /** The variable the sanitizer runtime reads its options from; the variant's runtimeEnv gives the base. */
  readonly optionsVariable: 'ASAN_OPTIONS' | 'UBSAN_OPTIONS' | 'TSAN_OPTIONS'
  /** Options for pydebug's own pass only, after the variant's (the later one wins). */
  readonly passOptions: Readonly<Record<string, string>>
  /**
   * Every object compiled with the flag references a symbol of the runtime starting with this, so an
   * extension module reused from an earlier build (whose build log this run has not got) can still be
   * checked: ASan's module constructor calls `__asan_init`, UBSan's checks call `__ubsan_handle_*`.
   */
  readonly runtimeSymbol: string
  /** LeakSanitizer's suppressions for CPython's own memory still held at exit, by CPython minor version (python/). */
  readonly leakSuppressions?: Readonly<Record<string, string>>
  /**
   * The suppression file CPython's own source tree has for this sanitizer (its CI runs with it), for
   * the GIL build and the free-threaded one: CPython's own races, reported in every process otherwise.
   * Passed as `suppressions=` in the options variable to every run of the cell.
   */
  readonly cpythonSuppressions?: { readonly member: string; readonly freeThreadedMember: string }
}

export const SANITIZERS: Readonly<Record<SanitizerCheck, SanitizerSpec>> = {
  'address-sanitizer': {
    check: 'address-sanitizer',
    tool: 'AddressSanitizer',
    logDir: 'asan',
    compileFlag: '-fsanitize=address',
    source: 'configure.ac --with-address-sanitizer (BASECFLAGS and LDFLAGS, 3.6+)',
    optionsVariable: 'ASAN_OPTIONS',
    // LeakSanitizer runs at exit of each test file's process here, where a leak report is one file's;
    // the refleak hunt runs without it (its per-file workers would all end with exit code 23).
    passOptions: { detect_leaks: '1' },
    runtimeSymbol: '__asan_init',
    leakSuppressions: { '3.11': 'lsan-cpython-3.11.supp' },
  },
  'undefined-behavior-sanitizer': {
    check: 'undefined-behavior-sanitizer',
    tool: 'UndefinedBehaviorSanitizer',
    logDir: 'ubsan',
    compileFlag: '-fsanitize=undefined',
    source: 'configure.ac --with-undefined-behavior-sanitizer (BASECFLAGS and LDFLAGS, 3.8+)',
    optionsVariable: 'UBSAN_OPTIONS',
    // GCC's UBSan reports and carries on: every finding of a test file, not only the first.
    passOptions: { print_stacktrace: '1', halt_on_error: '0' },
    runtimeSymbol: '__ubsan_handle_',
  },
  'thread-sanitizer': {
    check: 'thread-sanitizer',
    tool: 'ThreadSanitizer',
    logDir: 'tsan',
    compileFlag: '-fsanitize=thread',
    source: 'configure.ac --with-thread-sanitizer (BASECFLAGS and LDFLAGS, 3.13+)',
    optionsVariable: 'TSAN_OPTIONS',
    passOptions: { halt_on_error: '0' },
    runtimeSymbol: '__tsan_init',
    // 3.13.5's lists race:set_allocator_unlocked: without it every regrtest process with --timeout (faulthandler's
    // watchdog thread) ends with TSan's exit code 66 at finalisation (test/fixtures/cpython-3.13.5-tsan/).
    cpythonSuppressions: { member: 'Tools/tsan/suppressions.txt', freeThreadedMember: 'Tools/tsan/suppressions_free_threading.txt' },
  },
}

export function isSanitizerCheck(check: string): check is SanitizerCheck {
  return Object.hasOwn(SANITIZERS, check)
}
