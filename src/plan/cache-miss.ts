import type { BuildKeyMaterial, SourceIdentity } from './cache-key.js'
import type { ExtensionKeyInputs } from './extension-build.js'

/** One side of an interpreter key comparison: what is wanted now, or what a cached build recorded. */
export interface InterpreterKeyFacts {
  /** What the key digests; absent from build records written before pydebug recorded it. */
  readonly material?: BuildKeyMaterial
  /** CC as set in the environment, when it was. */
  readonly compilerCommand?: string
  /** The compiler CPython names in sys.version, e.g. `GCC 12.2.0`: what "the default compiler" was. */
  readonly builtWith?: string
}

/**
 * Why none of the cached builds of the same version and variant fits the wanted key: the
 * differences from the closest one, e.g. "the compiler differs: CC=clang (...) instead of ...".
 * Undefined when there is nothing cached to compare with.
 */
export function explainCacheMiss(
  wanted: InterpreterKeyFacts & { readonly material: BuildKeyMaterial },
  cached: readonly InterpreterKeyFacts[],
): string | undefined {
  return explainClosest(
    cached,
    'cached build',
    (candidate) => candidate.material && interpreterDifferences(wanted, { ...candidate, material: candidate.material }),
  )
}

/** Why an earlier build of the same project and ABI was not reused (same shape as explainCacheMiss). */
export function explainExtensionRebuild(wanted: ExtensionKeyInputs, earlier: readonly (ExtensionKeyInputs | undefined)[]): string | undefined {
  return explainClosest(earlier, 'earlier build', (candidate) => candidate && extensionDifferences(wanted, candidate))
}

/** `GCC 12.2.0` from `3.11.2 (main, Nov 24 2026, 10:00:00) [GCC 12.2.0]`. */
export function compilerFromSysVersion(sysVersion: string | undefined): string | undefined {
  return sysVersion ? /\[([^\]]+)\]\s*$/.exec(sysVersion)?.[1].trim() || undefined : undefined
}

/** Candidates whose recorded inputs are unknown give undefined; the closest known one (fewest differences, earliest listed) explains the miss. */
function explainClosest<T>(candidates: readonly T[], noun: string, differences: (candidate: T) => string[] | undefined): string | undefined {
  if (candidates.length === 0) return undefined
  const known = candidates.map(differences).filter((found): found is string[] => found !== undefined && found.length > 0)
  if (known.length === 0) {
    return candidates.length === 1
      ? `the ${noun} predates recorded keys, so what differs is unknown`
      : `the ${candidates.length} ${noun}s predate recorded keys, so what differs is unknown`
  }
  const closest = known.reduce((best, found) => (found.length < best.length ? found : best))
  return `${known.length > 1 ? `the closest of ${known.length} ${noun}s differs: ` : ''}${closest.join('; ')}`
}

function interpreterDifferences(
  wanted: InterpreterKeyFacts & { readonly material: BuildKeyMaterial },
  cached: InterpreterKeyFacts & { readonly material: BuildKeyMaterial },
): string[] {
  const now = wanted.material
  const before = cached.material
  const found: string[] = []
  if (now.salt !== before.salt) found.push(`pydebug's cache layout changed (salt ${now.salt} instead of ${before.salt})`)
  if (now.python !== before.python) found.push(`the CPython version differs: ${now.python} instead of ${before.python}`)
  if (!sameJson(now.source, before.source))
    found.push(`the source differs: ${describeSourceIdentity(now.source)} instead of ${describeSourceIdentity(before.source)}`)
  if (!sameJson(now.configureArgs, before.configureArgs)) {
    found.push(`configure arguments differ: ${now.configureArgs.join(' ') || '(none)'} instead of ${before.configureArgs.join(' ') || '(none)'}`)
  }
  const envChanges = describeEnvChanges(Object.fromEntries(now.buildEnv), Object.fromEntries(before.buildEnv))
  if (envChanges) found.push(`the variant's build environment differs: ${envChanges}`)
  const platformChanges = (['os', 'arch', 'image'] as const)
    .filter((fact) => now.platform[fact] !== before.platform[fact])
    .map((fact) => `${fact} ${now.platform[fact] ?? 'unknown'} instead of ${before.platform[fact] ?? 'unknown'}`)
  if (platformChanges.length) found.push(`the platform differs: ${platformChanges.join(', ')}`)
  if (now.platform.compiler !== before.platform.compiler) {
    found.push(
      `the compiler differs: ${describeCompiler(wanted)} instead of ${describeCompiler(cached)}; CPython's build takes CC from the environment too, not only the extension's`,
    )
  }
  return found
}

