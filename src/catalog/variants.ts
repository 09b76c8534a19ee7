/**
 * The built-in debug variants: data only. Each rule names the CPython change behind it, so that
 * a refusal can say why, and so the catalog can be checked against CPython's own files.
 */

import type { SanitizerCheck } from './sanitizers.js'

/** A range of minor releases (`from` inclusive, `until` exclusive) in which a rule holds. */
export interface VersionRange {
  readonly from?: string
  readonly until?: string
}

/** Why a variant cannot be built on some versions, and what to use instead. */
export interface VariantRefusal extends VersionRange {
  readonly reason: string
  /** The CPython change the rule comes from (bpo/gh number, whatsnew page). */
  readonly source: string
  /** A built-in variant or runtime setting that gives the same checks on these versions. */
  readonly alternative?: string
}

/**
 * On these versions the variant as named is built differently. With `equivalent`, what the name
 * asks for does not exist there and this is the nearest equivalent: the matrix reports the
 * substitution, and `strict` makes it an error.
 */
export interface VariantAdjustment extends VersionRange {
  /** Replaces the variant's configure arguments. */
  readonly configureArgs?: readonly string[]
  /** Replaces the variant's macros. */
  readonly macros?: readonly string[]
  /** Replaces the variant's runtime environment. */
  readonly runtimeEnv?: Readonly<Record<string, string>>
  readonly reason: string
  readonly source: string
  readonly equivalent?: boolean
}

/**
 * What a variant runs besides the refleak hunt, because it is what the variant exists for:
 * `allocation-report`: each test file once between two `sys._debugmallocstats()` dumps (cells
 * whose tests run on pymalloc or mimalloc, not `PYTHONMALLOC=malloc`); `census`: live objects by type
 * (`sys.getobjects(0)`) around each counted repetition (Py_TRACE_REFS); `count-allocs`: per-type
 * `sys.getcounts()` before and after each test file (COUNT_ALLOCS); `gil`: whether importing the
 * extension re-enabled the GIL (free-threaded builds); `memcheck`: each test file once under valgrind
 * memcheck with CPython's Misc/valgrind-python.supp (steps/run-memcheck.ts); `address-sanitizer`,
 * `undefined-behavior-sanitizer`, `thread-sanitizer`: the extension's compile line carries the
 * sanitizer's flag, and each test file runs once with the sanitizer's reports written to files of
 * their own (catalog/sanitizers.ts, steps/run-sanitizers.ts).
 */
export type VariantCheck = 'allocation-report' | 'census' | 'count-allocs' | 'gil' | 'memcheck' | SanitizerCheck

export interface VariantSpec {
  readonly name: string
  readonly summary: string
  /** Arguments for CPython's `configure`, without `--prefix`. */
  readonly configureArgs: readonly string[]
  /** C macros defined for the interpreter and, through sysconfig's CFLAGS, for extensions built against it. */
  readonly macros?: readonly string[]
  /** Environment for configure, make and extension builds. */
  readonly buildEnv?: Readonly<Record<string, string>>
  /** Environment for every test run in this variant. */
  readonly runtimeEnv?: Readonly<Record<string, string>>
  readonly refusals?: readonly VariantRefusal[]
  readonly adjustments?: readonly VariantAdjustment[]
  /** Checks run for this variant after the refleak hunt (see VariantCheck). */
  readonly checks?: readonly VariantCheck[]
  /** Where the variant's recipe comes from (CPython docs, buildbot factory). */
  readonly source?: string
  /** Defined in the user's config rather than in this catalog. */
  readonly custom?: boolean
}

// ASan's LeakSanitizer makes the freshly built interpreter fail inside `make` (captured in
// fixtures/cpython-3.11.2-pydebug-asan/build-fails-on-leaksanitizer.txt).
const ASAN_BUILD_ENV = { ASAN_OPTIONS: 'detect_leaks=0' }

