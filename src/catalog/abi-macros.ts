/**
 * The C macros that change what an extension must be compiled with to run in an interpreter: the
 * interpreter's ABI fingerprint (plan/abi-fingerprint.ts) lists those it was built with. Data only,
 * each with the CPython change behind it. Not here, on purpose: WITH_PYMALLOC and PYMALLOC_DEBUG
 * change which allocator runs, not a structure or a symbol an extension compiles against, so a
 * pydebug build of an extension runs unchanged under a pymalloc-debug or a valgrind interpreter.
 */
import type { VersionRange } from './variants.js'

export interface AbiMacro extends VersionRange {
  readonly macro: string
  /** What breaks when an extension is built without it for an interpreter built with it (or the other way round). */
  readonly reason: string
  readonly source: string
  /** Appended to the fingerprint's label (`cp311d-tracerefs`); none when the SOABI already says it (`d`, `t`). */
  readonly tag?: string
  /** Whether the interpreter's sys module shows it at run time, whatever sysconfig recorded (the probe reads this attribute). */
  readonly sysAttribute?: string
  /** The headers define it whenever this other macro is defined (up to a release): sysconfig then carries it too. */
  readonly impliedBy?: { readonly macro: string; readonly until?: string }
}

export const ABI_MACROS: readonly AbiMacro[] = [
  {
    macro: 'Py_DEBUG',
    reason: 'Py_DEBUG changes object and interpreter structures; the SOABI says it (flag d)',
    source: 'configure.ac --with-pydebug; bpo-36722 (3.8: one ABI for debug and release on Unix, flag d kept)',
  },
  {
    macro: 'Py_REF_DEBUG',
    tag: 'refdebug',
    sysAttribute: 'gettotalrefcount',
    impliedBy: { macro: 'Py_DEBUG' },
    reason: 'Py_INCREF/Py_DECREF update the interpreter-wide reference total (implied by Py_DEBUG; alone, no ABI flag says it)',
    source: 'Misc/SpecialBuilds.txt (Py_REF_DEBUG); Include/object.h; Include/pyport.h (Py_DEBUG implies Py_REF_DEBUG)',
  },
  {
    macro: 'Py_TRACE_REFS',
    until: '3.13',
    tag: 'tracerefs',
    sysAttribute: 'getobjects',
    impliedBy: { macro: 'Py_DEBUG', until: '3.8' },
    reason: 'Py_TRACE_REFS adds _ob_next/_ob_prev to PyObject_HEAD and renames PyModule_Create2, without an ABI flag (SOABI keeps the d of pydebug)',
    source: 'bpo-36465, PR #12615 (whatsnew/3.8); Include/modsupport.h up to 3.12 (PyModule_Create2TraceRefs); gh-108634 (3.13: a hash table, no ABI change)',
  },
  {
    macro: 'Py_GIL_DISABLED',
    from: '3.13',
    reason: 'the free-threaded object header; the SOABI says it (flag t)',
    source: 'PEP 703; gh-108223, PR #109922 (ABI flag t)',
  },
  {
    macro: 'COUNT_ALLOCS',
    until: '3.9',
    tag: 'countallocs',
    sysAttribute: 'getcounts',
    reason: 'COUNT_ALLOCS adds tp_allocs/tp_frees/tp_maxalloc/tp_prev/tp_next to PyTypeObject without an ABI flag',
    source: 'Include/cpython/object.h v3.8.7; removed in 3.9 (bpo-39489)',
  },
]

/**
 * Symbols whose absence at import time (`ImportError: ...so: undefined symbol: NAME`) says the
 * module was compiled for another ABI than the interpreter's, and which macro made the difference.
 */
export interface AbiSymbolRule {
  readonly symbols: readonly string[]
  /** The macro the module was compiled with (the interpreter lacks it) or without (the interpreter has it). */
  readonly macro: string
  readonly moduleHas: boolean
  readonly source: string
}

export const ABI_SYMBOLS: readonly AbiSymbolRule[] = [
  {
    // Include/modsupport.h, 3.8-3.12: "#ifdef Py_TRACE_REFS ... #define PyModule_Create2 PyModule_Create2TraceRefs", so a
    // module compiled without Py_TRACE_REFS links against a name a trace-refs interpreter does not export.
    symbols: ['PyModule_Create2', 'PyModule_FromDefAndSpec2'],
    macro: 'Py_TRACE_REFS',
    moduleHas: false,
    source: 'Include/modsupport.h v3.11.2 (PyModule_Create2TraceRefs)',
  },
  {
    symbols: ['PyModule_Create2TraceRefs', 'PyModule_FromDefAndSpec2TraceRefs', '_Py_ForgetReference', '_Py_PrintReferences', '_Py_PrintReferenceAddresses'],
    macro: 'Py_TRACE_REFS',
    moduleHas: true,
    source: 'Include/modsupport.h, Include/object.h v3.11.2',
  },
  {
    symbols: ['_Py_RefTotal', '_Py_NegativeRefcount', '_Py_IncRefTotal_DO_NOT_USE_THIS', '_Py_DecRefTotal_DO_NOT_USE_THIS'],
    macro: 'Py_REF_DEBUG',
    moduleHas: true,
    source: 'Include/object.h (Py_REF_DEBUG), 3.8-3.12',
  },
  { symbols: ['_Py_inc_count', '_Py_dec_count'], macro: 'COUNT_ALLOCS', moduleHas: true, source: 'Include/cpython/object.h v3.8.7 (COUNT_ALLOCS)' },
]
