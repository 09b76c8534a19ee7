/**
 * The import rules that keep the core pure. src/catalog, src/plan, src/parse and src/report hold
 * data and pure functions: they import no code that runs processes, touches files, talks to the
 * runner or reads the user's configuration (src/steps, src/adapters, src/cli, src/entry,
 * src/config, @actions/*, node:fs). Within the core, parse is the lowest layer besides the catalog
 * (plans and reports read what it parsed, never the other way), and the catalog is data that
 * imports only itself. Type-only imports count: a type from src/steps ties the core to the steps'
 * modules all the same. Outside the core, src/steps orchestrates through the adapters: it touches
 * files only through src/adapters (files.ts), never with node:fs itself.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/spawn.js'

const SRC = path.join(REPO_ROOT, 'src')

const EDGE_FOLDERS = ['src/steps', 'src/adapters', 'src/cli', 'src/entry', 'src/config']
const FILE_SYSTEM_MODULES = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises']

interface ImportRule {
  /** What the rule forbids, given an import's target (see `targetOf`). */
  readonly forbids: (target: string) => boolean
  /** Said with every import the rule catches. */
  readonly why: string
}

const PURE_CORE: ImportRule = {
  forbids: (target) => EDGE_FOLDERS.includes(target) || target.startsWith('@actions/') || FILE_SYSTEM_MODULES.includes(target),
  why: 'the pure core imports nothing from src/steps, src/adapters, src/cli, src/entry, src/config, @actions/* or the file system',
}

const FILE_SYSTEM_THROUGH_ADAPTERS: ImportRule = {
  forbids: (target) => FILE_SYSTEM_MODULES.includes(target),
  why: 'the steps reach the file system through src/adapters (files.ts), never with node:fs or node:fs/promises',
}

/** Each checked folder under src/ (the core's, and the steps') and the rules its files keep. */
const RULES: Readonly<Record<string, readonly ImportRule[]>> = {
  catalog: [PURE_CORE, { forbids: (target) => target !== 'src/catalog', why: 'the catalog is data: it imports only from src/catalog' }],
  plan: [PURE_CORE],
  parse: [
    PURE_CORE,
    {
      forbids: (target) => target === 'src/report' || target === 'src/plan',
      why: 'parse is the lowest layer besides the catalog: it imports nothing from src/report or src/plan',
    },
  ],
  report: [PURE_CORE],
  steps: [FILE_SYSTEM_THROUGH_ADAPTERS],
}

interface ImportSite {
  readonly specifier: string
  readonly line: number
  /** The statement (or the `import(...)` / `require(...)`) as written, on one line. */
  readonly text: string
}

/** Every module a file names: import and export-from declarations (type-only too), `import x = require()`, `import()` in code and in types, and `require()`. */
function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const sites: ImportSite[] = []
  const add = (site: ts.Node, specifier: ts.Node | undefined) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return
    const line = source.getLineAndCharacterOfPosition(site.getStart()).line + 1
    sites.push({ specifier: specifier.text, line, text: site.getText().replace(/\s+/g, ' ') })
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier)
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression)
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal)
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node, node.arguments[0])
    ts.forEachChild(node, visit)
  }
  visit(source)
  return sites
}

/**
 * What an import reaches: `src/<folder>` (or `src/<file>` at the top of src/) for the project's own modules, else the specifier as written (`yaml`, `node:fs`).
 */
function targetOf(fileName: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier
  const inSrc = path.relative(SRC, path.resolve(path.dirname(fileName), specifier)).split(path.sep)
  return inSrc[0] === '..' ? specifier : `src/${inSrc[0]}`
}

function typeScriptFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(folder, name))
}

describe('import rules of the pure core and the steps', () => {
  it('sees every form of import, type-only ones too', () => {
    const probe = [
      "import type { A } from '../steps/a.js'",
      'import {',
      '  b,',
      "} from 'node:fs'",
      "export { c } from '../config/c.js'",
      "import d = require('@actions/core')",
      "type E = import('../adapters/e.js').E",
      "const f = await import('../cli/f.js')",
    ].join('\n')
    expect(importsOf('src/report/probe.ts', probe).map(({ specifier, line }) => `${line} ${specifier}`)).toEqual([
      '1 ../steps/a.js',
      '2 node:fs',
      '5 ../config/c.js',
      '6 @actions/core',
      '7 ../adapters/e.js',
      '8 ../cli/f.js',
    ])
    expect(targetOf(path.join(SRC, 'report', 'probe.ts'), '../steps/a.js')).toBe('src/steps')
    expect(targetOf(path.join(SRC, 'report', 'probe.ts'), './model.js')).toBe('src/report')
    expect(targetOf(path.join(SRC, 'plan', 'probe.ts'), '../errors.js')).toBe('src/errors.js')
    expect(FILE_SYSTEM_MODULES.map((target) => FILE_SYSTEM_THROUGH_ADAPTERS.forbids(target))).toEqual([true, true, true, true])
    expect(FILE_SYSTEM_THROUGH_ADAPTERS.forbids(targetOf(path.join(SRC, 'steps', 'probe.ts'), '../adapters/files.js'))).toBe(false)
  })

  it.each(Object.entries(RULES))('src/%s imports only what its rules allow', (folder, rules) => {
    const files = typeScriptFilesUnder(path.join(SRC, folder))
    expect(files.length).toBeGreaterThan(0)
    const broken: string[] = []
    for (const file of files) {
      for (const site of importsOf(file, readFileSync(file, 'utf8'))) {
        const target = targetOf(file, site.specifier)
        for (const rule of rules.filter((candidate) => candidate.forbids(target))) {
          broken.push(`${path.relative(REPO_ROOT, file)}:${site.line}: ${site.text} (${rule.why})`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})
