import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseLogFile, readLineBlocks, readLines } from '../../../src/adapters/read-lines.js'
import { parseLog } from '../../../src/parse/detect.js'
import { linesOf } from '../../../src/parse/line-block.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText } from '../../helpers/parse-text.js'

describe('parseLogText: the kind of a log comes from its content', () => {
  const cases: [string, string[]][] = [
    ['cpython-3.11.2-pydebug/regrtest-R-leaky.txt', ['regrtest']],
    ['cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt', ['regrtest', 'pymalloc-debug', 'fault']],
    ['cpython-3.11.2-pydebug/showrefcount-interactive.txt', ['showrefcount']],
    ['cpython-3.11.2-pydebug/pythonmallocstats-env.txt', ['mallocstats']],
    ['cpython-3.11.2-pydebug/debugmallocstats.txt', ['mallocstats']],
    ['cpython-3.11.2-pydebug/pymalloc-debug-overrun.txt', ['pymalloc-debug', 'fault']],
    ['cpython-3.11.2-pydebug/faulthandler-segfault.txt', ['fault']],
    ['cpython-3.11.2-pydebug/gettotalrefcount-series.txt', ['refcount-series']],
    ['cpython-3.11.2-pydebug-asan/asan-overrun.txt', ['sanitizer']],
    ['cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml', ['valgrind-xml']],
    ['cpython-3.8-count-allocs-format/count-allocs-at-exit.txt', ['count-allocs']],
  ]
  it.each(cases)('%s is %j', (fixture, kinds) => {
    expect(parseLogText(readFixture(fixture)).kinds).toEqual(kinds)
  })

  it('says "buffer overrun of 1 byte detected on free in <string>:1"', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun.txt'))
    expect(parsed.problems).toEqual([
      {
        kind: 'buffer-overrun',
        severity: 'error',
        message: 'buffer overrun of 1 byte detected on free in <string>:1',
        source: 'fault',
        logLine: 1,
        file: '<string>',
        line: 1,
        function: '<module>',
      },
    ])
    expect(parsed.results.regrtest).toBeUndefined()
  })

  it('maps a runner checkout path to the repository path', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt'))
    expect(parsed.problems[0]).toMatchObject({
      message: 'buffer overrun of 1 byte detected on free in tests/test_overrun.py:4',
      file: 'tests/test_overrun.py',
      line: 4,
      function: 'make_trouble',
    })
  })

  it('ties a crash, its debug-hook dump and its fatal error to the test that ran (-j1)', () => {
    const parsed = parseLogText(readFixture('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt'))
    expect(parsed.unparsed.count).toBe(0)
    expect(parsed.problems.map((problem) => [problem.kind, problem.test, problem.message])).toEqual([
      ['reference-leak', 'test_leaky', 'test_leaky leaked [3, 3, 3] references, sum=9'],
      ['crash', 'test_overrun', 'test_overrun crashed (Exit code -6): Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte'],
      ['buffer-overrun', 'test_overrun', 'buffer overrun of 1 byte detected on free in /tmp/exttest/src/tests/test_overrun.py:9'],
    ])
  })

  it('reports a -j timeout as a timeout although regrtest says the worker crashed', () => {
    for (const fixture of ['cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt', 'cpython-3.13.5-pydebug/regrtest-j1-mixed-outcomes.txt']) {
      const parsed = parseLogText(readFixture(fixture))
      const hangs = parsed.problems.filter((problem) => problem.test === 'test_hangs')
      expect(hangs.map((problem) => problem.kind)).toEqual(['timeout'])
      expect(hangs[0].message).toMatch(/^test_hangs timed out: Timeout \(0:00:05\)! \(regrtest: (crashed|worker non-zero exit code) \(Exit code 1\)\)$/)
      const segv = parsed.problems.filter((problem) => problem.test === 'test_segv')
      expect(segv.map((problem) => problem.kind)).toEqual(['crash', 'crash'])
    }
  })

  it('does not count "(this is fine)" leaks as problems', () => {
    const parsed = parseLogText(readFixture('cpython-3.13.5-pydebug/regrtest-R-this-is-fine.txt'))
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      'test_leaky leaked [3, 3, 3] references, sum=9',
      'test_leaky leaked [35, 35, 35] memory blocks, sum=105',
    ])
  })

  it('routes an interleaved stream to every parser and gets the same results as each log alone', () => {
    const parts = [
      'cpython-3.11.2-pydebug/regrtest-R-leaky.txt',
      'cpython-3.11.2-pydebug-asan/asan-overrun.txt',
      'cpython-3.11.2-pydebug/debugmallocstats.txt',
      'cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml',
      'cpython-3.11.2-pydebug/faulthandler-segfault.txt',
    ]
    const combined = parseLogText(parts.map((part) => readFixture(part)).join(''))
    expect(combined.kinds).toEqual(['regrtest', 'sanitizer', 'mallocstats', 'valgrind-xml', 'fault'])
    expect(combined.unparsed.count).toBe(0)
    expect(combined.results.sanitizer?.reports[0].culprit?.function).toBe('overrun')
    expect(combined.results.mallocstats?.dumps).toHaveLength(1)
    expect(combined.results['valgrind-xml']?.errors).toHaveLength(9)
    expect(combined.results.fault?.faults.map((fault) => fault.reason)).toEqual(['Segmentation fault'])
    expect(combined.results.regrtest?.tests[0].leaks[0].deltas).toEqual([3, 3, 3])
  })

  it('strips 3.14 colours before routing', () => {
    const red = '\x1b[31m'
    const reset = '\x1b[0m'
    const parsed = parseLogText(
      `0:00:01 load avg: 1.00 [1/1/1] test_x ${red}failed (reference leak)${reset}\ntest_x leaked [1, 1, 1] references, sum=3\n\n== Tests result: ${red}FAILURE${reset} ==\n`,
    )
    expect(parsed.kinds).toEqual(['regrtest'])
    expect(parsed.unparsed.count).toBe(0)
    expect(parsed.results.regrtest?.tests[0]).toMatchObject({ outcome: 'leaked', leaks: [{ deltas: [1, 1, 1] }] })
    expect(parsed.results.regrtest?.summary.state).toBe('FAILURE')
  })

  it('counts what nobody recognised, with line numbers', () => {
    const parsed = parseLogText('hello\n\n[1 refs, 2 blocks]\nworld\r\n')
    expect(parsed.lines).toBe(4)
    expect(parsed.unparsed).toEqual({
      count: 2,
      samples: [
        { line: 1, text: 'hello' },
        { line: 4, text: 'world' },
      ],
    })
  })
})

