import { identityParts } from './baseline.js'
import { FINDING_KINDS, type FindingKind } from './finding-kinds.js'
import type { BaselineSection } from './model.js'

// Past this many rows a state's findings are counted, not listed: report.json's `baseline` has them all.
const MAX_ROWS_PER_STATE = 100

const STATES = [
  { key: 'new', label: '🆕 new' },
  { key: 'unchanged', label: 'unchanged' },
  { key: 'fixed', label: '✅ fixed' },
] as const

/**
 * The findings against the baseline (report.json's `baseline`): how many are new, unchanged and
 * fixed, then each by identity. The escaping functions are summary-md's, passed in as
 * variant-checks-md takes them, so neither module imports the other.
 */
export function baselineMarkdown(
  section: BaselineSection | undefined,
  escapeMarkdown: (text: string) => string,
  escapeCode: (text: string) => string,
  heading = '###',
): string[] {
  if (!section) return []
  const lines = [`${heading} Compared with the baseline`, '']
  if (section.source === undefined) {
    lines.push(`No baseline was given: every finding counts as new (${section.new.length}).`, '')
  } else {
    lines.push(
      `Baseline \`${escapeCode(section.source)}\`: **${section.new.length} new**, ${section.unchanged.length} unchanged, ${section.fixed.length} fixed.`,
      '',
    )
  }
  const listed = STATES.filter(({ key }) => section[key].length && (key !== 'new' || section.source !== undefined))
  if (!listed.length) return lines
  lines.push('| | Test | Finding | Where |', '|---|---|---|---|')
  const counted: string[] = []
  for (const { key, label } of listed) {
    for (const identity of section[key].slice(0, MAX_ROWS_PER_STATE)) {
      const parts = identityParts(identity)
      const test = parts.case || parts.test
      const kind = FINDING_KINDS[parts.kind as FindingKind]?.label ?? parts.kind
      lines.push(`| ${label} | ${test ? `\`${escapeCode(test)}\`` : '—'} | ${escapeMarkdown(kind)} | ${parts.where ? `\`${escapeCode(parts.where)}\`` : ''} |`)
    }
    if (section[key].length > MAX_ROWS_PER_STATE) counted.push(`${section[key].length - MAX_ROWS_PER_STATE} more ${key}`)
  }
  lines.push('')
  if (counted.length) lines.push(`Not listed: ${counted.join(', ')} (report.json's \`baseline\` has every identity).`, '')
  return lines
}
