/**
 * The subset of JSON Schema (2020-12) that schemas/report-v1.schema.json uses: $ref to $defs,
 * type, const, enum, properties, required, additionalProperties, items, minimum, pattern, allOf.
 * Small on purpose: no dependency, and it fails loudly on a keyword it does not know.
 */
type Schema = Record<string, unknown>

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  '$defs',
  '$ref',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minimum',
  'pattern',
  'allOf',
])

export function validate(schema: Schema, value: unknown): string[] {
  const errors: string[] = []
  check(schema, schema, value, '$', errors)
  return errors
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function check(root: Schema, schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (errors.length > 50) return
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) throw new Error(`json-schema.ts does not support keyword ${keyword} (at ${at})`)
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/\$defs\//, '')
    const target = (root.$defs as Record<string, Schema>)[name]
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`)
    check(root, target, value, at, errors)
  }
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) check(root, sub, value, at, errors)
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type]
    const actual = typeOf(value)
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
      errors.push(`${at}: expected ${allowed.join('|')}, got ${actual}`)
      return
    }
  }
  if ('const' in schema && value !== schema.const) errors.push(`${at}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`)
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`)
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) errors.push(`${at}: ${value} < ${schema.minimum}`)
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
  if (Array.isArray(value) && schema.items) for (const [index, item] of value.entries()) check(root, schema.items as Schema, item, `${at}[${index}]`, errors)
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {}
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in object)) errors.push(`${at}: missing ${name}`)
    for (const [name, item] of Object.entries(object)) {
      if (item === undefined) continue
      if (properties[name]) check(root, properties[name], item, `${at}.${name}`, errors)
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${name}`)
      else if (typeof schema.additionalProperties === 'object') check(root, schema.additionalProperties as Schema, item, `${at}.${name}`, errors)
    }
  }
}
