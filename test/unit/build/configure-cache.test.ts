import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import type { VariantSpec } from '../../../src/catalog/variants.js'
import { planCell } from '../../../src/plan/cell.js'
import { configureCacheName, type ConfigureCacheInputs } from '../../../src/plan/configure-cache.js'
import { collectReport } from '../../../src/report/collect.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import { ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { CONFIGURE_WITH_CACHE, FAKE_CELL, makeFakeCpythonTarball, RELEASE_VARIANT, systemPython } from '../../helpers/fake-cpython.js'
import { validate } from '../../helpers/json-schema.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

const base: ConfigureCacheInputs = {
  python: '3.11.2',
  source: { sha256: 'a'.repeat(64) },
  platform: { os: 'linux', arch: 'x64', compiler: 'gcc (Debian 12.2.0-14) 12.2.0' },
  configureArgs: ['--with-pydebug'],
  env: { PATH: '/usr/bin', HOME: '/root' },
}

describe('which cells share configure results (plan/configure-cache.ts)', () => {
  const name = (change: Partial<ConfigureCacheInputs>) => configureCacheName({ ...base, ...change })

  it('shares between variants that differ only by options that change no configure check', () => {
    expect(name({ configureArgs: ['--with-pydebug', '--with-trace-refs'] })).toBe(name({}))
    expect(name({ configureArgs: ['--with-pydebug', '--without-pymalloc', '--with-valgrind'] })).toBe(name({}))
    expect(name({ configureArgs: ['--with-pydebug', '--disable-gil'] })).toBe(name({}))
    expect(name({})).toMatch(/^configure-3\.11\.2-[0-9a-f]{16}\.cache$/)
  })

  it('does not share across sanitizers, --with-pydebug, unknown options or option values', () => {
    const names = [
      name({}),
      name({ configureArgs: ['--with-pydebug', '--with-address-sanitizer', '--without-pymalloc'] }),
      name({ configureArgs: ['--with-pydebug', '--with-undefined-behavior-sanitizer'] }),
      name({ configureArgs: [] }),
      name({ configureArgs: ['--with-pydebug', '--with-lto'] }),
      name({ configureArgs: ['--with-pydebug', '--with-valgrind=/opt/valgrind'] }),
    ]
    expect(new Set(names).size).toBe(names.length)
  })

  it("does not share across versions, sources, platforms or compilers, nor across configure's precious variables", () => {
    const names = [
      name({}),
      name({ python: '3.11.3' }),
      name({ source: { sha256: 'b'.repeat(64) } }),
      name({ platform: { ...base.platform, compiler: 'clang version 14.0.6' } }),
      name({ env: { ...base.env, CC: 'clang' } }),
      name({ env: { ...base.env, CFLAGS: '-O1' } }),
      name({ env: { ...base.env, LDFLAGS: '-L/opt/lib' } }),
      name({ env: { ...base.env, LIBFFI_CFLAGS: '-I/opt/ffi' } }),
      name({ env: { ...base.env, PKG_CONFIG_PATH: '/opt/lib/pkgconfig' } }),
    ]
    expect(new Set(names).size).toBe(names.length)
    // Variables configure does not read leave it alone.
    expect(name({ env: { ...base.env, HOME: '/home/other', GITHUB_TOKEN: 'x' } })).toBe(name({}))
  })
})

