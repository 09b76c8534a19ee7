import { describe, expect, it } from 'vitest'
import { CountAllocsParser } from '../../../src/parse/count-allocs.js'
import { FaultParser } from '../../../src/parse/fault.js'
import { MallocStatsParser } from '../../../src/parse/mallocstats.js'
import { PymallocDebugParser } from '../../../src/parse/pymalloc-debug.js'
import { RefcountSeriesParser } from '../../../src/parse/refcount-series.js'
import { readFixture } from '../../helpers/fixtures.js'
import { scanText } from '../../helpers/parse-text.js'

describe('PymallocDebugParser and FaultParser on real 3.11.2 debug-hook output', () => {
  it('reads the bad block, its pad bytes and the fatal error of a 1-byte overrun', () => {
    const { results, unparsed } = scanText(
      { debug: new PymallocDebugParser(), fault: new FaultParser() },
      readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun.txt'),
    )
    expect(unparsed.count).toBe(0)
    expect(results.debug.blocks).toHaveLength(1)
    const block = results.debug.blocks[0]
    expect(block).toMatchObject({
      line: 1,
      address: '0x7f218a328820',
      api: 'm',
      bytesRequested: 16,
      overrunBytes: 1,
      tracemallocDisabled: true,
      data: 'cd cd cd cd cd cd cd cd cd cd cd cd cd cd cd cd',
    })
    expect(block.leadingPad).toEqual({ count: 7, intact: true, bytes: [] })
    expect(block.trailingPad?.intact).toBe(false)
    expect(block.trailingPad?.count).toBe(8)
    expect(block.trailingPad?.bytes[0]).toEqual({ offset: 0, value: 0x78, corrupted: true })
    expect(block.trailingPad?.bytes.slice(1).every((byte) => byte.value === 0xfd && !byte.corrupted)).toBe(true)
    expect(block.underrunBytes).toBeUndefined()
    expect(results.fault.faults).toEqual([
      {
        line: 17,
        kind: 'fatal-error',
        message: '_PyMem_DebugRawFree: bad trailing pad byte',
        function: '_PyMem_DebugRawFree',
        reason: 'bad trailing pad byte',
        runtimeState: 'initialized',
        threads: [{ id: '0x00007f218a3ec740', current: true, frames: [{ file: '<string>', line: 1, function: '<module>' }] }],
        extensionModules: { names: ['leaky'], total: 1 },
      },
    ])
  })

  it('keeps the tracemalloc allocation traceback apart from the crashing thread', () => {
    const { results, unparsed } = scanText(
      { debug: new PymallocDebugParser(), fault: new FaultParser() },
      readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt'),
    )
    expect(unparsed.count).toBe(0)
    expect(results.debug.blocks[0].allocatedAt).toEqual([
      { file: '/home/runner/work/myext/myext/tests/test_overrun.py', line: 4 },
      { file: '/home/runner/work/myext/myext/tests/test_overrun.py', line: 6 },
    ])
    expect(results.debug.blocks[0].tracemallocDisabled).toBeUndefined()
    expect(results.fault.faults[0].threads[0].frames.map((frame) => frame.function)).toEqual(['make_trouble', '<module>'])
  })

  it('reads a faulthandler segfault (no runtime state, no extension list on 3.11 for stdlib-only crashes)', () => {
    const { results, unparsed } = scanText({ fault: new FaultParser() }, readFixture('cpython-3.11.2-pydebug/faulthandler-segfault.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.fault.faults).toEqual([
      {
        line: 1,
        kind: 'signal',
        message: 'Segmentation fault',
        reason: 'Segmentation fault',
        threads: [
          {
            id: '0x00007f881b18e740',
            current: true,
            frames: [
              { file: '/work/scratch/py311/prefix/lib/python3.11/ctypes/__init__.py', line: 519, function: 'string_at' },
              { file: '<string>', line: 1, function: '<module>' },
            ],
          },
        ],
      },
    ])
  })

  it('never claims unrelated indented lines when no traceback is open', () => {
    const { results, unparsed } = scanText({ fault: new FaultParser() }, '    test_leaky test_overrun\n  File "x.py", line 3 in f\n')
    expect(results.fault.faults).toEqual([])
    expect(unparsed.count).toBe(2)
  })
})

