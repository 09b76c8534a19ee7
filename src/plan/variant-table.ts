import { KNOWN_MINORS } from '../catalog/known-versions.js'
import { parsePythonVersion } from '../catalog/python-version.js'
import { VARIANTS, type VariantSpec } from '../catalog/variants.js'
import { planCell, type CellPlanResult } from './cell.js'

/** One variant on one minor release, as the catalog plans it. */
export interface VariantOnVersion {
  readonly minor: string
  readonly status: 'built' | 'equivalent' | 'refused'
  readonly configureArgs: readonly string[]
  readonly runtimeEnv: Readonly<Record<string, string>>
  readonly abiGroup?: string
  readonly extensionRebuild?: string
  /** Why it is refused or substituted, with the CPython source. */
  readonly reason?: string
  readonly alternative?: string
}

export interface VariantDescription {
  readonly name: string
  readonly summary: string
  readonly configureArgs: readonly string[]
  readonly macros: readonly string[]
  readonly runtimeEnv: Readonly<Record<string, string>>
  readonly source?: string
  readonly versions: readonly VariantOnVersion[]
}

function onVersion(minor: string, result: CellPlanResult): VariantOnVersion {
  if (!result.ok) {
    const { reason, source, alternative } = result.refusal
    return {
      minor,
      status: 'refused',
      configureArgs: [],
      runtimeEnv: {},
      reason: `${reason.replace(/^.*?: /, '')} (${source})`,
      ...(alternative ? { alternative } : {}),
    }
  }
  const { cell } = result
  return {
    minor,
    status: cell.substitution ? 'equivalent' : 'built',
    configureArgs: cell.configureArgs,
    runtimeEnv: cell.runtimeEnv,
    abiGroup: cell.extensionAbi,
    extensionRebuild: cell.extensionRebuild.need,
    ...(cell.substitution ? { reason: `${cell.substitution.reason} (${cell.substitution.source})` } : {}),
  }
}

/** Every variant on every known minor release (or only `minors`). */
export function describeVariants(
  variants: readonly VariantSpec[] = VARIANTS,
  minors: readonly string[] = KNOWN_MINORS.map((known) => known.minor),
): VariantDescription[] {
  const versions = minors.map((minor) => ({ minor, python: parsePythonVersion(KNOWN_MINORS.find((known) => known.minor === minor)!.latest)! }))
  return variants.map((variant) => ({
    name: variant.name,
    summary: variant.summary,
    configureArgs: variant.configureArgs,
    macros: variant.macros ?? [],
    runtimeEnv: variant.runtimeEnv ?? {},
    ...(variant.source ? { source: variant.source } : {}),
    versions: versions.map(({ minor, python }) => onVersion(minor, planCell(python, variant))),
  }))
}

/** `3.6–3.8: a; 3.9+: b` from per-minor values, merging runs of equal values. */
function summarizeRanges(values: readonly { minor: string; value: string }[], lastMinor: string): string {
  const runs: { first: string; last: string; value: string }[] = []
  for (const { minor, value } of values) {
    const run = runs[runs.length - 1]
    if (run && run.value === value) run.last = minor
    else runs.push({ first: minor, last: minor, value })
  }
  return runs
    .map((run) => `${run.first === run.last ? run.first : run.last === lastMinor ? `${run.first}+` : `${run.first}–${run.last}`}: ${run.value}`)
    .join('; ')
}

const code = (text: string) => (text ? `\`${text}\`` : '')

function changes(variant: VariantDescription): string {
  return [
    variant.configureArgs.length ? code(variant.configureArgs.join(' ')) : 'release build',
    ...variant.macros.map((macro) => `${code(`-D${macro}`)} (CFLAGS)`),
    ...(Object.keys(variant.runtimeEnv).length
      ? [
          `run with ${Object.entries(variant.runtimeEnv)
            .map(([key, value]) => code(`${key}=${value}`))
            .join(' ')}`,
        ]
      : []),
  ].join(', ')
}

