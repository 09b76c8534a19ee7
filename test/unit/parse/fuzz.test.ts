import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../../src/report/parsed-logs.js'
import { CountAllocsParser } from '../../../src/parse/count-allocs.js'
import { LOG_KINDS, LogDetector } from '../../../src/parse/detect.js'
import { FaultParser } from '../../../src/parse/fault.js'
import type { LineParser } from '../../../src/parse/line-parser.js'
import { MallocStatsParser } from '../../../src/parse/mallocstats.js'
import { PymallocDebugParser } from '../../../src/parse/pymalloc-debug.js'
import { RefcountSeriesParser } from '../../../src/parse/refcount-series.js'
import { RegrtestParser } from '../../../src/parse/regrtest.js'
import { SanitizerParser } from '../../../src/parse/sanitizer.js'
import { ShowRefcountParser } from '../../../src/parse/showrefcount.js'
import { ValgrindXmlParser } from '../../../src/parse/valgrind-xml.js'
import { FIXTURES_DIR, readFixture } from '../../helpers/fixtures.js'
import { validate } from '../../helpers/json-schema.js'
import { parseLogText, scanText } from '../../helpers/parse-text.js'

// PYDEBUG_FUZZ_RUNS=5000 for a longer hunt; the default keeps the unit run fast.
const RUNS = Number(process.env.PYDEBUG_FUZZ_RUNS ?? 300)
const TIMEOUT = Math.max(10_000, RUNS * 5)
const SCHEMA = JSON.parse(readFileSync(path.resolve(FIXTURES_DIR, '..', '..', 'schemas', 'report-v1.schema.json'), 'utf8'))

const FIXTURES = [
  'cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt',
  'cpython-3.11.2-pydebug/regrtest-j1-mixed-outcomes.txt',
  'cpython-3.13.5-pydebug/regrtest-R-this-is-fine.txt',
  'cpython-3.11.2-pydebug/showrefcount-interactive.txt',
  'cpython-3.11.2-pydebug/debugmallocstats.txt',
  'cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt',
  'cpython-3.11.2-pydebug/gettotalrefcount-series.txt',
  'cpython-3.11.2-pydebug-asan/asan-overrun.txt',
  'cpython-3.11.2-pydebug-asan/asan-leaks.txt',
  'cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml',
  'cpython-3.8-count-allocs-format/count-allocs-at-exit.txt',
  'cpython-3.8-count-allocs-format/getcounts-repr.txt',
  // Series of dumps and whole XML files: the detector's fast paths for blocks run on these.
  'cpython-3.11.2-pydebug/pythonmallocstats-env.txt',
  'cpython-3.13.5-pydebug/debugmallocstats-mimalloc.txt',
  'cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml',
  'cpython-3.11.2-pydebug/faulthandler-segfault.txt',
  'gcc-12-ubsan/signed-overflow.txt',
  // An import refused for a symbol of another ABI: reaches its parser only by the ': undefined symbol: ' marker.
  'cpython-3.11.2-trace-refs/regrtest-pydebug-module.txt',
].map((fixture) => readFixture(fixture).split('\n'))
const REAL_LINES = FIXTURES.flat()

const PARSERS: Record<string, () => LineParser<unknown>> = {
  regrtest: () => new RegrtestParser(),
  showrefcount: () => new ShowRefcountParser(),
  series: () => new RefcountSeriesParser(),
  mallocstats: () => new MallocStatsParser(),
  counts: () => new CountAllocsParser(),
  debug: () => new PymallocDebugParser(),
  fault: () => new FaultParser(),
  sanitizer: () => new SanitizerParser(),
  valgrind: () => new ValgrindXmlParser(),
}

