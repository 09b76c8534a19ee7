/**
 * Dumps as people paste them into documentation and issues: rows elided with a line of `...`,
 * headings left out, the dump cut short. Made from the real dumps in test/fixtures by removing
 * lines or inserting `...`; every totals line after a gap must still be read, and the gap is a
 * diagnostic, not the end of the dump.
 */
import { describe, expect, it } from 'vitest'
import { MallocStatsParser } from '../../../src/parse/mallocstats.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText, scanText } from '../../helpers/parse-text.js'

const DUMP_311 = readFixture('cpython-3.11.2-pydebug/debugmallocstats.txt')
const DUMP_313_MIMALLOC = readFixture('cpython-3.13.5-pydebug/debugmallocstats-mimalloc.txt')

function parse(text: string) {
  const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, text)
  return { ...results.stats, unparsed }
}

/** The lines of `text`, with `edit` applied to the array (indexes of the original lines). */
function edited(text: string, edit: (lines: string[]) => string[]): string {
  return `${edit(text.split('\n')).join('\n')}`
}

const complete = parse(DUMP_311)
const original = complete.dumps[0]

describe('MallocStatsParser on pasted dumps with gaps', () => {
  it('reads the complete dump (the reference the gaps are compared with)', () => {
    expect(complete.dumps).toHaveLength(1)
    expect(original.sizeClasses.length).toBeGreaterThan(20)
    expect(original.values['bytes in allocated blocks']).toBeGreaterThan(0)
    expect(complete.diagnostics.count).toBe(0)
  })

  it('size-class rows elided with a line of "...": every totals line after the gap is still read, and the gap is a diagnostic', () => {
    const text = edited(DUMP_311, (lines) => {
      const first = lines.findIndex((line) => /^ +5 +/.test(line))
      const last = lines.findIndex((line) => /^ +25 +/.test(line))
      return [...lines.slice(0, first), '...', ...lines.slice(last)]
    })
    const { dumps, diagnostics, unparsed } = parse(text)
    expect(dumps).toHaveLength(1)
    const [dump] = dumps
    // Rows 5 to 24 are gone; the others are there, as they were.
    expect(dump.sizeClasses.map((row) => row.index)).toEqual(original.sizeClasses.map((row) => row.index).filter((index) => index < 5 || index >= 25))
    expect(dump.values).toEqual(original.values)
    expect(dump.arenaCount).toBe(original.arenaCount)
    expect(dump.freeLists).toEqual(original.freeLists)
    expect(diagnostics.count).toBe(1)
    expect(diagnostics.samples[0].message).toMatch(/lines left out \(\.\.\.\): read on past the gap/)
    expect(unparsed.count).toBe(0)
  })

  it('totals elided with "…" and "[...]": the totals after each gap are read, and the free lists after them', () => {
    const text = edited(DUMP_311, (lines) => {
      const allocated = lines.findIndex((line) => line.startsWith('# arenas reclaimed'))
      const lost = lines.findIndex((line) => line.startsWith('# bytes in available blocks'))
      const mapRoot = lines.findIndex((line) => line.startsWith('# arena map mid nodes'))
      const mapTotal = lines.findIndex((line, index) => index > mapRoot && line.startsWith('Total'))
      return [...lines.slice(0, allocated), '…', ...lines.slice(lost, mapRoot), '[...]', ...lines.slice(mapTotal)]
    })
    const { dumps, diagnostics } = parse(text)
    expect(dumps).toHaveLength(1)
    const [dump] = dumps
    expect(dump.values['arenas allocated total']).toBe(original.values['arenas allocated total'])
    expect(dump.values['arenas reclaimed']).toBeUndefined()
    // After the first gap: the totals from `bytes in available blocks` on, and the pool line.
    for (const key of ['bytes in available blocks', 'unused pools bytes', 'bytes lost to pool headers', 'bytes lost to quantization', 'total'])
      expect(dump.values[key]).toBe(original.values[key])
    expect(dump.unusedPools).toBe(original.unusedPools)
    // After the second: the arena map total (still known as such) and every free list.
    expect(dump.values['arena map total']).toBe(original.values['arena map total'])
    expect(dump.freeLists).toEqual(original.freeLists)
    expect(diagnostics.count).toBe(2)
  })

  it('a dump without its threshold line and table heading, or with "... 20 more rows ..." words in the gap', () => {
    const noThreshold = edited(DUMP_311, (lines) => lines.slice(lines.findIndex((line) => line.startsWith('class   size'))))
    const fromHeading = parse(noThreshold)
    expect(fromHeading.dumps).toHaveLength(1)
    expect(fromHeading.dumps[0].sizeClasses).toEqual(original.sizeClasses)
    expect(fromHeading.dumps[0].values).toEqual(original.values)
    expect(fromHeading.diagnostics.samples[0].message).toMatch(/without its "Small block threshold" line/)

    const noHeading = edited(DUMP_311, (lines) => lines.filter((line) => !line.startsWith('class   size') && !line.startsWith('-----   ----')))
    expect(parse(noHeading).dumps[0].sizeClasses).toEqual(original.sizeClasses)

    const worded = edited(DUMP_311, (lines) => {
      const first = lines.findIndex((line) => /^ +3 +/.test(line))
      return [...lines.slice(0, first), '   ... 20 more rows ...', ...lines.slice(first + 20)]
    })
    const wordedDump = parse(worded)
    expect(wordedDump.dumps[0].values).toEqual(original.values)
    expect(wordedDump.diagnostics.count).toBe(1)
  })

  it('a dump cut short keeps what it had, and the next dump starts afresh', () => {
    const lines = DUMP_311.split('\n')
    const cut = lines.findIndex((line) => line.startsWith('# bytes lost to quantization'))
    const text = [...lines.slice(0, cut), ...lines].join('\n')
    const { dumps } = parse(text)
    expect(dumps).toHaveLength(2)
    expect(dumps[0].values['bytes in allocated blocks']).toBe(original.values['bytes in allocated blocks'])
    expect(dumps[0].values['bytes lost to quantization']).toBeUndefined()
    expect(dumps[1].values).toEqual(original.values)
  })

  it('a mimalloc dump with its Allocated lines elided reads the ones after the gap', () => {
    const text = edited(DUMP_313_MIMALLOC, (lines) => {
      const first = lines.findIndex((line) => line.startsWith('    Allocated Bytes:'))
      return [...lines.slice(0, first), '    ...', ...lines.slice(first + 2)]
    })
    const reference = parse(DUMP_313_MIMALLOC).dumps[0]
    const { dumps, diagnostics } = parse(text)
    expect(dumps).toHaveLength(1)
    expect(dumps[0].allocator).toBe('mimalloc')
    expect(dumps[0].mimalloc?.['Allocated Blocks']).toBe(reference.mimalloc?.['Allocated Blocks'])
    expect(dumps[0].mimalloc?.['Bytes Reserved']).toBe(reference.mimalloc?.['Bytes Reserved'])
    expect(dumps[0].mimalloc?.['Allocated Bytes']).toBeUndefined()
    expect(dumps[0].freeLists).toEqual(reference.freeLists)
    expect(diagnostics.count).toBe(1)
  })

  it('the detector reads the same, fast routing and every line to every parser alike', () => {
    const text = edited(DUMP_311, (lines) => {
      const first = lines.findIndex((line) => /^ +5 +/.test(line))
      const noThreshold = lines.findIndex((line) => line.startsWith('class   size'))
      return ['some prose before', ...lines.slice(noThreshold, first), '...', ...lines.slice(first + 10), 'and after']
    })
    const dispatched = parseLogText(text)
    const all = parseLogText(text, { routing: 'all' })
    expect(JSON.stringify(dispatched)).toBe(JSON.stringify(all))
    expect(dispatched.kinds).toEqual(['mallocstats'])
    expect(dispatched.results.mallocstats?.dumps[0].values).toEqual(original.values)
    expect(dispatched.diagnostics[0].count).toBe(2)
    // A "..." outside any dump is nobody's.
    expect(parseLogText('...\n').unparsed.count).toBe(1)
  })
})

