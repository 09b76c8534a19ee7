import { describe, expect, it } from 'vitest'
import { END_MARKER, START_MARKER, plannedVariantTable, withVariantTable } from '../../../scripts/update-readme-variants.js'

describe('the README variant table is generated from the catalog', () => {
  it('is up to date (run npx tsx scripts/update-readme-variants.ts)', () => {
    const { expected, current } = plannedVariantTable()
    expect(current).toBe(expected)
  })

  it('rewrites only the text between the markers', () => {
    const readme = `# Title\n\nbefore\n${START_MARKER}\nold table\n${END_MARKER}\nafter\n`
    const updated = withVariantTable(readme, '| new |\n')!
    expect(updated.startsWith(`# Title\n\nbefore\n${START_MARKER}\n`)).toBe(true)
    expect(updated.endsWith(`\n| new |\n\n${END_MARKER}\nafter\n`)).toBe(true)
    expect(updated).not.toContain('old table')
    expect(withVariantTable('no markers', '| new |\n')).toBeUndefined()
  })
})
