import { FAKE_CELL } from '../../helpers/fake-cpython.js'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { MANIFEST_FILE } from '../../../src/plan/prefix-manifest.js'
import { collectReport } from '../../../src/report/collect.js'
import { renderSummaryMarkdown } from '../../../src/report/summary-md.js'
import type { ExtensionBuild, InterpreterInstall } from '../../../src/report/step-results.js'
import { ensureExtension } from '../../../src/steps/build-extension.js'
import { BUILD_RECORD_FILE, ensureInterpreter } from '../../../src/steps/build-python.js'
import { createStepContext } from '../../../src/steps/context.js'
import { spawnAsync } from '../../helpers/spawn.js'
import { validate } from '../../helpers/json-schema.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

/**
 * The real steps on real files, without a CPython build: the "CPython source" is a tarball whose
 * configure and make install put this machine's python3 into the prefix, which is enough for the
 * cache keys, the build records, the probe and a real setuptools build of a tiny C extension.
 */
const systemPython = spawnSync('python3', ['-c', 'import sys, setuptools; print(sys.executable)'], { encoding: 'utf8' })
const pythonPath = systemPython.status === 0 ? systemPython.stdout.trim() : undefined
const hasCompilers = ['gcc', 'clang'].every((compiler) => spawnSync(compiler, ['--version']).status === 0)
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'report-v1.schema.json'), 'utf8'))

// A release build: the probe of a release python3 passes its checks.
const cell = FAKE_CELL

