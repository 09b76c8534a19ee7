import { copyFile, mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { describeExit, type CommandResult } from '../adapters/process.js'
import { downloadFile } from '../adapters/download.js'
import { readJsonIfPresent, sha256File, tailLines, writeFileAtomic } from '../adapters/files.js'
import { compilerChosenForCPython } from '../adapters/platform.js'
import { BuildError, SourceError } from '../errors.js'
import { abiFingerprintOf, ABI_PROBE_PYTHON, type AbiFingerprint, type AbiProbe } from '../plan/abi-fingerprint.js'
import { buildKeyMaterial, planBuildCacheKey, type BuildKeyMaterial, type SourceIdentity } from '../plan/cache-key.js'
import { compilerFromSysVersion, explainCacheMiss } from '../plan/cache-miss.js'
import type { CellPlan } from '../plan/cell.js'
import { describeSource, type SourceSpec } from '../plan/source.js'
import { logPath, type StepContext } from './context.js'

/** Written last into the install prefix: its presence means the install is complete. */
export const BUILD_RECORD_FILE = 'pydebug-build.json'

/**
 * CPython's Misc/valgrind-python.supp, kept in the install prefix (the source tree is deleted after
 * the build) for memcheck (steps/run-memcheck.ts). Builds made before it was kept lack it.
 */
export const VALGRIND_SUPPRESSIONS_FILE = path.join('share', 'pydebug', 'valgrind-python.supp')

/** What the built interpreter says about itself (sys, sysconfig). */
export interface InterpreterProbe {
  readonly version: string
  readonly abiflags: string
  readonly soabi: string | null
  readonly extSuffix: string | null
  readonly pyDebug: boolean
  readonly traceRefs: boolean
  /** What the ABI fingerprint is computed from; absent from records of older versions (probed again when read). */
  readonly abi?: AbiProbe
}

export interface BuildRecord {
  readonly schema: 1
  readonly cacheKey: string
  readonly cellId: string
  readonly python: string
  readonly configureArgs: readonly string[]
  readonly source: string
  readonly sourceIdentity: SourceIdentity
  readonly builtAt: string
  readonly buildSeconds: number
  readonly probe: InterpreterProbe
  /** What the cache key digests, so a later miss can say what changed. Absent from records of older versions. */
  readonly keyInputs?: BuildKeyMaterial
  /** CC as set when it was built (the key holds only its version). */
  readonly compilerCommand?: string
  /** From the probe: what extensions built for it must match. Absent from older records, and for an interpreter whose SOABI is not CPython's. */
  readonly abiFingerprint?: AbiFingerprint
}

export interface InterpreterInstall {
  readonly prefix: string
  readonly pythonPath: string
  readonly cacheKey: string
  readonly cacheHit: 'local' | 'remote' | 'none'
  /** Time to restore or build. */
  readonly seconds: number
  readonly record: BuildRecord
  /** Set when it was built while cached builds of the same version and variant exist: what differs from them. */
  readonly rebuildReason?: string
  /** What extensions built for it must match (plan/abi-fingerprint.ts); undefined when its SOABI is not CPython's. */
  readonly abiFingerprint?: AbiFingerprint
}

export interface BuildOptions {
  readonly jobs: number
  readonly keepBuildTree: boolean
}

const PROBE_CODE = `import json, sys, sysconfig
print(json.dumps({"version": sys.version, "abiflags": sys.abiflags, "soabi": sysconfig.get_config_var("SOABI"),
  "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"), "pyDebug": hasattr(sys, "gettotalrefcount"),
  "traceRefs": hasattr(sys, "getobjects"),
  ${ABI_PROBE_PYTHON}}))`

/** Returns the cell's interpreter: from the local cache folder, else the remote cache, else a fresh build. */
export async function ensureInterpreter(context: StepContext, cell: CellPlan, source: SourceSpec, options: BuildOptions): Promise<InterpreterInstall> {
  const started = Date.now()
  const sourceIdentity: SourceIdentity = source.kind === 'url' ? { url: source.url } : { sha256: await sha256File(source.path) }
  const keyInputs = { cell, source: sourceIdentity, platform: context.platform }
  const cacheKey = planBuildCacheKey(keyInputs)
  const wanted = { material: buildKeyMaterial(keyInputs), compilerCommand: compilerChosenForCPython(context.env) }
  const prefix = path.join(context.cacheDir, 'cpython', cacheKey)
  const finish = (cacheHit: InterpreterInstall['cacheHit'], record: BuildRecord, rebuildReason?: string): InterpreterInstall => ({
    prefix,
    pythonPath: path.join(prefix, 'bin', 'python3'),
    cacheKey,
    cacheHit,
    seconds: (Date.now() - started) / 1000,
    record,
    ...(rebuildReason ? { rebuildReason } : {}),
    ...(record.abiFingerprint ? { abiFingerprint: record.abiFingerprint } : {}),
  })

  const local = await readBuildRecord(prefix, cacheKey)
  if (local) {
    context.log.info(`CPython ${cell.python.text} (${cell.variant}) restored from the local cache: ${prefix}`)
    return finish('local', await withAbiProbe(context, prefix, local, cell.buildEnv))
  }
  if (await context.remoteCache.restore(cacheKey, [prefix])) {
    const remote = await readBuildRecord(prefix, cacheKey)
    if (remote) {
      context.log.info(`CPython ${cell.python.text} (${cell.variant}) restored from the ${context.remoteCache.name} cache under key ${cacheKey}`)
      return finish('remote', await withAbiProbe(context, prefix, remote, cell.buildEnv))
    }
    context.log.warning(`the ${context.remoteCache.name} cache entry ${cacheKey} holds no complete build; building instead`)
  }

  const cached = await readCachedBuilds(context.cacheDir, cell)
  const rebuildReason = explainCacheMiss(
    wanted,
    cached.map((record) => ({ material: record.keyInputs, compilerCommand: record.compilerCommand, builtWith: compilerFromSysVersion(record.probe?.version) })),
  )
  context.log.info(
    `CPython ${cell.python.text} (${cell.variant}) is not cached: building it (key ${cacheKey})${rebuildReason ? `. The cached builds of ${cell.python.text} (${cell.variant}) do not fit: ${rebuildReason}` : ''}`,
  )
  const record = await buildInterpreter(context, cell, source, { sourceIdentity, cacheKey, prefix, keyInputs: wanted.material, compilerCommand: wanted.compilerCommand, ...options })
  await context.remoteCache.save(cacheKey, [prefix])
  return finish('none', record, rebuildReason)
}

/** Complete builds of the cell's version and variant in the local cache folder, newest first, whatever their keys. */
async function readCachedBuilds(cacheDir: string, cell: CellPlan): Promise<BuildRecord[]> {
  const root = path.join(cacheDir, 'cpython')
  const names = await readdir(root).catch((): string[] => [])
  const records = await Promise.all(names.map((name) => readJsonIfPresent<BuildRecord>(path.join(root, name, BUILD_RECORD_FILE))))
  return records
    .filter((record): record is BuildRecord => record?.python === cell.python.text && record.cellId === cell.id)
    .sort((a, b) => String(b.builtAt).localeCompare(String(a.builtAt)))
}

/**
 * The record with its ABI fingerprint computed from its probe by this version's rules (the record's
 * copy is for people reading it; the catalog may have changed since). A record written before the
 * probe read the ABI (an older pydebug, or a cache restored from one) is completed first: the
 * interpreter is probed again and the record rewritten, so its extension builds are keyed by its
 * fingerprint like any other.
 */
async function withAbiProbe(context: StepContext, prefix: string, record: BuildRecord, env: Readonly<Record<string, string>>): Promise<BuildRecord> {
  if (record.probe?.abi) {
    const { abiFingerprint: _, ...rest } = record
    const fingerprint = abiFingerprintOf({ ...record.probe, abi: record.probe.abi })
    return { ...rest, ...(fingerprint ? { abiFingerprint: fingerprint } : {}) }
  }
  context.log.info(`the cached build record in ${prefix} predates ABI fingerprints: probing the interpreter again`)
  const probe = await probeInterpreter(context, path.join(prefix, 'bin', 'python3'), env)
  const fingerprint = probe.abi ? abiFingerprintOf({ ...probe, abi: probe.abi }) : undefined
  const completed: BuildRecord = { ...record, probe, ...(fingerprint ? { abiFingerprint: fingerprint } : {}) }
  await writeFileAtomic(path.join(prefix, BUILD_RECORD_FILE), `${JSON.stringify(completed, null, 2)}\n`)
  return completed
}

async function readBuildRecord(prefix: string, cacheKey: string): Promise<BuildRecord | undefined> {
  const record = await readJsonIfPresent<BuildRecord>(path.join(prefix, BUILD_RECORD_FILE))
  return record?.cacheKey === cacheKey ? record : undefined
}

interface BuildTarget extends BuildOptions {
  readonly sourceIdentity: SourceIdentity
  readonly keyInputs: BuildKeyMaterial
  readonly compilerCommand: string | undefined
  readonly cacheKey: string
  readonly prefix: string
}

async function buildInterpreter(context: StepContext, cell: CellPlan, source: SourceSpec, target: BuildTarget): Promise<BuildRecord> {
  const started = Date.now()
  const tarball = await fetchSource(context, cell, source)
  const workDir = path.join(context.cacheDir, 'work', target.cacheKey)
  // A prefix without a build record is a build that died half way: start again from nothing.
  await rm(target.prefix, { recursive: true, force: true })
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })

  const sourceDir = await context.log.group(`Unpack ${path.basename(tarball)}`, () => unpack(context, tarball, workDir))
  // Out of tree, as CPython's docs show it: mkdir debug; cd debug; ../configure --with-pydebug
  const buildDir = path.join(sourceDir, cell.buildDirName)
  await mkdir(buildDir, { recursive: true })
  const buildEnv = { ...cell.buildEnv }

  await context.log.group(`configure ${cell.configureArgs.join(' ')}`, () =>
    runBuildCommand(context, 'configure', {
      argv: ['../configure', ...cell.configureArgs, `--prefix=${target.prefix}`],
      cwd: buildDir,
      env: buildEnv,
      logPath: logPath(context, 'build-configure.log'),
    }),
  )
  await context.log.group(`make -j${target.jobs}`, () =>
    runBuildCommand(context, 'make', { argv: ['make', `-j${target.jobs}`], cwd: buildDir, env: buildEnv, logPath: logPath(context, 'build-make.log') }),
  )
  await context.log.group('make install', () =>
    runBuildCommand(context, 'make install', { argv: ['make', 'install'], cwd: buildDir, env: buildEnv, logPath: logPath(context, 'build-install.log') }),
  )
  // Memcheck needs the suppressions of this very source tree; every variant keeps them (a few KiB).
  const suppressions = path.join(target.prefix, VALGRIND_SUPPRESSIONS_FILE)
  await mkdir(path.dirname(suppressions), { recursive: true })
  await copyFile(path.join(sourceDir, 'Misc', 'valgrind-python.supp'), suppressions).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })

  const probe = await probeInterpreter(context, path.join(target.prefix, 'bin', 'python3'), buildEnv)
  if (cell.configureArgs.includes('--with-pydebug') && !probe.pyDebug) {
    throw new BuildError(`the interpreter built in ${target.prefix} has no sys.gettotalrefcount(): it is not a debug build (configure args: ${cell.configureArgs.join(' ')})`)
  }
  const fingerprint = probe.abi ? abiFingerprintOf({ ...probe, abi: probe.abi }) : undefined
  const record: BuildRecord = {
    schema: 1,
    cacheKey: target.cacheKey,
    cellId: cell.id,
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    source: describeSource(source),
    sourceIdentity: target.sourceIdentity,
    builtAt: new Date().toISOString(),
    buildSeconds: (Date.now() - started) / 1000,
    probe,
    keyInputs: target.keyInputs,
    ...(target.compilerCommand ? { compilerCommand: target.compilerCommand } : {}),
    ...(fingerprint ? { abiFingerprint: fingerprint } : {}),
  }
  await writeFileAtomic(path.join(target.prefix, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`)
  if (!target.keepBuildTree) await rm(workDir, { recursive: true, force: true })
  context.log.info(`built CPython ${cell.python.text} (${cell.variant}) in ${record.buildSeconds.toFixed(0)} s: ${target.prefix}`)
  return record
}

/** Where the source tarball is on this machine: the given file, or a URL's download in the cache folder (which may not exist yet). */
export function sourceTarballPath(context: Pick<StepContext, 'cacheDir'>, cell: CellPlan, source: SourceSpec): string {
  if (source.kind === 'file') return source.path
  const fileName = decodeURIComponent(new URL(source.url).pathname.split('/').pop() || `Python-${cell.python.text}.tgz`)
  return path.join(context.cacheDir, 'sources', fileName)
}

/** A local tarball is used where it is; a URL is downloaded once into the cache folder. */
async function fetchSource(context: StepContext, cell: CellPlan, source: SourceSpec): Promise<string> {
  if (source.kind === 'file') return source.path
  const destination = sourceTarballPath(context, cell, source)
  const fileName = path.basename(destination)
  if ((await readdir(path.dirname(destination)).catch((): string[] => [])).includes(fileName)) return destination
  context.log.info(`downloading ${source.url}`)
  await downloadFile(source.url, destination, `CPython ${cell.python.text} source`)
  return destination
}

async function unpack(context: StepContext, tarball: string, workDir: string): Promise<string> {
  const result = await context.runner.run({ argv: ['tar', '-xf', tarball, '-C', workDir], cwd: workDir, logPath: logPath(context, 'source-unpack.log') })
  if (result.exitCode !== 0) {
    throw new SourceError(`could not unpack ${tarball} (tar: ${describeExit(result)}): ${(await tailLines(result.logPath, 3)).join(' ')}`)
  }
  const entries = await readdir(workDir, { withFileTypes: true })
  const directories = entries.filter((entry) => entry.isDirectory())
  if (directories.length !== 1 || entries.length !== 1) {
    throw new SourceError(`${tarball} does not look like a CPython source tarball: expected one top-level folder (Python-X.Y.Z/), found ${entries.map((entry) => entry.name).join(', ') || 'nothing'}`)
  }
  const sourceDir = path.join(workDir, directories[0].name)
  const topLevel = await readdir(sourceDir)
  if (!topLevel.includes('configure')) throw new SourceError(`${tarball} does not look like a CPython source tarball: ${directories[0].name}/ has no configure script`)
  return sourceDir
}

async function runBuildCommand(context: StepContext, what: string, spec: Parameters<StepContext['runner']['run']>[0]): Promise<CommandResult> {
  const result = await context.runner.run(spec)
  if (result.exitCode !== 0) {
    const tail = await tailLines(result.logPath, 25)
    throw new BuildError(`${what} failed (${describeExit(result)}); full log: ${result.logPath}\n${tail.map((line) => `  | ${line}`).join('\n')}`, result.logPath)
  }
  return result
}

export async function probeInterpreter(context: StepContext, pythonPath: string, env: Readonly<Record<string, string>> = {}): Promise<InterpreterProbe> {
  const result = await context.runner.run({
    argv: [pythonPath, '-c', PROBE_CODE],
    cwd: context.outDir,
    env,
    logPath: logPath(context, 'interpreter-probe.log'),
    captureStdout: true,
  })
  try {
    if (result.exitCode !== 0) throw new Error(describeExit(result))
    return JSON.parse(result.stdout) as InterpreterProbe
  } catch (error) {
    throw new BuildError(`${pythonPath} does not run (${error instanceof Error ? error.message : String(error)}); see ${result.logPath}`, result.logPath)
  }
}