describe('the debug hooks named by what happened, when the dump is cut short before its pad bytes', () => {
  const overrun = readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun.txt')
  const problemOf = (text: string) => parseLogText(text).problems.find((problem) => problem.source === 'fault')

  it('a trailing pad without its byte lines is an overrun, with no byte count made up', () => {
    expect(problemOf(overrun)).toMatchObject({ kind: 'buffer-overrun', message: 'buffer overrun of 1 byte detected on free in <string>:1' })
    const cut = overrun
      .split('\n')
      .filter((line) => !line.startsWith('        at tail+'))
      .join('\n')
    expect(problemOf(cut)).toMatchObject({
      kind: 'buffer-overrun',
      message: 'buffer overrun past a 16-byte block (its trailing pad bytes were overwritten; the log does not show how many) detected on free in <string>:1',
    })
  })

  it('"bad leading pad byte" is an underrun even when the leading pad bytes are not in the log', () => {
    const underrun = overrun
      .split('\n')
      .filter((line) => !line.startsWith('        at tail+'))
      .map((line) =>
        line
          .replace('The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.', 'The 7 pad bytes at p-7 are not all FORBIDDENBYTE (0xfd):')
          .replace(/The 8 pad bytes at tail=(\S+) are not all FORBIDDENBYTE \(0xfd\):/, 'The 8 pad bytes at tail=$1 are FORBIDDENBYTE, as expected.')
          .replace('bad trailing pad byte', 'bad leading pad byte'),
      )
      .join('\n')
    expect(problemOf(underrun)).toMatchObject({
      kind: 'buffer-underrun',
      message: 'buffer underrun before a 16-byte block (its leading pad bytes were overwritten; the log does not show how many) detected on free in <string>:1',
    })
  })
})
