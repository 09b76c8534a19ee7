import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { REPO_ROOT } from './spawn.js'

interface ActionManifest {
  inputs?: Record<string, { default?: string; required?: boolean }>
  runs: { using: string; main: string; post?: string }
}

export interface ActionRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly seconds: number
  readonly outputs: Record<string, string>
  readonly summary: string
  /** What the step saved for its post step (core.saveState), which the runner hands to it as STATE_<name>. */
  readonly state: Record<string, string>
  /** `::error title=...,file=...::message` workflow commands. */
  readonly annotations: { level: string; properties: Record<string, string>; message: string }[]
}

export interface RunActionOptions {
  readonly node?: string
  readonly env?: NodeJS.ProcessEnv
  /** GITHUB_WORKSPACE and the working directory, as the runner sets both; default: actionDir. */
  readonly workspace?: string
  /**
   * 'dist' runs the committed bundle action.yml names; 'src' runs the TypeScript entry that
   * bundle is built from, through tsx, so a test sees src/ before anyone rebuilds dist/.
   */
  readonly from?: 'dist' | 'src'
  /** Which of action.yml's entries runs: `main` (default) or `post`. */
  readonly step?: 'main' | 'post'
  /** The state the main step saved (ActionRun.state), as the runner gives it to the post step. */
  readonly state?: Record<string, string>
}

/** A started action step: its process, and what it did once it ends. */
export interface StartedAction {
  readonly child: ChildProcess
  readonly done: Promise<ActionRun>
}

/**
 * Runs an action's main (or post) entry the way the runner does: action.yml defaults applied, inputs as
 * INPUT_<NAME> variables, saved state as STATE_<name>, fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY /
 * GITHUB_STATE files, and the given node.
 */
export async function runAction(actionDir: string, inputs: Record<string, string>, options: RunActionOptions = {}): Promise<ActionRun> {
  return startAction(actionDir, inputs, options).done
}

/** runAction, returning as soon as the step's process started (to signal it, say). */
export function startAction(
  actionDir: string,
  inputs: Record<string, string>,
  { node = process.execPath, env = {}, workspace = actionDir, from = 'dist', step = 'main', state = {} }: RunActionOptions = {},
): StartedAction {
  const manifest = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionManifest
  const entry = step === 'main' ? manifest.runs.main : manifest.runs.post
  if (!entry) throw new Error(`${actionDir}/action.yml has no ${step} entry`)
  const bundle = path.join(actionDir, entry)
  // The tsx loader by absolute URL: `--import tsx` would resolve from the workspace, outside this repository.
  const argv = from === 'dist' ? [node, bundle] : [node, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, sourceEntryOf(bundle)]
  const files = mkdtempSync(path.join(os.tmpdir(), 'pydebug-action-run-'))
  const outputFile = path.join(files, 'output')
  const summaryFile = path.join(files, 'summary')
  const stateFile = path.join(files, 'state')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  writeFileSync(stateFile, '')
  const inputEnv: NodeJS.ProcessEnv = {}
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
    const value = inputs[name] ?? spec.default ?? ''
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const name of Object.keys(inputs)) {
    if (!manifest.inputs?.[name]) throw new Error(`input '${name}' is not declared in ${actionDir}/action.yml`)
  }
  const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]))
  const started = Date.now()
  const child = spawn(argv[0], argv.slice(1), {
    cwd: workspace,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(?:INPUT|ACTIONS|GITHUB|STATE|RUNNER)_/.test(name))),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_STATE: stateFile,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: files,
      ...inputEnv,
      ...stateEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<ActionRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        seconds: (Date.now() - started) / 1000,
        outputs: parseFileCommands(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        state: parseFileCommands(readFileSync(stateFile, 'utf8')),
        annotations: parseAnnotations(stdout),
      }),
    )
  })
  return { child, done }
}

/** The src/entry/*.ts file scripts/build-dist.mjs bundles into `bundle` (dist/<name>/index.js). */
export function sourceEntryOf(bundle: string): string {
  const name = path.relative(path.join(REPO_ROOT, 'dist'), path.dirname(path.resolve(bundle)))
  // Read, not imported: importing build-dist.mjs would run the build.
  const entries = /ENTRIES = \{([^}]*)\}/.exec(readFileSync(path.join(REPO_ROOT, 'scripts', 'build-dist.mjs'), 'utf8'))?.[1] ?? ''
  const entry = new RegExp(`^\\s*${name}: '([^']+)'`, 'm').exec(entries)?.[1]
  if (!entry) throw new Error(`${bundle}: no entry named '${name}' in scripts/build-dist.mjs ENTRIES`)
  return path.join(REPO_ROOT, entry)
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[index])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], index + 1)
      values[heredoc[1]] = lines.slice(index + 1, end).join('\n')
      index = end
    } else if (lines[index].includes('=')) {
      const at = lines[index].indexOf('=')
      values[lines[index].slice(0, at)] = lines[index].slice(at + 1)
    }
  }
  return values
}

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((match) => ({
    level: match[1],
    properties: Object.fromEntries(
      (match[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=')
          return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1).replace(/%2C/g, ','))]
        }),
    ),
    message: match[3].replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'),
  }))
}
