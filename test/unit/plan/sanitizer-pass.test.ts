import { describe, expect, it } from 'vitest'
import { SANITIZERS } from '../../../src/catalog/sanitizers.js'
import { findVariant } from '../../../src/catalog/variants.js'
import {
  caseOfReport,
  casesOfVerboseOutput,
  checkCompileLines,
  mapSourceCopies,
  reportFilesOf,
  sanitizerOptions,
  sanitizerPassEnv,
} from '../../../src/plan/sanitizer-pass.js'

describe('the sanitizer pass, planned', () => {
  it('each sanitizer variant declares its check in the catalog', () => {
    expect(findVariant('asan')?.checks).toContain('address-sanitizer')
    expect(findVariant('ubsan')?.checks).toContain('undefined-behavior-sanitizer')
    expect(findVariant('tsan')?.checks).toContain('thread-sanitizer')
    expect(findVariant('pydebug')?.checks ?? []).not.toContain('address-sanitizer')
  })

  it("merges the variant's options with the pass's and log_path, each name once, the later one winning", () => {
    expect(sanitizerOptions('detect_leaks=0:allocator_may_return_null=1:handle_segv=0', { detect_leaks: '1' }, { log_path: '/out/logs/asan/test_x' })).toBe(
      'detect_leaks=1:allocator_may_return_null=1:handle_segv=0:log_path=/out/logs/asan/test_x',
    )
    // TSAN_OPTIONS in the catalog are separated by spaces; sanitizer_common reads both.
    expect(sanitizerOptions('halt_on_error=0 second_deadlock_stack=1', { log_path: '/l/t' })).toBe('halt_on_error=0:second_deadlock_stack=1:log_path=/l/t')
  })

  it('gives each test file its log_path and the LeakSanitizer suppressions, and refuses a path the options cannot carry', () => {
    const asan = findVariant('asan')!
    const planned = sanitizerPassEnv(
      SANITIZERS['address-sanitizer'],
      asan.runtimeEnv!,
      '/out/logs/asan/test_heap_overflow',
      '/pkg/python/lsan-cpython-3.11.supp',
    )
    expect(planned).toEqual({
      env: {
        ASAN_OPTIONS: expect.stringMatching(/(^|:)detect_leaks=1(:|$)/),
        LSAN_OPTIONS: 'suppressions=/pkg/python/lsan-cpython-3.11.supp:print_suppressions=1',
      },
    })
    expect('env' in planned && planned.env.ASAN_OPTIONS).toMatch(/:log_path=\/out\/logs\/asan\/test_heap_overflow$/)
    expect(sanitizerPassEnv(SANITIZERS['undefined-behavior-sanitizer'], { UBSAN_OPTIONS: 'print_stacktrace=1' }, '/out dir/logs/ubsan/test_x')).toEqual({
      error: expect.stringContaining("holds ':' or whitespace"),
    })
  })

  it("finds the report files a process family wrote (<base>.<pid>), not the test's own log or another file's", () => {
    expect(reportFilesOf(['test_a.log', 'test_a.20311', 'test_a.9', 'test_ab.77', 'test_a.x.1'], 'test_a')).toEqual(['test_a.9', 'test_a.20311'])
  })

  it('reads whether compile and link lines carry the flag, from a real setuptools log shape', () => {
    const log = [
      'running build_ext',
      "building 'defects' extension",
      'gcc -Wsign-compare -g -Og -Wall -fsanitize=address -fno-omit-frame-pointer -fPIC -I/p/include/python3.11d -c defects.c -o build/temp.linux-x86_64-cpython-311/defects.o -O0 -g',
      'gcc -shared -fsanitize=address build/temp.linux-x86_64-cpython-311/defects.o -L/p/lib -o /c/site/defects.cpython-311d-x86_64-linux-gnu.so',
    ].join('\n')
    expect(checkCompileLines(log, '-fsanitize=address')).toEqual({
      compileLines: 1,
      compileLinesWithFlag: 1,
      linkLines: 1,
      linkLinesWithFlag: 1,
      withoutFlag: [],
    })
    const replaced = log.replaceAll(' -fsanitize=address', '')
    const check = checkCompileLines(replaced, '-fsanitize=address')
    expect(check).toMatchObject({ compileLines: 1, compileLinesWithFlag: 0, linkLines: 1, linkLinesWithFlag: 0 })
    expect(check.withoutFlag[0]).toMatch(/^gcc .* -c defects\.c /)
    // Lines that only mention a compiler are not command lines.
    expect(checkCompileLines('gcc version 12.2.0 (Debian 12.2.0-14)\ncopying x.c -> build', '-fsanitize=address').compileLines).toBe(0)
  })

  it('names the case the process ended inside, or the only case', () => {
    const crashed = casesOfVerboseOutput([
      '0:00:00 load avg: 0.50 [1/1] test_heap_overflow',
      'test_heap_overflow (test_heap_overflow.HeapOverflowTests.test_heap_overflow) ... ',
    ])
    expect(crashed).toEqual({
      started: ['test_heap_overflow.HeapOverflowTests.test_heap_overflow'],
      unfinished: 'test_heap_overflow.HeapOverflowTests.test_heap_overflow',
    })
    expect(caseOfReport(crashed, true)).toBe('test_heap_overflow.HeapOverflowTests.test_heap_overflow')
    const two = casesOfVerboseOutput(['test_a (m.C.test_a) ... ok', 'test_b (m.C.test_b)', 'What b does ... FAIL'])
    expect(two).toEqual({ started: ['m.C.test_a', 'm.C.test_b'] })
    expect(caseOfReport(two, false)).toBeUndefined()
    expect(caseOfReport(casesOfVerboseOutput(['test_a (m.C.test_a) ... ok']), false)).toBe('m.C.test_a')
  })

  it("maps the build copy's paths to the user's project", () => {
    const sources = [{ copy: '/c/extensions/defects-x/src', project: 'examples/defects' }]
    expect(mapSourceCopies('in heap_overflow (/c/extensions/defects-x/src/defects.c:29)', sources)).toBe('in heap_overflow (examples/defects/defects.c:29)')
  })
})
