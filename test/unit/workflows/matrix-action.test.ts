import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The real @actions/core against temp files, as the runner would drive the matrix action.
describe('matrix action entry', () => {
  let workspace: string
  let outputFile: string

  beforeEach(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'pydebug-matrix-action-'))
    mkdirSync(path.join(workspace, '.github'))
    outputFile = path.join(workspace, 'github-output')
    writeFileSync(outputFile, '')
    vi.stubEnv('GITHUB_WORKSPACE', workspace)
    vi.stubEnv('GITHUB_OUTPUT', outputFile)
    vi.resetModules()
  })

  afterEach(() => {
    vi.unstubAllEnvs()
    process.exitCode = undefined
    rmSync(workspace, { recursive: true, force: true })
  })

  function outputs(): Record<string, string> {
    const text = readFileSync(outputFile, 'utf8')
    const result: Record<string, string> = {}
    for (const match of text.matchAll(/^(\S+)<<(ghadelimiter_\S+)\n([\s\S]*?)\n\2$/gm)) result[match[1]] = match[3]
    return result
  }

  it('plans from .github/pydebug.yml with inputs overriding its keys', async () => {
    writeFileSync(path.join(workspace, '.github/pydebug.yml'), 'python: ["3.9"]\nvariants: [pydebug, free-threading]\n')
    vi.stubEnv('INPUT_PYTHON', '3.12, 3.13')
    await import('../../../src/entry/matrix-action.js')
    const result = outputs()
    const matrix = JSON.parse(result.matrix) as { include: { id: string; 'python-version': string }[] }
    expect(matrix.include.map((row) => row.id)).toEqual(['cp312-pydebug', 'cp313-pydebug', 'cp313t-free-threading'])
    expect([result.count, result.shards, JSON.parse(result.refused)[0].id]).toEqual(['3', '1', 'cp312t-free-threading'])
    expect(process.exitCode).toBeUndefined()
  })

  it('fails the step with the input named and a suggestion', async () => {
    vi.stubEnv('INPUT_PYTHON', '3.12')
    vi.stubEnv('INPUT_VARIANTS', 'pydebgu')
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    await import('../../../src/entry/matrix-action.js')
    const written = stdout.mock.calls.map((call) => String(call[0])).join('')
    stdout.mockRestore()
    expect(written).toContain("::error::input 'variants': unknown variant 'pydebgu'.")
    expect(written).toContain("Perhaps you meant 'pydebug'?")
    expect(process.exitCode).toBe(1)
  })
})
