import { describe, expect, it } from 'vitest'
import { ccacheDelta, ccacheEnv, masqueradeNames, parseCcacheStats } from '../../../src/plan/ccache.js'

describe('ccache for CPython builds (plan/ccache.ts)', () => {
  it('masquerades as the common compilers and as the first word of CC and CXX, never as a path', () => {
    expect(masqueradeNames({})).toEqual(['c++', 'cc', 'clang', 'clang++', 'g++', 'gcc'])
    expect(masqueradeNames({ CC: 'clang-16 -fno-omit-frame-pointer', CXX: 'clang++-16' })).toEqual([
      'c++',
      'cc',
      'clang',
      'clang++',
      'clang++-16',
      'clang-16',
      'g++',
      'gcc',
    ])
    expect(masqueradeNames({ CC: '/opt/cc/bin/gcc-13' })).toEqual(['c++', 'cc', 'clang', 'clang++', 'g++', 'gcc'])
  })

  it("puts the masquerade folder first on PATH and ccache's folder in the cache folder, unless CCACHE_DIR is set", () => {
    expect(ccacheEnv('/c/mask', '/c/ccache', { PATH: '/usr/bin:/bin' })).toEqual({ PATH: '/c/mask:/usr/bin:/bin', CCACHE_DIR: '/c/ccache' })
    expect(ccacheEnv('/c/mask', '/c/ccache', { PATH: '/usr/bin', CCACHE_DIR: '/home/me/.ccache' })).toEqual({
      PATH: '/c/mask:/usr/bin',
      CCACHE_DIR: '/home/me/.ccache',
    })
  })

  // Lines as `ccache --print-stats` (ccache 4.7.5, Debian 12) prints them.
  const stats = (direct: number, preprocessed: number, miss: number) =>
    [
      'autoconf_test\t0',
      `cache_miss\t${miss}`,
      'cache_size_kibibyte\t0',
      `direct_cache_hit\t${direct}`,
      'direct_cache_miss\t0',
      `preprocessed_cache_hit\t${preprocessed}`,
      'stats_updated_timestamp\t1796200149',
    ].join('\n')

  it('reads hits and misses from --print-stats and what one build added', () => {
    expect(parseCcacheStats(stats(10, 2, 5))).toEqual({ hits: 12, misses: 5 })
    expect(parseCcacheStats('Summary:\n  Hits: 0 / 0\n')).toBeUndefined()
    expect(ccacheDelta({ hits: 12, misses: 5 }, { hits: 400, misses: 5 })).toEqual({ hits: 388, misses: 0 })
    expect(ccacheDelta(undefined, { hits: 1, misses: 1 })).toBeUndefined()
  })
})