describe('MallocStatsParser', () => {
  it('reads every block of a real 3.11 sys._debugmallocstats() dump, including free lists', () => {
    const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, readFixture('cpython-3.11.2-pydebug/debugmallocstats.txt'))
    expect(unparsed.count).toBe(0)
    const [dump] = results.stats.dumps
    expect(results.stats.dumps).toHaveLength(1)
    expect(dump).toMatchObject({
      allocator: 'pymalloc',
      smallBlockThreshold: 512,
      sizeClassCount: 32,
      arenaCount: 2,
      arenaSize: 1048576,
      unusedPools: 24,
      poolSize: 16384,
    })
    expect(dump.sizeClasses).toHaveLength(31)
    expect(dump.sizeClasses[0]).toEqual({ index: 1, size: 32, pools: 1, blocksInUse: 15, availableBlocks: 495 })
    expect(dump.sizeClasses[30]).toEqual({ index: 31, size: 512, pools: 1, blocksInUse: 7, availableBlocks: 24 })
    expect(dump.values).toMatchObject({
      'arenas allocated total': 2,
      'arenas reclaimed': 0,
      'arenas highwater mark': 2,
      'arenas allocated current': 2,
      'arenas bytes': 2097152,
      'bytes in allocated blocks': 1353808,
      'bytes in available blocks': 320704,
      'unused pools bytes': 393216,
      'bytes lost to pool headers': 4944,
      'bytes lost to quantization': 8096,
      'bytes lost to arena alignment': 16384,
      total: 2097152,
      'arena map mid nodes': 1,
      'arena map bot nodes': 1,
      'bytes lost to arena map root': 262144,
      'bytes lost to arena map mid': 262144,
      'bytes lost to arena map bot': 131072,
      'arena map total': 655360,
    })
    expect(dump.freeLists[0]).toEqual({ count: 9, name: 'free PyDictObjects', bytesEach: 48, totalBytes: 432 })
    expect(dump.freeLists.find((line) => line.name === 'free 2-sized PyTupleObjects')).toEqual({
      count: 8,
      name: 'free 2-sized PyTupleObjects',
      bytesEach: 40,
      totalBytes: 320,
    })
    // The pymalloc totals add up, as printone sums them.
    const v = dump.values
    expect(
      v['bytes in allocated blocks'] +
        v['bytes in available blocks'] +
        v['unused pools bytes'] +
        v['bytes lost to pool headers'] +
        v['bytes lost to quantization'] +
        v['bytes lost to arena alignment'],
    ).toBe(v.total)
  })

  it('keeps 22 PYTHONMALLOCSTATS dumps as a time series with growing arena counts', () => {
    const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, readFixture('cpython-3.11.2-pydebug/pythonmallocstats-env.txt'))
    expect(unparsed.count).toBe(0)
    const { dumps } = results.stats
    expect(dumps).toHaveLength(22)
    expect(dumps.every((dump) => dump.sizeClassCount === 32 && dump.arenaSize === 1048576)).toBe(true)
    const arenas = dumps.map((dump) => dump.arenaCount!)
    expect(arenas.every((count, index) => index === 0 || count >= arenas[index - 1])).toBe(true)
    expect(results.stats.last).toBe(dumps[21])
  })

  it('reads the real 3.13.5 layout', () => {
    const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, readFixture('cpython-3.13.5-pydebug/debugmallocstats.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.stats.dumps).toHaveLength(1)
    expect(results.stats.dumps[0]).toMatchObject({ smallBlockThreshold: 512, sizeClassCount: 32, arenaSize: 1048576 })
    expect(results.stats.dumps[0].freeLists.length).toBeGreaterThan(10)
  })

  it('reads the real 3.13.5 mimalloc layout (PYTHONMALLOC=mimalloc)', () => {
    const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, readFixture('cpython-3.13.5-pydebug/debugmallocstats-mimalloc.txt'))
    expect(unparsed.count).toBe(0)
    const [dump] = results.stats.dumps
    expect(results.stats.dumps).toHaveLength(1)
    expect(dump).toMatchObject({
      allocator: 'mimalloc',
      smallBlockThreshold: 16384,
      sizeClassCount: 73,
      sizeClasses: [],
      values: { 'medium block threshold': 131072, 'large object max size': 16777216 },
    })
    expect(dump.mimalloc).toEqual({
      'Allocated Blocks': 15914,
      'Allocated Bytes': 2080432,
      'Allocated Bytes w/ Overhead': 2207744,
      'Bytes Reserved': 4469296,
      'Bytes Committed': 2909168,
    })
    expect(dump.freeLists[1]).toEqual({ count: 4, name: 'free PyDictKeysObjects', bytesEach: 32, totalBytes: 128 })
  })

  it('reads the old layout: 64 size classes, 256 KiB arenas, the malloc-called counter', () => {
    // Format strings of Objects/obmalloc.c (3.4 to 3.9): printone pads labels to 35 columns and numbers to 21 with commas.
    const printone = (label: string, value: number) => `${label.padEnd(35)}=${value.toLocaleString('en-US').padStart(21)}`
    const row = (index: number, size: number, pools: number, used: number, avail: number) =>
      `${String(index).padStart(5)} ${String(size).padStart(6)} ${String(pools).padStart(11)} ${String(used).padStart(15)} ${String(avail).padStart(13)}`
    const text = [
      'Small block threshold = 512, in 64 size classes.',
      '',
      'class   size   num pools   blocks in use  avail blocks',
      '-----   ----   ---------   -------------  ------------',
      row(0, 8, 2, 771, 241),
      row(63, 512, 3, 21, 0),
      '',
      printone('# times object malloc called', 2_030_000),
      printone('# arenas allocated total', 17),
      printone('# arenas reclaimed', 1),
      printone('# arenas highwater mark', 16),
      printone('# arenas allocated current', 16),
      printone('16 arenas * 262144 bytes/arena', 4_194_304),
      '',
      printone('# bytes in allocated blocks', 3_900_000),
      printone('# bytes in available blocks', 200_000),
      printone('5 unused pools * 4096 bytes', 20_480),
      printone('# bytes lost to pool headers', 48_000),
      printone('# bytes lost to quantization', 25_824),
      printone('# bytes lost to arena alignment', 0),
      printone('Total', 4_194_304),
    ].join('\n')
    const { results, unparsed } = scanText({ stats: new MallocStatsParser() }, text)
    expect(unparsed.count).toBe(0)
    expect(results.stats.dumps[0]).toMatchObject({ sizeClassCount: 64, arenaCount: 16, arenaSize: 262144, unusedPools: 5, poolSize: 4096 })
    expect(results.stats.dumps[0].sizeClasses).toEqual([
      { index: 0, size: 8, pools: 2, blocksInUse: 771, availableBlocks: 241 },
      { index: 63, size: 512, pools: 3, blocksInUse: 21, availableBlocks: 0 },
    ])
    expect(results.stats.dumps[0].values).toMatchObject({ 'times object malloc called': 2_030_000, 'arenas reclaimed': 1, total: 4_194_304 })
  })
})

