import { describe, expect, it } from 'vitest'
import { mergeMatrixInputs, parseMatrixConfigFile, planMatrixFromInput, validateMatrixInput, locatedList } from '../../../src/config/matrix-config.js'
import { configErrorOf as errorOf } from './config-error-of.js'

const FILE = '.github/pydebug.yml'
const load = (text: string) => {
  const { input, warnings } = parseMatrixConfigFile(text, FILE)
  return planMatrixFromInput(input, warnings)
}

describe('.github/pydebug.yml', () => {
  it('plans the issue example, reading unquoted 3.10 as 3.10 and not 3.1', () => {
    const { plan } = load('python: ["3.9", 3.10, "3.13"]\nvariants: [pydebug, free-threading]\nos: [ubuntu-24.04]\nskip: ["cp39-asan"]\n')
    expect(plan.cells.map((planned) => planned.cell.id)).toEqual(['cp39-pydebug', 'cp310-pydebug', 'cp313-pydebug', 'cp313t-free-threading'])
  })

  it.each([
    ['pyhton: ["3.11"]\n', `${FILE}:1:1: unknown key 'pyhton'.`, "Perhaps you meant 'python'?"],
    ['python: ["3.11"]\nvariants: [pydebug, pydebgu]\n', `${FILE}:2:21: unknown variant 'pydebgu'.`, "Perhaps you meant 'pydebug'?"],
    ['python: ["3.11", "3.1"]\n', `${FILE}:1:18: unknown python version '3.1'.`, "Perhaps you meant '3.10'?"],
    ['python: ["3.11"]\nskip: ["cp311-asna"]\n', `${FILE}:2:8: skip 'cp311-asna' can never match`, "Perhaps you meant 'cp311-asan'?"],
    ['python: ["3.11"]\nskip: ["cp3{11-*"]\n', `${FILE}:2:8: skip 'cp3{11-*': unmatched '{'`, ''],
    ['python: ["3.11"]\nstrict: yes please\n', `${FILE}:2:9: 'strict' must be true or false.`, ''],
    ['python: [3.11\n', `${FILE}:2:1: not valid YAML`, ''],
  ])('%j fails at file:line:col with a suggestion', (text, start, suggestion) => {
    const message = errorOf(() => load(text))
    expect(message.startsWith(start)).toBe(true)
    expect(message).toContain(suggestion)
  })

  it('checks <os>:<id> skip globs against runner labels', () => {
    expect(load('python: ["3.11"]\nos: [ubuntu-24.04, macos-14]\nskip: ["macos-14:cp311-pydebug"]\n').plan.cells.map((planned) => planned.os)).toEqual([
      'ubuntu-24.04',
    ])
    expect(errorOf(() => load('python: ["3.11"]\nskip: ["macos-14:cp311-pydbug"]\n'))).toMatch(/Perhaps you meant 'macos-14:cp311-pydebug'\?/)
  })

  it('lists the allowed values in the message', () => {
    expect(errorOf(() => load('python: ["3.11"]\nvariants: [nope]\n'))).toMatch(
      /Allowed: pydebug, valgrind, pymalloc-debug, count-allocs, trace-refs, ref-debug, asan, ubsan, tsan, free-threading/,
    )
  })

  it('requires python, and refuses Windows runners', () => {
    expect(errorOf(() => load('variants: [pydebug]\n'))).toMatch(/^python is required/)
    expect(errorOf(() => load('python: ["3.11"]\nos: [windows-2022]\n'))).toMatch(/2:6: 'windows-2022': Windows builds CPython with PCbuild/)
  })

  it('warns about unknown runner labels with a suggestion', () => {
    const { warnings } = load('python: ["3.11"]\nos: [ubuntu-24.4]\n')
    expect(warnings[0]).toMatch(/^\.github\/pydebug\.yml:2:6: 'ubuntu-24\.4' is not a GitHub-hosted runner label.*Perhaps you meant 'ubuntu-24\.04'\?/)
  })
})

