import { ABI_SYMBOLS } from '../catalog/abi-macros.js'
import { own, regExp, type LineParser, type LineRouting } from './line-parser.js'

/** An extension module the dynamic linker refused at import: `ImportError: <path>.so: undefined symbol: <name>`. */
export interface UndefinedSymbolImport {
  /** Line of its first appearance (a test run again under -R prints it again: counted, not repeated). */
  readonly line: number
  readonly module: string
  readonly symbol: string
  /** How many times the log printed it. */
  count: number
}

export interface ImportErrorResult {
  /** One entry per module and symbol, in log order, at most MAX_IMPORT_ERRORS. */
  readonly undefinedSymbols: UndefinedSymbolImport[]
}

const MAX_IMPORT_ERRORS = 100

/** What makes a line this parser's: it can start with anything (`E   ImportError`, a worker's prefix). */
const UNDEFINED_SYMBOL_MARKER = ': undefined symbol: '

// glibc's dlopen error as CPython's _imp.create_dynamic raises it (Python/dynload_shlib.c).
const UNDEFINED_SYMBOL_IMPORT = regExp`ImportError: (\S.*?\.so(?:\.[\d.]+)?)${UNDEFINED_SYMBOL_MARKER}([A-Za-z_]\w*)\s*$`

/** Only by its marker, and in lines of other formats: the `ImportError` that ends a regrtest traceback. */
export const IMPORT_ERROR_ROUTING: LineRouting = { startCharacters: '', markers: [UNDEFINED_SYMBOL_MARKER], readsOthersLines: true }

export class ImportErrorParser implements LineParser<ImportErrorResult> {
  private readonly found = new Map<string, UndefinedSymbolImport>()

  next(line: string, lineNumber: number): boolean {
    if (!line.includes(UNDEFINED_SYMBOL_MARKER)) return false
    const match = UNDEFINED_SYMBOL_IMPORT.exec(line)
    if (!match) return false
    const key = `${match[1]}\u0000${match[2]}`
    const known = this.found.get(key)
    if (known) known.count++
    else if (this.found.size < MAX_IMPORT_ERRORS) this.found.set(key, { line: lineNumber, module: own(match[1]), symbol: own(match[2]), count: 1 })
    return true
  }

  end(): ImportErrorResult {
    return { undefinedSymbols: [...this.found.values()] }
  }
}

/**
 * Why a module lacks a symbol, in words: "built without Py_TRACE_REFS, which this interpreter has"
 * for the symbols catalog/abi-macros.ts knows; otherwise that it was built against another CPython.
 */
export function explainUndefinedSymbol(symbol: string): { readonly reason: string; readonly abi: boolean } {
  const rule = ABI_SYMBOLS.find((candidate) => candidate.symbols.includes(symbol))
  if (!rule) return { reason: `undefined symbol ${symbol}: it was built against another CPython, or links a library that is not loaded`, abi: false }
  const how = rule.moduleHas ? `compiled with ${rule.macro}, which this interpreter lacks` : `compiled without ${rule.macro}, which this interpreter has`
  return { reason: `undefined symbol ${symbol}: the module was ${how}`, abi: true }
}
