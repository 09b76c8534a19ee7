/**
 * Per-version facts about CPython's build options, as data. The planner checks every cell
 * (built-in or user-defined variant) against these tables, so a combination CPython does not
 * have is refused with its reason instead of being built wrong. Each rule names the CPython
 * change it comes from. CPython's own files tell the longer story: Doc/using/configure.rst
 * ("Python Debug Build" and "Debug options": each option with the release that added or changed
 * it, such as --with-trace-refs, ABI compatible from 3.13), Misc/SpecialBuilds.txt (what
 * Py_REF_DEBUG, Py_TRACE_REFS and Py_DEBUG each add), Include/object.h (3.10:
 * `_PyObject_HEAD_EXTRA`, the two pointers Py_TRACE_REFS puts in every object) and configure.ac,
 * where each option is defined.
 */
import { ABI_MACROS } from './abi-macros.js'
import type { VersionRange } from './variants.js'

/** How extensions relate to an interpreter that has this option or macro. */
export interface AbiRule extends VersionRange {
  /** Appended to the ABI group, e.g. `cp311d-tracerefs`. */
  readonly tag: string
  readonly reason: string
  /**
   * `abi`: extensions built for another group crash or misbehave, so they must be rebuilt.
   * `instrumentation`: they would load, but the sanitizer cannot see into uninstrumented code.
   * @default 'abi'
   */
  readonly kind?: 'abi' | 'instrumentation'
}

/** A configure option and the minor releases whose configure.ac has it. */
export interface ConfigureOptionRule extends VersionRange {
  /** Every spelling configure accepts for this option (`--with-X` and `--without-X`). */
  readonly spellings: readonly string[]
  readonly summary: string
  readonly source: string
  readonly abi?: readonly AbiRule[]
  /**
   * True when the option changes none of the results configure caches (its `ac_cv_*` and
   * `py_cv_*` variables): it only defines a macro or sets an install variable. Cells whose
   * configure arguments differ only by such options share one configure cache (plan/configure-cache.ts).
   * An option without it (a sanitizer adds its flags to the compile and link lines of every
   * later check; --with-pydebug turns a cached warning check off) gets its own.
   */
  readonly sharesConfigureResults?: true
}

/** A C macro a variant defines through CFLAGS, and the releases in which CPython still reads it. */
export interface MacroRule extends VersionRange {
  readonly macro: string
  readonly summary: string
  readonly source: string
  /** Why defining it outside its range builds something else than asked for. */
  readonly outsideRange: string
  /** What gives the same checks where the macro is gone, if anything. */
  readonly alternative?: string
  readonly abi?: readonly AbiRule[]
}

/** Options or macros that CPython refuses, or that do not work, together. */
export interface CombinationRule extends VersionRange {
  /** Configure option spellings or macro names; the rule applies when all are present. */
  readonly all: readonly string[]
  readonly reason: string
  readonly source: string
  readonly alternative?: string
}

/** Runtime environment values the built interpreter rejects. */
export interface RuntimeEnvRule extends VersionRange {
  readonly variable: string
  readonly values: readonly string[]
  /** The rule applies only when one of these options or macros is present; always when absent. */
  readonly whenAny?: readonly string[]
  readonly reason: string
  readonly source: string
}

/**
 * The ABI rule of a macro an extension must be compiled with when the interpreter is, and without
 * when it is not: catalog/abi-macros.ts holds each macro's tag, releases and reason.
 */
function macroAbi(macro: string): AbiRule {
  const rule = ABI_MACROS.find((candidate) => candidate.macro === macro)
  if (rule?.tag === undefined) throw new Error(`catalog/abi-macros.ts has no tagged ABI rule for ${macro}`)
  return { tag: rule.tag, reason: rule.reason, from: rule.from, until: rule.until }
}

/** A sanitizer sees only code compiled with it: extensions load, but must be rebuilt to be checked. */
function instrumentation(tag: string, sanitizer: string, misses: string): AbiRule {
  return { tag, kind: 'instrumentation', reason: `extensions must be instrumented too, or ${sanitizer} misses ${misses}` }
}

