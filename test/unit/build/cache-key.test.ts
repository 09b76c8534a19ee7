import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectPlatform } from '../../../src/adapters/platform.js'
import { createProcessRunner } from '../../../src/adapters/process.js'
import { cli } from '../../../src/entry/cli.js'
import { resolveSourceSpec } from '../../../src/plan/source.js'
import { captureIo } from '../../helpers/cli-io.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { findVariant } from '../../../src/catalog/variants.js'
import { planBuildCacheKey, type BuildKeyInputs } from '../../../src/plan/cache-key.js'
import { planCell } from '../../../src/plan/cell.js'

const cellFor = (version: string, variant: string) => {
  const planned = planCell(parsePythonVersion(version)!, findVariant(variant)!)
  if (!planned.ok) throw new Error(planned.refusal.reason)
  return planned.cell
}
const base: BuildKeyInputs = {
  cell: cellFor('3.11.2', 'pydebug'),
  source: { url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' },
  platform: { os: 'linux', arch: 'x64', image: 'ubuntu24', compiler: 'gcc (Debian 12.2.0-14) 12.2.0' },
}

describe('planBuildCacheKey', () => {
  it('is readable, stable and within the toolkit limits (no commas, at most 512 characters)', () => {
    const key = planBuildCacheKey(base)
    expect(key).toMatch(/^pydebug-1-linux-x64-cp311-pydebug-3\.11\.2-[0-9a-f]{16}$/)
    expect(planBuildCacheKey(base)).toBe(key)
    expect(key).not.toContain(',')
    expect(key.length).toBeLessThanOrEqual(512)
  })

  it('keeps the keys of existing caches (the build record stores what it digests, in the same order)', () => {
    expect(planBuildCacheKey(base)).toBe('pydebug-1-linux-x64-cp311-pydebug-3.11.2-87527eed9ccb9053')
  })

  it('gives cells that build the same interpreter one key: 3.10+ pymalloc-debug is the pydebug build, run with PYTHONMALLOC=pymalloc_debug', () => {
    const pymallocDebug = cellFor('3.11.2', 'pymalloc-debug')
    expect(pymallocDebug).toMatchObject({ id: 'cp311-pymalloc-debug', buildId: 'cp311-pydebug', runtimeEnv: { PYTHONMALLOC: 'pymalloc_debug' } })
    expect(planBuildCacheKey({ ...base, cell: pymallocDebug })).toBe(planBuildCacheKey(base))
    // Before 3.10 it defines PYMALLOC_DEBUG at build time: an interpreter of its own.
    expect(cellFor('3.9.2', 'pymalloc-debug').buildId).toBe('cp39-pymalloc-debug')
    expect(cellFor('3.11.2', 'trace-refs').buildId).toBe('cp311-trace-refs')
    expect(cellFor('3.13.5', 'free-threading').buildId).toBe('cp313t-free-threading')
  })

  it.each<[string, Partial<BuildKeyInputs>]>([
    ['another variant', { cell: cellFor('3.11.2', 'valgrind') }],
    ['another patch release', { cell: cellFor('3.11.3', 'pydebug') }],
    ['another tarball with the same version', { source: { sha256: 'ab'.repeat(32) } }],
    ['another compiler', { platform: { ...base.platform, compiler: 'clang version 14.0.6' } }],
    ['another runner image family', { platform: { ...base.platform, image: 'ubuntu22' } }],
  ])('changes with %s', (_, change) => {
    expect(planBuildCacheKey({ ...base, ...change })).not.toBe(planBuildCacheKey(base))
  })

  it('does not change with the runtime environment, which needs no rebuild', () => {
    const cell = { ...base.cell, runtimeEnv: { PYTHONMALLOC: 'malloc' } }
    expect(planBuildCacheKey({ ...base, cell })).toBe(planBuildCacheKey(base))
  })
})

describe('the matrix and the action agree on cache keys', () => {
  // The matrix computes keys from the runner label; the action from the machine it runs on.
  it.runIf(process.platform === 'linux' && process.arch === 'x64')('for a cell on ubuntu-24.04, where the runner sets ImageOS=ubuntu24', async () => {
    const io = captureIo(mkdtempSync(path.join(os.tmpdir(), 'pydebug-keys-')))
    expect(await cli(['matrix', '--python', '3.11.2', '--variants', 'pydebug,valgrind', '--os', 'ubuntu-24.04', '--format', 'json'], io), io.err).toBe(0)
    const cells = JSON.parse(io.out).include as { 'python-version': string; variant: string; 'cache-key': string }[]
    const platform = await detectPlatform(createProcessRunner(), { ImageOS: 'ubuntu24' })
    for (const cell of cells) {
      const python = parsePythonVersion(cell['python-version'])!
      const source = resolveSourceSpec(undefined, python, (file) => file)
      if (source.kind !== 'url') throw new Error('the default source is a URL')
      expect(planBuildCacheKey({ cell: cellFor(python.text, cell.variant), source: { url: source.url }, platform })).toBe(cell['cache-key'])
    }
    expect(cells).toHaveLength(2)
  })
})