function extensionDifferences(wanted: ExtensionKeyInputs, earlier: ExtensionKeyInputs): string[] {
  const found: string[] = []
  if (wanted.sourceDigest !== earlier.sourceDigest) found.push('the sources changed')
  const withVersion = (inputs: ExtensionKeyInputs) => (name: string, value: string) => {
    const version = inputs.compilerVersions[name]
    return `${name}=${value}${version && version !== value ? ` (${version})` : ''}`
  }
  const envChanges = describeEnvChanges(wanted.compilerEnv, earlier.compilerEnv, withVersion(wanted), withVersion(earlier))
  if (envChanges) found.push(`compiler variables differ: ${envChanges}`)
  // Same command, another compiler behind it (an upgrade, another PATH).
  for (const name of Object.keys(wanted.compilerVersions).sort()) {
    const [now, before] = [wanted.compilerVersions[name], earlier.compilerVersions[name]]
    if (wanted.compilerEnv[name] === earlier.compilerEnv[name] && now !== before) {
      found.push(`the compiler behind ${name}=${wanted.compilerEnv[name]} differs: ${now} instead of ${before ?? 'an unknown version'}`)
    }
  }
  if (wanted.abiFingerprint !== undefined && earlier.abiFingerprint !== undefined) {
    if (wanted.abiFingerprint !== earlier.abiFingerprint)
      found.push(`the interpreter's ABI differs: ${wanted.abiFingerprint} instead of ${earlier.abiFingerprint}`)
    if (wanted.interpreterCompiler !== earlier.interpreterCompiler) {
      found.push(
        `the interpreter was built with another compiler (setuptools' default when CC is unset): ${wanted.interpreterCompiler ?? 'unknown'} instead of ${earlier.interpreterCompiler ?? 'unknown'}`,
      )
    }
  } else if (earlier.abiFingerprint === undefined && wanted.abiFingerprint !== undefined) {
    found.push(`the earlier build was keyed by its interpreter (${earlier.interpreterKey ?? 'unknown'}), before builds were keyed by ABI fingerprint`)
  } else if (wanted.interpreterKey !== earlier.interpreterKey)
    found.push(`the interpreter differs: ${wanted.interpreterKey ?? 'unknown'} instead of ${earlier.interpreterKey ?? 'unknown'}`)
  const buildEnvChanges = describeEnvChanges(wanted.buildEnv ?? {}, earlier.buildEnv ?? {})
  if (buildEnvChanges) found.push(`build-env differs: ${buildEnvChanges}`)
  if (wanted.buildCommand !== earlier.buildCommand)
    found.push(`the build command differs: ${wanted.buildCommand ?? 'the default build'} instead of ${earlier.buildCommand ?? 'the default build'}`)
  return found
}

function describeCompiler({ material, compilerCommand, builtWith }: InterpreterKeyFacts): string {
  const version = material?.platform.compiler
  if (!version) return `the default compiler${builtWith ? ` (${builtWith})` : ''} with CC unset`
  if (!compilerCommand) return `${version} (from CC)`
  return compilerCommand === version ? `CC=${compilerCommand}` : `CC=${compilerCommand} (${version})`
}

function describeSourceIdentity(source: SourceIdentity): string {
  if ('url' in source) return source.url
  return 'tree' in source ? `a source folder whose files digest to ${source.tree.slice(0, 12)}…` : `a tarball with sha256 ${source.sha256.slice(0, 12)}…`
}

/** `CC=clang instead of CC unset, CFLAGS unset instead of CFLAGS=-O0`: only the variables whose values differ. */
function describeEnvChanges(
  now: Readonly<Record<string, string>>,
  before: Readonly<Record<string, string>>,
  describeNow = (name: string, value: string) => `${name}=${value}`,
  describeBefore = describeNow,
): string {
  const names = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort()
  return names
    .filter((name) => now[name] !== before[name])
    .map(
      (name) =>
        `${Object.hasOwn(now, name) ? describeNow(name, now[name]) : `${name} unset`} instead of ${Object.hasOwn(before, name) ? describeBefore(name, before[name]) : `${name} unset`}`,
    )
    .join(', ')
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