export const CONFIGURE_OPTIONS: readonly ConfigureOptionRule[] = [
  { spellings: ['--with-pydebug'], summary: 'Py_DEBUG: assertions, Py_REF_DEBUG, debug allocator hooks; ABI flag d', source: 'configure.ac (all versions)' },
  {
    spellings: ['--with-trace-refs'],
    from: '3.8',
    summary: 'Py_TRACE_REFS: a list (3.13+: a hash table) of every live object; sys.getobjects(), PYTHONDUMPREFS',
    source: 'bpo-36465, PR #12615 (whatsnew/3.8); Doc/using/configure.rst "versionadded 3.8"',
    abi: [macroAbi('Py_TRACE_REFS')],
    sharesConfigureResults: true,
  },
  { spellings: ['--with-assertions'], from: '3.6', summary: 'keep assert() without Py_DEBUG', source: 'configure.ac v3.8.7; Doc/using/configure.rst' },
  {
    spellings: ['--with-pymalloc', '--without-pymalloc'],
    summary: 'WITH_PYMALLOC; without it every block goes to malloc()',
    source: 'configure.ac (all versions)',
    sharesConfigureResults: true,
  },
  {
    spellings: ['--with-valgrind', '--without-valgrind'],
    summary: 'WITH_VALGRIND: pymalloc steps aside under Valgrind (needs valgrind/valgrind.h)',
    source: 'configure.ac (all versions); Misc/README.valgrind',
    sharesConfigureResults: true,
  },
  {
    spellings: ['--with-address-sanitizer'],
    from: '3.6',
    summary: '-fsanitize=address; forces pymalloc off',
    source: 'configure.ac v3.8.7 to 3.14 (with_pymalloc="no"); Doc/using/configure.rst "versionadded 3.6"',
    abi: [instrumentation('asan', 'ASan', 'their bugs')],
  },
  {
    spellings: ['--with-memory-sanitizer'],
    from: '3.6',
    summary: '-fsanitize=memory (clang only); forces pymalloc off',
    source: 'configure.ac v3.8.7; 3.11 checks that the compiler supports it',
    abi: [{ tag: 'msan', kind: 'instrumentation', reason: 'MemorySanitizer reports false positives unless every linked object is instrumented' }],
  },
  {
    spellings: ['--with-undefined-behavior-sanitizer'],
    from: '3.6',
    summary: '-fsanitize=undefined',
    source: 'configure.ac v3.8.7, 3.11 (with_ubsan); Doc/using/configure.rst "versionadded 3.6"',
    abi: [instrumentation('ubsan', 'UBSan', 'their bugs')],
  },
  {
    spellings: ['--with-thread-sanitizer'],
    from: '3.13',
    summary: '-fsanitize=thread',
    source: 'configure.ac 3.13; Doc/using/configure.rst "versionadded 3.13"',
    abi: [instrumentation('tsan', 'TSan', 'their races')],
  },
  {
    spellings: ['--disable-gil', '--enable-gil'],
    from: '3.13',
    summary: 'Py_GIL_DISABLED (PEP 703); ABI flag t',
    source: 'gh-108223, PR #108227 and PR #109922 (whatsnew/3.13)',
    sharesConfigureResults: true,
  },
  {
    spellings: ['--with-mimalloc', '--without-mimalloc'],
    from: '3.13',
    summary: 'WITH_MIMALLOC, the bundled mimalloc',
    source: 'configure.ac 3.13 (gh-90815)',
    sharesConfigureResults: true,
  },
  {
    spellings: ['--enable-experimental-jit', '--disable-experimental-jit'],
    from: '3.13',
    summary: 'the copy-and-patch JIT (needs LLVM at build time)',
    source: 'PEP 744; Doc/using/configure.rst "versionadded 3.13"',
  },
  { spellings: ['--enable-pystats', '--disable-pystats'], from: '3.11', summary: 'Py_STATS: interpreter statistics', source: 'configure.ac 3.11' },
  {
    spellings: ['--with-strict-overflow', '--without-strict-overflow'],
    from: '3.12',
    summary: '-fstrict-overflow (CPython CI pairs it with UBSan)',
    source: 'gh-96821, PR #96823 (2023); configure.ac v3.12.0',
  },
  {
    spellings: ['--enable-safety', '--enable-slower-safety', '--disable-safety'],
    from: '3.14',
    summary: 'OpenSSF compiler hardening flags',
    source: 'Doc/using/configure.rst 3.14',
  },
  {
    spellings: ['--with-tail-call-interp', '--without-tail-call-interp'],
    from: '3.14',
    summary: 'tail-calling interpreter (Clang 19+)',
    source: 'Doc/using/configure.rst 3.14',
  },
  {
    spellings: ['--without-remote-debug', '--with-remote-debug'],
    from: '3.14',
    summary: 'PEP 768 remote debugging support',
    source: 'Doc/using/configure.rst 3.14',
  },
  {
    spellings: ['--with-pymalloc-hugepages'],
    from: '3.15',
    summary: '2 MiB pymalloc arenas (used when PYTHON_PYMALLOC_HUGEPAGES=1)',
    source: 'Doc/using/configure.rst 3.15',
  },
  { spellings: ['--with-dtrace', '--without-dtrace'], from: '3.6', summary: 'DTrace/SystemTap probes', source: 'Doc/using/configure.rst "versionadded 3.6"' },
]

