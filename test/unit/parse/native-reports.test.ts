import { describe, expect, it } from 'vitest'
import { classifyFrame, workspaceRelative } from '../../../src/parse/frames.js'
import { SanitizerParser } from '../../../src/parse/sanitizer.js'
import { ValgrindXmlParser } from '../../../src/parse/valgrind-xml.js'
import { readFixture } from '../../helpers/fixtures.js'
import { parseLogText, scanText } from '../../helpers/parse-text.js'

describe('SanitizerParser on real ASan/LSan output (3.11.2 --with-address-sanitizer)', () => {
  it('reads a heap-buffer-overflow: access, region, stacks, and the culprit frame in the extension', () => {
    const { results, unparsed } = scanText({ asan: new SanitizerParser() }, readFixture('cpython-3.11.2-pydebug-asan/asan-overrun.txt'))
    expect(unparsed.count).toBe(0)
    expect(results.asan.reports).toHaveLength(1)
    const [report] = results.asan.reports
    expect(report).toMatchObject({
      tool: 'AddressSanitizer',
      pid: 3351,
      kind: 'heap-buffer-overflow',
      access: { operation: 'WRITE', size: 1, address: '0x602000002700', thread: 'T0' },
      location: { offset: 0, direction: 'to the right of', regionSize: 16 },
      summary: 'heap-buffer-overflow /home/runner/work/myext/myext/leaky.c:32 in overrun',
    })
    expect(report.stacks.map((stack) => [stack.role, stack.frames.length])).toEqual([
      ['access', 23],
      ['allocated by thread T0 here', 24],
    ])
    expect(report.culprit).toMatchObject({ index: 0, function: 'overrun', file: '/home/runner/work/myext/myext/leaky.c', line: 32, origin: 'extension' })
    expect(report.stacks[0].frames[1]).toMatchObject({
      function: 'cfunction_vectorcall_NOARGS',
      file: '../Objects/methodobject.c',
      line: 486,
      origin: 'cpython',
    })
    expect(report.stacks[0].frames[22]).toMatchObject({ function: '_start', module: '/home/runner/.cache/pydebug/cp311-asan/bin/python3.11', origin: 'system' })
    expect(report.stacks[1].frames[0]).toMatchObject({ function: '__interceptor_malloc', origin: 'system' })
    expect(results.asan.diagnostics.count).toBe(0)
  })

  it('reads LeakSanitizer leaks and the SUMMARY totals', () => {
    const { results, unparsed } = scanText({ asan: new SanitizerParser() }, readFixture('cpython-3.11.2-pydebug-asan/asan-leaks.txt'))
    expect(unparsed.count).toBe(0)
    const [report] = results.asan.reports
    expect(report).toMatchObject({ tool: 'LeakSanitizer', kind: 'detected memory leaks', leakedBytes: 256, leakedAllocations: 4 })
    expect(report.leaks).toHaveLength(1)
    expect(report.leaks[0]).toMatchObject({ direct: true, bytes: 256, objects: 4 })
    expect(report.culprit).toMatchObject({ function: 'leak_blocks', line: 22 })
  })

  it('reads the leaks that make a --with-address-sanitizer build fail, none in an extension', () => {
    const { results } = scanText({ asan: new SanitizerParser() }, readFixture('cpython-3.11.2-pydebug-asan/build-fails-on-leaksanitizer.txt'))
    const [report] = results.asan.reports
    expect(report.tool).toBe('LeakSanitizer')
    expect(report.leaks.map((leak) => [leak.direct, leak.bytes, leak.objects])).toEqual([
      [true, 88, 1],
      [true, 72, 1],
      [false, 80, 1],
    ])
    expect(report.culprit).toBeUndefined()
  })

  it('reads real GCC UBSan output: runtime error line, stack, no SUMMARY', () => {
    const { results, unparsed } = scanText({ san: new SanitizerParser() }, readFixture('gcc-12-ubsan/signed-overflow.txt'))
    // The program's own output after the report is not the sanitizer's.
    expect(unparsed).toEqual({ count: 1, samples: [{ line: 8, text: '-2147483648' }] })
    const [report] = results.san.reports
    expect(report).toMatchObject({
      tool: 'UndefinedBehaviorSanitizer',
      kind: 'signed integer overflow',
      message: "signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
      at: { file: 'overflow.c', line: 5, column: 18 },
    })
    expect(report.stacks[0].frames.map((frame) => [frame.function, frame.origin])).toEqual([
      ['add_items', 'extension'],
      ['main', 'extension'],
      ['__libc_start_call_main', 'system'],
      ['__libc_start_main_impl', 'system'],
      ['_start', 'system'],
    ])
    expect(report.culprit?.function).toBe('add_items')
    expect(report.truncated).toBeUndefined()
    expect(results.san.diagnostics.count).toBe(0)
  })

  it('reads UBSan runtime errors and LSan suppression tables', () => {
    const text = [
      "/home/runner/work/myext/myext/leaky.c:40:14: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
      '    #0 0x7f00 in checked_sum /home/runner/work/myext/myext/leaky.c:40',
      'SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /home/runner/work/myext/myext/leaky.c:40:14 in',
      '-----------------------------------------------------',
      'Suppressions used:',
      '  count      bytes template',
      '      3        120 _PyObject_Malloc',
      '-----------------------------------------------------',
    ].join('\n')
    const { results, unparsed } = scanText({ san: new SanitizerParser() }, text)
    expect(unparsed.count).toBe(0)
    expect(results.san.reports[0]).toMatchObject({
      tool: 'UndefinedBehaviorSanitizer',
      kind: 'signed integer overflow',
      at: { file: '/home/runner/work/myext/myext/leaky.c', line: 40, column: 14 },
    })
    expect(results.san.reports[0].culprit?.function).toBe('checked_sum')
    expect(results.san.suppressed).toEqual([{ count: 3, bytes: 120, name: '_PyObject_Malloc' }])
  })
})

