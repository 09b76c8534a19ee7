/**
 * Selectors over cell identifiers, as cibuildwheel's: fnmatch (`*`, `?`, `[seq]`, `[!seq]`) after
 * brace expansion (`cp3{11,12}-*`). Matching is case-sensitive; identifiers are lower case.
 */

export class GlobSyntaxError extends Error {}

/** `a{b,c}d` → [`abd`, `acd`]; nested braces expand inside out. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{')
  if (open === -1) {
    if (pattern.includes('}')) throw new GlobSyntaxError(`unmatched '}' in '${pattern}'`)
    return [pattern]
  }
  let depth = 0
  const commas: number[] = []
  for (let index = open; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === '{') depth++
    else if (char === '}' && --depth === 0) {
      const head = pattern.slice(0, open)
      const tail = pattern.slice(index + 1)
      const bounds = [open, ...commas, index]
      const options = bounds.slice(1).map((end, position) => pattern.slice(bounds[position] + 1, end))
      return options.flatMap((option) => expandBraces(`${head}${option}${tail}`))
    } else if (char === ',' && depth === 1) commas.push(index)
  }
  throw new GlobSyntaxError(`unmatched '{' in '${pattern}'`)
}

function fnmatchSource(pattern: string): string {
  let source = ''
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2)
      if (close === -1) throw new GlobSyntaxError(`unmatched '[' in '${pattern}'`)
      let body = pattern.slice(index + 1, close)
      const negate = body.startsWith('!')
      if (negate) body = body.slice(1)
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`
      index = close
    } else source += char.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return source
}

/** One compiled selector: a pattern as the user wrote it, and a test for identifiers. */
export interface Selector {
  readonly pattern: string
  matches(id: string): boolean
}

export function compileSelector(pattern: string): Selector {
  const alternatives = expandBraces(pattern.trim()).map(fnmatchSource)
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`)
  return { pattern, matches: (id) => regex.test(id) }
}
