import { existsSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../../src/cli/command.js'
import { matrixCommand } from '../../../src/cli/matrix-command.js'
import { variantsCommand } from '../../../src/cli/variants-command.js'
import { expectGolden } from '../../helpers/golden.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const goldenDir = path.join(root, 'test/golden/matrix')

// Without --config the command reads .github/pydebug.yml from cwd; an empty folder has none.
async function run(command: typeof matrixCommand, args: string[], cwd = os.tmpdir()) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, env: {} }
  const code = await command.run(args, io)
  return { code, stdout, stderr }
}

const golden = expectGolden

describe('pydebug matrix golden outputs', () => {
  const cases = readdirSync(goldenDir).filter((name) => existsSync(path.join(goldenDir, name, 'config.yml')))
  it.each(cases)('%s', async (name) => {
    const config = path.join('test/golden/matrix', name, 'config.yml')
    const yaml = await run(matrixCommand, ['--config', config], root)
    const json = await run(matrixCommand, ['--config', config, '--format', 'json'], root)
    expect([yaml.code, json.code]).toEqual([0, 0])
    golden(path.join(goldenDir, name, 'expected.yml'), yaml.stdout)
    golden(path.join(goldenDir, name, 'expected.json'), json.stdout)
    golden(path.join(goldenDir, name, 'expected-stderr.txt'), json.stderr)
  })
})

describe('pydebug matrix', () => {
  it('takes the config keys as flags', async () => {
    const { stdout, code } = await run(matrixCommand, ['--python', '3.12,3.13', '--variants', 'pydebug', '--format', 'github'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^matrix=\{"include":\[\{"id":"cp312-pydebug",.*"id":"cp313-pydebug".*\]\}\ncount=2\nshards=1\nrefused=0\n$/s)
  })

  it('rejects an unknown format with the allowed ones', async () => {
    await expect(run(matrixCommand, ['--python', '3.12', '--format', 'toml'])).rejects.toThrow(
      /--format 'toml' is not a matrix format. Allowed: yaml, json, github/,
    )
  })

  it('fails under --strict with the refused cells named', async () => {
    await expect(run(matrixCommand, ['--python', '3.12', '--variants', 'pydebug,free-threading', '--strict'])).rejects.toThrow(
      /cp312t-free-threading: free-threading is not available/,
    )
  })
})

it('reads .github/pydebug.yml from the working folder by default', async () => {
  const { stdout, code } = await run(matrixCommand, ['--format', 'json'], root)
  expect(code).toBe(0)
  expect(stdout).toContain('"id": "cp313t-free-threading"')
  expect(stdout).not.toContain('cp312t')
})

describe('pydebug variants', () => {
  it('lists every variant with versions and rebuild needs', async () => {
    const { stdout } = await run(variantsCommand, [])
    expect(stdout).toMatch(/^VARIANT +VERSIONS +EXTENSIONS +CHANGES\n/)
    expect(stdout).toMatch(/\ntrace-refs +3\.6–3\.7: equivalent; 3\.8\+: yes +3\.6–3\.12: required; 3\.13\+: not-needed +--with-pydebug --with-trace-refs\n/)
    expect(stdout).toContain('\ncount-allocs: COUNT_ALLOCS: per-type allocation counts')
  })

  it('shows each variant as built on one version, or why it is refused', async () => {
    const { stdout } = await run(variantsCommand, ['--python', '3.12'])
    expect(stdout).toMatch(/^VARIANT +ON 3\.12 +ABI GROUP +EXTENSIONS +CONFIGURE +RUN WITH\n/)
    expect(stdout).toMatch(/\nvalgrind +yes +cp312d +not-needed +--with-pydebug --without-pymalloc --with-valgrind +PYTHONMALLOC=malloc\n/)
    expect(stdout).toMatch(/\nfree-threading +refused *\n/)
    expect(stdout).toContain('\nfree-threading: refused: --disable-gil (PEP 703) was added in 3.13')
  })

  it('rejects an unknown version with a suggestion', async () => {
    await expect(run(variantsCommand, ['--python', '3.1'])).rejects.toThrow(/Perhaps you meant '3\.10'\?/)
  })
})
