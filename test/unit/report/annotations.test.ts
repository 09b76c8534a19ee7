import { describe, expect, it } from 'vitest'
import { annotationsOf } from '../../../src/report/annotations.js'
import type { Finding } from '../../../src/report/model.js'

const paths = { workspace: '/w', testsDir: '/w/ext/tests', projectDir: '/w/ext' }
const finding = (parts: Partial<Finding>): Finding => ({ kind: 'reference-leak', message: 'm', log: 'logs/x.log', ...parts })

describe('annotations', () => {
  it('point a regrtest module at its file in the tests folder, and a pytest file (as node ids name it) at the project', () => {
    const { annotations } = annotationsOf(
      [finding({ test: 'test_leaky' }), finding({ test: 'tests/unit/test_x.py', case: 'tests/unit/test_x.py::test_y' })],
      paths,
    )
    expect(annotations.map((annotation) => annotation.file)).toEqual(['ext/tests/test_leaky.py', 'ext/tests/unit/test_x.py'])
    // Before, a pytest finding pointed at `<tests>/tests/unit/test_x.py.py`.
    expect(annotations[1].title).toBe('pydebug: reference leak in tests/unit/test_x.py::test_y')
  })

  it('point at the C line in the repository; a project outside it falls back to the test file, with no line', () => {
    const { annotations } = annotationsOf(
      [
        finding({ kind: 'invalid-write', test: 'test_heap', file: 'ext/defects.c', line: 29 }),
        finding({ kind: 'invalid-write', test: 'tests/test_heap.py', file: '/tmp/elsewhere/defects.c', line: 29 }),
      ],
      paths,
    )
    expect(annotations.map(({ file, startLine }) => [file, startLine])).toEqual([
      ['ext/defects.c', 29],
      ['ext/tests/test_heap.py', undefined],
    ])
  })

  it("point nowhere for CPython's own tests and for the test command as a whole", () => {
    const { annotations } = annotationsOf([finding({ test: 'test_os', pass: 'cpython-tests' }), finding({ test: 'test-command', pass: 'memcheck' })], paths)
    expect(annotations.map((annotation) => annotation.file)).toEqual([undefined, undefined])
  })

  it("stop at GitHub's 10 per step and count the rest", () => {
    const { annotations, omitted } = annotationsOf(
      Array.from({ length: 13 }, (_, index) => finding({ test: `test_${index}` })),
      paths,
    )
    expect(annotations).toHaveLength(10)
    expect(omitted).toBe(3)
  })
})
