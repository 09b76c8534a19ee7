/**
 * One formatter and linter (Biome, as setup-uv uses: biome.json) with a line width of 160, checked
 * here so CI fails on an unformatted or linted file. The formatter wraps code at 160 but keeps a
 * string, template or regular expression literal whole, so that a message can be found by
 * searching for it (eslint's max-len has `ignoreStrings` for the same reason). Comments it does not
 * wrap: this test holds them to the width.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/spawn.js'

const LINE_WIDTH = 160
const BIOME = path.join(REPO_ROOT, 'node_modules', '.bin', 'biome')
const trackedTypeScript = () =>
  spawnSync('git', ['ls-files', '*.ts'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((file) => file && !file.startsWith('test/fixtures/') && !file.startsWith('test/golden/'))

describe('formatting and lint (biome.json)', () => {
  it('biome ci passes: every file formatted, no lint finding', () => {
    const run = spawnSync(BIOME, ['ci', '.', '--colors=off'], { cwd: REPO_ROOT, encoding: 'utf8' })
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
  })

  it(`lines over ${LINE_WIDTH} characters hold a literal the formatter keeps whole, never a comment`, () => {
    const offenders: string[] = []
    for (const file of trackedTypeScript()) {
      const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n')
      for (const [index, line] of lines.entries()) {
        if (line.length <= LINE_WIDTH) continue
        const comment = /^\s*(?:\/\/|\/?\*)/.test(line)
        const literal = /['"`]|\/.+\/[dgimsuvy]*[,);]?$/.test(line)
        if (comment || !literal) offenders.push(`${file}:${index + 1} (${line.length} characters)`)
      }
    }
    expect(offenders).toEqual([])
  })
})
