/**
 * An interpreter's ABI fingerprint: what an extension must be compiled with to run in it, read
 * from the interpreter itself (sysconfig and sys), not from the variant's name. A pydebug, a
 * valgrind and a pymalloc-debug interpreter of one release have the same fingerprint (the
 * allocator is chosen at run time), so one extension build serves all three; a trace-refs
 * interpreter of 3.8-3.12 keeps pydebug's SOABI (`cpython-311d`) but not its ABI, and gets its own.
 */
import { ABI_MACROS } from '../catalog/abi-macros.js'
import { compareMinor } from '../catalog/python-version.js'
import type { VersionRange } from '../catalog/variants.js'

/** What the interpreter probe reads for the fingerprint (steps/build-python.ts runs it). */
export interface AbiProbe {
  /** sysconfig.get_config_var of each ABI macro: pyconfig.h's defines (1, 0 or null). */
  readonly configVars: Readonly<Record<string, unknown>>
  /** sysconfig's CFLAGS: what setuptools compiles extensions with (configure's CFLAGS are in it, make's EXTRA_CFLAGS are not). */
  readonly cflags: string
  /** The ABI macros' `sys` attributes the interpreter has (sys.getobjects, ...): the truth about how it was compiled. */
  readonly sysAttributes: readonly string[]
}

export interface AbiFingerprint {
  /** `cp311d`, `cp311d-tracerefs`, `cp313td`, `cp311d-asan`: readable, part of extension build keys. */
  readonly label: string
  readonly soabi: string
  readonly abiflags: string
  /** The ABI macros (catalog/abi-macros.ts) the interpreter was compiled with, in the catalog's order. */
  readonly macros: readonly string[]
  /** `-fsanitize=` values in sysconfig's CFLAGS, sorted: extensions must be instrumented the same way. */
  readonly sanitizers: readonly string[]
  /**
   * ABI macros the interpreter has but sysconfig's CFLAGS and pyconfig.h do not carry (given to
   * `make` only): extension builds must be given them (`-D...` in CFLAGS), or they get another ABI.
   */
  readonly missingFromSysconfig: readonly string[]
}

/** Python code printing the AbiProbe as JSON members (inside the probe's dict); runs on 3.6+. */
export const ABI_PROBE_PYTHON = `"abi": {"configVars": {name: sysconfig.get_config_var(name) for name in ${JSON.stringify(ABI_MACROS.map((rule) => rule.macro))}},
  "cflags": sysconfig.get_config_var("CFLAGS") or "",
  "sysAttributes": [name for name in ${JSON.stringify(ABI_MACROS.flatMap((rule) => (rule.sysAttribute ? [rule.sysAttribute] : [])))} if hasattr(sys, name)]}`

const SOABI = /^cpython-(\d)(\d+)([a-z]*)(?:-|$)/

/** The fingerprint of an interpreter from its probe; undefined when the SOABI is not CPython's (then nothing can be shared). */
export function abiFingerprintOf(probe: { readonly soabi: string | null; readonly abiflags: string; readonly abi: AbiProbe }): AbiFingerprint | undefined {
  const match = probe.soabi ? SOABI.exec(probe.soabi) : null
  if (!probe.soabi || !match) return undefined
  const version = { major: Number(match[1]), minor: Number(match[2]) }
  const defines = new Set([...probe.abi.cflags.matchAll(/(?:^|\s)-D(\w+)(?:=(\S*))?/g)].filter((define) => define[2] !== '0').map((define) => define[1]))
  const applying = ABI_MACROS.filter((rule) => inMinorRange(version, rule))
  // What extension builds get from sysconfig: pyconfig.h, CFLAGS, and what the headers derive from those.
  const inSysconfig = (macro: string): boolean => {
    const rule = ABI_MACROS.find((candidate) => candidate.macro === macro)
    const implied = rule?.impliedBy && inMinorRange(version, { until: rule.impliedBy.until }) && inSysconfig(rule.impliedBy.macro)
    return truthy(probe.abi.configVars[macro]) || defines.has(macro) || Boolean(implied)
  }
  const has = applying.filter((rule) => inSysconfig(rule.macro) || (rule.sysAttribute !== undefined && probe.abi.sysAttributes.includes(rule.sysAttribute)))
  const sanitizers = [...new Set([...probe.abi.cflags.matchAll(/(?:^|\s)-fsanitize=(\S+)/g)].flatMap((flag) => flag[1].split(',')))].sort()
  // Py_DEBUG implies Py_REF_DEBUG: its tag only says something on a release build.
  const tags = has.filter((rule) => rule.tag && !(rule.macro === 'Py_REF_DEBUG' && has.some((other) => other.macro === 'Py_DEBUG'))).map((rule) => rule.tag!)
  return {
    label: [`cp${match[1]}${match[2]}${match[3]}`, ...tags, ...sanitizers.map(sanitizerTag)].join('-'),
    soabi: probe.soabi,
    abiflags: probe.abiflags,
    macros: has.map((rule) => rule.macro),
    sanitizers,
    missingFromSysconfig: has.filter((rule) => !inSysconfig(rule.macro)).map((rule) => rule.macro),
  }
}

