import path from 'node:path'
import { withBuildLock } from '../adapters/build-lock.js'
import { prepareCcacheMasquerade, readCcacheCounts } from '../adapters/ccache.js'
import { describeExit, type CommandResult } from '../adapters/process.js'
import { downloadFile } from '../adapters/download.js'
import {
  copyFileAtomic,
  copyFileIfPresent,
  ensureDir,
  hardLinkIfIdentical,
  hashTree,
  isFile,
  listDir,
  listDirEntries,
  listRelativeFiles,
  makeTempDirIn,
  moveFile,
  pathExists,
  readJsonIfPresent,
  readText,
  readTextIfPresent,
  removeFile,
  removeTree,
  sha256File,
  tailLines,
  treeBytes,
  tryCopyFile,
  writeFileAtomic,
  writeText,
} from '../adapters/files.js'
import { compilerChosenForCPython } from '../adapters/platform.js'
import { checkPrefixManifest, writePrefixManifest } from '../adapters/prefix-manifest.js'
import { listTarMembers } from '../adapters/tar-listing.js'
import { BuildError, ConfigError, SourceError } from '../errors.js'
import { phaseCommandName, stalledPhaseMessage, type BuildPhase, type BuildPhaseTimeouts } from '../plan/build-phases.js'
import { ccacheCacheKeys, ccacheDelta, ccacheEnv } from '../plan/ccache.js'
import { configureCacheName } from '../plan/configure-cache.js'
import { duplicateStaticLibraries, withLevelZeroBytecodeOnly } from '../plan/install-layout.js'
import { unsupportedHostReason, untestedHostNotice } from '../plan/platforms.js'
import { MANIFEST_FILE } from '../plan/prefix-manifest.js'
import { digestMismatchMessage, expectedSourceDigest, GIVEN_DIGEST_FROM, unverifiedDownloadWarning } from '../plan/source-checksum.js'
import { findUnsafeMember } from '../plan/tar-members.js'
import { abiFingerprintOf, ABI_PROBE_PYTHON } from '../plan/abi-fingerprint.js'
import { buildKeyMaterial, planBuildCacheKey, type BuildKeyMaterial, type SourceIdentity } from '../plan/cache-key.js'
import { compilerFromSysVersion, explainCacheMiss } from '../plan/cache-miss.js'
import type { CellPlan } from '../plan/cell.js'
import { describeSource, SOURCE_TREE_VERSION_FILE, sourceFileName, sourceIdentityOf, sourceTreeProblem, type SourceSpec } from '../plan/source.js'
import type { BuildRecord, InterpreterInstall, InterpreterProbe } from '../report/step-results.js'
import { logPath, type StepContext } from './context.js'

/** Written last into the install prefix: its presence means the install is complete. */
export const BUILD_RECORD_FILE = 'pydebug-build.json'

/**
 * CPython's Misc/valgrind-python.supp, kept in the install prefix (the source tree is deleted after
 * the build) for memcheck (steps/run-memcheck.ts). Builds made before it was kept lack it.
 */
export const VALGRIND_SUPPRESSIONS_FILE = path.join('share', 'pydebug', 'valgrind-python.supp')

export interface BuildOptions {
  readonly jobs: number
  readonly keepBuildTree: boolean
  /** `source-sha256`: the digest the source tarball must have (else pydebug's checksum list, for downloads). */
  readonly sourceSha256?: string
  /** Seconds each phase of the build may run (`configure-timeout`, ...); a phase not given has no limit. */
  readonly buildTimeouts?: BuildPhaseTimeouts
}

const PROBE_CODE = `import json, sys, sysconfig
print(json.dumps({"version": sys.version, "abiflags": sys.abiflags, "soabi": sysconfig.get_config_var("SOABI"),
  "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"), "pyDebug": hasattr(sys, "gettotalrefcount"),
  "traceRefs": hasattr(sys, "getobjects"),
  ${ABI_PROBE_PYTHON}}))`

