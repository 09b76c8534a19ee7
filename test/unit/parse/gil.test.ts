/**
 * The GIL check's parser. The warning's words are CPython 3.13.5's own format string
 * (Python/import.c, `PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "The global interpreter lock (GIL)
 * has been enabled to load module '%U', ...")`); the e2e test (test/e2e/variant-checks.test.ts)
 * reads it from a real 3.13.5 free-threaded build.
 */
import { describe, expect, it } from 'vitest'
import { GilParser } from '../../../src/parse/gil.js'
import { readFixture } from '../../helpers/fixtures.js'
import { scanText } from '../../helpers/parse-text.js'

const WARNING =
  "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'defects', which has not declared that it can run safely without the GIL. To override this behavior and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0."

describe('GilParser', () => {
  it('reads the module the warning names, whatever location the warnings module put before it, and the probe line', () => {
    const text = [`<frozen importlib._bootstrap>:488: ${WARNING}`, 'pydebug-gil: {"test": "test_object_leak", "gilEnabled": true}'].join('\n')
    const { results, unparsed } = scanText({ gil: new GilParser() }, text)
    expect(unparsed.count).toBe(0)
    expect(results.gil.warnings).toEqual([{ line: 1, module: 'defects', text: WARNING }])
    expect(results.gil.probes).toEqual([{ line: 2, test: 'test_object_leak', gilEnabled: true }])
  })

  it('reads the real probe log of 3.13.5t importing examples/defects, and with PYTHON_GIL=0', () => {
    const enabled = scanText({ gil: new GilParser() }, readFixture('cpython-3.13.5-free-threading/gil-probe-defects.txt'))
    expect(enabled.unparsed.count).toBe(0)
    expect(enabled.results.gil.warnings).toEqual([{ line: 1, module: 'defects', text: WARNING }])
    expect(enabled.results.gil.probes).toEqual([{ line: 2, test: 'test_clean', gilEnabled: true }])
    const forcedOff = scanText({ gil: new GilParser() }, readFixture('cpython-3.13.5-free-threading/gil-probe-defects-force-off.txt'))
    expect(forcedOff.results.gil.warnings).toEqual([])
    expect(forcedOff.results.gil.probes).toEqual([{ line: 1, test: 'test_clean', gilEnabled: false }])
  })

  it('never throws: a broken probe line is a diagnostic, other lines are left alone', () => {
    const { results, unparsed } = scanText({ gil: new GilParser() }, 'pydebug-gil: {"test": 1}\npydebug-gil: not json\nRuntimeWarning: something else\n')
    expect(results.gil.diagnostics.count).toBe(2)
    expect(results.gil.warnings).toEqual([])
    expect(unparsed.count).toBe(1)
  })
})
