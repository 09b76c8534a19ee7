/**
 * A cache folder and a report folder inside the extension project (`--cache-dir .cache --out out`
 * run from the project, as a user may well do): the extension build copies the project without
 * them, and its source digest ignores them, so the second run reuses the first run's build.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeFakeCpythonTarball, systemPython } from '../../helpers/fake-cpython.js'
import { canBuildExtensions, runFaultCell, writeProbeProject } from '../../faults/fault-cell.js'

describe.runIf(systemPython && canBuildExtensions)('the cache and report folders inside the extension project', { timeout: 120_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-cache-inside-'))
  const project = writeProbeProject(path.join(root, 'project'))
  let tarball: string

  beforeAll(async () => {
    tarball = await makeFakeCpythonTarball(root)
  })

  it('builds from a copy without them, and a second run reuses that build', async () => {
    const options = { tarball, root, project, cacheDir: path.join(project, '.cache', 'pydebug'), outDir: path.join(project, 'pydebug-report') }
    const first = await runFaultCell(options)
    expect(first.outcome.report.error).toBeUndefined()
    expect(first.outcome.report.status).toBe('clean')
    const [build] = first.outcome.report.extensions
    expect(build.reused).toBe(false)
    // The copy the extension was built from holds the project, not the cache folder inside it.
    const copy = path.join(path.dirname(path.resolve(first.outDir, build.sitePath)), 'src')
    expect(existsSync(path.join(copy, 'probe.c'))).toBe(true)
    expect(existsSync(path.join(copy, '.cache', 'pydebug'))).toBe(false)
    expect(existsSync(path.join(copy, 'pydebug-report'))).toBe(false)

    const second = await runFaultCell(options)
    expect(second.outcome.report.status).toBe('clean')
    expect(second.outcome.report.extensions[0].reused).toBe(true)
  })
})