/**
 * Returns the cell's interpreter: from the local cache folder, else the remote cache, else a fresh
 * build. A cached entry is trusted only once its files match its manifest (or, saved before
 * manifests, once its interpreter runs); a damaged one is discarded with a warning and rebuilt, and
 * a damaged remote entry is not saved over, so cache problems never fail the run.
 */
export async function ensureInterpreter(context: StepContext, cell: CellPlan, source: SourceSpec, options: BuildOptions): Promise<InterpreterInstall> {
  const hostProblem = unsupportedHostReason(context.platform.os)
  if (hostProblem) throw new ConfigError(`${hostProblem}.`)
  const hostNotice = untestedHostNotice(context.platform.os)
  if (hostNotice) context.log.warning(hostNotice)
  const started = Date.now()
  const sourceIdentity = sourceIdentityOf(
    source,
    source.kind === 'file' ? await sha256File(source.path) : source.kind === 'tree' ? await sourceTreeDigest(source.path, cell) : undefined,
  )
  // A local tarball's digest is at hand: a wrong one fails now, cached build or not.
  if ('sha256' in sourceIdentity && options.sourceSha256 !== undefined && sourceIdentity.sha256 !== options.sourceSha256) {
    throw new SourceError(
      digestMismatchMessage(
        `CPython ${cell.python.text} source`,
        describeSource(source),
        { sha256: options.sourceSha256, from: GIVEN_DIGEST_FROM },
        sourceIdentity.sha256,
      ),
    )
  }
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
  const what = `CPython ${cell.python.text} (${cell.variant})`
  // What was wrong with the cached entries thrown away, for the rebuild's reason.
  const damaged: string[] = []
  const discard = async (where: string, problem: string) => {
    context.log.warning(`the ${where} entry ${cacheKey} is damaged and was discarded: ${problem}`)
    damaged.push(`the ${where} entry under this key was damaged (${problem})`)
    await removeTree(prefix)
  }

  const restoreLocal = async (): Promise<InterpreterInstall | undefined> => {
    const local = await readBuildRecord(prefix, cacheKey)
    if (local) {
      const trusted = await trustCachedEntry(context, prefix, local, cell.buildEnv)
      if (trusted.ok) {
        context.log.info(`${what} restored from the local cache: ${prefix}`)
        return finish('local', trusted.record)
      }
      await discard('local cache', trusted.problem)
    } else if (await pathExists(prefix)) {
      // A build that died half way, or a record that no longer reads: nothing a restore may be mixed with.
      await discard('local cache', `it holds no complete build (no readable ${BUILD_RECORD_FILE} for this key)`)
    }
    return undefined
  }
  await ensureDir(path.dirname(prefix))
  // Another run may be building this key into the same folder: wait for it, then use what it built.
  // Restores take the lock too: a half-built entry seen without it would be discarded under the builder's feet.
  return withBuildLock(`${prefix}.lock`, what, context.log, async () => (await restoreLocal()) ?? restoreRemoteOrBuild())

  async function restoreRemoteOrBuild(): Promise<InterpreterInstall> {
    // An entry exists under the key once a restore finds it: the cache keeps it, damaged or not, and a save under the same key would not replace it.
    const remoteEntryExists = await context.remoteCache.restore(cacheKey, [prefix])
    if (remoteEntryExists) {
      const remote = await readBuildRecord(prefix, cacheKey)
      const trusted = remote
        ? await trustCachedEntry(context, prefix, remote, cell.buildEnv)
        : { ok: false as const, problem: `it holds no complete build (no readable ${BUILD_RECORD_FILE} for this key)` }
      if (trusted.ok) {
        context.log.info(`${what} restored from the ${context.remoteCache.name} cache under key ${cacheKey}`)
        return finish('remote', trusted.record)
      }
      await discard(`${context.remoteCache.name} cache`, trusted.problem)
    }

    const cached = await readCachedBuilds(context.cacheDir, cell)
    const rebuildReason =
      damaged.join('; ') ||
      explainCacheMiss(
        wanted,
        cached.map((record) => ({
          material: record.keyInputs,
          compilerCommand: record.compilerCommand,
          builtWith: compilerFromSysVersion(record.probe?.version),
        })),
      )
    context.log.info(
      `${what} is not cached: building it (key ${cacheKey})${rebuildReason && !damaged.length ? `. The cached builds of ${cell.python.text} (${cell.variant}) do not fit: ${rebuildReason}` : ''}`,
    )
    const record = await buildInterpreter(context, cell, source, {
      sourceIdentity,
      cacheKey,
      prefix,
      keyInputs: wanted.material,
      compilerCommand: wanted.compilerCommand,
      ...options,
    }).catch(async (error: unknown) => {
      // A half install is no cache entry, and after a full disk during make install it holds the space report.json needs.
      await removeTree(prefix).catch(() => undefined)
      throw error
    })
    if (remoteEntryExists) {
      context.log.info(
        `not saving ${what} to the ${context.remoteCache.name} cache: it keeps the damaged entry under ${cacheKey} and would not replace it; delete that entry (gh cache delete ${cacheKey}) to store this build`,
      )
    } else await context.remoteCache.save(cacheKey, [prefix])
    return finish('none', record, rebuildReason)
  }
}

