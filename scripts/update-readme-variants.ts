// Rewrites the variant table in README.md (between the variants:start/end markers) from the
// catalog, so the documentation cannot drift from what the planner does. Without a README
// (or without the markers) the table goes to docs/variants.md.
// Usage: npx tsx scripts/update-readme-variants.ts [--check]
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describeVariants, renderVariantsMarkdown } from '../src/plan/variant-table.js'
import {
  endMarkerOf,
  isScriptRun,
  regionText,
  REPO_ROOT,
  startMarkerOf,
  updateOrCheck,
  withRegion,
  type GeneratedRegion,
  type PlannedFile,
} from './update-readme-region.js'

const VARIANTS_REGION: GeneratedRegion = { name: 'variants', what: 'the variant table', script: 'scripts/update-readme-variants.ts', from: 'src/catalog' }

export const START_MARKER = startMarkerOf(VARIANTS_REGION)
export const END_MARKER = endMarkerOf(VARIANTS_REGION)

export function variantTableMarkdown(): string {
  return `${renderVariantsMarkdown(describeVariants())}\n`
}

/** README text with the table between the markers replaced; undefined when the markers are missing. */
export function withVariantTable(readme: string, table: string): string | undefined {
  return withRegion(readme, VARIANTS_REGION, table)
}

export function docsVariantsPage(table: string): string {
  return `# Built-in variants\n\n${regionText(VARIANTS_REGION, table)}\n`
}

/** Where the table lives and what it should contain. */
export function plannedVariantTable(): PlannedFile {
  const table = variantTableMarkdown()
  const readmePath = path.join(REPO_ROOT, 'README.md')
  if (existsSync(readmePath)) {
    const readme = readFileSync(readmePath, 'utf8')
    const expected = withVariantTable(readme, table)
    if (expected !== undefined) return { file: readmePath, expected, current: readme }
  }
  const docsPath = path.join(REPO_ROOT, 'docs/variants.md')
  return { file: docsPath, expected: docsVariantsPage(table), current: existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : undefined }
}

if (isScriptRun(import.meta.url)) updateOrCheck(VARIANTS_REGION, plannedVariantTable())
