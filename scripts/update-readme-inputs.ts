// Rewrites the table of the main action's inputs in README.md (between the inputs:start/end
// markers) from the run option table, which action.yml, the CLI flags and `run --help` follow too,
// so the README cannot describe an input other than the code does.
// Usage: npx tsx scripts/update-readme-inputs.ts [--check]
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { RUN_OPTION_ENTRIES, type RunOptionKey, type RunOptionSpec } from '../src/config/run-option-table.js'
import { escapeCode, escapeMarkdown } from '../src/report/summary-md.js'
import {
  endMarkerOf,
  isScriptRun,
  REPO_ROOT,
  startMarkerOf,
  updateOrCheck,
  withRegion,
  type GeneratedRegion,
  type PlannedFile,
} from './update-readme-region.js'

export const INPUTS_REGION: GeneratedRegion = {
  name: 'inputs',
  what: 'the inputs table',
  script: 'scripts/update-readme-inputs.ts',
  from: 'src/config/run-option-table.ts',
}

/**
 * The README section that says more about an input, by its heading, linked from the input's row.
 * README layout, so it lives here and not in the option table; the unit test checks each heading.
 */
export const INPUT_SECTIONS: Partial<Record<RunOptionKey, string>> = {
  variant: 'Variants',
  extension: 'Your own test command, build and compiler',
  testRunner: 'pytest projects',
  testRequirements: 'pytest projects',
  testCommand: 'Your own test command, build and compiler',
  buildCommand: 'Your own test command, build and compiler',
  buildEnv: 'Your own test command, build and compiler',
  gil: 'What the pymalloc variants, `trace-refs`, `count-allocs` and `free-threading` report',
  cpythonTests: "CPython's own test suite",
  cpythonTestsShard: "CPython's own test suite",
  cpythonTestsDurations: "CPython's own test suite",
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-')
}

// An empty default is a value of its own: each description says what empty means.
function defaultCell(spec: RunOptionSpec): string {
  if (spec.default === undefined) return '(required)'
  return spec.default === '' ? '(empty)' : `\`${escapeCode(spec.default)}\``
}

function meaningCell(key: RunOptionKey, spec: RunOptionSpec): string {
  const section = INPUT_SECTIONS[key]
  const link = section === undefined ? '' : ` (more: [${section}](#${headingAnchor(section)}))`
  return `${escapeMarkdown(spec.description)}${link}`
}

export function inputTableMarkdown(): string {
  const rows = RUN_OPTION_ENTRIES.map(([key, spec]) => `| \`${spec.input}\` | ${defaultCell(spec)} | ${meaningCell(key, spec)} |`)
  return ['| input | default | meaning |', '|---|---|---|', ...rows, ''].join('\n')
}

/** README as it is and with its inputs table generated; an error when README has no inputs markers. */
export function plannedInputTable(): PlannedFile {
  const file = path.join(REPO_ROOT, 'README.md')
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined
  const expected = current === undefined ? undefined : withRegion(current, INPUTS_REGION, inputTableMarkdown())
  if (expected === undefined)
    throw new Error(`${path.relative(REPO_ROOT, file)}: no ${startMarkerOf(INPUTS_REGION)} … ${endMarkerOf(INPUTS_REGION)} markers around the inputs table`)
  return { file, expected, current }
}

if (isScriptRun(import.meta.url)) updateOrCheck(INPUTS_REGION, plannedInputTable())
