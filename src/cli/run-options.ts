import { runEnvironment } from '../adapters/run-environment.js'
import { loadCustomVariants } from '../config/matrix-input.js'
import { commandLineSource } from '../config/option-names.js'
import { validateRunOptions, type RunConfig } from '../config/run-config.js'
import { CLI_OPTION_NAMES, CLI_RUN_OPTION_ENTRIES, type CliRunOptionKey, type RunOptionsInput } from '../config/run-option-table.js'
import { parseCommandArgs, type CliIo } from './command.js'

/** parseArgs options for `pydebug run` and `pydebug build`: every option of the table that has a flag. */
export const RUN_FLAGS = Object.fromEntries(
  CLI_RUN_OPTION_ENTRIES.map(({ flag, spec }) => [
    flag,
    spec.kind === 'boolean' ? { type: 'boolean' as const } : { type: 'string' as const, multiple: spec.kind === 'list' },
  ]),
)

export function parseRunConfig(args: string[], io: CliIo, { requireExtension }: { requireExtension: boolean }): RunConfig {
  const { values } = parseCommandArgs(args, RUN_FLAGS)
  const input = Object.fromEntries(CLI_RUN_OPTION_ENTRIES.map(({ key, flag }) => [key, values[flag]])) as RunOptionsInput
  return validateRunOptions(input, CLI_OPTION_NAMES, runEnvironment(io.cwd, io.env), {
    requireExtension,
    customVariants: loadCustomVariants(input.config, commandLineSource(io.cwd)),
  })
}

const USAGE_WIDTH = 100
const FLAG_COLUMN = 25

/** `--python X.Y.Z`, or `--[no-]keep-build-tree` for an on/off flag (parseCommandArgs takes both). */
export function flagSynopsis(key: CliRunOptionKey): string {
  const entry = CLI_RUN_OPTION_ENTRIES.find((candidate) => candidate.key === key)!
  return entry.spec.kind === 'boolean' ? `--[no-]${entry.flag}` : `--${entry.flag} ${entry.spec.placeholder}`
}

/** The Options: lines of `--help`: each flag with the table's description, its default and whether it repeats. */
export function runOptionsHelp(): string {
  return CLI_RUN_OPTION_ENTRIES.map(({ key, spec }) => {
    const notes = [
      'default' in spec ? (spec.kind === 'boolean' || spec.default === '' ? '' : `Default: ${spec.default}.`) : 'Required.',
      spec.kind === 'list' ? 'Repeatable.' : '',
    ]
    const text = [spec.description, ...notes].filter(Boolean).join(' ')
    const head = `  ${flagSynopsis(key)}`
    const lines = wrapWords(text, USAGE_WIDTH - FLAG_COLUMN)
    const first = head.length < FLAG_COLUMN ? `${head.padEnd(FLAG_COLUMN)}${lines[0]}` : `${head}\n${' '.repeat(FLAG_COLUMN)}${lines[0]}`
    return [first, ...lines.slice(1).map((line) => `${' '.repeat(FLAG_COLUMN)}${line}`)].join('\n')
  }).join('\n')
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}