/** The fingerprint as one line: what the extension build key digests and the report shows. Same text, same ABI. */
export function describeAbiFingerprint(fingerprint: Pick<AbiFingerprint, 'soabi' | 'macros' | 'sanitizers'>): string {
  return [fingerprint.soabi, ...fingerprint.macros, ...(fingerprint.sanitizers.length ? [`-fsanitize=${fingerprint.sanitizers.join(',')}`] : [])].join(' ')
}

/** What differs between the ABI an extension was built for and an interpreter's, in words; empty when they are the same. */
export function abiDifferences(
  builtFor: Pick<AbiFingerprint, 'soabi' | 'macros' | 'sanitizers'>,
  interpreter: Pick<AbiFingerprint, 'soabi' | 'macros' | 'sanitizers'>,
): string[] {
  const found: string[] = []
  if (builtFor.soabi !== interpreter.soabi) found.push(`SOABI ${builtFor.soabi} instead of ${interpreter.soabi}`)
  const without = interpreter.macros.filter((macro) => !builtFor.macros.includes(macro))
  const extra = builtFor.macros.filter((macro) => !interpreter.macros.includes(macro))
  if (without.length) found.push(`built without ${without.join(', ')}`)
  if (extra.length) found.push(`built with ${extra.join(', ')}, which the interpreter does not have`)
  if (builtFor.sanitizers.join(',') !== interpreter.sanitizers.join(',')) {
    found.push(`sanitizers ${builtFor.sanitizers.join(',') || 'none'} instead of ${interpreter.sanitizers.join(',') || 'none'}`)
  }
  return found
}

/**
 * The flags an extension build needs on top of sysconfig's CFLAGS: what the variant gave `make` in
 * EXTRA_CFLAGS (make reads it from the environment; sysconfig never records it), and the ABI macros
 * the interpreter has that sysconfig does not carry. Macros belong in configure's CFLAGS, which
 * sysconfig hands on (docs/abi.md); this covers interpreters built otherwise.
 */
export function extensionAbiCflags(
  variantBuildEnv: Readonly<Record<string, string>>,
  fingerprint: Pick<AbiFingerprint, 'missingFromSysconfig'> | undefined,
): string[] {
  const flags = (variantBuildEnv.EXTRA_CFLAGS ?? '').split(/\s+/).filter((flag) => flag)
  for (const macro of fingerprint?.missingFromSysconfig ?? []) {
    if (!flags.some((flag) => flag === `-D${macro}` || flag.startsWith(`-D${macro}=`))) flags.push(`-D${macro}`)
  }
  return flags
}

function truthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== 0 && value !== '0' && value !== ''
}

function sanitizerTag(sanitizer: string): string {
  return { address: 'asan', undefined: 'ubsan', thread: 'tsan', memory: 'msan' }[sanitizer] ?? sanitizer.replace(/[^a-z0-9]/gi, '')
}

function inMinorRange(version: { readonly major: number; readonly minor: number }, range: VersionRange): boolean {
  return (range.from === undefined || compareMinor(version, range.from) >= 0) && (range.until === undefined || compareMinor(version, range.until) < 0)
}