describe.runIf(systemPython)('configure results shared between variants of one source (a real build step)', { timeout: 60_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-configure-cache-'))
  const cacheDir = path.join(root, 'cache')
  let tarball: string
  let messages: string[] = []
  const variant = (name: string, configureArgs: string[]): VariantSpec => ({ ...RELEASE_VARIANT, name, configureArgs })
  const build = async (spec: VariantSpec) => {
    const planned = planCell(parsePythonVersion('3.11.2')!, spec)
    if (!planned.ok) throw new Error(planned.refusal.reason)
    messages = []
    const context = await createStepContext(
      { cacheDir, outDir: path.join(root, `out-${spec.name}`) },
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: root, log: createStreamLogger((text) => messages.push(text)) },
    )
    return ensureInterpreter(context, planned.cell, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
  }
  const sharedFiles = () => readdirSync(path.join(cacheDir, 'configure')).filter((file) => file.endsWith('.cache'))

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root, { configurePrelude: CONFIGURE_WITH_CACHE })
  })

  it('the first variant runs configure in full and saves its results; the next reuses them; each record says which', async () => {
    const first = await build(RELEASE_VARIANT)
    expect(first.cacheHit).toBe('none')
    expect(first.record.configureResults).toBe('fresh')
    expect(Object.keys(first.record.phaseSeconds ?? {})).toEqual(['configure', 'make', 'install'])
    expect(first.record.installedBytes).toBeGreaterThan(0)
    expect(sharedFiles()).toHaveLength(1)

    const second = await build(variant('release-valgrind', ['--without-pymalloc', '--with-valgrind']))
    expect(second.cacheKey).not.toBe(first.cacheKey)
    expect(second.record.configureResults).toBe('reused')
    expect(readFileSync(path.join(root, 'out-release-valgrind', 'logs', 'build-configure.log'), 'utf8')).toContain('configure: loading cache')
    expect(sharedFiles()).toHaveLength(1)

    // The report and the summary say so, with each phase's time and the installed size.
    const report = collectReport({
      toolVersion: '0.1.0',
      generatedAt: '2026-12-02T00:00:00.000Z',
      cell: FAKE_CELL,
      interpreter: second,
      extensions: [],
      relative: (file) => file,
    })
    expect(report.interpreter?.build).toEqual({
      seconds: expect.any(Number),
      phaseSeconds: { configure: expect.any(Number), make: expect.any(Number), install: expect.any(Number) },
      configureResults: 'reused',
      installedBytes: second.record.installedBytes,
    })
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
    const row = renderSummaryMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith('| Interpreter |'))
    expect(row).toMatch(
      /^\| Interpreter \| built from source in [\d.]+ s \(configure \d+ s with an earlier configure's results, make \d+ s, make install \d+ s\) · 0 MB installed · `/,
    )
  })

  it('a configure that fails on reused results runs again in full: a warning, a good build, fresh results saved', async () => {
    const [shared] = sharedFiles()
    writeFileSync(path.join(cacheDir, 'configure', shared), 'ac_cv_env_CC_value=stale\n')
    const built = await build(variant('release-trace-refs', ['--with-trace-refs']))
    expect(built.cacheHit).toBe('none')
    expect(built.record.configureResults).toBe('fresh')
    expect(messages.filter((text) => text.startsWith('warning: '))).toEqual([
      `warning: configure failed with the reused results of ${path.join(cacheDir, 'configure', shared)} (configure: error: \`CC' has changed since the previous run:; log: ${path.join(root, 'out-release-trace-refs', 'logs', 'build-configure-with-reused-results.log')}): discarding them and running configure in full\n`,
    ])
    expect(readFileSync(path.join(root, 'out-release-trace-refs', 'logs', 'build-configure-with-reused-results.log'), 'utf8')).toContain(
      'has changed since the previous run',
    )
    expect(readFileSync(path.join(cacheDir, 'configure', shared), 'utf8')).not.toContain('stale')
  })

  it('a sanitizer variant keeps its own results', async () => {
    const built = await build(variant('release-ubsan', ['--with-undefined-behavior-sanitizer']))
    expect(built.record.configureResults).toBe('fresh')
    expect(sharedFiles()).toHaveLength(2)
    expect(existsSync(built.prefix)).toBe(true)
  })

  it('every build of the source shares one unpacked tree, each configuring in a folder of its own', async () => {
    const trees = readdirSync(path.join(cacheDir, 'source-trees'))
    expect(trees).toHaveLength(1)
    expect(trees[0]).toMatch(/^[0-9a-f]{16}$/)
    expect(readdirSync(path.join(cacheDir, 'source-trees', trees[0]))).toEqual(['Python-3.11.2'])
    // The last build found it there; its configure ran from the shared tree, out of tree.
    expect(messages.some((text) => text.includes(`is already unpacked: ${path.join(cacheDir, 'source-trees', trees[0], 'Python-3.11.2')}`))).toBe(true)
    expect(readdirSync(path.join(cacheDir, 'source-trees', trees[0], 'Python-3.11.2')).sort()).toEqual(['Include', 'configure', 'install.sh'])
  })

  it('two builds that unpack the same source at once end with one tree and no half-unpacked folder', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'pydebug-shared-tree-'))
    const otherTarball = await makeFakeCpythonTarball(fresh, { configurePrelude: `${CONFIGURE_WITH_CACHE}\necho "$0" > configure-path.txt` })
    const buildIn = async (spec: VariantSpec) => {
      const planned = planCell(parsePythonVersion('3.11.2')!, spec)
      if (!planned.ok) throw new Error(planned.refusal.reason)
      const context = await createStepContext(
        { cacheDir: path.join(fresh, 'cache'), outDir: path.join(fresh, `out-${spec.name}`) },
        { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: fresh, log: createStreamLogger(() => undefined) },
      )
      return ensureInterpreter(context, planned.cell, { kind: 'file', path: otherTarball }, { jobs: 1, keepBuildTree: true })
    }
    const built = await Promise.all([buildIn(RELEASE_VARIANT), buildIn(variant('release-trace-refs', ['--with-trace-refs']))])
    expect(built.map((install) => install.cacheHit)).toEqual(['none', 'none'])
    const trees = path.join(fresh, 'cache', 'source-trees')
    expect(readdirSync(trees)).toHaveLength(1)
    const tree = path.join(trees, readdirSync(trees)[0], 'Python-3.11.2')
    // Both configured from that tree, each in its own build folder.
    const configuredFrom = readdirSync(path.join(fresh, 'cache', 'work')).map((key) =>
      readdirSync(path.join(fresh, 'cache', 'work', key))
        .filter((entry) => existsSync(path.join(fresh, 'cache', 'work', key, entry, 'configure-path.txt')))
        .map((entry) => readFileSync(path.join(fresh, 'cache', 'work', key, entry, 'configure-path.txt'), 'utf8').trim()),
    )
    expect(configuredFrom.flat()).toEqual([path.join(tree, 'configure'), path.join(tree, 'configure')])
  })
})
