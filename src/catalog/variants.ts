/**
 * The built-in debug variants: data only. Each rule names the CPython change behind it, so that
 * a refusal can say why, and so the catalog can be checked against CPython's own files.
 */

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

/** Extensions built for this variant cannot be shared with other variants in these versions. */
export interface OwnExtensionAbi extends VersionRange {
  /** Appended to the ABI group, e.g. `cp311d-tracerefs`. */
  readonly tag: string
  readonly reason: string
}

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
  readonly ownExtensionAbi?: readonly OwnExtensionAbi[]
}

// ASan's LeakSanitizer makes the freshly built interpreter fail inside `make` (captured in
// fixtures/cpython-3.11.2-pydebug-asan/build-fails-on-leaksanitizer.txt).
const ASAN_BUILD_ENV = { ASAN_OPTIONS: 'detect_leaks=0' }

export const VARIANTS: readonly VariantSpec[] = [
  {
    name: 'pydebug',
    summary: 'Py_DEBUG build (--with-pydebug): assertions, sys.gettotalrefcount(), debug allocator hooks',
    configureArgs: ['--with-pydebug'],
  },
  {
    name: 'valgrind',
    summary: 'Py_DEBUG without pymalloc, Valgrind-aware; tests run with PYTHONMALLOC=malloc so memcheck sees every block',
    configureArgs: ['--with-pydebug', '--without-pymalloc', '--with-valgrind'],
    // With the debug hooks on, a small overrun lands in the hook's pad bytes and memcheck never
    // sees it (fixtures/cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml).
    runtimeEnv: { PYTHONMALLOC: 'malloc' },
  },
  {
    name: 'pymalloc-debug',
    summary: 'Py_DEBUG with the pymalloc debug hooks forced on (PYTHONMALLOC=pymalloc_debug)',
    configureArgs: ['--with-pydebug'],
    runtimeEnv: { PYTHONMALLOC: 'pymalloc_debug' },
    refusals: [
      {
        until: '3.6',
        reason: 'PYTHONMALLOC appeared in 3.6; older debug builds get the hooks from the PYMALLOC_DEBUG macro that Py_DEBUG implies',
        source: 'bpo-26516 (whatsnew/3.6)',
        alternative: 'pydebug',
      },
    ],
  },
  {
    name: 'count-allocs',
    summary: 'COUNT_ALLOCS: per-type allocation counts (sys.getcounts(), -X showalloccount)',
    configureArgs: ['--with-pydebug'],
    macros: ['COUNT_ALLOCS'],
    refusals: [
      {
        from: '3.9',
        reason: 'COUNT_ALLOCS was removed in CPython 3.9; defining it builds an interpreter without the counts',
        source: 'bpo-39489 (whatsnew/3.9)',
        alternative: 'trace-refs',
      },
    ],
    ownExtensionAbi: [{ until: '3.9', tag: 'countallocs', reason: 'COUNT_ALLOCS adds fields to PyTypeObject without an ABI flag' }],
  },
  {
    name: 'trace-refs',
    summary: 'Py_TRACE_REFS (--with-trace-refs): every live object is tracked; sys.getobjects(), PYTHONDUMPREFS',
    configureArgs: ['--with-pydebug', '--with-trace-refs'],
    refusals: [
      {
        until: '3.8',
        reason: '--with-trace-refs was added in 3.8; before that Py_DEBUG already implies Py_TRACE_REFS',
        source: 'bpo-36465 (whatsnew/3.8)',
        alternative: 'pydebug',
      },
    ],
    ownExtensionAbi: [
      {
        from: '3.8',
        until: '3.13',
        tag: 'tracerefs',
        reason: 'Py_TRACE_REFS adds _ob_next/_ob_prev to PyObject_HEAD until 3.13 (gh-108634)',
      },
    ],
  },
  {
    name: 'ref-debug',
    summary: 'Py_REF_DEBUG alone on a release build: sys.gettotalrefcount() without the cost of Py_DEBUG',
    configureArgs: [],
    macros: ['Py_REF_DEBUG'],
  },
  {
    name: 'asan',
    summary: 'Py_DEBUG with AddressSanitizer (pymalloc off); tests run with PYTHONMALLOC=malloc',
    configureArgs: ['--with-pydebug', '--with-address-sanitizer', '--without-pymalloc'],
    buildEnv: ASAN_BUILD_ENV,
    runtimeEnv: { PYTHONMALLOC: 'malloc', ASAN_OPTIONS: 'detect_leaks=1:allocator_may_return_null=1:handle_segv=0' },
    ownExtensionAbi: [{ tag: 'asan', reason: 'extensions must be instrumented too, or ASan misses their bugs' }],
  },
  {
    name: 'ubsan',
    summary: 'Py_DEBUG with UndefinedBehaviorSanitizer',
    configureArgs: ['--with-pydebug', '--with-undefined-behavior-sanitizer'],
    runtimeEnv: { UBSAN_OPTIONS: 'print_stacktrace=1' },
    ownExtensionAbi: [{ tag: 'ubsan', reason: 'extensions must be instrumented too, or UBSan misses their bugs' }],
  },
  {
    name: 'free-threading',
    summary: 'Py_DEBUG free-threaded build (--disable-gil, ABI flags "td")',
    configureArgs: ['--with-pydebug', '--disable-gil'],
    refusals: [
      {
        until: '3.13',
        reason: '--disable-gil (PEP 703) was added in 3.13',
        source: 'gh-108219 / PR #109922 (whatsnew/3.13)',
      },
    ],
  },
]

export function findVariant(name: string): VariantSpec | undefined {
  return VARIANTS.find((variant) => variant.name === name)
}
