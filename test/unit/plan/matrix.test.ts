import { describe, expect, it } from 'vitest'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'
import { findVariant, type VariantSpec } from '../../../src/catalog/variants.js'
import { ConfigError } from '../../../src/errors.js'
import { planBuildCacheKey } from '../../../src/plan/cache-key.js'
import { planCell } from '../../../src/plan/cell.js'
import { MATRIX_DEFAULTS, planMatrix, type MatrixConfig } from '../../../src/plan/matrix.js'
import { renderGithubOutput, renderMatrixYaml } from '../../../src/plan/render-matrix.js'
import { compileSelector, expandBraces } from '../../../src/plan/select.js'

const config = (overrides: Partial<MatrixConfig>): MatrixConfig => ({ ...MATRIX_DEFAULTS, python: ['3.11'], customVariants: [], ...overrides })
const custom = (spec: Partial<VariantSpec> & { name: string }): VariantSpec => ({ summary: 'custom', configureArgs: [], custom: true, ...spec })

describe('selectors', () => {
  it('expands braces, nested and sequential', () => {
    expect(expandBraces('cp3{11,12}-*')).toEqual(['cp311-*', 'cp312-*'])
    expect(expandBraces('cp3{1{1,2},9}-{a,b}')).toEqual(['cp311-a', 'cp311-b', 'cp312-a', 'cp312-b', 'cp39-a', 'cp39-b'])
  })

  it.each([
    ['cp39-asan', 'cp39-asan', true],
    ['cp3?-*', 'cp39-asan', true],
    ['cp3?-*', 'cp311-asan', false],
    ['cp31[0-2]-*', 'cp312-pydebug', true],
    ['cp31[!0-2]-*', 'cp312-pydebug', false],
    ['cp313-*', 'cp313t-free-threading', false],
    ['cp3*t-*', 'cp313t-free-threading', true],
    ['*-{asan,ubsan}', 'cp310-ubsan', true],
    ['cp3.1-*', 'cp311-x', false],
  ])('%s on %s: %s', (pattern, id, expected) => {
    expect(compileSelector(pattern).matches(id)).toBe(expected)
  })

  it('rejects unbalanced braces and brackets', () => {
    expect(() => compileSelector('cp3{11-*')).toThrow(/unmatched '\{'/)
    expect(() => compileSelector('cp3[1-*')).toThrow(/unmatched '\['/)
  })
})