export const VARIANTS: readonly VariantSpec[] = [
  {
    name: 'pydebug',
    summary: 'Py_DEBUG build (--with-pydebug): assertions, sys.gettotalrefcount(), debug allocator hooks',
    configureArgs: ['--with-pydebug'],
    checks: ['allocation-report'],
    source: 'Doc/using/configure.rst "Python Debug Build"; Misc/SpecialBuilds.txt',
  },
  {
    name: 'valgrind',
    summary: 'Py_DEBUG without pymalloc, Valgrind-aware; tests run with PYTHONMALLOC=malloc so memcheck sees every block',
    configureArgs: ['--with-pydebug', '--without-pymalloc', '--with-valgrind'],
    // With the debug hooks on, a small overrun lands in the hook's pad bytes and memcheck never
    // sees it (fixtures/cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml).
    runtimeEnv: { PYTHONMALLOC: 'malloc' },
    checks: ['memcheck'],
    source: 'Misc/README.valgrind; python/buildmaster-config ValgrindBuild',
  },
  {
    name: 'pymalloc-debug',
    summary: 'Py_DEBUG with the pymalloc debug hooks: PYMALLOC_DEBUG up to 3.9, PYTHONMALLOC=pymalloc_debug at run time',
    configureArgs: ['--with-pydebug'],
    macros: ['PYMALLOC_DEBUG'],
    runtimeEnv: { PYTHONMALLOC: 'pymalloc_debug' },
    checks: ['allocation-report'],
    source: 'Misc/SpecialBuilds.txt (PYMALLOC_DEBUG); Doc/c-api/memory.rst (debug hooks)',
    refusals: [
      {
        until: '3.6',
        reason: 'PYTHONMALLOC appeared in 3.6; older debug builds get the hooks from the PYMALLOC_DEBUG macro that Py_DEBUG implies',
        source: 'bpo-26516 (whatsnew/3.6)',
        alternative: 'pydebug',
      },
    ],
    adjustments: [
      {
        from: '3.10',
        macros: [],
        reason: 'the PYMALLOC_DEBUG macro was removed in 3.10; PYTHONMALLOC=pymalloc_debug gives the same checks at run time',
        source: 'bpo-43774, PR #25711; PYTHONMALLOC since 3.6 (bpo-26516)',
        equivalent: true,
      },
    ],
  },
  {
    name: 'count-allocs',
    summary: 'COUNT_ALLOCS: per-type allocation counts (sys.getcounts(), -X showalloccount)',
    configureArgs: ['--with-pydebug'],
    macros: ['COUNT_ALLOCS'],
    checks: ['allocation-report', 'count-allocs'],
    source: 'Misc/SpecialBuilds.txt v3.8.7 (COUNT_ALLOCS)',
    refusals: [
      {
        from: '3.9',
        reason: 'COUNT_ALLOCS was removed in CPython 3.9; defining it builds an interpreter without the counts',
        source: 'bpo-39489 (whatsnew/3.9)',
        alternative: 'trace-refs',
      },
    ],
  },
  {
    name: 'trace-refs',
    summary: 'Py_TRACE_REFS (--with-trace-refs): every live object is tracked; sys.getobjects(), PYTHONDUMPREFS',
    configureArgs: ['--with-pydebug', '--with-trace-refs'],
    checks: ['allocation-report', 'census'],
    source: 'Misc/SpecialBuilds.txt (Py_TRACE_REFS); Doc/using/configure.rst --with-trace-refs',
    adjustments: [
      {
        until: '3.8',
        configureArgs: ['--with-pydebug'],
        reason: '--with-trace-refs was added in 3.8; before that Py_DEBUG implies Py_TRACE_REFS, so the pydebug build is the trace-refs build',
        source: 'bpo-36465, PR #12615 (whatsnew/3.8); Include/object.h v3.7.0',
        equivalent: true,
      },
    ],
  },
  {
    name: 'ref-debug',
    summary: 'Py_REF_DEBUG alone on a release build: sys.gettotalrefcount() without the cost of Py_DEBUG',
    configureArgs: [],
    macros: ['Py_REF_DEBUG'],
    checks: ['allocation-report'],
    source: 'Misc/SpecialBuilds.txt (Py_REF_DEBUG)',
    refusals: [
      {
        // Measured on 3.11.2: an empty function called 1,000 times adds 2,010 to the total, and regrtest -R
        // reports every test of examples/defects, the clean one too, as leaking ~4,150 references per run
        // (test/fixtures/cpython-3.11.2-ref-debug/). 3.13.5's ceval.c keeps the same macros.
        from: '3.11',
        reason:
          'the eval loop redefines Py_DECREF without the reference total on builds that have neither Py_DEBUG nor Py_TRACE_REFS, so sys.gettotalrefcount() grows with every bytecode executed and regrtest -R reports every test as leaking',
        source: 'gh-89279 (Python/ceval.c, 3.11+: "#if !defined(Py_DEBUG) && !defined(Py_TRACE_REFS)")',
        alternative: 'pydebug',
      },
    ],
  },
  {
    name: 'asan',
    summary: 'Py_DEBUG with AddressSanitizer (pymalloc off); tests run with PYTHONMALLOC=malloc',
    configureArgs: ['--with-pydebug', '--with-address-sanitizer', '--without-pymalloc'],
    buildEnv: ASAN_BUILD_ENV,
    // LeakSanitizer off for the refleak hunt, as CPython's own ASan buildbot runs: its report at exit would end
    // each test file's regrtest worker with exit code 23, read as a crash. The sanitizer pass turns it on
    // (catalog/sanitizers.ts), one process per test file, with CPython's own leaks at exit suppressed.
    runtimeEnv: { PYTHONMALLOC: 'malloc', ASAN_OPTIONS: 'detect_leaks=0:allocator_may_return_null=1:handle_segv=0' },
    source: 'python/buildmaster-config UnixAsanBuild (.asan_debug); CPython build.yml ASan job',
    checks: ['address-sanitizer'],
  },
  {
    name: 'ubsan',
    summary: 'Py_DEBUG with UndefinedBehaviorSanitizer',
    configureArgs: ['--with-pydebug', '--with-undefined-behavior-sanitizer'],
    runtimeEnv: { UBSAN_OPTIONS: 'print_stacktrace=1' },
    checks: ['allocation-report', 'undefined-behavior-sanitizer'],
    source: 'python/buildmaster-config ClangUbsanLinuxBuild; CPython reusable-san.yml',
  },
  {
    name: 'tsan',
    summary: 'Py_DEBUG with ThreadSanitizer (3.13+); Linux runners need vm.mmap_rnd_bits=28',
    configureArgs: ['--with-pydebug', '--with-thread-sanitizer'],
    runtimeEnv: { TSAN_OPTIONS: 'halt_on_error=0 second_deadlock_stack=1' },
    source: 'CPython reusable-tsan.yml / reusable-san.yml; Doc/using/configure.rst --with-thread-sanitizer',
    refusals: [
      {
        until: '3.13',
        reason: '--with-thread-sanitizer was added in 3.13',
        source: 'configure.ac 3.13; Doc/using/configure.rst "versionadded 3.13"',
        alternative: 'asan',
      },
    ],
    checks: ['thread-sanitizer'],
  },
  {
    name: 'free-threading',
    summary: 'Py_DEBUG free-threaded build (--disable-gil, ABI flags "td")',
    configureArgs: ['--with-pydebug', '--disable-gil'],
    checks: ['allocation-report', 'gil'],
    source: 'PEP 703; Doc/using/configure.rst --disable-gil; python/buildmaster-config UnixNoGilBuild',
    refusals: [
      {
        until: '3.13',
        reason: '--disable-gil (PEP 703) was added in 3.13',
        source: 'gh-108223, PR #108227 (--disable-gil); PR #109922 (ABI flag t); whatsnew/3.13',
      },
    ],
  },
]

export function findVariant(name: string): VariantSpec | undefined {
  return VARIANTS.find((variant) => variant.name === name)
}
