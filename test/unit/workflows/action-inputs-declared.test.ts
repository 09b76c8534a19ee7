/**
 * Every input an action entry reads is declared in its action.yml, and every declared input is
 * read. The runner only sets INPUT_<NAME> for declared inputs (and warns about others), so an
 * undeclared read is always empty and an unread declaration is a setting that does nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionInputsFrom } from '../../../src/config/action-inputs.js'
import { RUN_OPTION_ENTRIES } from '../../../src/config/run-option-table.js'
import { sourceEntryOf } from '../../helpers/run-action.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

const INPUT_READERS = new Set(['getInput', 'getBooleanInput', 'getMultilineInput'])

/**
 * Functions that call the reader they are given once for each input of the run option table
 * (test/unit/config/run-option-table.test.ts holds actionInputsFrom to that): a read inside a
 * function passed to one of them reads every input of the table.
 */
const TABLE_READERS = new Map([[actionInputsFrom.name, RUN_OPTION_ENTRIES.map(([, spec]) => spec.input)]])

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration

interface InputsRead {
  readonly names: Set<string>
  /** `file:line` of reads whose input name is not a string literal the test can follow. */
  readonly unresolved: string[]
}

/** The entry and every file under src/ it imports, directly or not. */
function sourceFilesOf(entry: string): ts.SourceFile[] {
  const seen = new Map<string, ts.SourceFile>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    seen.set(file, source)
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue
      const imported = path.resolve(path.dirname(file), specifier.text.replace(/\.js$/, '.ts'))
      if (existsSync(imported)) visit(imported)
    }
  }
  visit(entry)
  return [...seen.values()]
}

/**
 * Names passed to @actions/core's input readers, followed through local helpers such as
 * `const given = (name: string) => core.getInput(name)`: a helper's parameter is resolved to the
 * literals its callers in the same file pass, and the parameter of a function passed to a
 * TABLE_READERS function to the table's inputs. Any other read is unresolved.
 */
function inputsReadBy(files: ts.SourceFile[]): InputsRead {
  const names = new Set<string>()
  const unresolved: string[] = []
  for (const source of files) {
    const calls: ts.CallExpression[] = []
    const collect = (node: ts.Node) => {
      if (ts.isCallExpression(node)) calls.push(node)
      ts.forEachChild(node, collect)
    }
    collect(source)
    const calleeName = (call: ts.CallExpression) =>
      ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined
    const place = (node: ts.Node) => `${path.relative(REPO_ROOT, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`

    const follow = (call: ts.CallExpression, visiting: Set<string>) => {
      const argument = call.arguments[0]
      if (argument && ts.isStringLiteralLike(argument)) {
        names.add(argument.text)
        return
      }
      const owner = argument && ts.isIdentifier(argument) ? functionWithFirstParameter(argument) : undefined
      const tableInputs = owner && tableReaderInputs(owner)
      if (tableInputs) {
        for (const name of tableInputs) names.add(name)
        return
      }
      const helper = owner && helperName(owner)
      if (!helper || visiting.has(helper)) {
        unresolved.push(place(call))
        return
      }
      const callers = calls.filter((candidate) => calleeName(candidate) === helper && candidate.expression.kind === ts.SyntaxKind.Identifier)
      if (callers.length === 0) unresolved.push(place(call))
      for (const caller of callers) follow(caller, new Set([...visiting, helper]))
    }

    // The innermost function around `argument`, when `argument` is its first parameter.
    const functionWithFirstParameter = (argument: ts.Identifier): FunctionNode | undefined => {
      for (let node: ts.Node | undefined = argument.parent; node; node = node.parent) {
        if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isFunctionDeclaration(node)) continue
        const first = node.parameters[0]
        return first && ts.isIdentifier(first.name) && first.name.text === argument.text ? node : undefined
      }
      return undefined
    }
    const helperName = (helper: FunctionNode): string | undefined => {
      if (ts.isFunctionDeclaration(helper)) return helper.name?.text
      return ts.isVariableDeclaration(helper.parent) && ts.isIdentifier(helper.parent.name) ? helper.parent.name.text : undefined
    }
    // The table's inputs when `reader` is passed, as written, to a TABLE_READERS function.
    const tableReaderInputs = (reader: FunctionNode): readonly string[] | undefined => {
      const call = reader.parent
      if (!ts.isCallExpression(call) || !call.arguments.includes(reader as ts.Expression)) return undefined
      return TABLE_READERS.get(calleeName(call) ?? '')
    }

    for (const call of calls) if (INPUT_READERS.has(calleeName(call) ?? '')) follow(call, new Set())
  }
  return { names, unresolved }
}

const actionFiles = ['action.yml', 'matrix/action.yml']

describe.each(actionFiles)('%s', (actionFile) => {
  const manifest = parse(readFileSync(path.join(REPO_ROOT, actionFile), 'utf8')) as { inputs?: Record<string, unknown>; runs: { main: string } }
  const entry = sourceEntryOf(path.join(REPO_ROOT, path.dirname(actionFile), manifest.runs.main))
  const read = inputsReadBy(sourceFilesOf(entry))
  const declared = Object.keys(manifest.inputs ?? {}).sort()

  it(`declares exactly the inputs ${path.relative(REPO_ROOT, entry)} reads`, () => {
    expect(read.unresolved, 'input reads whose name the test cannot follow').toEqual([])
    expect([...read.names].sort()).toEqual(declared)
  })
})

describe('the input finder', () => {
  const probe = (...lines: string[]) => ts.createSourceFile('probe.ts', lines.join('\n'), ts.ScriptTarget.Latest, true)

  it('follows names through helpers and reports reads it cannot name', () => {
    const read = inputsReadBy([
      probe(
        "import * as core from '@actions/core'",
        'const given = (name: string) => core.getInput(name).trim() || undefined',
        'const flag = (name: string) => (given(name) === undefined ? false : core.getBooleanInput(name))',
        "given('python')",
        "flag('split')",
        "core.getMultilineInput('skip')",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of an entry, as the scanner under test sees it
        'core.getInput(`computed-${given("os")}`)',
      ),
    ])
    expect([...read.names].sort()).toEqual(['os', 'python', 'skip', 'split'])
    expect(read.unresolved).toEqual(['probe.ts:7'])
  })

  it(`counts a reader passed to ${actionInputsFrom.name} as reading every input of the run option table, and no other function's`, () => {
    const read = inputsReadBy([
      probe(
        `${actionInputsFrom.name}((name) => core.getInput(name))`,
        'readSomeInputs((name) => core.getInput(name))',
        `${actionInputsFrom.name}(() => core.getInput(nameOf()))`,
        `const reader = (name: string) => core.getInput(name)`,
        `${actionInputsFrom.name}(reader)`,
      ),
    ])
    expect([...read.names]).toEqual(RUN_OPTION_ENTRIES.map(([, spec]) => spec.input))
    expect(read.unresolved).toEqual(['probe.ts:2', 'probe.ts:3', 'probe.ts:4'])
  })
})
