import { firstCharacters, regExp, type LineParser, type LineRouting } from './line-parser.js'

/** One `[N refs, M blocks]` line printed by `-X showrefcount` (Objects/object.c `_PyDebug_PrintTotalRefs`). */
export interface RefcountSample {
  readonly line: number
  readonly refs: number
  readonly blocks: number
}

export interface ShowRefcountResult {
  /** The samples in order, at most MAX_REFCOUNT_SAMPLES of them (the last one is always kept in `final`). */
  readonly samples: RefcountSample[]
  /** Samples seen beyond the cap. */
  readonly dropped: number
  /** The last line: printed at interpreter exit, after finalization. */
  readonly final?: RefcountSample
}

const MAX_REFCOUNT_SAMPLES = 10_000

// Interactive sessions print the prompt before the total: ">>> [101135 refs, 29027 blocks]".
const PROMPT = '>>>'
const CONTINUATION_PROMPT = '...'
const TOTALS_OPEN = '['
const REFCOUNT_LINE = regExp`^(?:${[PROMPT, CONTINUATION_PROMPT]} )*${TOTALS_OPEN}(-?\d+) refs, (-?\d+) blocks\]$`

/** The totals, maybe after prompts: the regex is the whole rule, with no gate of its own. */
export const SHOWREFCOUNT_ROUTING: LineRouting = { startCharacters: firstCharacters(TOTALS_OPEN, PROMPT, CONTINUATION_PROMPT) }

export class ShowRefcountParser implements LineParser<ShowRefcountResult> {
  private readonly samples: RefcountSample[] = []
  private dropped = 0
  private final?: RefcountSample

  next(line: string, lineNumber: number): boolean {
    const match = REFCOUNT_LINE.exec(line)
    if (!match) return false
    const sample = { line: lineNumber, refs: Number(match[1]), blocks: Number(match[2]) }
    if (this.samples.length < MAX_REFCOUNT_SAMPLES) this.samples.push(sample)
    else this.dropped++
    this.final = sample
    return true
  }

  end(): ShowRefcountResult {
    return { samples: this.samples, dropped: this.dropped, ...(this.final ? { final: this.final } : {}) }
  }
}
