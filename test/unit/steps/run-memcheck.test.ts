import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/adapters/logger.js'
import { findVariant } from '../../../src/catalog/variants.js'
import { ConfigError } from '../../../src/errors.js'
import { createStepContext } from '../../../src/steps/context.js'
import { VALGRIND_SUPPRESSIONS_FILE } from '../../../src/steps/build-python.js'
import { findValgrind, memcheckOptions, memcheckSuppressions, memcheckXmlFiles } from '../../../src/steps/run-memcheck.js'
import { planCellOrThrow } from '../../../src/steps/run-cell.js'
import { parsePythonVersion } from '../../../src/catalog/python-version.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-memcheck-'))
const messages: string[] = []
const contextWith = (env: Record<string, string | undefined>) =>
  createStepContext(
    { cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'out') },
    { env: { HOME: process.env.HOME, ...env }, workspace: root, log: createStreamLogger((text) => messages.push(text)) },
  )

describe('the valgrind variant declares memcheck in the catalog', () => {
  it('is the only built-in variant that runs it', () => {
    expect(findVariant('valgrind')?.checks).toContain('memcheck')
    expect(findVariant('valgrind')?.runtimeEnv).toEqual({ PYTHONMALLOC: 'malloc' })
    for (const name of ['pydebug', 'asan', 'trace-refs']) expect(findVariant(name)?.checks ?? []).not.toContain('memcheck')
  })
})

describe('memcheck options', () => {
  it('one XML file per process, full leak check of definite leaks, the suppressions when there are some', () => {
    expect(memcheckOptions('/out/logs/valgrind/test_x.%p.xml', '/py/share/pydebug/valgrind-python.supp')).toEqual([
      '--tool=memcheck',
      '--xml=yes',
      '--xml-file=/out/logs/valgrind/test_x.%p.xml',
      '--leak-check=full',
      '--show-leak-kinds=definite',
      '--errors-for-leak-kinds=definite',
      '--num-callers=40',
      '--trace-children=yes',
      '--child-silent-after-fork=yes',
      '--suppressions=/py/share/pydebug/valgrind-python.supp',
    ])
    expect(memcheckOptions('x.%p.xml', undefined).some((option) => option.startsWith('--suppressions'))).toBe(false)
  })

  it("finds a test file's XML files by pid, not another file's with the same prefix", () => {
    const names = ['test_a.1200.xml', 'test_a.99.xml', 'test_ab.5.xml', 'test_a.log', 'test_a.list.log', 'test_a.x.xml']
    expect(memcheckXmlFiles(names, 'test_a')).toEqual(['test_a.99.xml', 'test_a.1200.xml'])
  })
})

describe('valgrind on this machine', () => {
  it('missing: the error says how to install it', async () => {
    const context = await contextWith({ PATH: path.join(root, 'no-such-bin') })
    const error = await findValgrind(context).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('valgrind is not installed (or not on PATH)')
    expect((error as Error).message).toContain('sudo apt-get install valgrind')
  })

  it.runIf(existsSync('/usr/bin/valgrind'))('present: its version', async () => {
    const context = await contextWith({ PATH: process.env.PATH })
    expect(await findValgrind(context)).toMatch(/^valgrind-\d+\.\d+/)
  })
})

describe("CPython's suppressions for memcheck", () => {
  const cell = planCellOrThrow({ python: parsePythonVersion('3.11.2')!, variant: findVariant('valgrind')! })
  const supp = '{\n   ADDRESS_IN_RANGE/Invalid read of size 4\n   Memcheck:Addr4\n   fun:address_in_range\n}\n'

  it('kept with the interpreter: used from there', async () => {
    const prefix = path.join(root, 'kept')
    mkdirSync(path.dirname(path.join(prefix, VALGRIND_SUPPRESSIONS_FILE)), { recursive: true })
    writeFileSync(path.join(prefix, VALGRIND_SUPPRESSIONS_FILE), supp)
    const found = await memcheckSuppressions(
      await contextWith({ PATH: process.env.PATH }),
      cell,
      { prefix },
      { kind: 'file', path: path.join(root, 'none.tgz') },
    )
    expect(found).toEqual({ file: path.join(prefix, VALGRIND_SUPPRESSIONS_FILE), origin: 'install' })
  })

  it('an older build without them: read from the source tarball and kept from then on', async () => {
    const tree = path.join(root, 'tree')
    mkdirSync(path.join(tree, 'Python-3.11.2', 'Misc'), { recursive: true })
    writeFileSync(path.join(tree, 'Python-3.11.2', 'Misc', 'valgrind-python.supp'), supp)
    const tarball = path.join(root, 'Python-3.11.2.tgz')
    execFileSync('tar', ['-czf', tarball, '-C', tree, 'Python-3.11.2'])
    const prefix = path.join(root, 'older')
    mkdirSync(prefix)
    const found = await memcheckSuppressions(await contextWith({ PATH: process.env.PATH }), cell, { prefix }, { kind: 'file', path: tarball })
    expect(found.origin).toBe('source-tarball')
    expect(found.note).toContain('read from Python-3.11.2.tgz')
    expect(readFileSync(path.join(prefix, VALGRIND_SUPPRESSIONS_FILE), 'utf8')).toBe(supp)
  })

  it('an older build and no tarball on this machine: none, and the warning says what that means', async () => {
    messages.length = 0
    const prefix = path.join(root, 'orphan')
    mkdirSync(prefix)
    const found = await memcheckSuppressions(
      await contextWith({ PATH: process.env.PATH }),
      cell,
      { prefix },
      { kind: 'url', url: 'https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz' },
    )
    expect(found.origin).toBe('none')
    expect(found.file).toBeUndefined()
    expect(found.note).toContain("memcheck ran without CPython's suppressions")
    expect(messages.join('')).toContain("memcheck ran without CPython's suppressions")
  })
})
