import { VARIANTS, type VariantSpec, type VersionRange } from '../catalog/variants.js'
import { compareMinor, interpreterTag, minorOf, type PythonVersion } from '../catalog/python-version.js'

/** Everything needed to build and run one matrix cell: one CPython version in one variant. */
export interface CellPlan {
  /** Stable identifier, e.g. `cp311-pydebug`; globs in `skip` match it. */
  readonly id: string
  readonly python: PythonVersion
  readonly variant: string
  /** configure arguments without `--prefix`, macros included as `CFLAGS=-D...`. */
  readonly configureArgs: readonly string[]
  readonly buildEnv: Readonly<Record<string, string>>
  readonly runtimeEnv: Readonly<Record<string, string>>
  /** `sys.abiflags` of the built interpreter. */
  readonly abiFlags: string
  /** Extensions built for cells with the same ABI group are reused between them. */
  readonly extensionAbi: string
  /** Folder inside the source tree for the out-of-tree build, as CPython's docs do it. */
  readonly buildDirName: string
}

export interface CellRefusal {
  readonly id: string
  readonly python: PythonVersion
  readonly variant: string
  readonly reason: string
  readonly source: string
  readonly alternative?: string
}

export type CellPlanResult = { readonly ok: true; readonly cell: CellPlan } | { readonly ok: false; readonly refusal: CellRefusal }

export function inRange(python: PythonVersion, range: VersionRange): boolean {
  return (range.from === undefined || compareMinor(python, range.from) >= 0) && (range.until === undefined || compareMinor(python, range.until) < 0)
}

export function cellId(python: PythonVersion, variant: string): string {
  return `${interpreterTag(python)}-${variant}`
}

export function planCell(python: PythonVersion, variant: VariantSpec): CellPlanResult {
  const id = cellId(python, variant.name)
  const refusal = variant.refusals?.find((rule) => inRange(python, rule))
  if (refusal) {
    return {
      ok: false,
      refusal: {
        id,
        python,
        variant: variant.name,
        reason: `${variant.name} is not available on CPython ${minorOf(python)}: ${refusal.reason}`,
        source: refusal.source,
        ...(refusal.alternative ? { alternative: refusal.alternative } : {}),
      },
    }
  }
  const macros = variant.macros ?? []
  const configureArgs = [...variant.configureArgs, ...(macros.length ? [`CFLAGS=${macros.map((macro) => `-D${macro}`).join(' ')}`] : [])]
  const abiFlags = abiFlagsOf(python, configureArgs)
  const ownAbi = variant.ownExtensionAbi?.find((rule) => inRange(python, rule))
  return {
    ok: true,
    cell: {
      id,
      python,
      variant: variant.name,
      configureArgs,
      buildEnv: { ...variant.buildEnv },
      runtimeEnv: { ...variant.runtimeEnv },
      abiFlags,
      extensionAbi: `${interpreterTag(python)}${abiFlags}${ownAbi ? `-${ownAbi.tag}` : ''}`,
      buildDirName: variant.name === 'pydebug' ? 'debug' : variant.name,
    },
  }
}

/** sys.abiflags as configure computes it (configure.ac: `t` before `d`; `m` for pymalloc before 3.8). */
export function abiFlagsOf(python: PythonVersion, configureArgs: readonly string[]): string {
  const has = (flag: string) => configureArgs.includes(flag)
  const pymalloc = compareMinor(python, '3.8') < 0 && !has('--without-pymalloc') && !has('--with-address-sanitizer') && !has('--with-memory-sanitizer')
  return `${has('--disable-gil') ? 't' : ''}${has('--with-pydebug') ? 'd' : ''}${pymalloc ? 'm' : ''}`
}

export function variantNames(): string[] {
  return VARIANTS.map((variant) => variant.name)
}
