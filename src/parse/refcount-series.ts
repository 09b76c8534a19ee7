import { addDiagnostic, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import { firstCharacters, regExp, type LineParser, type LineRouting } from './line-parser.js'

/**
 * A `sys.gettotalrefcount()` series. CPython prints no such series itself, so this is our own
 * format, printed by a harness (or a user's test) after each step:
 *
 *   print(f"gettotalrefcount[{step}] = {sys.gettotalrefcount()}", file=sys.stderr)
 *
 * `step` is any label without `]` (a counter, a test name); `gettotalrefcount = N` (no label)
 * is accepted too and numbered. Growth is the difference to the previous sample; a steady
 * positive growth per identical step is a reference leak.
 */
export interface RefcountSeriesSample {
  readonly line: number
  readonly step: string
  readonly total: number
  /** total minus the previous sample's total; absent for the first sample. */
  readonly growth?: number
}

export interface RefcountSeriesResult {
  /** The first MAX_SERIES_SAMPLES samples. */
  readonly samples: RefcountSeriesSample[]
  readonly dropped: number
  readonly first?: RefcountSeriesSample
  readonly last?: RefcountSeriesSample
  /** last.total - first.total over the whole series. */
  readonly totalGrowth?: number
  /**
   * The growth of every step after the first one (which also warms caches and imports), when they were all equal and there were at least two: the classic leak
   * signature.
   */
  readonly steadyGrowth?: number
  readonly diagnostics: Diagnostics
}

const MAX_SERIES_SAMPLES = 10_000
const SAMPLE_START = 'gettotalrefcount'
const SAMPLE = regExp`^${SAMPLE_START}(?:\[([^\]]*)\])? = (-?\d+)$`

export const REFCOUNT_SERIES_ROUTING: LineRouting = { startCharacters: firstCharacters(SAMPLE_START) }

export class RefcountSeriesParser implements LineParser<RefcountSeriesResult> {
  private readonly samples: RefcountSeriesSample[] = []
  private dropped = 0
  private count = 0
  private first?: RefcountSeriesSample
  private last?: RefcountSeriesSample
  private growths = new Set<number>()
  private readonly diagnostics = emptyDiagnostics()

  next(line: string, lineNumber: number): boolean {
    if (!line.startsWith(SAMPLE_START)) return false
    const match = SAMPLE.exec(line)
    if (!match) {
      addDiagnostic(this.diagnostics, lineNumber, `not a gettotalrefcount sample: ${line.slice(0, 120)}`)
      return false
    }
    const total = Number(match[2])
    if (!Number.isSafeInteger(total)) {
      addDiagnostic(this.diagnostics, lineNumber, `gettotalrefcount value out of range: ${match[2].slice(0, 40)}`)
      return true
    }
    this.count++
    const growth = this.last ? total - this.last.total : undefined
    const sample = { line: lineNumber, step: match[1] ?? String(this.count), total, ...(growth !== undefined ? { growth } : {}) }
    if (growth !== undefined && this.count > 2 && this.growths.size < 2) this.growths.add(growth)
    if (this.samples.length < MAX_SERIES_SAMPLES) this.samples.push(sample)
    else this.dropped++
    this.first ??= sample
    this.last = sample
    return true
  }

  end(): RefcountSeriesResult {
    const { first, last } = this
    return {
      samples: this.samples,
      dropped: this.dropped,
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      ...(first && last ? { totalGrowth: last.total - first.total } : {}),
      ...(this.growths.size === 1 && this.count >= 4 ? { steadyGrowth: [...this.growths][0] } : {}),
      diagnostics: this.diagnostics,
    }
  }
}