const MACROS: readonly MacroRule[] = [
  {
    macro: 'Py_REF_DEBUG',
    summary: 'total reference count, sys.gettotalrefcount(), negative refcount checks (implied by Py_DEBUG)',
    source: 'Misc/SpecialBuilds.txt; Include/object.h',
    outsideRange: '',
    abi: [macroAbi('Py_REF_DEBUG')],
  },
  {
    macro: 'Py_TRACE_REFS',
    summary: 'every live object tracked (implied by Py_DEBUG before 3.8; --with-trace-refs from 3.8)',
    source: 'Misc/SpecialBuilds.txt; bpo-36465',
    outsideRange: '',
    abi: [macroAbi('Py_TRACE_REFS')],
  },
  {
    macro: 'COUNT_ALLOCS',
    until: '3.9',
    summary: 'per-type allocation counts: sys.getcounts(), -X showalloccount',
    source: 'bpo-39489, commit c6e5c112 (whatsnew/3.9: "The COUNT_ALLOCS special build macro has been removed")',
    outsideRange: 'CPython 3.9 removed COUNT_ALLOCS: defining it builds an ordinary interpreter without the counts',
    alternative: 'trace-refs (sys.getobjects) or tracemalloc for per-type accounting',
    abi: [macroAbi('COUNT_ALLOCS')],
  },
  {
    macro: 'PYMALLOC_DEBUG',
    until: '3.10',
    summary: 'pymalloc debug hooks compiled in (implied by Py_DEBUG with pymalloc up to 3.9)',
    source: 'bpo-43774, PR #25711 "Remove unused PYMALLOC_DEBUG macro" (3.10); Include/Python.h v3.9.1',
    outsideRange: 'CPython 3.10 removed the unused PYMALLOC_DEBUG macro: defining it changes nothing',
    alternative: 'PYTHONMALLOC=pymalloc_debug (or debug) at run time, available since 3.6 (bpo-26516)',
  },
]

