/**
 * ccache for CPython's build, when the machine has it (issue 13): a rebuild of a cell whose cache
 * entry is gone (evicted, deleted, damaged) compiles nothing that ccache has seen.
 *
 * ccache runs in "masquerade" mode: a folder of links named like the compilers (`gcc`, `cc`,
 * `clang`, ...) pointing to ccache goes first on PATH for the build's commands, the way Debian's
 * /usr/lib/ccache works. CC keeps its plain name, so the interpreter's sysconfig (which extension
 * builds read) never names ccache, and an interpreter restored on a machine without ccache still
 * builds extensions. ccache finds the real compiler further down PATH. `CCACHE_DISABLE=1` in the
 * environment turns it off (ccache's own switch).
 */
import path from 'node:path'

/** Compiler names CPython's configure and make may run, besides those CC and CXX name. */
const COMMON_COMPILERS = ['cc', 'gcc', 'clang', 'c++', 'g++', 'clang++'] as const

/** The file names the masquerade folder needs: the common compilers and the first word of CC and CXX. */
export function masqueradeNames(env: Readonly<Record<string, string | undefined>>): string[] {
  const named = [env.CC, env.CXX].map((command) => command?.trim().split(/\s+/)[0]).filter((word): word is string => !!word && !word.includes('/'))
  return [...new Set([...COMMON_COMPILERS, ...named.map((word) => path.basename(word))])].sort()
}

/** The variables the build's commands get: the masquerade folder first on PATH, ccache's folder in the cache folder. */
export function ccacheEnv(masqueradeDir: string, ccacheDir: string, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return { PATH: [masqueradeDir, env.PATH].filter((part) => part).join(path.delimiter), CCACHE_DIR: env.CCACHE_DIR || ccacheDir }
}

/** ccache's counters of one compile-heavy command: the difference of `ccache --print-stats` before and after. */
export interface CcacheCounts {
  readonly hits: number
  readonly misses: number
}

/** `ccache --print-stats` (tab-separated `name\tvalue` lines, ccache 4) as hits and misses; undefined when it is not that. */
export function parseCcacheStats(text: string): CcacheCounts | undefined {
  const values = new Map<string, number>()
  for (const line of text.split('\n')) {
    const [name, value] = line.split('\t')
    if (name && value !== undefined && /^\d+$/.test(value.trim())) values.set(name.trim(), Number(value))
  }
  if (!values.has('cache_miss')) return undefined
  return { hits: (values.get('direct_cache_hit') ?? 0) + (values.get('preprocessed_cache_hit') ?? 0), misses: values.get('cache_miss') ?? 0 }
}

/** What one build added to the counters. */
export function ccacheDelta(before: CcacheCounts | undefined, after: CcacheCounts | undefined): CcacheCounts | undefined {
  if (!before || !after) return undefined
  return { hits: Math.max(0, after.hits - before.hits), misses: Math.max(0, after.misses - before.misses) }
}

/**
 * The Actions cache keys of ccache's folder for a build: saved under the build's own cache key; on
 * a miss, any earlier folder of the same version and variant helps (a new runner image or compiler
 * changes the build's key, not most objects).
 */
export function ccacheCacheKeys(buildCacheKey: string): { readonly key: string; readonly prefixes: string[] } {
  const withoutDigest = buildCacheKey.replace(/-[0-9a-f]{16}$/, '-')
  return { key: `pydebug-ccache-${buildCacheKey}`, prefixes: [`pydebug-ccache-${withoutDigest}`] }
}
