// Times planning a 1,000-cell matrix (the issue's budget: under 100 ms), next to a baseline that
// only builds the same number of plain objects, so a slow machine shows as a slow baseline.
// Usage: npx tsx bench/plan-matrix.ts [--write]   (--write appends the result to bench/RESULTS.md)
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VARIANTS } from '../src/catalog/variants.js'
import { MATRIX_DEFAULTS, planMatrix, type MatrixConfig } from '../src/plan/matrix.js'
import { renderMatrixJson } from '../src/plan/render-matrix.js'

// 10 minors x (10 built-in + 15 custom variants) x 4 runners = 1,000 cells.
const customVariants = Array.from({ length: 15 }, (_, index) => ({
  name: `custom-${index}`,
  summary: 'bench',
  configureArgs: ['--with-pydebug', `--with-x${index}`],
  macros: [`BENCH_${index}`],
  custom: true,
}))
const config: MatrixConfig = {
  ...MATRIX_DEFAULTS,
  python: ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'],
  variants: [...VARIANTS.map((variant) => variant.name), ...customVariants.map((variant) => variant.name)],
  os: ['ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-24.04-arm', 'macos-14'],
  skip: [],
  customVariants,
  maxJobs: 256,
  split: true,
}

function time(run: () => unknown, rounds: number): { median: number; min: number } {
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint()
    run()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0] }
}

const cellsPlanned = planMatrix(config).cells.length + planMatrix(config).refusals.length
const first = time(() => renderMatrixJson(planMatrix(config).cells), 1)
const warm = time(() => renderMatrixJson(planMatrix(config).cells), 30)
const baseline = time(() => JSON.stringify(Array.from({ length: cellsPlanned }, (_, index) => ({ id: `cp3${index}-x`, args: ['--with-pydebug'] }))), 30)

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(1)}`
const lines = [
  `cells planned (built + refused): ${cellsPlanned}`,
  `planMatrix + JSON, first run (cold): ${first.median.toFixed(1)} ms`,
  `planMatrix + JSON, warm: median ${warm.median.toFixed(1)} ms, min ${warm.min.toFixed(1)} ms (budget 100 ms)`,
  `baseline (build + stringify ${cellsPlanned} plain objects): median ${baseline.median.toFixed(2)} ms`,
  `machine: ${machine}`,
]
process.stdout.write(`${lines.join('\n')}\n`)

if (process.argv.includes('--write')) {
  const results = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md')
  if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n')
  const heading = '## plan-matrix (bench/plan-matrix.ts)'
  const text = readFileSync(results, 'utf8')
  const entry = `\n${text.includes(heading) ? '' : `${heading}\n\nPlanning 1,000 matrix cells; the issue's budget is 100 ms.\n\n`}### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n${lines.map((line) => `- ${line}`).join('\n')}\n`
  if (text.includes(heading)) {
    // Keep other sections intact: insert at the end of this section.
    const start = text.indexOf(heading)
    const next = text.indexOf('\n## ', start + heading.length)
    const updated = next === -1 ? `${text.trimEnd()}\n${entry}` : `${text.slice(0, next).trimEnd()}\n${entry}${text.slice(next)}`
    writeFileSync(results, updated)
  } else appendFileSync(results, entry)
}