describe("rules of = and -: a sanitizer's only inside or right before its report", () => {
  const UNITTEST_LOGS = [
    'test-command/unittest-mixed.txt',
    'test-command/unittest-ok.txt',
    'cpython-3.8-count-allocs-format/pydebug-counts-log.txt',
    'gcc-12-ubsan/defects-regrtest-v-test_signed_overflow.txt',
  ]

  it.each(UNITTEST_LOGS)("%s: unittest's own rules do not make a sanitizer log", (fixture) => {
    const text = readFixture(fixture)
    for (const routing of ['dispatch', 'all'] as const) {
      const parsed = parseLogText(text, { routing })
      expect(parsed.kinds).not.toContain('sanitizer')
      expect(parsed.results.sanitizer).toBeUndefined()
      const rules = text.split('\n').filter((line) => /^(?:={20,}|-{20,})$/.test(line))
      expect(rules.length).toBeGreaterThan(0)
      expect(parsed.unparsed.samples.map((sample) => sample.text)).toEqual(expect.arrayContaining(rules))
    }
  })

  it('counts the rule that opens an ASan report, and the one before a standalone LSan suppression table', () => {
    const asan = readFixture('cpython-3.11.2-pydebug-asan/asan-overrun.txt')
    const parsed = parseLogText(asan)
    expect(parsed.kinds).toEqual(['sanitizer'])
    expect(parsed.unparsed.count).toBe(0)
    // Every line, the opening rule and the blank lines inside the report too.
    expect(parsed.recognisedLines.sanitizer).toBe(parsed.lines)
    expect(parseLogText(asan, { routing: 'all' })).toEqual(parsed)
    const table = [
      '-----------------------------------------------------',
      'Suppressions used:',
      '  count      bytes template',
      '      3        120 _PyObject_Malloc',
      '-----------------------------------------------------',
    ].join('\n')
    expect(parseLogText(table)).toMatchObject({ kinds: ['sanitizer'], recognisedLines: { sanitizer: 5 }, unparsed: { count: 0 } })
    expect(scanText({ san: new SanitizerParser() }, table).unparsed.count).toBe(0)
  })

  it('does not count a rule that a header does not follow at once', () => {
    const text = [
      '======================================================================',
      '',
      '==3351==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000002700',
      'SUMMARY: AddressSanitizer: heap-buffer-overflow x.c:1 in f',
    ].join('\n')
    for (const routing of ['dispatch', 'all'] as const) {
      const parsed = parseLogText(text, { routing })
      expect(parsed.unparsed).toEqual({ count: 1, samples: [{ line: 1, text: '='.repeat(70) }] })
      expect(parsed.recognisedLines.sanitizer).toBe(2)
    }
  })
})

