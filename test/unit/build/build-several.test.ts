/**
 * `pydebug build --variant a,b,c`: the variants of one source build side by side (a real build
 * step of a fake CPython whose configure behaves as autoconf's does with --cache-file).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCommand } from '../../../src/cli/build-command.js'
import { ConfigError } from '../../../src/errors.js'
import { BUILD_RECORD_FILE } from '../../../src/steps/build-python.js'
import { captureIo } from '../../helpers/cli-io.js'
import { CONFIGURE_WITH_CACHE, makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'

// Three release builds that differ only by options that change no configure check: they share configure's results.
const CONFIG = `python: ["3.11.2"]
custom-variants:
  release:
    configure-args: []
  release-nopymalloc:
    configure-args: [--without-pymalloc]
  release-trace-refs:
    configure-args: [--with-trace-refs]
`

describe.runIf(systemPython)('pydebug build with several variants', { timeout: 60_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-build-several-'))
  let tarball: string
  const args = (variants: string) => [
    '--python',
    '3.11.2',
    `--variant=${variants}`,
    '--config',
    path.join(root, 'pydebug.yml'),
    '--source',
    tarball,
    '--cache-dir',
    path.join(root, 'cache'),
    '--out',
    path.join(root, 'out'),
  ]

  beforeAll(async () => {
    writeFileSync(path.join(root, 'pydebug.yml'), CONFIG)
    // A configure of a second: long enough that the builds overlap.
    tarball = await makeFakeCpythonTarball(root, { configurePrelude: `${CONFIGURE_WITH_CACHE}\nsleep 1` })
  })

  it('builds them side by side: one unpacked tree, turns at configure (the later ones reuse the results), one log folder and one path each', async () => {
    const io = captureIo(root, { PATH: process.env.PATH })
    const code = await buildCommand.run(args('release,release-nopymalloc,release-trace-refs'), io)
    expect(io.err).not.toContain('failed')
    expect(code).toBe(0)
    const lines = io.out.trim().split('\n')
    expect(lines.slice(0, 3)).toEqual(['release cache: miss (built)', 'release-nopymalloc cache: miss (built)', 'release-trace-refs cache: miss (built)'])
    const paths = lines.slice(3).map((line) => line.split(' '))
    expect(paths.map(([variant]) => variant)).toEqual(['release', 'release-nopymalloc', 'release-trace-refs'])
    const records = paths.map(([, python]) => JSON.parse(readFileSync(path.join(path.dirname(path.dirname(python)), BUILD_RECORD_FILE), 'utf8')))
    // The first configure runs in full; the others waited for it and reused its results.
    expect(records.map((record) => record.configureResults).sort()).toEqual(['fresh', 'reused', 'reused'])
    expect(io.err).toMatch(/^\[release-(nopymalloc|trace-refs)\] waiting for the configure of another build of this source to finish/m)
    expect(io.err).toContain('building release, release-nopymalloc, release-trace-refs (CPython 3.11.2), 2 at once')
    for (const variant of ['release', 'release-nopymalloc', 'release-trace-refs'])
      expect(existsSync(path.join(root, 'out', variant, 'logs', 'build-configure.log'))).toBe(true)

    // Again: each restored from the cache.
    const again = captureIo(root, { PATH: process.env.PATH })
    expect(await buildCommand.run(args('release,release-trace-refs'), again)).toBe(0)
    expect(again.out.split('\n').slice(0, 2)).toEqual(['release cache: hit (local)', 'release-trace-refs cache: hit (local)'])
  })

  it('checks every variant before building any: an unknown one is a usage error naming --variant', async () => {
    const io = captureIo(root, { PATH: process.env.PATH })
    const failure = await buildCommand.run(args('release,relase-trace-refs'), io).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect((failure as Error).message).toMatch(/--variant.*relase-trace-refs/)
    expect(io.err).not.toContain('building')
  })
})
