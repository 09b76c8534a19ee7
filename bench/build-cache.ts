/**
 * Issue 13's build and cache goals, each as a ratio measured in this one run:
 *
 * 1. cold, one variant: `pydebug build --variant pydebug` into an empty cache folder against the
 *    hand recipe (`tar; ../configure --with-pydebug; make -j<cores>; make install`), goal <= 0.8x;
 * 2. a second variant of the same version right after it (`trace-refs`), goal <= 0.4x the first;
 * 3. the warm start on a runner: the first build saved through the unmodified @actions/cache to the
 *    loopback results service the tests use, then restored into an empty cache folder by the build
 *    step, verified and probed, goal <= 2 s, against extracting the same archive with tar alone;
 *    and the entry's compressed size, goal <= 35 MB;
 * 4. a rebuild with a warm ccache, goal <= 0.3x a cold build: the pydebug cell built again after its
 *    entry is deleted, with ccache's folder (and configure's results) from the first build. Needs
 *    ccache on PATH; without it the output says so.
 *
 *   npx tsx bench/build-cache.ts --source TARBALL     (default: PYDEBUG_BENCH_SOURCE)
 *
 * Takes about 15 minutes on 2 cores. Run it on an otherwise idle machine: the ratios compare runs
 * made one after the other.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createActionsCache } from '../src/adapters/actions.js'
import { treeBytes } from '../src/adapters/files.js'
import { createStreamLogger } from '../src/adapters/logger.js'
import { parsePythonVersion } from '../src/catalog/python-version.js'
import { findVariant } from '../src/catalog/variants.js'
import { planCell } from '../src/plan/cell.js'
import type { BuildRecord } from '../src/report/step-results.js'
import { BUILD_RECORD_FILE, ensureInterpreter } from '../src/steps/build-python.js'
import { createStepContext } from '../src/steps/context.js'
import { startFakeResultsServer } from '../test/helpers/fake-results-server.js'
import { pydebug } from '../test/helpers/leaky.js'
import { spawnAsync } from '../test/helpers/spawn.js'

const sourceIndex = process.argv.indexOf('--source')
const source = sourceIndex > 0 ? process.argv[sourceIndex + 1] : process.env.PYDEBUG_BENCH_SOURCE
if (!source) throw new Error('give the CPython 3.11.2 source tarball: --source FILE (or PYDEBUG_BENCH_SOURCE)')
const jobs = os.cpus().length
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-bench-build-'))
const cacheDir = path.join(scratch, 'cache')
const MB = 1e6

async function timed(label: string, argv: string[], cwd: string): Promise<number> {
  const run = await spawnAsync(argv, { cwd })
  if (run.code !== 0) throw new Error(`${label} failed (exit ${run.code}): ${run.stderr.slice(-2000)}`)
  return run.seconds
}

async function handRecipe(): Promise<{ seconds: number; bytes: number }> {
  const work = path.join(scratch, 'hand')
  mkdirSync(work, { recursive: true })
  const prefix = path.join(work, 'prefix')
  let seconds = await timed('tar', ['tar', '-xf', source!, '-C', work], work)
  const tree = path.join(work, readdirSync(work).find((name) => name.startsWith('Python-'))!)
  const build = path.join(tree, 'debug')
  mkdirSync(build)
  seconds += await timed('configure', ['../configure', '--with-pydebug', `--prefix=${prefix}`], build)
  seconds += await timed('make', ['make', `-j${jobs}`], build)
  seconds += await timed('make install', ['make', 'install'], build)
  const bytes = await treeBytes(prefix)
  rmSync(work, { recursive: true, force: true })
  return { seconds, bytes }
}

async function pydebugBuild(variant: string): Promise<{ seconds: number; record: BuildRecord; pythonPath: string }> {
  const run = await pydebug([
    'build',
    '--python',
    '3.11.2',
    '--variant',
    variant,
    '--source',
    source!,
    '--cache-dir',
    cacheDir,
    '--out',
    path.join(scratch, `out-${variant}`),
  ])
  if (run.code !== 0) throw new Error(`pydebug build --variant ${variant} failed (exit ${run.code}): ${run.stderr.slice(-2000)}`)
  const pythonPath = run.stdout.trim().split('\n').at(-1)!
  const prefix = path.dirname(path.dirname(pythonPath))
  return { seconds: run.seconds, record: JSON.parse(readFileSync(path.join(prefix, BUILD_RECORD_FILE), 'utf8')) as BuildRecord, pythonPath }
}

/** Saves the pydebug cell's entry to the loopback Actions cache, then restores it as a fresh runner would. */
async function warmStart(): Promise<{ seconds: number; archiveBytes: number; tarSeconds: number }> {
  const server = await startFakeResultsServer()
  try {
    Object.assign(process.env, server.env, {
      RUNNER_TEMP: path.join(scratch, 'runner-temp'),
      GITHUB_WORKSPACE: scratch,
      GITHUB_SERVER_URL: 'https://github.com',
    })
    const planned = planCell(parsePythonVersion('3.11.2')!, findVariant('pydebug')!)
    if (!planned.ok) throw new Error(planned.refusal.reason)
    const quiet = createStreamLogger(() => undefined)
    const contextIn = (folder: string) =>
      createStepContext(
        { cacheDir: folder, outDir: path.join(scratch, 'out-warm') },
        { env: process.env, workspace: scratch, log: quiet, remoteCache: createActionsCache() },
      )
    // The toolkit's own progress lines go to stdout; this bench prints its own.
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = (() => true) as typeof process.stdout.write
    let seconds: number
    let archiveBytes: number
    try {
      const built = await ensureInterpreter(await contextIn(cacheDir), planned.cell, { kind: 'file', path: source! }, { jobs, keepBuildTree: false })
      await createActionsCache().save(built.cacheKey, [built.prefix])
      archiveBytes = [...server.cacheEntries.values()].find((entry) => entry.key === built.cacheKey)!.size
      // The runner's cache folder starts empty: the same path, nothing in it.
      renameSync(cacheDir, `${cacheDir}.aside`)
      const started = process.hrtime.bigint()
      const restored = await ensureInterpreter(await contextIn(cacheDir), planned.cell, { kind: 'file', path: source! }, { jobs, keepBuildTree: false })
      execFileSync(restored.pythonPath, ['-c', 'import sys; assert hasattr(sys, "gettotalrefcount")'])
      seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (restored.cacheHit !== 'remote') throw new Error(`expected a restore from the Actions cache, got ${restored.cacheHit}`)
    } finally {
      process.stdout.write = write
    }
    // Baseline: extracting the same prefix with tar and zstd alone, no download, no checks.
    const archive = path.join(scratch, 'prefix.tar.zst')
    const prefixDir = path.join(`${cacheDir}.aside`, 'cpython')
    execFileSync('tar', ['--zstd', '-cf', archive, '-C', prefixDir, '.'])
    const target = path.join(scratch, 'untar')
    mkdirSync(target)
    const tarSeconds = await timed('tar -x', ['tar', '--zstd', '-xf', archive, '-C', target], target)
    return { seconds, archiveBytes, tarSeconds }
  } finally {
    await server.close()
  }
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')

try {
  console.log(
    `machine: ${jobs} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  )
  const hand = await handRecipe()
  console.log(`hand recipe (configure --with-pydebug; make -j${jobs}; make install): ${hand.seconds.toFixed(1)} s, prefix ${(hand.bytes / MB).toFixed(0)} MB`)
  const first = await pydebugBuild('pydebug')
  const phases = (record: BuildRecord) =>
    Object.entries(record.phaseSeconds ?? {})
      .map(([phase, seconds]) => `${phase} ${seconds.toFixed(0)} s`)
      .join(', ')
  console.log(
    `pydebug build --variant pydebug, cold: ${first.seconds.toFixed(1)} s (${phases(first.record)}), prefix ${((first.record.installedBytes ?? 0) / MB).toFixed(0)} MB`,
  )
  const coldRatio = first.seconds / hand.seconds
  console.log(`  ratio to the hand recipe: ${coldRatio.toFixed(2)}x (goal <= 0.8x: ${verdict(coldRatio <= 0.8)})`)
  const second = await pydebugBuild('trace-refs')
  const secondRatio = second.seconds / first.seconds
  console.log(
    `pydebug build --variant trace-refs right after: ${second.seconds.toFixed(1)} s (${phases(second.record)}; configure ${second.record.configureResults})`,
  )
  console.log(`  ratio to the first variant: ${secondRatio.toFixed(2)}x (goal <= 0.4x: ${verdict(secondRatio <= 0.4)})`)
  const hasCcache = !!first.record.ccache
  if (hasCcache) {
    rmSync(path.dirname(path.dirname(first.pythonPath)), { recursive: true, force: true })
    const rebuilt = await pydebugBuild('pydebug')
    const ccacheRatio = rebuilt.seconds / first.seconds
    const counts = rebuilt.record.ccache
    console.log(
      `rebuild of the pydebug cell with a warm ccache: ${rebuilt.seconds.toFixed(1)} s (${phases(rebuilt.record)}; ccache ${counts?.hits ?? 0} hits, ${counts?.misses ?? 0} misses; configure ${rebuilt.record.configureResults})`,
    )
    console.log(`  ratio to the cold build: ${ccacheRatio.toFixed(2)}x (goal <= 0.3x: ${verdict(ccacheRatio <= 0.3)})`)
  }
  const warm = await warmStart()
  console.log(
    `warm start through @actions/cache (loopback results service): ${warm.seconds.toFixed(2)} s to a verified, working interpreter (goal <= 2 s: ${verdict(warm.seconds <= 2)})`,
  )
  console.log(
    `  baseline, tar --zstd -x of the same prefix alone: ${warm.tarSeconds.toFixed(2)} s (restore / tar ${(warm.seconds / warm.tarSeconds).toFixed(1)}x)`,
  )
  console.log(`  cache entry: ${(warm.archiveBytes / MB).toFixed(1)} MB compressed (goal <= 35 MB: ${verdict(warm.archiveBytes <= 35 * MB)})`)
  if (!hasCcache) console.log('rebuild with a warm ccache (goal <= 0.3x a cold build): not measured, ccache is not on PATH')
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