describe('ValgrindXmlParser on real memcheck XML', () => {
  it("tells the extension's errors from CPython's own (PYTHONMALLOC=malloc)", () => {
    const { results, unparsed } = scanText({ vg: new ValgrindXmlParser() }, readFixture('cpython-3.11.2-pydebug-valgrind/memcheck-pythonmalloc-malloc.xml'))
    expect(unparsed.count).toBe(0)
    const vg = results.vg
    expect(vg).toMatchObject({ tool: 'memcheck', protocolVersion: 4, pid: 27520, state: 'FINISHED', complete: true, suppressed: [], droppedErrors: 0 })
    expect(vg.command).toBe('/home/runner/.cache/pydebug/cp311-valgrind/bin/python3 run_leaks.py')
    expect(vg.errors.map((error) => [error.kind, error.blame])).toEqual([
      ['UninitCondition', 'cpython'],
      ['UninitCondition', 'cpython'],
      ['UninitValue', 'cpython'],
      ['UninitValue', 'cpython'],
      ['UninitValue', 'cpython'],
      ['UninitValue', 'cpython'],
      ['InvalidWrite', 'extension'],
      ['Leak_DefinitelyLost', 'extension'],
      ['Leak_DefinitelyLost', 'extension'],
    ])
    const invalidWrite = vg.errors[6]
    expect(invalidWrite).toMatchObject({ what: 'Invalid write of size 1', count: 1 })
    expect(invalidWrite.culprit).toMatchObject({
      function: 'overrun',
      file: 'leaky.c',
      line: 32,
      directory: '/home/runner/work/myext/myext',
      origin: 'extension',
    })
    expect(invalidWrite.auxWhat[0]).toMatch(/0 bytes after a block of size 16 alloc'd/)
    expect(vg.errors.slice(7).map((error) => [error.leakedBytes, error.leakedBlocks, error.culprit?.function])).toEqual([
      [256, 4, 'leak_blocks'],
      [320, 10, 'leak_refs'],
    ])
    expect(vg.errors[0].culprit).toBeUndefined()
    expect(vg.errors[0].stacks[0][0]).toMatchObject({ function: 'maybe_small_long', origin: 'cpython' })
    // <errorcounts>: the first UninitCondition (unique 0x0) happened 15 times.
    expect(vg.errors[0].count).toBe(15)
  })

  it('reads a run killed by the debug hooks: no FINISHED state, only the leaks', () => {
    const { results } = scanText({ vg: new ValgrindXmlParser() }, readFixture('cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml'))
    expect(results.vg.errors.map((error) => [error.kind, error.culprit?.function])).toEqual([
      ['Leak_DefinitelyLost', 'leak_blocks'],
      ['Leak_DefinitelyLost', 'leak_refs'],
    ])
  })

  it('honours suppression counts and reports a truncated file', () => {
    const xml =
      '<?xml version="1.0"?>\n<valgrindoutput>\n<suppcounts>\n  <pair>\n    <count>12</count>\n    <name>ADDRESS_IN_RANGE/Invalid read of size 4</name>\n  </pair>\n</suppcounts>\n'
    const { results } = scanText({ vg: new ValgrindXmlParser() }, xml)
    expect(results.vg.suppressed).toEqual([{ name: 'ADDRESS_IN_RANGE/Invalid read of size 4', count: 12 }])
    expect(results.vg.complete).toBe(false)
    expect(results.vg.diagnostics.count).toBe(1)
  })
})

describe('frames', () => {
  it('maps runner checkout paths to repository paths', () => {
    expect(workspaceRelative('/home/runner/work/myext/myext/tests/test_overrun.py')).toBe('tests/test_overrun.py')
    expect(workspaceRelative('D:\\a\\myext\\myext\\src\\x.c')).toBe('src/x.c')
    expect(workspaceRelative('/srv/ci/repo/src/x.c', '/srv/ci/repo')).toBe('src/x.c')
    expect(workspaceRelative('<string>')).toBe('<string>')
  })

  it('lets the caller name the extension explicitly', () => {
    expect(classifyFrame({ file: '/src/Modules/odd.c' })).toBe('extension')
    expect(classifyFrame({ file: '../Modules/main.c' })).toBe('cpython')
    expect(classifyFrame({ file: '../Modules/main.c' }, { extensionPaths: ['Modules/main.c'] })).toBe('extension')
  })
})