function availability(variant: VariantDescription, lastMinor: string): string {
  return summarizeRanges(
    variant.versions.map(({ minor, status }) => ({ minor, value: status === 'built' ? 'yes' : status === 'equivalent' ? 'equivalent' : 'refused' })),
    lastMinor,
  )
}

function rebuild(variant: VariantDescription, lastMinor: string): string {
  const known = variant.versions.filter((version) => version.extensionRebuild)
  return known.length
    ? summarizeRanges(
        known.map(({ minor, extensionRebuild }) => ({ minor, value: extensionRebuild! })),
        lastMinor,
      )
    : '–'
}

/** The README table: one row per variant, generated so it cannot drift from the catalog. */
export function renderVariantsMarkdown(descriptions: readonly VariantDescription[]): string {
  const lastMinor = descriptions[0]?.versions.at(-1)?.minor ?? ''
  const escapeCell = (text: string) => text.replace(/\|/g, '\\|')
  const rows = descriptions.map(
    (variant) =>
      `| \`${variant.name}\` | ${escapeCell(variant.summary)} | ${escapeCell(changes(variant))} | ${rebuild(variant, lastMinor)} | ${availability(variant, lastMinor)} |`,
  )
  const notes = descriptions.flatMap((variant) => {
    const byText = new Map<string, string[]>()
    for (const version of variant.versions.filter((candidate) => candidate.reason)) {
      const text = `${version.status === 'refused' ? 'refused' : 'built as an equivalent'}: ${version.reason}${version.alternative ? ` Instead: ${version.alternative}.` : ''}`
      byText.set(text, [...(byText.get(text) ?? []), version.minor])
    }
    return [...byText].map(
      ([text, minors]) => `- \`${variant.name}\` on ${minors.length === 1 ? minors[0] : `${minors[0]}–${minors[minors.length - 1]}`}, ${text}`,
    )
  })
  return [
    '| Variant | What it is | What it changes | Rebuild extensions | CPython versions |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Extensions: `required` means a release-built extension must not be loaded (different ABI); `instrumented` means it would load, but the checks cannot see into it; `not-needed` means release builds are reused.',
    '',
    ...notes,
  ].join('\n')
}

function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** A plain-text table for the terminal; with one minor release, each variant as it would be built there. */
export function renderVariantsText(descriptions: readonly VariantDescription[]): string {
  const single = descriptions[0]?.versions.length === 1
  const lastMinor = descriptions[0]?.versions.at(-1)?.minor ?? ''
  const notes: string[] = []
  let table: string
  if (single) {
    const minor = descriptions[0].versions[0].minor
    table = alignedTable(
      ['VARIANT', `ON ${minor}`, 'ABI GROUP', 'EXTENSIONS', 'CONFIGURE', 'RUN WITH'],
      descriptions.map((variant) => {
        const version = variant.versions[0]
        if (version.reason)
          notes.push(
            `${variant.name}: ${version.status === 'refused' ? 'refused' : 'built as an equivalent'}: ${version.reason}${version.alternative ? ` Instead: ${version.alternative}.` : ''}`,
          )
        if (version.status === 'refused') return [variant.name, 'refused', '', '', '', '']
        const env = Object.entries(version.runtimeEnv)
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')
        return [
          variant.name,
          version.status === 'built' ? 'yes' : 'equivalent',
          version.abiGroup ?? '',
          version.extensionRebuild ?? '',
          version.configureArgs.join(' ') || '(release build)',
          env,
        ]
      }),
    )
  } else {
    table = alignedTable(
      ['VARIANT', 'VERSIONS', 'EXTENSIONS', 'CHANGES'],
      descriptions.map((variant) => [variant.name, availability(variant, lastMinor), rebuild(variant, lastMinor), changes(variant).replace(/`/g, '')]),
    )
    for (const variant of descriptions) notes.push(`${variant.name}: ${variant.summary}${variant.source ? ` [${variant.source}]` : ''}`)
  }
  return `${table}\n\n${notes.join('\n')}\n`
}
