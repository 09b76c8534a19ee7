import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import type { Report } from '../../../src/report/model.js'
import { captureIo } from '../../helpers/cli-io.js'
import { spawnAsync } from '../../helpers/spawn.js'

// Broken sources, made on the spot: what matters is that a failure keeps its logs and report.
describe('a run whose build fails', () => {
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-failing-'))
    const tree = path.join(root, 'tree', 'Python-3.11.2')
    mkdirSync(tree, { recursive: true })
    writeFileSync(
      path.join(tree, 'configure'),
      '#!/bin/sh\necho "checking for gcc... no"\necho "configure: error: no acceptable C compiler found in \\$PATH" >&2\nexit 77\n',
    )
    chmodSync(path.join(tree, 'configure'), 0o755)
    expect((await spawnAsync(['tar', '-czf', path.join(root, 'broken-configure.tgz'), '-C', path.join(root, 'tree'), 'Python-3.11.2'])).code).toBe(0)
    writeFileSync(path.join(root, 'not-a-tarball.tgz'), 'this is not gzip data')
    mkdirSync(path.join(root, 'ext', 'tests'), { recursive: true })
  })

  const run = async (tarball: string) => {
    const out = path.join(root, `out-${path.basename(tarball)}`)
    const io = captureIo(root)
    const code = await cli(['run', '--python', '3.11.2', '--source', tarball, '--extension', 'ext', '--cache-dir', path.join(root, 'cache'), '--out', out], io)
    return { code, io, out, report: JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report }
  }

  it('exits 4 and still writes report.json, summary.md and the configure log', async () => {
    const { code, io, out, report } = await run(path.join(root, 'broken-configure.tgz'))
    expect(code).toBe(4)
    expect(io.out).toMatch(/^status: build-failed \(configure failed \(exit 77\); full log: .*build-configure\.log\)$/m)
    expect(report).toMatchObject({
      schema: 1,
      status: 'build-failed',
      error: { kind: 'BuildError', log: 'logs/build-configure.log' },
      cell: { id: 'cp311-pydebug' },
      findings: [],
    })
    expect(report.error!.message).toContain('  | configure: error: no acceptable C compiler found in $PATH')
    expect(readFileSync(path.join(out, 'logs', 'build-configure.log'), 'utf8')).toBe(
      'checking for gcc... no\nconfigure: error: no acceptable C compiler found in $PATH\n',
    )
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('💥 the interpreter did not build')
    // No half-built interpreter (nor the build's lock) is left where the next run would take it for a cache hit.
    const cpython = path.join(root, 'cache', 'cpython')
    expect(existsSync(cpython) ? readdirSync(cpython) : []).toEqual([])
  })

  it('exits 3 when the source is not a tarball', async () => {
    const { code, report } = await run(path.join(root, 'not-a-tarball.tgz'))
    expect(code).toBe(3)
    expect(report).toMatchObject({ status: 'build-failed', error: { kind: 'SourceError' } })
    // Its members are listed before tar runs: the listing says what the file is not.
    expect(report.error!.message).toMatch(
      /^could not unpack .*not-a-tarball\.tgz: not a tar archive pydebug can read: neither plain tar nor compressed with gzip, xz, bzip2 or zstd$/,
    )
  })
})