describe('planCell rules', () => {
  const python = (text: string) => parsePythonVersion(text)!

  it('keeps cp311-pydebug and tags free-threaded cells with t', () => {
    const pydebug = planCell(python('3.11.14'), findVariant('pydebug')!)
    expect(pydebug.ok && pydebug.cell.id).toBe('cp311-pydebug')
    const ft = planCell(python('3.13.9'), findVariant('free-threading')!)
    expect(ft.ok && [ft.cell.id, ft.cell.abiFlags, ft.cell.extensionRebuild.need]).toEqual(['cp313t-free-threading', 'td', 'required'])
  })

  it('refuses free-threading with trace-refs from 3.13, citing gh-124043', () => {
    const result = planCell(python('3.14.0'), custom({ name: 'ft-trace', configureArgs: ['--with-pydebug', '--disable-gil', '--with-trace-refs'] }))
    expect(result.ok).toBe(false)
    expect(!result.ok && [result.refusal.id, result.refusal.source]).toEqual(['cp314t-ft-trace', expect.stringContaining('gh-124043')])
  })

  it('refuses options before they exist and macros after they are gone, for custom variants too', () => {
    const tsan = planCell(python('3.12.12'), custom({ name: 'my-tsan', configureArgs: ['--with-thread-sanitizer'] }))
    expect(!tsan.ok && tsan.refusal.reason).toMatch(/--with-thread-sanitizer was added in 3.13/)
    const counts = planCell(python('3.10.19'), custom({ name: 'counts', configureArgs: ['--with-pydebug'], macros: ['COUNT_ALLOCS'] }))
    expect(!counts.ok && counts.refusal.reason).toMatch(/removed COUNT_ALLOCS/)
  })

  it('refuses PYTHONMALLOC values the build compiled out', () => {
    const ftValgrind = planCell(
      python('3.13.9'),
      custom({ name: 'ft-malloc', configureArgs: ['--with-pydebug', '--disable-gil'], runtimeEnv: { PYTHONMALLOC: 'malloc' } }),
    )
    expect(!ftValgrind.ok && ftValgrind.refusal.reason).toMatch(/PYTHONMALLOC=malloc: the free-threaded build/)
    const asanPymalloc = planCell(
      python('3.11.14'),
      custom({ name: 'x', configureArgs: ['--with-address-sanitizer'], runtimeEnv: { PYTHONMALLOC: 'pymalloc_debug' } }),
    )
    expect(asanPymalloc.ok).toBe(false)
  })

  it('merges macros into a CFLAGS= the variant already gives', () => {
    const result = planCell(python('3.12.12'), custom({ name: 'x', configureArgs: ['--with-pydebug', 'CFLAGS=-O0'], macros: ['MY_CHECKS=1'] }))
    expect(result.ok && result.cell.configureArgs).toEqual(['--with-pydebug', 'CFLAGS=-O0 -DMY_CHECKS=1'])
  })

  it('refuses mimalloc allocators on builds without mimalloc', () => {
    const result = planCell(
      python('3.13.9'),
      custom({ name: 'x', configureArgs: ['--with-pydebug', '--without-mimalloc'], runtimeEnv: { PYTHONMALLOC: 'mimalloc_debug' } }),
    )
    expect(!result.ok && result.refusal.reason).toMatch(/no mimalloc/)
    const old = planCell(python('3.12.12'), custom({ name: 'y', configureArgs: ['--with-pydebug'], runtimeEnv: { PYTHONMALLOC: 'mimalloc' } }))
    expect(!old.ok && old.refusal.reason).toMatch(/mimalloc was bundled in 3.13/)
  })

  it('substitutes runtime or build equivalents and says so', () => {
    const pymalloc = planCell(python('3.12.12'), findVariant('pymalloc-debug')!)
    expect(pymalloc.ok && pymalloc.cell.substitution?.source).toMatch(/bpo-43774/)
    expect(pymalloc.ok && pymalloc.cell.configureArgs).toEqual(['--with-pydebug'])
    const traceRefs = planCell(python('3.7.17'), findVariant('trace-refs')!)
    expect(traceRefs.ok && [traceRefs.cell.configureArgs, traceRefs.cell.extensionAbi]).toEqual([['--with-pydebug'], 'cp37dm'])
  })

  it('gives trace-refs its own ABI group only while it changes PyObject_HEAD (3.8 to 3.12)', () => {
    const group = (text: string) => {
      const result = planCell(python(text), findVariant('trace-refs')!)
      return result.ok ? result.cell.extensionAbi : undefined
    }
    expect([group('3.12.12'), group('3.13.9')]).toEqual(['cp312d-tracerefs', 'cp313d'])
  })
})