// Lines that start like real ones, so the fuzzer reaches the parsers' inner states.
const PREFIXES = [
  '',
  ' ',
  '    ',
  '        at tail+',
  '  File "',
  '<',
  '</',
  '==1==ERROR: AddressSanitizer: ',
  '    #0 0x1 in ',
  'Debug memory block at address p=0x1: API ',
  'Fatal Python error: ',
  'Current thread 0x1 (most recent call first):',
  'Small block threshold = ',
  '# arenas',
  "[('",
  'gettotalrefcount[',
  '[1/2] test_',
  'test_x leaked [',
  '== Tests result: ',
  'Extension modules: ',
  'SUMMARY: ',
  '\x1b[31m',
  'E   ImportError: /x/m.so: undefined symbol: Py',
]
const fuzzLine = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.string({ maxLength: 80 })).map(([prefix, rest]) => prefix + rest),
  fc.constantFrom(...REAL_LINES),
  fc
    .tuple(fc.constantFrom(...REAL_LINES), fc.nat(), fc.string({ maxLength: 5 }))
    .map(([line, at, insert]) => line.slice(0, at % (line.length + 1)) + insert + line.slice(at % (line.length + 1))),
)

// Mutations of a real log: drop, duplicate, truncate, or swap lines, or splice another log in.
const mutatedFixture = fc
  .tuple(fc.nat(FIXTURES.length - 1), fc.array(fc.tuple(fc.constantFrom('drop', 'dup', 'cut', 'swap', 'splice'), fc.nat(), fc.nat()), { maxLength: 12 }))
  .map(([index, mutations]) => {
    const lines = [...FIXTURES[index]]
    for (const [kind, a, b] of mutations) {
      if (lines.length === 0) break
      const i = a % lines.length
      const j = b % lines.length
      if (kind === 'drop') lines.splice(i, 1)
      else if (kind === 'dup') lines.splice(i, 0, lines[i])
      else if (kind === 'cut') lines[i] = lines[i].slice(0, b % (lines[i].length + 1))
      else if (kind === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]]
      else lines.splice(i, 0, ...FIXTURES[b % FIXTURES.length].slice(0, 20))
    }
    return lines
  })

function checkEverything(lines: string[]): void {
  const text = lines.join('\n')
  for (const [name, create] of Object.entries(PARSERS)) {
    const scan = scanText({ [name]: create() }, text)
    expect(scan.lines).toBe(lines.length - (lines.at(-1) === '' ? 1 : 0))
  }
  const parsed = parseLogText(text)
  // Routing lines by their first character must give exactly what offering every line to every parser gives.
  expect(parsed).toEqual(parseLogText(text, { routing: 'all' }))
  for (const kind of parsed.kinds) expect(LOG_KINDS).toContain(kind)
  const report = buildReport([{ path: 'fuzz.log', parsed }], new Date(0))
  const errors = validate(SCHEMA, JSON.parse(JSON.stringify(report)))
  expect(errors).toEqual([])
}

