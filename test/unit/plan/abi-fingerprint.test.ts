import { describe, expect, it } from 'vitest'
import { abiDifferences, abiFingerprintOf, describeAbiFingerprint, extensionAbiCflags, type AbiProbe } from '../../../src/plan/abi-fingerprint.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { VARIANTS } from '../../../src/catalog/variants.js'
import { planCell } from '../../../src/plan/cell.js'
import { readFixture } from '../../helpers/fixtures.js'

/** What the build step's probe printed for each interpreter (test/fixtures/README.md, "ABI probes"). */
const probe = (fixture: string) => JSON.parse(readFixture(fixture)) as { soabi: string; abiflags: string; abi: AbiProbe }
const PYDEBUG = probe('cpython-3.11.2-pydebug/abi-probe.json')
const TRACE_REFS = probe('cpython-3.11.2-trace-refs/abi-probe.json')
const RELEASE = probe('cpython-3.11.7-release/abi-probe.json')

describe('abiFingerprintOf (real probes of 3.11 interpreters)', () => {
  it('reads a pydebug interpreter: d SOABI, Py_DEBUG from pyconfig.h, Py_REF_DEBUG from sys.gettotalrefcount', () => {
    expect(abiFingerprintOf(PYDEBUG)).toEqual({
      label: 'cp311d',
      soabi: 'cpython-311d-x86_64-linux-gnu',
      abiflags: 'd',
      macros: ['Py_DEBUG', 'Py_REF_DEBUG'],
      sanitizers: [],
      // Py_REF_DEBUG is implied by Py_DEBUG in the headers: nothing for the extension build to add.
      missingFromSysconfig: [],
    })
  })

  it('tells trace-refs from pydebug although both have the SOABI cpython-311d', () => {
    const traceRefs = abiFingerprintOf(TRACE_REFS)!
    expect(traceRefs.soabi).toBe(abiFingerprintOf(PYDEBUG)!.soabi)
    expect(traceRefs).toMatchObject({ label: 'cp311d-tracerefs', macros: ['Py_DEBUG', 'Py_REF_DEBUG', 'Py_TRACE_REFS'] })
    expect(describeAbiFingerprint(traceRefs)).not.toBe(describeAbiFingerprint(abiFingerprintOf(PYDEBUG)!))
    expect(abiDifferences(abiFingerprintOf(PYDEBUG)!, traceRefs)).toEqual(['built without Py_TRACE_REFS'])
    expect(abiDifferences(traceRefs, traceRefs)).toEqual([])
  })

  it('reads a release interpreter: no ABI macro, no tag', () => {
    expect(abiFingerprintOf(RELEASE)).toMatchObject({ label: 'cp311', macros: [], sanitizers: [], missingFromSysconfig: [] })
  })

  it('ignores what needs no rebuild (pymalloc, PYMALLOC_DEBUG) and reads sanitizers and -D macros from CFLAGS', () => {
    const asan = {
      ...PYDEBUG,
      abi: { ...PYDEBUG.abi, cflags: `${PYDEBUG.abi.cflags} -fsanitize=address -fno-omit-frame-pointer -DPYMALLOC_DEBUG -DWITH_PYMALLOC` },
    }
    expect(abiFingerprintOf(asan)).toMatchObject({ label: 'cp311d-asan', macros: ['Py_DEBUG', 'Py_REF_DEBUG'], sanitizers: ['address'] })
    expect(describeAbiFingerprint(abiFingerprintOf(asan)!)).toBe('cpython-311d-x86_64-linux-gnu Py_DEBUG Py_REF_DEBUG -fsanitize=address')
    const inConfigure = { ...RELEASE, abi: { ...RELEASE.abi, cflags: `${RELEASE.abi.cflags} -DPy_REF_DEBUG`, sysAttributes: ['gettotalrefcount'] } }
    expect(abiFingerprintOf(inConfigure)).toMatchObject({ label: 'cp311-refdebug', macros: ['Py_REF_DEBUG'], missingFromSysconfig: [] })
  })

  it('gives a macro only `make EXTRA_CFLAGS` saw (sys has it, sysconfig does not) to the extension builds', () => {
    const makeOnly = { ...PYDEBUG, abi: { ...PYDEBUG.abi, sysAttributes: ['gettotalrefcount', 'getobjects'] } }
    const fingerprint = abiFingerprintOf(makeOnly)!
    expect(fingerprint).toMatchObject({ label: 'cp311d-tracerefs', missingFromSysconfig: ['Py_TRACE_REFS'] })
    expect(extensionAbiCflags({}, fingerprint)).toEqual(['-DPy_TRACE_REFS'])
    expect(extensionAbiCflags({ EXTRA_CFLAGS: '-DCOUNT_ALLOCS  -DPy_TRACE_REFS' }, fingerprint)).toEqual(['-DCOUNT_ALLOCS', '-DPy_TRACE_REFS'])
    // Built the right way (--with-trace-refs writes Py_TRACE_REFS into pyconfig.h), nothing is added.
    expect(extensionAbiCflags({}, abiFingerprintOf(TRACE_REFS))).toEqual([])
  })

  it("has no fingerprint for an interpreter whose SOABI is not CPython's", () => {
    expect(abiFingerprintOf({ ...PYDEBUG, soabi: 'pypy39-pp73' })).toBeUndefined()
    expect(abiFingerprintOf({ ...PYDEBUG, soabi: null })).toBeUndefined()
  })
})

describe('the catalog gives ABI macros to configure, where sysconfig records them (docs/abi.md)', () => {
  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))('%s', (_, variant) => {
    for (const version of ['3.6.15', '3.8.20', '3.11.2', '3.13.5']) {
      const planned = planCell(parsePythonVersion(version)!, variant)
      if (!planned.ok) continue
      const cflags = planned.cell.configureArgs.filter((arg) => arg.startsWith('CFLAGS=')).join(' ')
      for (const macro of planned.cell.macros) expect(cflags).toContain(`-D${macro}`)
      // make-time flags would reach the interpreter but not sysconfig, so not the extensions built later.
      expect(Object.keys(planned.cell.buildEnv)).not.toContain('EXTRA_CFLAGS')
    }
  })
})
