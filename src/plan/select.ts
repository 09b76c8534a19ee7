/**
 * Selectors over cell identifiers, as cibuildwheel's: fnmatch (`*`, `?`, `[seq]`, `[!seq]`) after
 * brace expansion (`cp3{11,12}-*`). Matching is case-sensitive; identifiers are lower case.
 */

export class GlobSyntaxError extends Error {}

// Each brace group multiplies the patterns: `{a,b}` twenty times is a million, which took minutes
// and all the memory. Real selectors expand to a few dozen.
export const MAX_BRACE_EXPANSIONS = 1024

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
      const expanded: string[] = []
      for (const option of options) {
        expanded.push(...expandBraces(`${head}${option}${tail}`))
        if (expanded.length > MAX_BRACE_EXPANSIONS) throw new GlobSyntaxError(`its braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`)
      }
      return expanded
    } else if (char === ',' && depth === 1) commas.push(index)
  }
  throw new GlobSyntaxError(`unmatched '{' in '${pattern}'`)
}

/** One step of a compiled pattern: `*`, `?`, a `[seq]` set of ranges, or a literal character. */
type GlobStep =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'set'; readonly ranges: readonly (readonly [string, string])[]; readonly negate: boolean }
  | { readonly kind: 'char'; readonly char: string }

function globSteps(pattern: string): GlobStep[] {
  const steps: GlobStep[] = []
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]
    if (char === '*') {
      if (steps.at(-1)?.kind !== 'star') steps.push({ kind: 'star' })
    } else if (char === '?') steps.push({ kind: 'any' })
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2)
      if (close === -1) throw new GlobSyntaxError(`unmatched '[' in '${pattern}'`)
      let body = pattern.slice(index + 1, close)
      const negate = body.startsWith('!')
      if (negate) body = body.slice(1)
      const ranges: [string, string][] = []
      for (let at = 0; at < body.length; at++) {
        if (body[at + 1] === '-' && at + 2 < body.length) {
          if (body[at] > body[at + 2]) throw new GlobSyntaxError(`the range '${body.slice(at, at + 3)}' in '${pattern}' is out of order`)
          ranges.push([body[at], body[at + 2]])
          at += 2
        } else ranges.push([body[at], body[at]])
      }
      steps.push({ kind: 'set', ranges, negate })
      index = close
    } else steps.push({ kind: 'char', char })
  }
  return steps
}

function stepTakes(step: GlobStep, char: string): boolean {
  if (step.kind === 'char') return step.char === char
  if (step.kind === 'set') return step.ranges.some(([low, high]) => low <= char && char <= high) !== step.negate
  return step.kind === 'any'
}

/**
 * Whether `text` matches the steps, by the usual wildcard walk that returns to the last `*` only:
 * time in proportion to the lengths multiplied, where a backtracking regex grows with the power of
 * the number of `*` (ten of them took minutes on a short identifier).
 */
function globMatches(steps: readonly GlobStep[], text: string): boolean {
  let step = 0
  let at = 0
  let starStep = -1
  let starAt = 0
  while (at < text.length) {
    const current = steps[step]
    if (current !== undefined && current.kind !== 'star' && stepTakes(current, text[at])) {
      step++
      at++
    } else if (current?.kind === 'star') {
      starStep = step++
      starAt = at
    } else if (starStep >= 0) {
      step = starStep + 1
      at = ++starAt
    } else return false
  }
  while (steps[step]?.kind === 'star') step++
  return step === steps.length
}

/** One compiled selector: a pattern as the user wrote it, and a test for identifiers. */
export interface Selector {
  readonly pattern: string
  matches(id: string): boolean
}

export function compileSelector(pattern: string): Selector {
  const alternatives = expandBraces(pattern.trim()).map(globSteps)
  return { pattern, matches: (id) => alternatives.some((steps) => globMatches(steps, id)) }
}
