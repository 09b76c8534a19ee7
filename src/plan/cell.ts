import { VARIANTS, type VariantSpec, type VersionRange } from '../catalog/variants.js'
import { compareMinor, interpreterTag, minorOf, type PythonVersion } from '../catalog/python-version.js'
import { COMBINATIONS, RUNTIME_ENV_RULES, findConfigureOption, findMacro, optionName, type AbiRule } from '../catalog/build-rules.js'

/** Everything needed to build and run one matrix cell: one CPython version in one variant. */
export interface CellPlan {
  /** Stable identifier, e.g. `cp311-pydebug`; globs in `skip` match it. */
  readonly id: string
  /**
   * The cell whose interpreter this one's is: its own id, or that of the first catalog variant
   * configured the same way on this version (3.10+ `pymalloc-debug` is the pydebug build run with
   * PYTHONMALLOC=pymalloc_debug): the interpreter's cache key, so such cells share one build.
   */
  readonly buildId: string
  readonly python: PythonVersion
  readonly variant: string
  /** configure arguments without `--prefix`, macros included as `CFLAGS=-D...`. */
  readonly configureArgs: readonly string[]
  readonly buildEnv: Readonly<Record<string, string>>
  readonly runtimeEnv: Readonly<Record<string, string>>
  /** `sys.abiflags` of the built interpreter. */
  readonly abiFlags: string
  /** The ABI group an extension build is made for; a build is reused only for the same interpreter (plan/extension-build.ts). */
  readonly extensionAbi: string
  /** Folder inside the source tree for the out-of-tree build, as CPython's docs do it. */
  readonly buildDirName: string
  /** C macros the build defines (also part of configureArgs as CFLAGS). */
  readonly macros: readonly string[]
  /** Whether the user's extensions must be compiled for this cell rather than reused from a release build. */
  readonly extensionRebuild: ExtensionRebuild
  /** Set when the variant as named does not exist on this version and an equivalent is built instead. */
  readonly substitution?: { readonly reason: string; readonly source: string }
}