describe('streaming file adapters', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pydebug-read-lines-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('splits across chunk boundaries, keeps CRLF for the parsers to strip, handles multi-byte characters and no final newline', async () => {
    const file = path.join(dir, 'log.txt')
    writeFileSync(file, 'a\r\nbé\n\nlast')
    const blocks: string[][] = []
    for await (const block of readLineBlocks(file, { chunkSize: 3 })) blocks.push(linesOf(block))
    expect(blocks.flat()).toEqual(['a\r', 'bé', '', 'last'])
    const lines: string[] = []
    for await (const line of readLines(file)) lines.push(line)
    expect(lines).toEqual(['a\r', 'bé', '', 'last'])
  })

  it('cuts runaway lines so memory stays bounded', async () => {
    const file = path.join(dir, 'long.txt')
    writeFileSync(file, 'x'.repeat(10_000))
    const lines: string[] = []
    for await (const block of readLineBlocks(file, { chunkSize: 1024, maxLineLength: 4096 })) lines.push(...linesOf(block))
    expect(lines.map((line) => line.length)).toEqual([4096, 4096, 1808])
  })

  it('cuts a runaway run of bytes that are no UTF-8 at all (no character boundary to cut at) without hanging', async () => {
    const file = path.join(dir, 'garbage.bin')
    writeFileSync(file, Buffer.concat([Buffer.alloc(10_000, 0x80), Buffer.from('\nok\n')]))
    const lines: string[] = []
    for await (const block of readLineBlocks(file, { chunkSize: 1024, maxLineLength: 4096 })) lines.push(...linesOf(block))
    expect(lines.map((line) => line.length)).toEqual([4096, 4096, 1808, 2])
    expect(lines.at(-1)).toBe('ok')
  })

  it('parseLog reads a file streamed in batches exactly like the text', async () => {
    const file = path.join(dir, 'j1.txt')
    const text = readFixture('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt')
    writeFileSync(file, text)
    expect(await parseLog(readLineBlocks(file, { chunkSize: 64 }))).toEqual(parseLogText(text))
  })

  it('parseLogFile streams a file through the detector, and parses a missing file as empty', async () => {
    const file = path.join(dir, 'R.txt')
    writeFileSync(file, readFixture('cpython-3.11.2-pydebug/regrtest-R-leaky.txt'))
    const parsed = await parseLogFile(file)
    expect(parsed.lines).toBe(15)
    expect(parsed.results.regrtest!.tests[0].outcome).toBe('leaked')
    expect(await parseLogFile(path.join(dir, 'never-written.log'))).toEqual(parseLogText(''))
  })
})