export const COMBINATIONS: readonly CombinationRule[] = [
  {
    all: ['--disable-gil', '--with-trace-refs'],
    from: '3.13',
    reason:
      'configure refuses the pair from 3.14 ("--disable-gil cannot be used with --with-trace-refs"); 3.13 configure may still accept it, but trace-refs was never supported in the free-threaded build',
    source: 'gh-124043, PR #124078 (Sept 2024); colesbury/nogil#3',
    alternative: 'trace-refs and free-threading as separate cells',
  },
  {
    all: ['--disable-gil', 'Py_TRACE_REFS'],
    from: '3.13',
    reason: 'Py_TRACE_REFS is not supported in the free-threaded build',
    source: 'gh-124043, PR #124078',
    alternative: 'trace-refs and free-threading as separate cells',
  },
  {
    all: ['--disable-gil', '--without-mimalloc'],
    from: '3.13',
    reason: 'configure fails: "--disable-gil requires mimalloc memory allocator (--with-mimalloc)"',
    source: 'gh-112532, PR #112883',
  },
  {
    all: ['--with-address-sanitizer', '--with-thread-sanitizer'],
    reason: 'the compiler refuses -fsanitize=address together with -fsanitize=thread',
    source: 'Clang ThreadSanitizer docs; GCC -fsanitize=thread docs',
    alternative: 'asan and tsan as separate cells',
  },
  {
    all: ['--with-address-sanitizer', '--with-memory-sanitizer'],
    reason: 'the compiler refuses -fsanitize=address together with -fsanitize=memory',
    source: 'Clang MemorySanitizer docs',
  },
  {
    all: ['--with-memory-sanitizer', '--with-thread-sanitizer'],
    reason: 'the compiler refuses -fsanitize=memory together with -fsanitize=thread',
    source: 'Clang ThreadSanitizer docs',
  },
]

const PYMALLOC_OFF = ['--without-pymalloc', '--with-address-sanitizer', '--with-memory-sanitizer']

export const RUNTIME_ENV_RULES: readonly RuntimeEnvRule[] = [
  {
    variable: 'PYTHONMALLOC',
    values: ['default', 'debug', 'malloc', 'malloc_debug', 'pymalloc', 'pymalloc_debug'],
    until: '3.6',
    reason: 'PYTHONMALLOC was added in 3.6',
    source: 'bpo-26516 (whatsnew/3.6)',
  },
  {
    variable: 'PYTHONMALLOC',
    values: ['malloc', 'malloc_debug', 'pymalloc', 'pymalloc_debug'],
    whenAny: ['--disable-gil'],
    from: '3.13',
    reason:
      'the free-threaded build compiles out the malloc and pymalloc allocators ("PYTHONMALLOC: unknown allocator"); only default, debug, mimalloc and mimalloc_debug exist',
    source: 'gh-112532, PR #112883; Objects/obmalloc.c _PyMem_GetAllocatorName (#ifndef Py_GIL_DISABLED), 3.13',
  },
  {
    variable: 'PYTHONMALLOC',
    values: ['pymalloc', 'pymalloc_debug'],
    whenAny: PYMALLOC_OFF,
    reason: 'this build has no pymalloc (--without-pymalloc, or a sanitizer that forces it off), so PYTHONMALLOC=pymalloc* is an unknown allocator',
    source: 'Objects/obmalloc.c _PyMem_GetAllocatorName (#ifdef WITH_PYMALLOC); configure.ac (with_pymalloc="no" under ASan/MSan)',
  },
  {
    variable: 'PYTHONMALLOC',
    values: ['mimalloc', 'mimalloc_debug'],
    until: '3.13',
    reason: 'mimalloc was bundled in 3.13',
    source: 'gh-90815 (whatsnew/3.13)',
  },
  {
    variable: 'PYTHONMALLOC',
    values: ['mimalloc', 'mimalloc_debug'],
    whenAny: ['--without-mimalloc'],
    reason: 'this build has no mimalloc (--without-mimalloc), so PYTHONMALLOC=mimalloc* is an unknown allocator',
    source: 'Objects/obmalloc.c _PyMem_GetAllocatorName (#ifdef WITH_MIMALLOC), 3.13',
  },
]

/** `--opt=value` and `VAR=value` name their option by the part before `=`. */
export function optionName(arg: string): string {
  const equals = arg.indexOf('=')
  return equals === -1 ? arg : arg.slice(0, equals)
}

const OPTIONS_BY_SPELLING = new Map(CONFIGURE_OPTIONS.flatMap((rule) => rule.spellings.map((spelling) => [spelling, rule] as const)))
const MACROS_BY_NAME = new Map(MACROS.map((rule) => [rule.macro, rule] as const))

export function findConfigureOption(arg: string): ConfigureOptionRule | undefined {
  return OPTIONS_BY_SPELLING.get(optionName(arg))
}

export function findMacro(macro: string): MacroRule | undefined {
  return MACROS_BY_NAME.get(optionName(macro))
}
