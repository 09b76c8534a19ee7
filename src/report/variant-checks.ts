/**
 * The variant checks' sections of report.json (pure): the allocation report, the trace-refs census,
 * COUNT_ALLOCS counts and the GIL check, from what the helpers printed and the parsers read.
 */
import { leakedTypes } from '../parse/census.js'
import type { CountAllocsDump } from '../parse/count-allocs.js'
import type { MallocStatsDump } from '../parse/mallocstats.js'
import type { HelperRun, VariantChecksRun } from './step-results.js'
import type { AllocationSection, AllocatorTotals, CensusSection, CountAllocsSection, Finding, GilSection, HelperOutcome } from './model.js'

export interface VariantCheckSections {
  readonly allocations?: AllocationSection
  readonly census?: CensusSection
  readonly countAllocs?: CountAllocsSection
  readonly gil?: GilSection
}

const TOP_TYPES = 10

function outcomeOf(run: Pick<HelperRun<unknown>, 'signal' | 'timedOut' | 'exitCode'>, complete: boolean): HelperOutcome {
  if (run.timedOut) return 'timed-out'
  if (run.signal || (run.exitCode !== null && run.exitCode < 0)) return 'crashed'
  if (run.exitCode !== 0 && !complete) return 'crashed'
  if (!complete) return 'incomplete'
  return run.exitCode === 0 ? 'ok' : 'failed'
}

/** The totals a dump states: pymalloc's arenas and bytes, or mimalloc's blocks and bytes. */
function allocatorTotals(dump: MallocStatsDump): AllocatorTotals {
  if (dump.allocator === 'mimalloc') {
    const values = dump.mimalloc ?? {}
    return { ...optional('allocatedBlocks', values['Allocated Blocks']), ...optional('allocatedBytes', values['Allocated Bytes']) }
  }
  return {
    ...optional('arenas', dump.values['arenas allocated current'] ?? dump.arenaCount),
    ...optional('bytesInAllocatedBlocks', dump.values['bytes in allocated blocks']),
  }
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>)
}

/** One test file between two dumps: the totals, their growth, and blocks in use per size class. */
export function compareDumps(
  before: MallocStatsDump,
  after: MallocStatsDump,
): Pick<AllocationSection['files'][number], 'allocator' | 'before' | 'after' | 'growth' | 'sizeClasses'> {
  const first = allocatorTotals(before)
  const last = allocatorTotals(after)
  const growth: Record<string, number> = {}
  for (const [key, value] of Object.entries(last)) {
    const was = first[key as keyof AllocatorTotals]
    if (was !== undefined && value !== undefined) growth[key] = value - was
  }
  const sizes = new Map<number, { before: number; after: number }>()
  for (const row of before.sizeClasses) sizes.set(row.size, { before: row.blocksInUse, after: 0 })
  for (const row of after.sizeClasses) sizes.set(row.size, { before: sizes.get(row.size)?.before ?? 0, after: row.blocksInUse })
  const sizeClasses = [...sizes].sort(([a], [b]) => a - b).map(([size, counts]) => ({ size, ...counts, growth: counts.after - counts.before }))
  return { allocator: after.allocator, before: first, after: last, growth, sizeClasses }
}

/** The types whose live count (allocations - frees) grew most between two `sys.getcounts()` lists. */
export function countsGrowth(before: CountAllocsDump, after: CountAllocsDump, top = TOP_TYPES): CountAllocsSection['files'][number]['topGrowth'] {
  const earlier = new Map<string, CountAllocsDump['types'][number]>()
  for (const type of before.types) if (!earlier.has(type.name)) earlier.set(type.name, type)
  const seen = new Set<string>()
  return after.types
    .filter((type) => !seen.has(type.name) && seen.add(type.name))
    .map((type) => {
      const was = earlier.get(type.name)
      const counts = (entry: typeof type | undefined) => ({ allocs: entry?.allocs ?? 0, frees: entry?.frees ?? 0, maxInUse: entry?.maxInUse ?? 0 })
      return { name: type.name, before: counts(was), after: counts(type), growth: type.alive - (was?.alive ?? 0) }
    })
    .filter((type) => type.growth > 0)
    .sort((a, b) => b.growth - a.growth || a.name.localeCompare(b.name))
    .slice(0, top)
}

