/**
 * Cold versus warm `pydebug run` on examples/leaky: the first run builds CPython 3.11.2
 * --with-pydebug into an empty cache folder, the second restores it from that folder. Both run
 * the shipped bundle (bin/pydebug.mjs -> dist/cli). Prints seconds per run, the steps' own
 * timings from report.json, and the cold/warm ratio (the walking-skeleton issue asks for 20x).
 *
 *   npx tsx bench/cache-restore.ts [--source TARBALL_OR_URL]    (default: PYDEBUG_BENCH_SOURCE, else python.org)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EXAMPLE_DIR, pydebug, readReport } from '../test/helpers/leaky.js'

const sourceIndex = process.argv.indexOf('--source')
const source = sourceIndex > 0 ? process.argv[sourceIndex + 1] : process.env.PYDEBUG_BENCH_SOURCE
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pydebug-bench-'))
const cacheDir = path.join(scratch, 'cache')

async function timedRun(label: string) {
  const out = path.join(scratch, label)
  const run = await pydebug([
    'run',
    '--python',
    '3.11.2',
    ...(source ? ['--source', source] : []),
    '--extension',
    EXAMPLE_DIR,
    '--cache-dir',
    cacheDir,
    '--out',
    out,
    '--fail-on',
    'never',
  ])
  if (run.code !== 0) throw new Error(`${label} run failed (exit ${run.code}):\n${run.stderr}`)
  const report = readReport(out)
  const interpreter = report.interpreter!
  const extension = report.extensions[0]
  console.log(
    `${label.padEnd(5)} ${run.seconds.toFixed(2).padStart(8)} s  interpreter: ${interpreter.cacheHit === 'none' ? 'built' : `cache hit (${interpreter.cacheHit})`} in ${interpreter.seconds.toFixed(2)} s, extension ${extension.reused ? 'reused' : 'built'} in ${extension.seconds.toFixed(2)} s, ${report.findings.length} findings`,
  )
  return run.seconds
}

try {
  console.log(
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  )
  const cold = await timedRun('cold')
  const warm = await timedRun('warm')
  console.log(`ratio cold/warm: ${(cold / warm).toFixed(1)}x (issue #2 asks for at least 20x)`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
