/**
 * configure's results (its `config.cache`) shared between the cells of one CPython source: a
 * second variant's configure then takes about 20 s instead of about 95 s on a 2-core machine
 * (issue 13). CPython's own CI keeps a config.cache the same way (`--config-cache`).
 *
 * Two configure runs may share results only when every check would come out the same: the same
 * source, machine and compiler, the same "precious" variables (configure refuses a cache made
 * with other values of CC, CFLAGS, LDFLAGS, ...), and configure options that differ only by ones
 * the catalog marks as changing no check (`sharesConfigureResults` in catalog/build-rules.ts).
 */
import { findConfigureOption } from '../catalog/build-rules.js'
import { sha256Hex, type PlatformFacts, type SourceIdentity } from './cache-key.js'

/** Bump to stop every saved configure cache being reused, e.g. when what they are keyed by was wrong. */
const CONFIGURE_CACHE_SALT = '1'

/**
 * The variables configure reads from the environment and records in its cache (its
 * `ac_precious_vars`: CC, CFLAGS, LDFLAGS, LIBS, CPPFLAGS, CPP, PKG_CONFIG*, MACHDEP, HOSTRUNNER,
 * PROFILE_TASK and the `<LIB>_CFLAGS` / `<LIB>_LIBS` pairs of each optional library).
 */
const PRECIOUS_VARIABLE =
  /^(?:CC|CPP|CFLAGS|CPPFLAGS|LDFLAGS|LIBS|MACHDEP|HOSTRUNNER|PROFILE_TASK|PKG_CONFIG(?:_PATH|_LIBDIR)?|[A-Z0-9]+(?:_[A-Z0-9]+)*_(?:CFLAGS|LIBS))$/

export interface ConfigureCacheInputs {
  readonly python: string
  readonly source: SourceIdentity
  readonly platform: PlatformFacts
  readonly configureArgs: readonly string[]
  /** The environment configure runs with: the runner's, with the cell's build variables over it. */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** True when an argument changes none of configure's cached results (unknown arguments do, to be safe). */
export function sharesConfigureResults(arg: string): boolean {
  return findConfigureOption(arg)?.sharesConfigureResults === true && !arg.includes('=')
}

/** The name of the configure cache a cell reads and writes: `configure-3.11.2-<digest>.cache`. */
export function configureCacheName(inputs: ConfigureCacheInputs): string {
  const material = {
    salt: CONFIGURE_CACHE_SALT,
    python: inputs.python,
    source: inputs.source,
    platform: inputs.platform,
    configureArgs: inputs.configureArgs.filter((arg) => !sharesConfigureResults(arg)).sort(),
    env: Object.entries(inputs.env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && PRECIOUS_VARIABLE.test(entry[0]))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }
  return `configure-${inputs.python}-${sha256Hex(JSON.stringify(material)).slice(0, 16)}.cache`
}
