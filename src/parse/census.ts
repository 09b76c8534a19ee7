import { addDiagnostic, BoundedList, emptyDiagnostics, type Diagnostics } from './diagnostics.js'
import { firstCharacters, own, parseJsonRecord, type LineParser, type LineRouting } from './line-parser.js'

/**
 * The live-object census pydebug's helper prints on Py_TRACE_REFS builds
 * (python/pydebug_census.py): a test file's cases run warm-ups + counted runs times, and after
 * each run one line with the change in live objects per type since the previous run,
 *
 *   pydebug-census: {"test": "test_x", "run": 4, "warmup": false, "objects": 51234, "delta": {"list": 1}, "moreTypes": 0}
 *
 * then `pydebug-census-end: {"test": "test_x", "runs": 6, "testsRun": 6, "failures": 0, "errors": 0, "skipped": 0}`
 * when every run is over (none when the process died during a run). Lines with the prefix but
 * without a record of that shape are diagnostics; the parser never throws.
 */
export interface CensusRun {
  readonly line: number
  /** 1-based, warm-ups included. */
  readonly run: number
  readonly warmup: boolean
  /** Live objects after the run. */
  readonly objects: number
  /** Change per type name since the previous run (types that did not change are left out). */
  readonly delta: Readonly<Record<string, number>>
  /** Types that changed but were left out of `delta` (the helper prints the largest changes only). */
  readonly moreTypes: number
}

export interface CensusEnd {
  readonly runs: number
  readonly testsRun: number
  readonly failures: number
  readonly errors: number
  readonly skipped: number
}

export interface CensusFile {
  readonly test: string
  readonly line: number
  readonly runs: CensusRun[]
  droppedRuns: number
  end?: CensusEnd
}

export interface CensusResult {
  readonly files: CensusFile[]
  readonly droppedFiles: number
  readonly diagnostics: Diagnostics
}

/** A type whose live count grew in every counted run: what it leaks, run by run. */
export interface LeakedType {
  readonly name: string
  readonly deltas: readonly number[]
}

const CENSUS_PREFIX = 'pydebug-census: '
const CENSUS_END_PREFIX = 'pydebug-census-end: '
/** What both prefixes start with. */
const CENSUS_PREFIXES_START = 'pydebug-census'
const MAX_FILES = 1000
const MAX_RUNS = 100
const MAX_TYPES_PER_RUN = 200

export const CENSUS_ROUTING: LineRouting = { startCharacters: firstCharacters(CENSUS_PREFIX, CENSUS_END_PREFIX) }

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value)

export class CensusParser implements LineParser<CensusResult> {
  private readonly files = new BoundedList<CensusFile>(MAX_FILES)
  private readonly diagnostics = emptyDiagnostics()
  private current?: CensusFile

  next(line: string, lineNumber: number): boolean {
    if (!line.startsWith(CENSUS_PREFIXES_START)) return false
    const end = line.startsWith(CENSUS_END_PREFIX)
    if (!end && !line.startsWith(CENSUS_PREFIX)) return false
    const record = parseJsonRecord(line.slice(end ? CENSUS_END_PREFIX.length : CENSUS_PREFIX.length))
    const test = record?.test
    if (record === undefined || typeof test !== 'string' || test === '') {
      addDiagnostic(this.diagnostics, lineNumber, `census line without a record pydebug can read: ${line.slice(0, 120)}`)
      return true
    }
    const file = this.fileFor(test, lineNumber)
    if (end) {
      const { runs, testsRun, failures, errors, skipped } = record
      if (isCount(runs) && isCount(testsRun) && isCount(failures) && isCount(errors) && isCount(skipped)) {
        if (file) file.end = { runs, testsRun, failures, errors, skipped }
      } else addDiagnostic(this.diagnostics, lineNumber, `census end line with missing counts: ${line.slice(0, 120)}`)
      this.current = undefined
      return true
    }
    const { run, warmup, objects, delta, moreTypes } = record
    if (!isCount(run) || typeof warmup !== 'boolean' || !isCount(objects) || typeof delta !== 'object' || delta === null || Array.isArray(delta)) {
      addDiagnostic(this.diagnostics, lineNumber, `census run line with missing fields: ${line.slice(0, 120)}`)
      return true
    }
    const changes: Record<string, number> = {}
    let kept = 0
    let skippedTypes = 0
    for (const [name, value] of Object.entries(delta as Record<string, unknown>)) {
      if (!isCount(value)) {
        addDiagnostic(this.diagnostics, lineNumber, `census delta for ${name.slice(0, 60)} is not a count`)
        continue
      }
      if (kept++ >= MAX_TYPES_PER_RUN) skippedTypes++
      else changes[own(name)] = value
    }
    if (!file) return true
    if (file.runs.length >= MAX_RUNS) {
      file.droppedRuns++
      return true
    }
    file.runs.push({ line: lineNumber, run, warmup, objects, delta: changes, moreTypes: (isCount(moreTypes) ? moreTypes : 0) + skippedTypes })
    return true
  }

  end(): CensusResult {
    return { files: this.files.items, droppedFiles: this.files.dropped, diagnostics: this.diagnostics }
  }

  /** The file the line belongs to: the open one when it names the same test, else a new one (undefined past the cap). */
  private fileFor(test: string, lineNumber: number): CensusFile | undefined {
    if (this.current?.test === test) return this.current
    const file: CensusFile = { test: own(test), line: lineNumber, runs: [], droppedRuns: 0 }
    this.current = this.files.push(file) ? file : undefined
    return this.current
  }
}

/**
 * The types a test file leaks: those whose live count grew in every counted run (not the warm-ups),
 * as regrtest -R calls a reference count that grew in every run a leak. Largest total first.
 */
export function leakedTypes(file: Pick<CensusFile, 'runs'>): LeakedType[] {
  const counted = file.runs.filter((run) => !run.warmup)
  if (counted.length === 0) return []
  const names = Object.keys(counted[0].delta)
  return names
    .map((name) => ({ name, deltas: counted.map((run) => run.delta[name] ?? 0) }))
    .filter(({ deltas }) => deltas.every((delta) => delta > 0))
    .sort((a, b) => sum(b.deltas) - sum(a.deltas) || a.name.localeCompare(b.name))
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/** `+1 \`list\` per run` or `+[2, 3, 2] \`dict\``: what a finding and the summary say of a leaked type. */
export function describeLeakedType({ name, deltas }: LeakedType): string {
  const constant = deltas.every((delta) => delta === deltas[0])
  return constant ? `+${deltas[0]} \`${name}\` per run` : `+[${deltas.join(', ')}] \`${name}\``
}
