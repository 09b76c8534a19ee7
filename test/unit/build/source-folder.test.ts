/**
 * `source` as a folder (an unpacked release or a git checkout): built out of tree as it is, named
 * in the cache key by the digest of its files (its .git left out), and checked to hold the version
 * asked for. A real build step of the fake CPython, whose folder is the tree its tarball was made from.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { parseRunConfig } from '../../../src/cli/run-options.js'
import { ConfigError, SourceError } from '../../../src/errors.js'
import { planCell } from '../../../src/plan/cell.js'
import { sourceTreeProblem } from '../../../src/plan/source.js'
import { ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { captureIo } from '../../helpers/cli-io.js'
import { fakeSourceFolderOf, makeFakeCpythonTarball, RELEASE_VARIANT, systemPython } from '../../helpers/fake-cpython.js'

const PY3112 = parsePythonVersion('3.11.2')!

describe("a source folder's version (Include/patchlevel.h)", () => {
  it('accepts the version asked for, and a development checkout of it (3.15.0a0+)', () => {
    expect(sourceTreeProblem('/src', '#define PY_VERSION              "3.11.2"\n', PY3112)).toBeUndefined()
    expect(sourceTreeProblem('/src', '#define PY_VERSION "3.15.0a0+"\n', parsePythonVersion('3.15.0a0')!)).toBeUndefined()
  })

  it('refuses another version, naming both, and a folder that is not CPython', () => {
    expect(sourceTreeProblem('/src', '#define PY_VERSION "3.13.5"\n', PY3112)).toBe(
      "/src holds CPython 3.13.5, not 3.11.2: give the folder's version (3.13.5) as the Python version, or another folder",
    )
    expect(sourceTreeProblem('/src', undefined, PY3112)).toBe('/src does not look like a CPython source folder: Include/patchlevel.h is missing')
    expect(sourceTreeProblem('/src', '/* nothing */\n', PY3112)).toMatch(/has no PY_VERSION$/)
  })
})

describe('source given as a folder', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-source-folder-'))

  it('is taken as a folder by the run options; source-sha256 with a folder is refused, naming both', () => {
    const folder = path.join(root, 'cpython')
    mkdirSync(folder, { recursive: true })
    const config = parseRunConfig(['--python', '3.11.2', '--source', folder, '--cpython-tests', 'none'], captureIo(root), { requireExtension: false })
    expect(config.source).toEqual({ kind: 'tree', path: folder })
    expect(() => parseRunConfig(['--python', '3.11.2', '--source', folder, '--sha256', 'a'.repeat(64)], captureIo(root), { requireExtension: false })).toThrow(
      ConfigError,
    )
    expect(() => parseRunConfig(['--python', '3.11.2', '--source', folder, '--sha256', 'a'.repeat(64)], captureIo(root), { requireExtension: false })).toThrow(
      /--sha256 is for a tarball, and --source '.*cpython' is a folder/,
    )
  })
})

describe.runIf(systemPython)('building from a source folder (a real build step)', { timeout: 60_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-source-folder-build-'))
  let folder: string
  const build = async (python = PY3112) => {
    const planned = planCell(python, RELEASE_VARIANT)
    if (!planned.ok) throw new Error(planned.refusal.reason)
    const context = await createStepContext(
      { cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'out') },
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, workspace: root, log: createStreamLogger(() => undefined) },
    )
    return ensureInterpreter(context, planned.cell, { kind: 'tree', path: folder }, { jobs: 1, keepBuildTree: false })
  }

  beforeAll(async () => {
    folder = fakeSourceFolderOf(await makeFakeCpythonTarball(root))
  })

  it('builds out of tree from the folder as it is, then restores while its files are the same (its .git aside), and rebuilds when one changes', async () => {
    const before = readdirSync(folder, { recursive: true }).sort()
    const first = await build()
    expect(first.cacheHit).toBe('none')
    expect(first.record.sourceIdentity).toEqual({ tree: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // Nothing written into the folder: configure ran in a build folder of its own.
    expect(readdirSync(folder, { recursive: true }).sort()).toEqual(before)

    mkdirSync(path.join(folder, '.git'), { recursive: true })
    writeFileSync(path.join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    expect((await build()).cacheHit).toBe('local')

    appendFileSync(path.join(folder, 'install.sh'), '# a local change\n')
    const changed = await build()
    expect(changed.cacheHit).toBe('none')
    expect(changed.cacheKey).not.toBe(first.cacheKey)
  })

  it('refuses a folder of another version before building, naming both', async () => {
    const failure = await build(parsePythonVersion('3.11.3')!).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(SourceError)
    expect((failure as Error).message).toBe(
      `${folder} holds CPython 3.11.2, not 3.11.3: give the folder's version (3.11.2) as the Python version, or another folder`,
    )
  })
})