export interface ExtensionRebuild {
  /** `required`: a release-built extension would not load or would crash; `instrumented`: it loads, but the checks cannot see into it. */
  readonly need: 'required' | 'instrumented' | 'not-needed'
  readonly reason: string
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

/** `cp311-pydebug`; free-threaded cells carry the `t` of their ABI, as cibuildwheel's `cp313t-*`. */
export function cellId(python: Pick<PythonVersion, 'major' | 'minor'>, variant: string, freeThreaded = false): string {
  return `${interpreterTag(python)}${freeThreaded ? 't' : ''}-${variant}`
}

export function isFreeThreaded(configureArgs: readonly string[]): boolean {
  return configureArgs.includes('--disable-gil')
}

export function planCell(python: PythonVersion, variant: VariantSpec): CellPlanResult {
  const id = cellId(python, variant.name, isFreeThreaded(variant.configureArgs))
  const refuse = (reason: string, source: string, alternative?: string): CellPlanResult => ({
    ok: false,
    refusal: {
      id,
      python,
      variant: variant.name,
      reason: `${variant.name} is not available on CPython ${minorOf(python)}: ${reason}`,
      source,
      ...(alternative ? { alternative } : {}),
    },
  })
  const refusal = variant.refusals?.find((rule) => inRange(python, rule))
  if (refusal) return refuse(refusal.reason, refusal.source, refusal.alternative)

  const adjustment = variant.adjustments?.find((rule) => inRange(python, rule))
  const baseArgs = adjustment?.configureArgs ?? variant.configureArgs
  const macros = adjustment?.macros ?? variant.macros ?? []
  const runtimeEnv = adjustment?.runtimeEnv ?? variant.runtimeEnv ?? {}

  const problem = findBuildProblem(python, baseArgs, macros, runtimeEnv)
  if (problem) return refuse(problem.reason, problem.source, problem.alternative)

  const configureArgs = withMacros(baseArgs, macros)
  const buildEnv = { ...variant.buildEnv }
  const sameBuild = VARIANTS.slice(0, Math.max(0, VARIANTS.indexOf(variant))).find((candidate) => sameBuildAs(python, candidate, configureArgs, buildEnv))
  const abiFlags = abiFlagsOf(python, configureArgs)
  const abiRules = extensionAbiRules(python, baseArgs, macros)
  const tags = [...new Set(abiRules.map((rule) => rule.tag))]
  return {
    ok: true,
    cell: {
      id,
      buildId: sameBuild ? cellId(python, sameBuild.name, isFreeThreaded(configureArgs)) : id,
      python,
      variant: variant.name,
      configureArgs,
      buildEnv,
      runtimeEnv: { ...runtimeEnv },
      abiFlags,
      extensionAbi: `${interpreterTag(python)}${abiFlags}${tags.map((tag) => `-${tag}`).join('')}`,
      buildDirName: variant.name === 'pydebug' ? 'debug' : variant.name,
      macros: [...macros],
      extensionRebuild: extensionRebuildOf(python, abiFlags, abiRules),
      ...(adjustment?.equivalent ? { substitution: { reason: adjustment.reason, source: adjustment.source } } : {}),
    },
  }
}

/** Whether a catalog variant builds, on this version, the interpreter these configure arguments and build variables build. */
function sameBuildAs(python: PythonVersion, candidate: VariantSpec, configureArgs: readonly string[], buildEnv: Readonly<Record<string, string>>): boolean {
  if (candidate.refusals?.some((rule) => inRange(python, rule))) return false
  const adjustment = candidate.adjustments?.find((rule) => inRange(python, rule))
  const args = withMacros(adjustment?.configureArgs ?? candidate.configureArgs, adjustment?.macros ?? candidate.macros ?? [])
  const env = Object.entries(candidate.buildEnv ?? {}).sort()
  return JSON.stringify(args) === JSON.stringify(configureArgs) && JSON.stringify(env) === JSON.stringify(Object.entries(buildEnv).sort())
}

/** Macros go into configure's CFLAGS (so sysconfig hands them to extension builds too); configure keeps only the last CFLAGS=, so merge into a given one. */
function withMacros(configureArgs: readonly string[], macros: readonly string[]): string[] {
  if (!macros.length) return [...configureArgs]
  const defines = macros.map((macro) => `-D${macro}`).join(' ')
  const given = configureArgs.findIndex((arg) => arg.startsWith('CFLAGS='))
  if (given === -1) return [...configureArgs, `CFLAGS=${defines}`]
  return configureArgs.map((arg, index) => (index === given ? `${arg} ${defines}` : arg))
}

interface BuildProblem {
  readonly reason: string
  readonly source: string
  readonly alternative?: string
}

/** The first rule from the catalog's tables that this build breaks on this version. */
function findBuildProblem(
  python: PythonVersion,
  configureArgs: readonly string[],
  macros: readonly string[],
  runtimeEnv: Readonly<Record<string, string>>,
): BuildProblem | undefined {
  for (const arg of configureArgs) {
    const option = findConfigureOption(arg)
    if (option && !inRange(python, option)) {
      const when = option.from && compareMinor(python, option.from) < 0 ? `was added in ${option.from}` : `was removed in ${option.until}`
      return { reason: `configure option ${optionName(arg)} ${when}`, source: option.source }
    }
  }
  for (const macro of macros) {
    const rule = findMacro(macro)
    if (rule && !inRange(python, rule))
      return { reason: rule.outsideRange, source: rule.source, ...(rule.alternative ? { alternative: rule.alternative } : {}) }
  }
  const present = new Set([...configureArgs.map(optionName), ...macros.map(optionName)])
  for (const rule of COMBINATIONS) {
    if (inRange(python, rule) && rule.all.every((item) => present.has(item))) {
      return { reason: `${rule.all.join(' with ')}: ${rule.reason}`, source: rule.source, ...(rule.alternative ? { alternative: rule.alternative } : {}) }
    }
  }
  for (const rule of RUNTIME_ENV_RULES) {
    const value = runtimeEnv[rule.variable]
    if (value === undefined || !rule.values.includes(value) || !inRange(python, rule)) continue
    if (rule.whenAny && !rule.whenAny.some((item) => present.has(item))) continue
    return { reason: `${rule.variable}=${value}: ${rule.reason}`, source: rule.source }
  }
  return undefined
}

function extensionAbiRules(python: PythonVersion, configureArgs: readonly string[], macros: readonly string[]): AbiRule[] {
  const fromOptions = configureArgs.flatMap((arg) => findConfigureOption(arg)?.abi ?? [])
  // Py_DEBUG implies Py_REF_DEBUG, so only a release build with the macro has an ABI of its own.
  const implied = configureArgs.includes('--with-pydebug') ? ['Py_REF_DEBUG'] : []
  const fromMacros = macros.filter((macro) => !implied.includes(optionName(macro))).flatMap((macro) => findMacro(macro)?.abi ?? [])
  return [...fromOptions, ...fromMacros].filter((rule) => inRange(python, rule))
}

function extensionRebuildOf(python: PythonVersion, abiFlags: string, abiRules: readonly AbiRule[]): ExtensionRebuild {
  if (abiFlags.includes('t')) return { need: 'required', reason: 'free-threaded builds load only cp3XXt extensions (PR #109922)' }
  const abi = abiRules.find((rule) => (rule.kind ?? 'abi') === 'abi')
  if (abi) return { need: 'required', reason: abi.reason }
  if (abiFlags.includes('d') && compareMinor(python, '3.8') < 0) {
    return { need: 'required', reason: 'before 3.8 a debug build has its own ABI and does not load release extensions (bpo-36465, bpo-36722)' }
  }
  const instrumentation = abiRules.find((rule) => rule.kind === 'instrumentation')
  if (instrumentation) return { need: 'instrumented', reason: instrumentation.reason }
  return {
    need: 'not-needed',
    reason: compareMinor(python, '3.8') >= 0 ? 'same ABI as a release build on Unix since 3.8 (bpo-36465, bpo-36722)' : 'release ABI',
  }
}

/** sys.abiflags as configure computes it (configure.ac: `t` before `d`; `m` for pymalloc before 3.8). */
function abiFlagsOf(python: PythonVersion, configureArgs: readonly string[]): string {
  const has = (flag: string) => configureArgs.includes(flag)
  const pymalloc = compareMinor(python, '3.8') < 0 && !has('--without-pymalloc') && !has('--with-address-sanitizer') && !has('--with-memory-sanitizer')
  return `${has('--disable-gil') ? 't' : ''}${has('--with-pydebug') ? 'd' : ''}${pymalloc ? 'm' : ''}`
}