/** A cached entry's verdict: its record (completed where it predates ABI fingerprints), or why it cannot be used. */
type CachedEntryTrust = { readonly ok: true; readonly record: BuildRecord } | { readonly ok: false; readonly problem: string }

/**
 * Checks a cached entry before it is used: its files against its manifest. An entry saved before
 * manifests has none: its interpreter is run instead (the probe a build ends with) and must say
 * what its build record says; then its manifest is written, so the next restore checks every file.
 * Nothing here throws: a problem makes the entry unusable, never the run fail.
 */
async function trustCachedEntry(context: StepContext, prefix: string, record: BuildRecord, env: Readonly<Record<string, string>>): Promise<CachedEntryTrust> {
  try {
    const check = await checkPrefixManifest(prefix)
    if (check.state === 'differs') return { ok: false, problem: check.problem }
    if (check.state === 'matches') {
      const completed = await withAbiProbe(context, prefix, record, env)
      // A record completed with the ABI probe was rewritten after the manifest: list it anew.
      if (!record.probe?.abi) await writePrefixManifest(prefix)
      return { ok: true, record: completed }
    }
    context.log.info(`the cached build in ${prefix} predates manifests: checking it by running its interpreter`)
    const probe = await probeInterpreter(context, path.join(prefix, 'bin', 'python3'), env)
    const difference = probeDifference(record.probe, probe)
    if (difference) return { ok: false, problem: `its interpreter runs but is not the one its build record describes: ${difference}` }
    const completed = await withAbiProbe(context, prefix, record, env, probe)
    await writePrefixManifest(prefix)
    context.log.info(`the interpreter runs and matches its build record: wrote its manifest (${MANIFEST_FILE}), so the next restore checks every file`)
    return { ok: true, record: completed }
  } catch (error) {
    return { ok: false, problem: `it could not be checked: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }
  }
}

/** Where a fresh probe contradicts the record's (version, ABI flags, SOABI, debug hooks); undefined when it does not. */
function probeDifference(recorded: InterpreterProbe | undefined, probed: InterpreterProbe): string | undefined {
  if (!recorded) return undefined
  const fields = ['version', 'abiflags', 'soabi', 'pyDebug', 'traceRefs'] as const
  const differing = fields.filter((field) => recorded[field] !== probed[field])
  return differing.length
    ? differing.map((field) => `${field} ${JSON.stringify(probed[field])} instead of ${JSON.stringify(recorded[field])}`).join(', ')
    : undefined
}

/** Complete builds of the cell's version and variant in the local cache folder, newest first, whatever their keys. */
async function readCachedBuilds(cacheDir: string, cell: CellPlan): Promise<BuildRecord[]> {
  const root = path.join(cacheDir, 'cpython')
  const names = await listDir(root).catch((): string[] => [])
  const records = await Promise.all(names.map((name) => readJsonIfPresent<BuildRecord>(path.join(root, name, BUILD_RECORD_FILE))))
  return records
    .filter((record): record is BuildRecord => record?.python === cell.python.text && record.cellId === cell.buildId)
    .sort((a, b) => String(b.builtAt).localeCompare(String(a.builtAt)))
}

/**
 * The record with its ABI fingerprint computed from its probe by this version's rules (the record's
 * copy is for people reading it; the catalog may have changed since). A record written before the
 * probe read the ABI (an older pydebug, or a cache restored from one) is completed first: the
 * interpreter is probed again and the record rewritten, so its extension builds are keyed by its
 * fingerprint like any other.
 */
async function withAbiProbe(
  context: StepContext,
  prefix: string,
  record: BuildRecord,
  env: Readonly<Record<string, string>>,
  fresh?: InterpreterProbe,
): Promise<BuildRecord> {
  if (record.probe?.abi) {
    const { abiFingerprint: _, ...rest } = record
    const fingerprint = abiFingerprintOf({ ...record.probe, abi: record.probe.abi })
    return { ...rest, ...(fingerprint ? { abiFingerprint: fingerprint } : {}) }
  }
  context.log.info(
    `the cached build record in ${prefix} predates ABI fingerprints: ${fresh ? 'completing it with the probe just run' : 'probing the interpreter again'}`,
  )
  const probe = fresh ?? (await probeInterpreter(context, path.join(prefix, 'bin', 'python3'), env))
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
  // A source folder is built as it is; a tarball is unpacked once for every build of it.
  const sourceDir = source.kind === 'tree' ? source.path : await sharedSourceTree(context, await fetchSource(context, cell, source, target.sourceSha256))
  const workDir = path.join(context.cacheDir, 'work', target.cacheKey)
  // A prefix without a build record is a build that died half way: start again from nothing.
  await removeTree(target.prefix)
  await removeTree(workDir)
  await ensureDir(workDir)

  // Out of tree, as CPython's docs show it (mkdir debug; cd debug; ../configure --with-pydebug), in a folder of this build's own.
  const buildDir = path.join(workDir, cell.buildDirName)
  await ensureDir(buildDir)
  const buildEnv = { ...cell.buildEnv }
  const phaseSeconds: Partial<Record<BuildPhase, number>> = {}
  const timed = async <T>(phase: BuildPhase, work: () => Promise<T>): Promise<T> => {
    const phaseStarted = Date.now()
    try {
      return await work()
    } finally {
      phaseSeconds[phase] = (Date.now() - phaseStarted) / 1000
    }
  }

  const sharedResults = path.join(
    context.cacheDir,
    'configure',
    configureCacheName({
      python: cell.python.text,
      source: target.sourceIdentity,
      platform: context.platform,
      configureArgs: cell.configureArgs,
      env: { ...context.env, ...buildEnv },
    }),
  )
  const configureResults = await takingTurnsAtConfigure(sharedResults, context, () =>
    context.log.group(`configure ${cell.configureArgs.join(' ')}`, () =>
      timed('configure', () => configureWithSharedResults(context, cell, target, sourceDir, buildDir, buildEnv, sharedResults)),
    ),
  )
  const discardSharedResults = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      if (configureResults === 'reused') {
        await removeFile(sharedResults)
        context.log.warning(
          `the configure results this build reused (${sharedResults}) were discarded in case they caused the failure: the next build runs configure in full`,
        )
      }
      throw error
    }
  }
  const levelZero = withLevelZeroBytecodeOnly(await readText(path.join(buildDir, 'Makefile')))
  if (levelZero.changed) await writeText(path.join(buildDir, 'Makefile'), levelZero.text)
  else context.log.info('this Makefile byte-compiles at install in a way pydebug does not know: bytecode for every optimisation level is installed')
  // ccache, when the machine has it, for make only: configure's checks are not cacheable, and the
  // configure cache already spares them.
  const ccache = await prepareCcacheMasquerade(path.join(workDir, 'ccache-bin'), { ...context.env, ...buildEnv })
  const makeEnv = ccache ? { ...buildEnv, ...ccacheEnv(ccache.dir, path.join(context.cacheDir, 'ccache'), { ...context.env, ...buildEnv }) } : buildEnv
  // On a runner, ccache's folder comes from the Actions cache (this build's key, else the nearest earlier one) and goes back after.
  const ccacheKeys = ccacheCacheKeys(target.cacheKey)
  const ccacheRestored =
    ccache && context.remoteCache.name !== 'none'
      ? await context.remoteCache.restoreNearest(ccacheKeys.key, ccacheKeys.prefixes, [makeEnv.CCACHE_DIR!])
      : undefined
  if (ccacheRestored) context.log.info(`ccache's folder restored from the ${context.remoteCache.name} cache (${ccacheRestored})`)
  const countsNow = () => (ccache ? readCcacheCounts(context.runner, ccache.ccache, makeEnv, buildDir, logPath(context, 'ccache-stats.log')) : undefined)
  const ccacheBefore = await countsNow()
  if (ccache) context.log.info(`make compiles through ccache (${ccache.ccache}; its folder: ${makeEnv.CCACHE_DIR}); CCACHE_DISABLE=1 turns it off`)
  await discardSharedResults(() =>
    context.log.group(`make -j${target.jobs}`, () =>
      timed('make', () =>
        runBuildPhase(context, 'make', target.buildTimeouts, {
          argv: ['make', `-j${target.jobs}`],
          cwd: buildDir,
          env: makeEnv,
          logPath: logPath(context, 'build-make.log'),
        }),
      ),
    ),
  )
  const ccacheCounts = ccacheDelta(ccacheBefore, await countsNow())
  // New objects only: a folder that gained nothing (or a make that compiled nothing) is not worth an entry.
  if (ccacheCounts?.misses && context.remoteCache.name !== 'none' && ccacheRestored !== ccacheKeys.key)
    await context.remoteCache.save(ccacheKeys.key, [makeEnv.CCACHE_DIR!])
  await discardSharedResults(() =>
    context.log.group('make install', () =>
      timed('install', () =>
        runBuildPhase(context, 'install', target.buildTimeouts, {
          argv: ['make', 'install'],
          cwd: buildDir,
          env: buildEnv,
          logPath: logPath(context, 'build-install.log'),
        }),
      ),
    ),
  )
  const leftOut = levelZero.changed ? [LEFT_OUT_BYTECODE] : []
  for (const library of duplicateStaticLibraries(await listRelativeFiles(target.prefix))) {
    if (await hardLinkIfIdentical(path.join(target.prefix, library.original), path.join(target.prefix, library.duplicate)))
      leftOut.push(`the second copy of ${library.original} (${library.duplicate} is a hard link to it)`)
  }
  // Memcheck needs the suppressions of this very source tree; every variant keeps them (a few KiB).
  const suppressions = path.join(target.prefix, VALGRIND_SUPPRESSIONS_FILE)
  await ensureDir(path.dirname(suppressions))
  await copyFileIfPresent(path.join(sourceDir, 'Misc', 'valgrind-python.supp'), suppressions)

  const probe = await probeInterpreter(context, path.join(target.prefix, 'bin', 'python3'), buildEnv)
  if (cell.configureArgs.includes('--with-pydebug') && !probe.pyDebug) {
    throw new BuildError(
      `the interpreter built in ${target.prefix} has no sys.gettotalrefcount(): it is not a debug build (configure args: ${cell.configureArgs.join(' ')})`,
    )
  }
  const fingerprint = probe.abi ? abiFingerprintOf({ ...probe, abi: probe.abi }) : undefined
  const record: BuildRecord = {
    schema: 1,
    cacheKey: target.cacheKey,
    cellId: cell.buildId,
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    source: describeSource(source),
    sourceIdentity: target.sourceIdentity,
    builtAt: new Date().toISOString(),
    buildSeconds: (Date.now() - started) / 1000,
    phaseSeconds,
    ...(ccacheCounts && ccacheCounts.hits + ccacheCounts.misses > 0 ? { ccache: ccacheCounts } : {}),
    configureResults,
    installedBytes: await treeBytes(target.prefix),
    leftOut,
    probe,
    keyInputs: target.keyInputs,
    ...(target.compilerCommand ? { compilerCommand: target.compilerCommand } : {}),
    ...(fingerprint ? { abiFingerprint: fingerprint } : {}),
  }
  await writeFileAtomic(path.join(target.prefix, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`)
  // Last, over every file the cache entry holds (the record too): what a restore checks first.
  await writePrefixManifest(target.prefix).catch((error: unknown) =>
    context.log.warning(
      `could not write the manifest of ${target.prefix} (${error instanceof Error ? error.message : String(error)}): the next restore will rebuild it`,
    ),
  )
  if (!target.keepBuildTree) await removeTree(workDir)
  context.log.info(`built CPython ${cell.python.text} (${cell.variant}) in ${record.buildSeconds.toFixed(0)} s: ${target.prefix}`)
  return record
}

/** What pydebug leaves out of `make install` (plan/install-layout.ts), as the report says it. */
const LEFT_OUT_BYTECODE = 'bytecode for optimisation levels 1 and 2 (python -O writes it on first import)'

// The configure of each set of shareable results running in this process now (builds of several cells at once).
const configuresRunning = new Map<string, Promise<unknown>>()

/**
 * Builds in one process that can share configure results (plan/configure-cache.ts) take turns at
 * configure: the later one waits, then reuses the results the earlier one saved. Only configure
 * waits; compiling goes on side by side.
 */
async function takingTurnsAtConfigure<T>(sharedResults: string, context: StepContext, configure: () => Promise<T>): Promise<T> {
  const earlier = configuresRunning.get(sharedResults)
  const mine = (async () => {
    if (earlier) {
      context.log.info(`waiting for the configure of another build of this source to finish, to reuse its results (${sharedResults})`)
      await earlier.catch(() => undefined)
    }
    return configure()
  })()
  configuresRunning.set(sharedResults, mine)
  try {
    return await mine
  } finally {
    if (configuresRunning.get(sharedResults) === mine) configuresRunning.delete(sharedResults)
  }
}

/**
 * Runs configure with the results an earlier configure of the same source, compiler and flags
 * saved (plan/configure-cache.ts), then saves them back with whatever this run added. A configure
 * that fails on reused results runs again in full, without them, so a stale cache costs a few
 * seconds, never the build.
 */
async function configureWithSharedResults(
  context: StepContext,
  cell: CellPlan,
  target: BuildTarget,
  sourceDir: string,
  buildDir: string,
  buildEnv: Readonly<Record<string, string>>,
  sharedResults: string,
): Promise<'reused' | 'fresh'> {
  const localResults = path.join(buildDir, 'config.cache')
  const configure = () =>
    runBuildPhase(context, 'configure', target.buildTimeouts, {
      argv: [path.join(sourceDir, 'configure'), `--cache-file=${localResults}`, ...cell.configureArgs, `--prefix=${target.prefix}`],
      cwd: buildDir,
      env: buildEnv,
      logPath: logPath(context, 'build-configure.log'),
    })
  let reused = await tryCopyFile(sharedResults, localResults)
  if (reused) context.log.info(`configure reuses the results of an earlier configure of this source with the same compiler and flags: ${sharedResults}`)
  try {
    await configure()
  } catch (error) {
    if (!reused || !(error instanceof BuildError)) throw error
    // The run in full writes the same log: keep this one beside it.
    const failedLog = logPath(context, 'build-configure-with-reused-results.log')
    if (error.logPath) await moveFile(error.logPath, failedLog).catch(() => undefined)
    const quoted = error.message
      .split('\n')
      .filter((line) => line.startsWith('  | '))
      .map((line) => line.slice(4))
    const reason = [...quoted].reverse().find((line) => line.includes('error')) ?? error.message.split('\n')[0]
    context.log.warning(
      `configure failed with the reused results of ${sharedResults} (${reason.trim()}; log: ${failedLog}): discarding them and running configure in full`,
    )
    await removeFile(sharedResults)
    await removeFile(localResults)
    reused = false
    await configure()
  }
  // A configure that wrote no results (not autoconf's) has nothing to share.
  if (!(await pathExists(localResults))) return 'fresh'
  await copyFileAtomic(localResults, sharedResults).catch((error: unknown) =>
    context.log.warning(
      `could not save configure's results to ${sharedResults} (${error instanceof Error ? error.message : String(error)}): the next variant runs configure in full`,
    ),
  )
  return reused ? 'reused' : 'fresh'
}

/** Where the source tarball is on this machine: the given file, or a URL's download in the cache folder (which may not exist yet). */
export function sourceTarballPath(context: Pick<StepContext, 'cacheDir'>, cell: CellPlan, source: Exclude<SourceSpec, { kind: 'tree' }>): string {
  if (source.kind === 'file') return source.path
  return path.join(context.cacheDir, 'sources', sourceFileName(source) || `Python-${cell.python.text}.tgz`)
}

/**
 * A local tarball is used where it is (its digest was checked against `source-sha256` up front); a
 * URL is downloaded once into the cache folder and checked against `source-sha256` or pydebug's
 * checksum list, as is the earlier download each time it is used again.
 */
async function fetchSource(
  context: StepContext,
  cell: CellPlan,
  source: Exclude<SourceSpec, { kind: 'tree' }>,
  givenSha256: string | undefined,
): Promise<string> {
  if (source.kind === 'file') return source.path
  const what = `CPython ${cell.python.text} source`
  const expected = expectedSourceDigest(source, givenSha256)
  if (!expected) context.log.warning(unverifiedDownloadWarning(what, source.url))
  const destination = sourceTarballPath(context, cell, source)
  if (await isFile(destination)) {
    if (!expected) return destination
    const sha256 = await sha256File(destination)
    if (sha256 === expected.sha256) return destination
    context.log.warning(`${digestMismatchMessage(what, `the earlier download ${destination}`, expected, sha256)} Downloading it again.`)
    await removeFile(destination)
  }
  context.log.info(`downloading ${source.url}`)
  await downloadFile(source.url, destination, what, expected)
  return destination
}

/**
 * What identifies a source folder: the digest of its files (a git checkout's `.git` left out), once
 * the folder is known to hold the version asked for.
 */
async function sourceTreeDigest(folder: string, cell: CellPlan): Promise<string> {
  const problem = sourceTreeProblem(folder, await readTextIfPresent(path.join(folder, SOURCE_TREE_VERSION_FILE)), cell.python)
  if (problem) throw new SourceError(problem)
  return hashTree(folder, (relativePath, isDirectory) => isDirectory && relativePath === '.git')
}

/**
 * The tarball's source tree, unpacked once and shared by every build of it: each build configures
 * and compiles in a folder of its own (out of tree), so the tree is only read, as CPython's CI
 * proves by building from a read-only mount. It is unpacked beside its place and renamed into it,
 * so a build never sees half a tree; when two unpack at once, the first rename wins.
 */
async function sharedSourceTree(context: StepContext, tarball: string): Promise<string> {
  const home = path.join(context.cacheDir, 'source-trees', (await sha256File(tarball)).slice(0, 16))
  const unpacked = async () => (await listDirEntries(home)).find((entry) => entry.isDirectory)
  if (await pathExists(home)) {
    const tree = await unpacked()
    if (tree && (await pathExists(path.join(home, tree.name, 'configure')))) {
      context.log.info(`the source tree of ${path.basename(tarball)} is already unpacked: ${path.join(home, tree.name)}`)
      return path.join(home, tree.name)
    }
    await removeTree(home)
  }
  await ensureDir(path.dirname(home))
  const partial = await makeTempDirIn(path.dirname(home), `${path.basename(home)}.partial-`)
  try {
    const sourceDir = await context.log.group(`Unpack ${path.basename(tarball)}`, () => unpack(context, tarball, partial))
    await moveFile(partial, home).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    })
    return path.join(home, path.basename(sourceDir))
  } finally {
    await removeTree(partial)
  }
}

