import { KNOWN_MINORS } from '../catalog/known-versions.js'
import { ConfigError } from '../errors.js'
import { perhaps } from '../config/nearest-match.js'
import { describeVariants, renderVariantsMarkdown, renderVariantsText } from '../plan/variant-table.js'
import { VARIANTS } from '../catalog/variants.js'
import { parseCommandArgs, type CliCommand, type CliIo } from './command.js'

const OPTIONS = {
  python: { type: 'string' },
  format: { type: 'string' },
} as const

const FORMATS = ['text', 'markdown', 'json'] as const

const USAGE = `Usage: pydebug variants [--python X.Y] [--format text|markdown|json]

Lists every built-in variant: what it changes (configure flags, macros, runtime environment),
whether extensions must be rebuilt, and on which CPython versions it exists. With --python,
shows each variant as it would be built on that version, or why it is refused.`

export const variantsCommand: CliCommand = {
  summary: 'List the built-in debug variants, what they change and where they exist',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, OPTIONS)
    const format = values.format ?? 'text'
    if (!(FORMATS as readonly string[]).includes(format))
      throw new ConfigError(`--format '${format}' is not allowed. Allowed: ${FORMATS.join(', ')}.${perhaps(format, FORMATS)}`)
    const minors = KNOWN_MINORS.map((known) => known.minor)
    if (values.python !== undefined && !minors.includes(values.python)) {
      throw new ConfigError(
        `--python '${values.python}' is not a minor version the catalog knows. Allowed: ${minors.join(', ')}.${perhaps(values.python, minors)}`,
      )
    }
    const descriptions = describeVariants(VARIANTS, values.python ? [values.python] : minors)
    if (format === 'json') io.stdout(`${JSON.stringify(descriptions, null, 2)}\n`)
    else if (format === 'markdown') io.stdout(`${renderVariantsMarkdown(descriptions)}\n`)
    else io.stdout(renderVariantsText(descriptions))
    return 0
  },
}