// Real setuptools builds: a few seconds each on a busy machine.
describe.runIf(pythonPath && hasCompilers)('why an interpreter or an extension is rebuilt, and the extension build environment', { timeout: 120_000 }, () => {
  let root: string
  let tarball: string
  let project: string
  let shadow: string
  let messages: string[]

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-rebuild-'))
    const tree = path.join(root, 'tree', 'Python-3.11.2')
    mkdirSync(tree, { recursive: true })
    writeFileSync(
      path.join(tree, 'configure'),
      `#!/bin/sh\nfor arg in "$@"; do case "$arg" in --prefix=*) echo "\${arg#--prefix=}" > prefix.txt;; esac; done\nprintf 'all:\\n\\t@echo built\\ninstall:\\n\\tsh %s/install.sh\\n' "$(dirname "$0")" > Makefile\n`,
    )
    chmodSync(path.join(tree, 'configure'), 0o755)
    writeFileSync(path.join(tree, 'install.sh'), `prefix=$(cat prefix.txt)\nmkdir -p "$prefix/bin"\nln -s '${pythonPath}' "$prefix/bin/python3"\n`)
    tarball = path.join(root, 'Python-3.11.2.tgz')
    expect((await spawnAsync(['tar', '-czf', tarball, '-C', path.join(root, 'tree'), 'Python-3.11.2'])).code).toBe(0)

    project = path.join(root, 'tiny')
    mkdirSync(project)
    writeFileSync(path.join(project, 'setup.py'), "from setuptools import Extension, setup\nsetup(name='tiny', ext_modules=[Extension('tiny', ['tiny.c'])])\n")
    writeFileSync(
      path.join(project, 'tiny.c'),
      '#include <Python.h>\nstatic struct PyModuleDef tiny = {PyModuleDef_HEAD_INIT, "tiny", NULL, -1, NULL};\nPyMODINIT_FUNC PyInit_tiny(void) { return PyModule_Create(&tiny); }\n',
    )
    // What a PYTHONPATH meant for the tests can hold: another setuptools.
    shadow = path.join(root, 'shadow')
    mkdirSync(path.join(shadow, 'setuptools'), { recursive: true })
    writeFileSync(
      path.join(shadow, 'setuptools', '__init__.py'),
      "class Extension:\n    def __init__(self, *args, **kwargs): pass\ndef setup(**kwargs):\n    raise SystemExit('the setuptools from PYTHONPATH was imported')\n",
    )
  })

  const contextWith = (env: Record<string, string>) => {
    messages = []
    return createStepContext(
      { cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'out') },
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, workspace: root, log: createStreamLogger((text) => messages.push(text)) },
    )
  }
  const interpreterWith = async (env: Record<string, string>) =>
    ensureInterpreter(await contextWith(env), cell, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
  const extensionWith = async (env: Record<string, string>, interpreter: InterpreterInstall, rebuild = false) =>
    ensureExtension(await contextWith(env), cell, interpreter, project, { rebuild })
  const reportOf = (interpreter: InterpreterInstall, extensions: ExtensionBuild[] = []) =>
    collectReport({
      toolVersion: '0.1.0',
      generatedAt: '2026-11-24T00:00:00.000Z',
      cell,
      interpreter,
      extensions,
      relative: (file) => path.relative(path.join(root, 'out'), file),
    })

  let gccInterpreter: InterpreterInstall
  let clangInterpreter: InterpreterInstall

  it('says why an interpreter is built when a build of the same version and variant is cached: CC set for the extension', async () => {
    gccInterpreter = await interpreterWith({})
    expect(gccInterpreter).toMatchObject({ cacheHit: 'none' })
    expect(gccInterpreter.rebuildReason).toBeUndefined()
    expect(await interpreterWith({})).toMatchObject({ cacheHit: 'local', cacheKey: gccInterpreter.cacheKey })

    clangInterpreter = await interpreterWith({ CC: 'clang' })
    expect(clangInterpreter.cacheHit).toBe('none')
    expect(clangInterpreter.rebuildReason).toMatch(
      /^the compiler differs: CC=clang \(.*clang version \d[^)]*\) instead of the default compiler \(GCC \d[^)]*\) with CC unset; CPython's build takes CC from the environment too, not only the extension's$/,
    )
    expect(messages.join('')).toContain(
      `is not cached: building it (key ${clangInterpreter.cacheKey}). The cached builds of 3.11.2 (release) do not fit: the compiler differs: CC=clang`,
    )

    const report = reportOf(clangInterpreter)
    expect(report.interpreter!.rebuildReason).toBe(clangInterpreter.rebuildReason)
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])
    const row = renderSummaryMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith('| Interpreter |'))
    expect(row).toMatch(
      /^\| Interpreter \| built from source in [\d.]+ s \(configure \d+ s, make \d+ s, make install \d+ s\) · \d+ MB installed · `[^`]+` · the cached builds did not fit: the compiler differs: CC=clang .* not only the extension's \|$/,
    )
  })

  it('probes an interpreter cached before ABI fingerprints again when it is restored, and completes its record', async () => {
    const recordPath = path.join(gccInterpreter.prefix, BUILD_RECORD_FILE)
    const current = JSON.parse(readFileSync(recordPath, 'utf8'))
    const { abiFingerprint: _, ...olderRecord } = current
    const { abi: __, ...olderProbe } = current.probe
    writeFileSync(recordPath, JSON.stringify({ ...olderRecord, probe: olderProbe }))
    // Such a build predates manifests too (a changed record under a manifest is a damaged entry).
    rmSync(path.join(gccInterpreter.prefix, MANIFEST_FILE))

    const restored = await interpreterWith({})
    expect(restored).toMatchObject({ cacheHit: 'local', cacheKey: gccInterpreter.cacheKey })
    expect(restored.abiFingerprint).toEqual(gccInterpreter.abiFingerprint)
    expect(restored.abiFingerprint?.soabi).toMatch(/^cpython-3\d+/)
    expect(messages.join('')).toContain('predates manifests: checking it by running its interpreter')
    expect(messages.join('')).toContain('predates ABI fingerprints: completing it with the probe just run')
    const completed = JSON.parse(readFileSync(recordPath, 'utf8'))
    expect(completed.probe.abi).toEqual(current.probe.abi)
    expect(completed.abiFingerprint).toEqual(current.abiFingerprint)
    // Once completed, it is not probed again.
    await interpreterWith({})
    expect(messages.join('')).not.toContain('predates ABI fingerprints')
  })

  it('does not fail on build records written before the key inputs were recorded', async () => {
    for (const install of [gccInterpreter, clangInterpreter]) {
      const recordPath = path.join(install.prefix, BUILD_RECORD_FILE)
      const { keyInputs: _, compilerCommand: __, ...older } = JSON.parse(readFileSync(recordPath, 'utf8'))
      writeFileSync(recordPath, JSON.stringify(older))
    }
    const gccByName = await interpreterWith({ CC: 'gcc' })
    expect(gccByName.cacheHit).toBe('none')
    expect(gccByName.rebuildReason).toBe('the 2 cached builds predate recorded keys, so what differs is unknown')
  })

  it('rebuilds the extension when the compiler, the flags or the interpreter change, and says why', async () => {
    const first = await extensionWith({}, gccInterpreter)
    expect(first.reused).toBe(false)
    expect(await extensionWith({}, gccInterpreter)).toMatchObject({ reused: true })

    const clang = await extensionWith({ CC: 'clang', CFLAGS: '-O0', LDFLAGS: '-Wl,-O1' }, gccInterpreter)
    expect(clang.reused).toBe(false)
    expect(first).toMatchObject({ compilerEnv: {}, compilerVersions: {}, removedEnv: [] })
    expect(clang).toMatchObject({
      compilerEnv: { CC: 'clang', CFLAGS: '-O0', LDFLAGS: '-Wl,-O1' },
      compilerVersions: { CC: expect.stringMatching(/clang version/) },
    })
    // Named by the interpreter's fingerprint: the stand-in is a release python3, so `cp311`, whatever the cell says.
    expect(messages.join('')).toMatch(
      /not reusing the earlier cp311 build: compiler variables differ: CC=clang \(.*clang version [^)]*\) instead of CC unset, CFLAGS=-O0 instead of CFLAGS unset, LDFLAGS=-Wl,-O1 instead of LDFLAGS unset\n/,
    )

    // A clang-built module is not reused for a gcc-built interpreter of the same variant, nor the other way round.
    expect((await extensionWith({}, clangInterpreter)).reused).toBe(false)
    // Same ABI fingerprint (the key no longer holds the interpreter's key), but another compiler behind sysconfig's CC.
    expect(clangInterpreter.abiFingerprint).toEqual(gccInterpreter.abiFingerprint)
    expect(messages.join('')).toMatch(
      /the interpreter was built with another compiler \(setuptools' default when CC is unset\): .*clang version \d[^\n]* instead of GCC \d/,
    )
    expect(await extensionWith({ UNRELATED: 'x' }, gccInterpreter)).toMatchObject({ reused: true })
  })

  it('builds the extension without the PYTHONPATH meant for the tests, and the report says what it removed and what the compiler saw', async () => {
    const build = await extensionWith({ PYTHONPATH: shadow, CC: 'gcc' }, gccInterpreter, true)
    expect(build).toMatchObject({
      reused: false,
      removedEnv: ['PYTHONPATH'],
      compilerEnv: { CC: 'gcc' },
      compilerVersions: { CC: expect.stringMatching(/^gcc /) },
    })
    expect(readFileSync(build.logPath!, 'utf8')).not.toContain('the setuptools from PYTHONPATH was imported')

    const report = reportOf(gccInterpreter, [build])
    expect(report.extensions[0]).toMatchObject({ removedEnv: ['PYTHONPATH'], compilerEnv: { CC: 'gcc' } })
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([])

    // Reused, it reports the removals of the build it reuses.
    expect(await extensionWith({ PYTHONPATH: shadow, CC: 'gcc' }, gccInterpreter)).toMatchObject({ reused: true, removedEnv: ['PYTHONPATH'] })
  })
})
