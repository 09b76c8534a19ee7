import { describe, expect, it } from 'vitest'
import { SanitizerParser } from '../../../src/parse/sanitizer.js'
import { parseLogText } from '../../helpers/parse-text.js'
import { readFixture } from '../../helpers/fixtures.js'

// The build copy the extension was compiled from when the fixture was captured.
const COPY = '/root/.cache/pydebug-ci/extensions/defects-cp313d-tsan-3.13.5-1b0bd0e226e2022c/src/'

describe('ThreadSanitizer reports (CPython 3.13.5 tsan, real captures)', () => {
  it("reads a data race's accesses and frames, which have no address: the culprit is the extension's racy_increment", () => {
    const log = parseLogText(readFixture('cpython-3.13.5-tsan/data-race-report-file.txt'), { extensionPaths: [COPY], kinds: ['sanitizer'] })
    const [report] = log.results.sanitizer!.reports
    expect(report).toMatchObject({
      tool: 'ThreadSanitizer',
      kind: 'data race',
      access: { operation: 'Read', size: 8, address: '0x7f07ec087250', thread: 'T3' },
    })
    expect(report.stacks.map((stack) => [stack.role, stack.frames.length])).toEqual([
      ['access', 1],
      ['previous write by thread T2', 1],
      ['Thread T3 created by main thread', expect.any(Number)],
      ['Thread T2 created by main thread', expect.any(Number)],
    ])
    expect(report.stacks[0].frames[0]).toMatchObject({
      index: 0,
      function: 'racy_increment',
      file: `${COPY}defects.c`,
      line: 51,
      module: 'defects.cpython-313d-x86_64-linux-gnu.so',
      origin: 'extension',
    })
    expect(report.culprit).toMatchObject({ function: 'racy_increment', line: 51 })
    expect(log.problems).toEqual([
      expect.objectContaining({ kind: 'memory-error', message: expect.stringContaining('ThreadSanitizer data race'), function: 'racy_increment', line: 51 }),
    ])
  })

  it("reads CPython's own race at finalisation as CPython's (no frame of an extension), with every line recognised", () => {
    const text = readFixture('cpython-3.13.5-tsan/regrtest-R-finalize-race-set_allocator_unlocked.txt')
    const log = parseLogText(text)
    const [report] = log.results.sanitizer!.reports
    expect(report).toMatchObject({ kind: 'data race', access: { operation: 'Write', size: 8, thread: 'main thread' } })
    expect(report.stacks[0].frames[0]).toMatchObject({ function: 'set_allocator_unlocked', file: '../Objects/obmalloc.c', line: 862, module: 'python3.13' })
    expect(report.culprit).toBeUndefined()
    // Each line of the report is the sanitizer's: none is left over as unparsed.
    const parser = new SanitizerParser()
    const reportLines = text.split('\n').slice(17, 83)
    expect(reportLines.filter((line, index) => !parser.next(line, index + 18))).toEqual([])
  })
})
