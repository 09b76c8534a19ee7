/**
 * issue 15: "the workflows the project ships use least-privilege `permissions:` and pin
 * third-party actions by commit SHA (as setup-uv does), checked by a test." Offline: the rules
 * are read from the files, and negative controls show each rule refuses what it should.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml'
import { REPO_ROOT } from '../../helpers/spawn.js'

const WORKFLOWS = readdirSync(path.join(REPO_ROOT, '.github/workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `.github/workflows/${name}`)

// This repository's own actions and workflows: a local path, or pydebug/pydebug-action at any ref.
const OURS = /^(?:\.\/|pydebug\/pydebug-action(?:\/|@))/
// owner/repo[/path]@<40 hex> # v<version>: the commit GitHub runs, and the release it was when pinned (as Dependabot writes it).
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40} # v\d+(?:\.\d+){0,2}$/

/** What breaks a rule, one line per problem; empty when the workflow keeps them all. */
function problemsOf(file: string, text: string): string[] {
  const document = parseDocument(text)
  const root = document.contents as YAMLMap
  const problems: string[] = []
  const pairOf = (map: unknown, key: string) =>
    isMap(map) ? (map.items as Pair<Node, Node>[]).find((pair) => isScalar(pair.key) && pair.key.value === key) : undefined
  const lineOf = (node: Node | null | undefined) => (node?.range ? text.slice(0, node.range[0]).split('\n').length : 0)

  const top = pairOf(root, 'permissions')
  if (!top) problems.push(`${file}: no top-level permissions: (every job would get the repository's default token permissions)`)
  else if (!isMap(top.value) || (top.value as YAMLMap).items.some((pair) => !isScalar(pair.value) || !['read', 'none'].includes(String(pair.value.value))))
    problems.push(`${file}:${lineOf(top.key)}: top-level permissions must be {} or scopes set to read or none`)

  const jobs = pairOf(root, 'jobs')?.value
  for (const job of isMap(jobs) ? (jobs.items as Pair<Node, Node>[]) : []) {
    const name = isScalar(job.key) ? String(job.key.value) : '?'
    const permissions = pairOf(job.value, 'permissions')
    if (permissions) {
      const scopes = isMap(permissions.value) ? (permissions.value.items as Pair<Node, Node>[]) : []
      const writes = !isMap(permissions.value) || scopes.some((pair) => isScalar(pair.value) && pair.value.value === 'write')
      // The reason is a comment in the job's permissions block (or just above it).
      const block = text.slice(permissions.key.range?.[0] ?? 0, permissions.value?.range?.[2] ?? 0)
      if (writes && !permissions.key.commentBefore && !/^\s*#\s*\S/m.test(block))
        problems.push(`${file}:${lineOf(permissions.key)}: job ${name} asks for write permissions without a comment saying why`)
    }
    const steps = pairOf(job.value, 'steps')?.value
    const users = [job.value, ...(isSeq(steps) ? (steps.items as Node[]) : [])]
    for (const user of users) {
      const uses = pairOf(user, 'uses')
      if (!uses || !isScalar(uses.value)) continue
      const reference = String(uses.value.value)
      if (OURS.test(reference)) continue
      const line = text.split('\n')[lineOf(uses.value) - 1].trim()
      const written = `${reference}${line.includes('#') ? ` ${line.slice(line.indexOf('#'))}` : ''}`
      if (!PINNED.test(written)) problems.push(`${file}:${lineOf(uses.value)}: ${reference} is not pinned to a commit SHA with its version in a comment`)
      if (/^actions\/checkout@/.test(reference)) {
        const persist = pairOf(pairOf(user, 'with')?.value, 'persist-credentials')
        if (!isScalar(persist?.value) || persist.value.value !== false)
          problems.push(`${file}:${lineOf(uses.value)}: actions/checkout without persist-credentials: false leaves the token in .git/config`)
      }
    }
  }
  return problems
}

describe('the workflows this repository ships: least privilege, pinned actions', () => {
  it('finds the workflows, the reusable one among them', () => {
    expect(WORKFLOWS).toContain('.github/workflows/pydebug.yml')
  })

  it.each(WORKFLOWS)('%s', (file) => {
    expect(problemsOf(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'))).toEqual([])
  })

  // Negative controls: each rule refuses what breaks it, so the empty lists above mean something.
  const job = (steps: string, extra = '') =>
    `name: x\non: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-24.04\n${extra}    steps:\n${steps}`
  const checkout = '      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n        with:\n          persist-credentials: false\n'
  it.each([
    ['a clean workflow', job(checkout), []],
    ['no top-level permissions', job(checkout).replace('permissions:\n  contents: read\n', ''), [/no top-level permissions/]],
    ['write-all at the top', job(checkout).replace('permissions:\n  contents: read\n', 'permissions: write-all\n'), [/top-level permissions must be/]],
    ['a write scope at the top', job(checkout).replace('contents: read', 'contents: write'), [/top-level permissions must be/]],
    [
      'a job that writes without saying why',
      job(checkout, '    permissions:\n      contents: write\n'),
      [/job a asks for write permissions without a comment/],
    ],
    ['a job that writes and says why', job(checkout, '    permissions:\n      # push the branch\n      contents: write\n'), []],
    ['a tag', job('      - uses: actions/setup-node@v5\n'), [/actions\/setup-node@v5 is not pinned/]],
    ['a SHA without its version', job('      - uses: actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444\n'), [/is not pinned/]],
    [
      'a reusable workflow of another owner by tag',
      job('').replace('    runs-on: ubuntu-24.04\n    steps:\n', '    uses: other/repo/.github/workflows/x.yml@main\n'),
      [/other\/repo\/.github\/workflows\/x.yml@main is not pinned/],
    ],
    ['our own action at a tag', job('      - uses: pydebug/pydebug-action@v1\n      - uses: ./local\n'), []],
    [
      'a checkout that keeps the token',
      job('      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n'),
      [/persist-credentials: false/],
    ],
  ])('negative control: %s', (_, text, expected) => {
    const problems = problemsOf('control.yml', text)
    expect(problems).toHaveLength(expected.length)
    for (const [index, pattern] of expected.entries()) expect(problems[index]).toMatch(pattern)
  })
})