describe('fuzzing every parser: no exception, no hang, schema-valid output', () => {
  it(
    'random and prefix-seeded lines',
    () => {
      fc.assert(fc.property(fc.array(fuzzLine, { maxLength: 60 }), checkEverything), { numRuns: RUNS })
    },
    TIMEOUT,
  )

  it.each(['state-line-inside-thread-dump-1.txt', 'state-line-inside-thread-dump-2.txt', 'indented-lines-after-shadow-heading.txt'])(
    'the shrunk counterexample fuzz-regressions/%s',
    (name) => {
      checkEverything(readFixture(`fuzz-regressions/${name}`).split('\n'))
    },
  )

  it(
    'mutated real logs',
    () => {
      fc.assert(fc.property(mutatedFixture, checkEverything), { numRuns: RUNS })
    },
    TIMEOUT,
  )

  const OTHERS_MARKS = [' leaked [1] references', " alloc'd: 1", ': runtime error: x', '\x1b[0m', ' Aborted', "' failed.", ':', '[']
  it('past every result cap, and in batches of any size, the fast paths give what routing every line gives', () => {
    // Enough repetitions to pass MAX_MALLOCSTATS_DUMPS, MAX_VALGRIND_ERRORS, MAX_FAULTS and
    // MAX_SANITIZER_REPORTS, where parsers skip work for what they will not report.
    const repeat = (fixture: string, times: number) => Array.from({ length: times }, () => readFixture(fixture).replace(/\n$/, '')).join('\n')
    const parts = [
      repeat('cpython-3.11.2-pydebug/pythonmallocstats-env.txt', 20),
      repeat('cpython-3.11.2-pydebug/debugmallocstats.txt', 5),
      repeat('cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml', 110),
      repeat('cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml', 25),
      repeat('cpython-3.11.2-pydebug/faulthandler-segfault.txt', 110),
      repeat('cpython-3.11.2-pydebug/pymalloc-debug-overrun-tracemalloc.txt', 110),
      repeat('cpython-3.11.2-pydebug-asan/asan-overrun.txt', 110),
      repeat('cpython-3.11.2-pydebug/regrtest-R-j1-leak-and-crash.txt', 20),
      repeat('cpython-3.8-count-allocs-format/count-allocs-at-exit.txt', 60),
      repeat('cpython-3.8-count-allocs-format/getcounts-repr.txt', 60),
    ]
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'cut', 'crlf', 'mark')), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5000 }),
        (mutations, batchSize) => {
          const lines = parts.join('\n').split('\n')
          for (const [at, kind] of mutations) {
            const i = at % lines.length
            if (kind === 'drop') lines.splice(i, 1)
            else if (kind === 'dup') lines.splice(i, 0, lines[i])
            else if (kind === 'crlf') lines[i] += '\r'
            // What makes a line another parser's business, inside a run a parser would otherwise take whole.
            else if (kind === 'mark') lines[i] += OTHERS_MARKS[at % OTHERS_MARKS.length]
            else lines[i] = lines[i].slice(0, at % (lines[i].length + 1))
          }
          const reference = parseLogText(lines.join('\n'), { routing: 'all' })
          const { mallocstats, fault, sanitizer, 'pymalloc-debug': debug, 'count-allocs': counts } = reference.results
          const dropped = [
            mallocstats?.droppedDumps,
            reference.results['valgrind-xml']?.droppedErrors,
            fault?.droppedFaults,
            sanitizer?.droppedReports,
            debug?.droppedBlocks,
            counts?.droppedDumps,
          ]
          expect(dropped.every((count) => (count ?? 0) > 0)).toBe(true)
          const batched = new LogDetector()
          for (let start = 0; start < lines.length; start += batchSize) batched.pushLines(lines.slice(start, start + batchSize))
          expect(batched.end()).toEqual(reference)
        },
      ),
      { numRuns: 4 },
    )
    // A log with CRLF line endings (a Windows runner's, or a file that went through one).
    const crlf = parts.join('\n').replace(/\n/g, '\r\n')
    expect(parseLogText(crlf)).toEqual(parseLogText(crlf, { routing: 'all' }))
  }, 60_000)

  it('stays linear on adversarial long lines (no regex backtracking blow-up)', () => {
    const long = 200_000
    const lines = [
      `test_x leaked [${'1, '.repeat(long / 3)}`,
      `    #0 0x1 in ${'a '.repeat(long / 2)}`,
      `${' '.repeat(long)}=`,
      `${'a'.repeat(long)} alloc'd: 1, freed: 1, max in use`,
      `[('${"x', 1, 1, 1), ('".repeat(long / 20)}`,
      `<valgrindoutput>${'<a>'.repeat(long / 3)}`,
      `Fatal Python error: ${'f: '.repeat(long / 3)}`,
      `${'x:1: '.repeat(long / 5)}: Assertion \``,
      `${'[1/1] '.repeat(long / 6)}`,
      `Debug memory block at address p=${'0'.repeat(long)}`,
      `${'x'.repeat(long)}: runtime error: `,
    ]
    const started = performance.now()
    const detector = new LogDetector()
    for (const line of lines) detector.push(line)
    const parsed = detector.end()
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(buildReport([{ path: 'x', parsed }], new Date(0)))))).toEqual([])
  })
})