describe('CountAllocsParser on text made by CPython 3.8 format strings', () => {
  it('reads the at-exit dump', () => {
    const { results, unparsed } = scanText({ counts: new CountAllocsParser() }, readFixture('cpython-3.8-count-allocs-format/count-allocs-at-exit.txt'))
    expect(unparsed.count).toBe(0)
    const [dump] = results.counts.dumps
    expect(dump).toMatchObject({
      source: 'at-exit',
      fastTupleAllocs: 70213,
      emptyTupleAllocs: 1,
      fastIntAllocsPositive: 120334,
      fastIntAllocsNegative: 2210,
      nullStrings: 0,
      oneCharStrings: 0,
    })
    expect(dump.types[0]).toEqual({ name: 'leaky.Thing', allocs: 12, frees: 9, maxInUse: 4, alive: 3 })
    expect(dump.types.at(-1)).toEqual({ name: `module.__dict__'s "odd" name`, allocs: 1, frees: 0, maxInUse: 1, alive: 1 })
    expect(dump.types).toHaveLength(8)
  })

  it('reads the sys.getcounts() repr, quotes and escapes included', () => {
    const { results, unparsed } = scanText({ counts: new CountAllocsParser() }, readFixture('cpython-3.8-count-allocs-format/getcounts-repr.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.counts.diagnostics.count).toBe(0)
    const [dump] = results.counts.dumps
    expect(dump.source).toBe('getcounts')
    expect(dump.types.map((type) => type.name)).toEqual([
      'leaky.Thing',
      'int',
      'builtin_function_or_method',
      'dict',
      'tuple',
      'str',
      'type',
      `module.__dict__'s "odd" name`,
    ])
    expect(dump.types[5]).toEqual({ name: 'str', allocs: 210044, frees: 195012, maxInUse: 30211, alive: 15032 })
  })

  it('counts a cut-off getcounts list as a diagnostic', () => {
    const { results } = scanText({ counts: new CountAllocsParser() }, "[('int', 5, 3, 4), ('str', 9")
    expect(results.counts.dumps[0].types).toHaveLength(1)
    expect(results.counts.diagnostics.count).toBe(1)
  })
})

describe('RefcountSeriesParser on a real sys.gettotalrefcount() series', () => {
  it('computes growth per step: 1000 references per leak_refs(1000) call', () => {
    const { results, unparsed } = scanText({ series: new RefcountSeriesParser() }, readFixture('cpython-3.11.2-pydebug/gettotalrefcount-series.txt'))
    expect(unparsed.count).toBe(0)
    const series = results.series
    expect(series.samples.map((sample) => sample.total)).toEqual([47626, 48631, 49631, 50631, 51631, 52631])
    expect(series.samples.map((sample) => sample.growth)).toEqual([undefined, 1005, 1000, 1000, 1000, 1000])
    expect(series.totalGrowth).toBe(5005)
    // The first step also imports and warms caches (1005): growth is steady from the second step on.
    expect(series.steadyGrowth).toBe(1000)
  })
})