export function variantCheckSections(run: VariantChecksRun, relative: (absolutePath: string) => string): VariantCheckSections {
  const allocations: AllocationSection | undefined = run.allocations && {
    files: run.allocations.map((file) => {
      const dumps = file.details.results.mallocstats?.dumps ?? []
      const compared = dumps.length >= 2 ? compareDumps(dumps[0], dumps[dumps.length - 1]) : undefined
      return {
        name: file.testFile,
        outcome: outcomeOf(file, compared !== undefined),
        exitCode: file.exitCode,
        ...(compared ?? { sizeClasses: [] }),
        log: relative(file.log),
      }
    }),
  }
  const census: CensusSection | undefined = run.census && {
    warmups: run.census.warmups,
    runs: run.census.runs,
    files: run.census.files.map((file) => {
      const parsed = file.details.results.census?.files.find((candidate) => candidate.test === file.testFile)
      return {
        name: file.testFile,
        outcome: outcomeOf(file, parsed?.end !== undefined),
        exitCode: file.exitCode,
        leakedTypes: parsed ? leakedTypes(parsed) : [],
        runs: (parsed?.runs ?? []).map(({ run: number, warmup, objects, delta, moreTypes }) => ({ run: number, warmup, objects, delta, moreTypes })),
        log: relative(file.log),
      }
    }),
  }
  const countAllocs: CountAllocsSection | undefined = run.countAllocs && {
    files: run.countAllocs.map((file) => {
      const lists = (file.details.results['count-allocs']?.dumps ?? []).filter((dump) => dump.source === 'getcounts')
      const complete = lists.length >= 2
      return {
        name: file.testFile,
        outcome: outcomeOf(file, complete),
        exitCode: file.exitCode,
        topGrowth: complete ? countsGrowth(lists[0], lists[lists.length - 1]) : [],
        log: relative(file.log),
      }
    }),
  }
  let gil: GilSection | undefined
  if (run.gil) {
    const reenabledBy: { module: string; test: string; warning: string }[] = []
    const files = run.gil.files.map((file) => {
      for (const warning of file.parsed?.warnings ?? []) {
        if (!reenabledBy.some((entry) => entry.module === warning.module))
          reenabledBy.push({ module: warning.module, test: file.testFile, warning: warning.text })
      }
      const probe = file.parsed?.probes.find((candidate) => candidate.test === file.testFile)
      return { name: file.testFile, ...(probe ? { gilEnabled: probe.gilEnabled } : {}), exitCode: file.exitCode, log: relative(file.log) }
    })
    gil = { mode: run.gil.mode, reenabledBy, files }
  }
  return { ...(allocations ? { allocations } : {}), ...(census ? { census } : {}), ...(countAllocs ? { countAllocs } : {}), ...(gil ? { gil } : {}) }
}

/**
 * A free-threaded cell whose extension re-enabled the GIL tested the GIL build: one finding per
 * module that did it, naming it and what to do. (The census's object leaks come through the
 * detector's problems, parse/detect.ts.)
 */
export function variantCheckFindings(sections: VariantCheckSections): Finding[] {
  const findings: Finding[] = []
  const gil = sections.gil
  if (!gil) return findings
  for (const entry of gil.reenabledBy) {
    const log = gil.files.find((file) => file.name === entry.test)?.log ?? ''
    findings.push({
      kind: 'gil-enabled',
      test: entry.test,
      message: `the GIL was re-enabled to import module '${entry.module}' (imported by ${entry.test}), which does not declare Py_mod_gil: this free-threaded cell ran its tests with the GIL, so free-threading was not tested. Declare Py_MOD_GIL_NOT_USED in the module once it is thread-safe, or set gil: force-off (PYTHON_GIL=0) to test without the GIL anyway`,
      detail: `module '${entry.module}' re-enabled the GIL: ${entry.warning}`,
      log,
      pass: 'gil',
    })
  }
  // The GIL on with no warning naming a module (the warning filtered away, or another cause): still not free-threaded.
  const silent = gil.files.find((file) => file.gilEnabled === true)
  if (gil.reenabledBy.length === 0 && silent) {
    findings.push({
      kind: 'gil-enabled',
      test: silent.name,
      message: `the GIL was enabled after importing ${silent.name} (sys._is_gil_enabled()), with no warning naming the module: this free-threaded cell did not test free-threading`,
      log: silent.log,
      pass: 'gil',
    })
  }
  return findings
}
