/**
 * Two variants of one CPython source, built one after the other against side by side, in one run:
 *
 * - one after the other: `pydebug build --variant pydebug`, then `--variant trace-refs` (which
 *   reuses configure's results), into an empty cache folder;
 * - side by side: `pydebug build --variant pydebug,trace-refs` into another empty cache folder
 *   (one unpacked tree; trace-refs waits for pydebug's configure, then compiles beside it).
 *
 * Prints each wall time and the ratio side by side / one after the other. ccache is off in both
 * (CCACHE_DISABLE=1): the second variant's compiles would otherwise hit the first's objects only in
 * the sequential order. Both use `make -j<cores>`.
 *
 *   npx tsx bench/parallel-builds.ts --source TARBALL     (default: PYDEBUG_BENCH_SOURCE)
 *
 * Takes about 10 minutes on 2 cores. Builds the committed bundle's CLI (`npm run build` first).
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pydebug } from '../test/helpers/leaky.js'

const sourceIndex = process.argv.indexOf('--source')
const source = sourceIndex > 0 ? process.argv[sourceIndex + 1] : process.env.PYDEBUG_BENCH_SOURCE
if (!source) throw new Error('give the CPython 3.11.2 source tarball: --source FILE (or PYDEBUG_BENCH_SOURCE)')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-bench-parallel-'))
const env = { CCACHE_DISABLE: '1' }

async function build(label: string, variants: string, cacheDir: string): Promise<number> {
  const run = await pydebug(
    ['build', '--python', '3.11.2', '--variant', variants, '--source', source!, '--cache-dir', cacheDir, '--out', path.join(scratch, `out-${label}`)],
    env,
  )
  if (run.code !== 0) throw new Error(`${label} failed (exit ${run.code}): ${run.stderr.slice(-2000)}`)
  if (!run.stdout.split('\n').some((line) => line.includes('miss (built)'))) throw new Error(`${label} built nothing: ${run.stdout}`)
  return run.seconds
}

const sequentialCache = path.join(scratch, 'sequential')
const first = await build('sequential-pydebug', 'pydebug', sequentialCache)
const second = await build('sequential-trace-refs', 'trace-refs', sequentialCache)
const sequential = first + second
const sideBySide = await build('side-by-side', 'pydebug,trace-refs', path.join(scratch, 'side-by-side'))

console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)} at the end`)
console.log(`one after the other: pydebug ${first.toFixed(1)} s + trace-refs ${second.toFixed(1)} s = ${sequential.toFixed(1)} s`)
console.log(`side by side (pydebug,trace-refs): ${sideBySide.toFixed(1)} s`)
console.log(`ratio side by side / one after the other: ${(sideBySide / sequential).toFixed(2)}`)
