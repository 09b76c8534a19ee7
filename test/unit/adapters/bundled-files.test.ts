import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { pytestPluginDir } from '../../../src/adapters/bundled-files.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

describe('pytestPluginDir', () => {
  it('finds the plugin from the sources (tsx, vitest)', () => {
    expect(pytestPluginDir()).toBe(path.join(REPO_ROOT, 'python'))
    expect(existsSync(path.join(pytestPluginDir(), 'pydebug_refleak.py'))).toBe(true)
  })

  it('finds it from each bundle in dist/<entry>/index.js, where the action and the CLI run', () => {
    for (const entry of ['main', 'cli']) {
      const bundle = path.join(REPO_ROOT, 'dist', entry, 'index.js')
      expect(pytestPluginDir(pathToFileURL(bundle).href)).toBe(path.join(REPO_ROOT, 'python'))
    }
  })

  it('is shipped in the npm package', () => {
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).files).toContain('python')
  })

  it('says the package is incomplete when the plugin is not there', () => {
    expect(() => pytestPluginDir(pathToFileURL('/nonexistent/a/b/index.js').href)).toThrow(/pydebug_refleak\.py\) was not found/)
  })
})

describe('examples/leaky-pytest', () => {
  it('builds the same C code as examples/leaky, so their verdicts can be compared', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'examples', 'leaky-pytest', 'leaky.c'), 'utf8')).toBe(
      readFileSync(path.join(REPO_ROOT, 'examples', 'leaky', 'leaky.c'), 'utf8'),
    )
  })
})
