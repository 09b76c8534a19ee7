import { describe, expect, it } from 'vitest'
import { buildReport } from '../../../src/report/parsed-logs.js'
import { explainUndefinedSymbol, ImportErrorParser } from '../../../src/parse/import-error.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

// regrtest -R 1:1 -j1 on the 3.11.2 trace-refs interpreter, with a pydebug build of leaky on PYTHONPATH (fixtures/README.md).
const FIXTURE = 'cpython-3.11.2-trace-refs/regrtest-pydebug-module.txt'
const MODULE = '/tmp/pydebug-abi/pydebug-site/leaky.cpython-311d-x86_64-linux-gnu.so'

describe('a module built for another ABI, as the import fails (real trace-refs output)', () => {
  it('becomes an abi-mismatch problem owned by the test that imported it', () => {
    const parsed = parseLogText(readFixture(FIXTURE))
    // The line is also the end of regrtest's traceback: a regrtest log, with what the import error parser read in it.
    expect(parsed.kinds).toEqual(['regrtest'])
    expect(parsed.results['import-error']).toEqual({ undefinedSymbols: [{ line: 27, module: MODULE, symbol: 'PyModule_Create2', count: 1 }] })
    expect(parsed.problems.filter((problem) => problem.kind === 'abi-mismatch')).toEqual([
      {
        kind: 'abi-mismatch',
        severity: 'error',
        message: `leaky.cpython-311d-x86_64-linux-gnu.so was built for another ABI (undefined symbol PyModule_Create2: the module was compiled without Py_TRACE_REFS, which this interpreter has): rebuild it for this interpreter (${MODULE})`,
        source: 'import-error',
        logLine: 27,
        test: 'test_imports',
      },
    ])
    // The same with every parser offered every line: the routing lets the line reach it.
    expect(parseLogText(readFixture(FIXTURE), { routing: 'all' }).problems).toEqual(parsed.problems)
  })

  it('is a finding of its own next to the failed test, in the report', () => {
    const report = buildReport([{ path: FIXTURE, parsed: parseLogText(readFixture(FIXTURE)) }], new Date('2026-12-02T04:00:00Z'))
    expect(report.findings.map((finding) => [finding.kind, finding.test])).toContainEqual(['abi-mismatch', 'test_imports'])
  })

  it("reads the line behind any prefix (pytest's `E   `), once per module and symbol, and leaves other undefined symbols to the test's failure", () => {
    const parser = new ImportErrorParser()
    expect(parser.next(`E   ImportError: ${MODULE}: undefined symbol: PyModule_Create2`, 1)).toBe(true)
    expect(parser.next(`ImportError: ${MODULE}: undefined symbol: PyModule_Create2`, 9)).toBe(true)
    expect(parser.next('ImportError: cannot import name x', 10)).toBe(false)
    expect(parser.end().undefinedSymbols).toEqual([{ line: 1, module: MODULE, symbol: 'PyModule_Create2', count: 2 }])
    expect(explainUndefinedSymbol('PyModule_Create2TraceRefs').reason).toBe(
      'undefined symbol PyModule_Create2TraceRefs: the module was compiled with Py_TRACE_REFS, which this interpreter lacks',
    )
    expect(explainUndefinedSymbol('_Py_RefTotal')).toEqual({
      reason: 'undefined symbol _Py_RefTotal: the module was compiled with Py_REF_DEBUG, which this interpreter lacks',
      abi: true,
    })
    const cxx = parseLogText('ImportError: /x/fast.cpython-311d-x86_64-linux-gnu.so: undefined symbol: _ZTVN10__cxxabiv117__class_type_infoE\n')
    expect(cxx.problems).toEqual([])
  })
})
