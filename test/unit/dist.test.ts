import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFiles } from '../../src/adapters/files.js'
import { TOOL_VERSION } from '../../src/version.js'
import { REPO_ROOT, spawnAsync } from '../helpers/spawn.js'

describe('dist/', () => {
  it('equals a fresh build of src/ (run `npm run build` and commit dist/)', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'pydebug-dist-'))
    const build = await spawnAsync([process.execPath, path.join(REPO_ROOT, 'scripts', 'build-dist.mjs'), fresh])
    expect(build.code, build.stderr).toBe(0)
    const committed = path.join(REPO_ROOT, 'dist')
    const relative = (root: string) => async () => (await listFiles(root)).map((file) => path.relative(root, file))
    const freshFiles = await relative(fresh)()
    expect(await relative(committed)()).toEqual(freshFiles)
    for (const file of freshFiles) {
      const same = readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file)))
      expect(same, `dist/${file} differs from a fresh build`).toBe(true)
    }
  }, 60_000)

  it('carries the package version', () => {
    expect(TOOL_VERSION).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version)
  })
})
