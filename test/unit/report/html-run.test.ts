import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from '../../../src/entry/cli.js'
import { renderHtmlReport } from '../../../src/report/html-report.js'
import type { Report } from '../../../src/report/model.js'
import { captureIo } from '../../helpers/cli-io.js'
import { spawnAsync } from '../../helpers/spawn.js'

// A run writes report.html beside report.json and summary.md, even one that stops at configure (the source made on the spot, as in failing-build.test.ts).
describe('pydebug run writes report.html', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-html-run-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('renders the report.json it wrote', async () => {
    const tree = path.join(root, 'tree', 'Python-3.11.2')
    mkdirSync(tree, { recursive: true })
    writeFileSync(path.join(tree, 'configure'), '#!/bin/sh\necho "configure: error: no acceptable C compiler found in \\$PATH" >&2\nexit 77\n')
    chmodSync(path.join(tree, 'configure'), 0o755)
    const tarball = path.join(root, 'broken-configure.tgz')
    expect((await spawnAsync(['tar', '-czf', tarball, '-C', path.join(root, 'tree'), 'Python-3.11.2'])).code).toBe(0)
    mkdirSync(path.join(root, 'ext', 'tests'), { recursive: true })
    const out = path.join(root, 'out')
    const code = await cli(
      ['run', '--python', '3.11.2', '--source', tarball, '--extension', 'ext', '--cache-dir', path.join(root, 'cache'), '--out', out],
      captureIo(root),
    )
    expect(code).toBe(4)
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report
    const html = readFileSync(path.join(out, 'report.html'), 'utf8')
    expect(html).toBe(renderHtmlReport(report))
    expect(html).toContain('configure: error: no acceptable C compiler found in $PATH')
  })
})