async function unpack(context: StepContext, tarball: string, workDir: string): Promise<string> {
  // Every member is checked before tar writes one: nothing may land outside the work folder.
  const members = await listTarMembers(tarball).catch((error: unknown) => {
    throw new SourceError(`could not unpack ${tarball}: ${error instanceof Error ? error.message : String(error)}`)
  })
  const unsafe = findUnsafeMember(members)
  if (unsafe) throw new SourceError(`refusing to unpack ${tarball}: its member ${unsafe.member.path} has ${unsafe.reason}, which no CPython source tarball has`)
  const result = await context.runner.run({ argv: ['tar', '-xf', tarball, '-C', workDir], cwd: workDir, logPath: logPath(context, 'source-unpack.log') })
  if (result.exitCode !== 0) {
    throw new SourceError(`could not unpack ${tarball} (tar: ${describeExit(result)}): ${(await tailLines(result.logPath, 3)).join(' ')}`)
  }
  const entries = await listDirEntries(workDir)
  const directories = entries.filter((entry) => entry.isDirectory)
  if (directories.length !== 1 || entries.length !== 1) {
    throw new SourceError(
      `${tarball} does not look like a CPython source tarball: expected one top-level folder (Python-X.Y.Z/), found ${entries.map((entry) => entry.name).join(', ') || 'nothing'}`,
    )
  }
  const sourceDir = path.join(workDir, directories[0].name)
  const topLevel = await listDir(sourceDir)
  if (!topLevel.includes('configure'))
    throw new SourceError(`${tarball} does not look like a CPython source tarball: ${directories[0].name}/ has no configure script`)
  return sourceDir
}

/** One phase of the build, within its wall-clock limit: past it, the whole process group is ended and the error says which phase stalled. */
async function runBuildPhase(
  context: StepContext,
  phase: BuildPhase,
  timeouts: BuildPhaseTimeouts | undefined,
  spec: Parameters<StepContext['runner']['run']>[0],
): Promise<CommandResult> {
  const limitSeconds = timeouts?.[phase]
  const result = await context.runner.run({ ...spec, ...(limitSeconds ? { timeoutMs: limitSeconds * 1000 } : {}) })
  if (result.timedOut && limitSeconds)
    throw new BuildError(stalledPhaseMessage(phase, limitSeconds, result.logPath, await tailLines(result.logPath, 25)), result.logPath)
  if (result.exitCode !== 0) {
    const tail = await tailLines(result.logPath, 25)
    throw new BuildError(
      `${phaseCommandName(phase)} failed (${describeExit(result)}); full log: ${result.logPath}\n${tail.map((line) => `  | ${line}`).join('\n')}`,
      result.logPath,
    )
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
