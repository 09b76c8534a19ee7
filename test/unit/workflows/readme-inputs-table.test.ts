import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { headingAnchor, INPUT_SECTIONS, plannedInputTable } from '../../../scripts/update-readme-inputs.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

describe("README's table of the action's inputs is generated from the run option table", () => {
  it('is up to date (run npx tsx scripts/update-readme-inputs.ts)', () => {
    const { expected, current } = plannedInputTable()
    expect(current).toBe(expected)
  })

  it('links each row to a section README has', () => {
    const headings = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
      .split('\n')
      .flatMap((line) => /^#{1,6} (.*)$/.exec(line)?.[1] ?? [])
    for (const [key, heading] of Object.entries(INPUT_SECTIONS)) expect(headings, `the section linked from ${key}'s row`).toContain(heading)
  })

  it("spells anchors as GitHub does (the ones README's hand-kept table linked to)", () => {
    expect(headingAnchor("CPython's own test suite")).toBe('cpythons-own-test-suite')
    expect(headingAnchor('Your own test command, build and compiler')).toBe('your-own-test-command-build-and-compiler')
    expect(headingAnchor('What the pymalloc variants, `trace-refs`, `count-allocs` and `free-threading` report')).toBe(
      'what-the-pymalloc-variants-trace-refs-count-allocs-and-free-threading-report',
    )
  })
})
