import { addDiagnostic, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import { own, parseJsonRecord, type LineParser } from './line-parser.js'

/**
 * Whether a free-threaded interpreter (3.13t) brought the GIL back. Importing an extension module
 * that does not declare `Py_mod_gil` re-enables the GIL for the whole process, with a warning
 * (Python/import.c, `PyErr_WarnFormat(PyExc_RuntimeWarning, 1, ...)`), printed by the warnings
 * module as `<file>:<line>: RuntimeWarning: The global interpreter lock (GIL) has been enabled to
 * load module '<name>', which has not declared that it can run safely without the GIL. ...`;
 * and python/pydebug_gil.py's `pydebug-gil: {"test": "test_x", "gilEnabled": true}` after the import.
 */
export interface GilWarning {
  readonly line: number
  readonly module: string
  /** The warning as printed, from `RuntimeWarning:` on (the location before it is importlib's). */
  readonly text: string
}

export interface GilResult {
  readonly warnings: GilWarning[]
  /** Per test file the helper imported: whether the GIL was on afterwards. */
  readonly probes: { readonly line: number; readonly test: string; readonly gilEnabled: boolean }[]
  readonly diagnostics: Diagnostics
}

const GIL_WARNING_MARKER = 'RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module '
const GIL_WARNING = /RuntimeWarning: The global interpreter lock \(GIL\) has been enabled to load module '([^']*)'.*$/
const PROBE_PREFIX = 'pydebug-gil: '
const MAX_ITEMS = 1000

export class GilParser implements LineParser<GilResult> {
  private readonly warnings: GilWarning[] = []
  private readonly probes: GilResult['probes'] = []
  private readonly diagnostics = emptyDiagnostics()

  next(line: string, lineNumber: number): boolean {
    if (line.startsWith(PROBE_PREFIX)) {
      const record = parseJsonRecord(line.slice(PROBE_PREFIX.length))
      if (record && typeof record.test === 'string' && typeof record.gilEnabled === 'boolean') {
        if (this.probes.length < MAX_ITEMS) this.probes.push({ line: lineNumber, test: own(record.test), gilEnabled: record.gilEnabled })
      } else addDiagnostic(this.diagnostics, lineNumber, `GIL probe line pydebug cannot read: ${line.slice(0, 120)}`)
      return true
    }
    if (line.length < GIL_WARNING_MARKER.length || !line.includes(GIL_WARNING_MARKER)) return false
    const match = GIL_WARNING.exec(line)
    if (!match) return false
    if (this.warnings.length < MAX_ITEMS) this.warnings.push({ line: lineNumber, module: own(match[1]), text: own(match[0]) })
    return true
  }

  end(): GilResult {
    return { warnings: this.warnings, probes: this.probes, diagnostics: this.diagnostics }
  }
}