describe('planMatrix', () => {
  it('plans the issue example: skips, refusals with reasons, substitutions as warnings', () => {
    const plan = planMatrix(
      config({
        python: ['3.9', '3.11', '3.13'],
        variants: ['pydebug', 'valgrind', 'pymalloc-debug', 'count-allocs', 'trace-refs', 'ref-debug', 'asan', 'ubsan', 'free-threading'],
        skip: ['cp39-asan'],
      }),
    )
    const ids = plan.cells.map((planned) => planned.cell.id)
    expect(ids).not.toContain('cp39-asan')
    expect(ids).toContain('cp313t-free-threading')
    expect(plan.refusals.map((refusal) => refusal.id)).toEqual([
      'cp39-count-allocs',
      'cp39t-free-threading',
      'cp311-count-allocs',
      'cp311-ref-debug',
      'cp311t-free-threading',
      'cp313-count-allocs',
      'cp313-ref-debug',
    ])
    expect(plan.warnings.filter((warning) => warning.startsWith('substituted'))).toHaveLength(2)
    expect(plan.shards).toHaveLength(1)
  })

  it('uses planBuildCacheKey with python.org as the source and the runner label as the platform', () => {
    const plan = planMatrix(config({ os: ['ubuntu-24.04'] }))
    const { cell, row } = plan.cells[0]
    expect(row['cache-key']).toBe(
      planBuildCacheKey({
        cell,
        source: { url: 'https://www.python.org/ftp/python/3.11.14/Python-3.11.14.tgz' },
        platform: { os: 'linux', arch: 'x64', image: 'ubuntu24' },
      }),
    )
    expect(row['python-version']).toBe('3.11.14')
  })

  it('warns about a skip that matches nothing, and errors on an empty selection', () => {
    expect(planMatrix(config({ skip: ['cp312-*'] })).warnings).toEqual(["skip 'cp312-*' matches no cell of this matrix; it has no effect."])
    expect(() => planMatrix(config({ skip: ['cp311-*'] }))).toThrow(ConfigError)
    expect(() => planMatrix(config({ variants: ['count-allocs'] }))).toThrow(/matches no buildable cell/)
  })

  it('makes refusals and substitutions errors under strict', () => {
    expect(() => planMatrix(config({ variants: ['pydebug', 'count-allocs'], strict: true }))).toThrow(/strict: 1 cell/)
    expect(() => planMatrix(config({ variants: ['pymalloc-debug'], strict: true }))).toThrow(/bpo-43774/)
    expect(planMatrix(config({ variants: ['pydebug', 'count-allocs'], skip: ['*-count-allocs'], strict: true })).cells).toHaveLength(1)
  })

  it('refuses over the job limit with the count, or splits into even shards', () => {
    const big = config({
      python: ['3.10', '3.11', '3.12', '3.13', '3.14'],
      variants: ['pydebug', 'valgrind', 'asan', 'ubsan'],
      os: ['ubuntu-24.04', 'ubuntu-22.04', 'macos-14'],
      maxJobs: 25,
    })
    expect(() => planMatrix(big)).toThrow(/60 jobs, over the limit of 25/)
    const plan = planMatrix({ ...big, split: true })
    expect(plan.shards.map((shard) => shard.length)).toEqual([20, 20, 20])
    expect(renderGithubOutput(plan, 1)).toMatch(/^matrix=\{"include":\[.*\]\}\ncount=20\nshards=3\nrefused=0\n$/s)
  })

  it('refuses two entries that would plan the same cell identifier', () => {
    expect(() => planMatrix(config({ python: ['3.11', '3.11.4'] }))).toThrow(/python lists 3.11 more than once/)
    expect(() => planMatrix(config({ variants: ['pydebug', 'pydebug'] }))).toThrow(/variants lists pydebug more than once/)
  })

  it('skips on one runner with an <os>:<id> glob', () => {
    const plan = planMatrix(config({ variants: ['pydebug', 'valgrind'], os: ['ubuntu-24.04', 'macos-14'], skip: ['macos-*:*-valgrind'] }))
    expect(plan.cells.map((planned) => `${planned.os}:${planned.cell.id}`)).toEqual([
      'ubuntu-24.04:cp311-pydebug',
      'ubuntu-24.04:cp311-valgrind',
      'macos-14:cp311-pydebug',
    ])
  })

  it('names the OS in artifact names when several runners share a cell id', () => {
    const plan = planMatrix(config({ os: ['ubuntu-24.04', 'macos-14'] }))
    expect(plan.cells.map((planned) => planned.row.artifact)).toEqual(['pydebug-cp311-pydebug-ubuntu-24.04', 'pydebug-cp311-pydebug-macos-14'])
  })

  it('renders refusals as comments above the YAML strategy block', () => {
    const yaml = renderMatrixYaml(planMatrix(config({ variants: ['pydebug', 'free-threading'] })))
    expect(yaml).toMatch(
      /^# refused cp311t-free-threading \(ubuntu-24\.04\): .*PEP 703.*\nstrategy:\n {2}fail-fast: false\n {2}matrix:\n {4}include:\n {6}- id: cp311-pydebug\n/,
    )
  })
})
