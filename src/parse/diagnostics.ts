/**
 * What a parser noticed but could not turn into data: a block cut short, a value out of range.
 * Kept as a count plus the first few, like unparsed lines, so a 1 GB log cannot grow it unbounded.
 */
export interface Diagnostics {
  count: number
  samples: { line: number; message: string }[]
}

const MAX_DIAGNOSTIC_SAMPLES = 20

export function emptyDiagnostics(): Diagnostics {
  return { count: 0, samples: [] }
}

export function addDiagnostic(diagnostics: Diagnostics, line: number, message: string): void {
  diagnostics.count++
  if (diagnostics.samples.length < MAX_DIAGNOSTIC_SAMPLES)
    diagnostics.samples.push({ line, message: message.length > 300 ? `${message.slice(0, 300)}…` : message })
}

/** Parses `1,353,808` (printone pads and groups thousands) or `-3`; NaN-free: undefined when not a number. */
export function parseGroupedInt(text: string): number | undefined {
  return parseGroupedIntIn(text, 0, text.length)
}

// Space runs compared natively by startsWith: a charCodeAt loop over column padding was slower than the rest of a line's work.
const SPACE_RUNS: string[] = []
for (let length = 0; length <= 64; length++) SPACE_RUNS.push(' '.repeat(length))

/** Whether `text[from, to)` is all spaces (true when empty). */
export function isSpaces(text: string, from: number, to: number): boolean {
  const length = to - from
  if (length <= 0) return true
  if (length < SPACE_RUNS.length) return text.startsWith(SPACE_RUNS[length], from)
  for (let index = from; index < to; index++) if (text.charCodeAt(index) !== 32) return false
  return true
}

/** parseGroupedInt of `text.slice(from, to)`, without making the slice. */
export function parseGroupedIntIn(text: string, from: number, to: number): number | undefined {
  // A hand-rolled loop: this runs for every line of every malloc stats dump.
  let start = from
  let end = to
  while (start < end && text.charCodeAt(start) === 32) start++
  while (end > start && text.charCodeAt(end - 1) === 32) end--
  const negative = text.charCodeAt(start) === 45 /* - */
  if (negative) start++
  let value = 0
  let digits = 0
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code === 44 /* , */) continue
    if (code < 48 || code > 57) return undefined
    value = value * 10 + (code - 48)
    digits++
  }
  if (digits === 0 || !Number.isSafeInteger(value)) return undefined
  return negative ? -value : value
}

/** Keeps the first `limit` items and counts the rest, so arrays stay bounded whatever the input. */
export class BoundedList<T> {
  readonly items: T[] = []
  dropped = 0
  constructor(private readonly limit: number) {}
  push(item: T): boolean {
    if (this.items.length < this.limit) {
      this.items.push(item)
      return true
    }
    this.dropped++
    return false
  }
  get last(): T | undefined {
    return this.items[this.items.length - 1]
  }
}
