/**
 * A command the user gives as one string (`test-command`, `build-command`), split into an argv
 * the way a POSIX shell splits words, without a shell: quotes and backslashes work as in sh, and
 * `$NAME` / `${NAME}` are expanded when the command runs (`expandCommand`). Everything else a shell
 * would do (run several commands, pipe, redirect, substitute a command, expand a glob) is refused
 * with the character that asked for it, so the command never means something other than it says.
 */

/** One piece of a word: literal text, or a variable reference to expand when the command runs. */
export type WordPart = { readonly text: string } | { readonly variable: string }

/** A command as split: each word is the parts it was written with. */
export interface CommandLine {
  /** As the user typed it, for messages and the report. */
  readonly text: string
  readonly words: readonly (readonly WordPart[])[]
}

export type SplitResult = { readonly ok: true; readonly command: CommandLine } | { readonly ok: false; readonly problem: string }

const NAME_START = /[A-Za-z_]/
const NAME_CHAR = /[A-Za-z0-9_]/

// Characters that make a shell do something other than split words, outside quotes.
const OPERATORS: Record<string, string> = {
  ';': 'runs a second command',
  '&': 'runs a command in the background or chains commands (&&)',
  '|': 'pipes into or chains commands (|, ||)',
  '<': 'redirects input',
  '>': 'redirects output',
  '(': 'starts a subshell',
  ')': 'ends a subshell',
  '`': 'substitutes a command',
  '*': 'expands a file name pattern (glob)',
  '?': 'expands a file name pattern (glob)',
}

/**
 * Splits `text` into words. Single quotes keep everything literally; double quotes keep everything
 * but `$NAME`, and a backslash in them escapes only `$`, `` ` ``, `"`, `\` (as in sh); outside quotes
 * a backslash escapes any character. Refused: the OPERATORS outside quotes, a backquote or `$(`
 * anywhere but in single quotes, a `#` starting a word (a comment), a newline between words (a
 * second command), unbalanced quotes, an empty command.
 */
export function splitCommandLine(text: string): SplitResult {
  const words: WordPart[][] = []
  let parts: WordPart[] | undefined
  let literal = ''
  const fail = (problem: string): SplitResult => ({ ok: false, problem })
  const at = (index: number) => `at character ${index + 1}`
  const flushLiteral = () => {
    if (literal !== '') (parts ??= []).push({ text: literal })
    literal = ''
  }
  const endWord = () => {
    flushLiteral()
    if (parts) words.push(parts)
    parts = undefined
  }
  /** Reads `$NAME` or `${NAME}` at `index` (the `$`); returns the index after it, or a problem. */
  const variableAt = (index: number): number | string => {
    const next = text[index + 1]
    if (next === '(') return `'$(' ${at(index)} substitutes a command`
    if (next === '{') {
      const close = text.indexOf('}', index + 2)
      const name = close < 0 ? '' : text.slice(index + 2, close)
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'\${' ${at(index)} is not a plain \${NAME} reference (no shell runs the command to do more)`
      flushLiteral()
      ;(parts ??= []).push({ variable: name })
      return close + 1
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = index + 2
      while (end < text.length && NAME_CHAR.test(text[end])) end++
      flushLiteral()
      ;(parts ??= []).push({ variable: text.slice(index + 1, end) })
      return end
    }
    return `'$' ${at(index)} is not followed by a variable name (write '\\$' or '\\'$\\'' for a literal dollar sign)`
  }

  const trimmed = text.trim()
  const offset = text.indexOf(trimmed)
  for (let index = offset; index < offset + trimmed.length; ) {
    const character = text[index]
    if (character === ' ' || character === '\t') {
      endWord()
      index++
    } else if (character === '\n' || character === '\r') {
      return fail(`a line break ${at(index)} starts a second command`)
    } else if (character === "'") {
      const close = text.indexOf("'", index + 1)
      if (close < 0) return fail(`the single quote ${at(index)} is never closed`)
      parts ??= []
      literal += text.slice(index + 1, close)
      index = close + 1
    } else if (character === '"') {
      parts ??= []
      let end = index + 1
      for (;;) {
        if (end >= text.length) return fail(`the double quote ${at(index)} is never closed`)
        const inside = text[end]
        if (inside === '"') break
        if (inside === '\\' && end + 1 < text.length && '$`"\\'.includes(text[end + 1])) {
          literal += text[end + 1]
          end += 2
        } else if (inside === '`') {
          return fail(`'\`' ${at(end)} substitutes a command`)
        } else if (inside === '$') {
          const after = variableAt(end)
          if (typeof after === 'string') return fail(after)
          end = after
        } else {
          literal += inside
          end++
        }
      }
      index = end + 1
    } else if (character === '\\') {
      if (index + 1 >= text.length) return fail(`the backslash ${at(index)} escapes nothing`)
      literal += text[index + 1]
      parts ??= []
      index += 2
    } else if (character === '$') {
      const after = variableAt(index)
      if (typeof after === 'string') return fail(after)
      index = after
    } else if (character === '#' && parts === undefined && literal === '') {
      return fail(`'#' ${at(index)} starts a comment`)
    } else if (OPERATORS[character]) {
      return fail(`'${character}' ${at(index)} ${OPERATORS[character]}`)
    } else {
      literal += character
      index++
    }
  }
  endWord()
  if (words.length === 0) return fail('it is empty')
  return { ok: true, command: { text: trimmed, words } }
}

/** Every variable the command refers to, in order, once each. */
export function commandVariables(command: CommandLine): string[] {
  const names = command.words.flatMap((word) => word.flatMap((part) => ('variable' in part ? [part.variable] : [])))
  return [...new Set(names)]
}

/**
 * The argv to run: each `$NAME` replaced by its value in `variables`. A variable without a value is
 * not silently empty (a shell would make `--target $PYDEBUG_SITE .` install into `.`): the result
 * names it instead.
 */
export function expandCommand(
  command: CommandLine,
  variables: Readonly<Record<string, string | undefined>>,
): { ok: true; argv: string[] } | { ok: false; missing: string[] } {
  const missing = commandVariables(command).filter((name) => variables[name] === undefined)
  if (missing.length) return { ok: false, missing }
  return { ok: true, argv: command.words.map((word) => word.map((part) => ('variable' in part ? variables[part.variable]! : part.text)).join('')) }
}

/** The argv as a shell would need it typed, for logs and messages (quoted only where needed). */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((word) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ')
}