describe("this repository's own .github/pydebug.yml", () => {
  it('plans strictly, without warnings', async () => {
    const { readFileSync } = await import('node:fs')
    const file = new URL('../../../.github/pydebug.yml', import.meta.url)
    const { input, warnings } = parseMatrixConfigFile(readFileSync(file, 'utf8'), FILE)
    const result = planMatrixFromInput({ ...input, strict: true }, warnings)
    expect(result.warnings).toEqual([])
    expect(result.plan.cells.length).toBeGreaterThan(0)
  })
})

describe('custom variants', () => {
  const text = `python: ["3.13", "3.14"]
variants: [pydebug, ft-trace, lltrace]
custom-variants:
  ft-trace:
    configure-args: [--with-pydebug, --disable-gil, --with-trace-refs]
  lltrace:
    summary: Py_DEBUG with lltrace on
    configure-args: [--with-pydebug]
    macros: [-DMY_CHECKS=1]
    env: { PYTHON_LLTRACE: "1" }
`
  it('plans them with the same rules as built-ins: refused with reasons, ids and ABI groups derived', () => {
    const { plan } = load(text)
    expect(plan.cells.map((planned) => planned.row.id)).toEqual(['cp313-pydebug', 'cp313-lltrace', 'cp314-pydebug', 'cp314-lltrace'])
    expect(plan.refusals.map((refusal) => refusal.id)).toEqual(['cp313t-ft-trace', 'cp314t-ft-trace'])
    const lltrace = plan.cells[1].row
    expect([lltrace['configure-args'], lltrace['runtime-env']]).toEqual(['--with-pydebug CFLAGS=-DMY_CHECKS=1', 'PYTHON_LLTRACE=1'])
  })

  it.each([
    ['custom-variants:\n  pydebug:\n    configure-args: []\n', ":3:3: custom variant 'pydebug' has the name of a built-in variant"],
    ['custom-variants:\n  Mine:\n    configure-args: []\n', ":3:3: custom variant name 'Mine' must be lower-case"],
    [
      'custom-variants:\n  mine:\n    configure: []\n',
      ":4:5: unknown key 'configure' in custom variant 'mine'. Allowed keys: summary, configure-args, macros, build-env, env. Perhaps you meant 'configure-args'?",
    ],
    [
      'custom-variants:\n  mine:\n    configure-args: [--with-pydbug]\n',
      ":4:22: custom-variants.mine.configure-args: unknown configure option '--with-pydbug'. Perhaps you meant '--with-pydebug'?",
    ],
    ['custom-variants:\n  mine:\n    configure-args: [--prefix=/usr]\n', ":4:22: custom-variants.mine.configure-args: '--prefix' is set by pydebug"],
    ['custom-variants:\n  mine:\n    macros: ["1BAD"]\n', ":4:14: custom-variants.mine.macros: '1BAD' is not a C macro"],
    ['custom-variants:\n  mine:\n    env: { 1X: y }\n', ":4:12: '1X' is not an environment variable name."],
  ])('%j is an error', (body, message) => {
    expect(errorOf(() => load(`python: ["3.11"]\n${body}`))).toContain(`${FILE}${message}`)
  })

  it('warns, without failing, about configure options the catalog does not know', () => {
    const { warnings } = load('python: ["3.11"]\nvariants: [lto]\ncustom-variants:\n  lto:\n    configure-args: [--with-lto]\n')
    expect(warnings[0]).toMatch(/'--with-lto' is not in the catalog's table of configure options/)
  })
})

describe('flags and inputs', () => {
  it('override the file key by key, and keep braces in skip globs together', () => {
    const file = parseMatrixConfigFile('python: ["3.9"]\nvariants: [pydebug, asan]\n', FILE).input
    const merged = mergeMatrixInputs(file, { python: locatedList(['3.11,3.12'], '--python'), skip: locatedList('cp3{11,12}-asan', '--skip') })
    const { config } = validateMatrixInput(merged)
    expect([config.python, config.variants, config.skip]).toEqual([['3.11', '3.12'], ['pydebug', 'asan'], ['cp3{11,12}-asan']])
  })

  it('name the flag in errors', () => {
    expect(errorOf(() => validateMatrixInput({ python: locatedList('3.11', '--python'), variants: locatedList('pydbg', '--variants') }))).toMatch(
      /^--variants: unknown variant 'pydbg'.*Perhaps you meant 'pydebug'\?/,
    )
  })
})
