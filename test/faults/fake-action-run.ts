/**
 * The main action run for real (its src/ entry through tsx, as the runner calls it) on the fake
 * CPython of test/helpers/fake-cpython.ts: a workspace whose .github/pydebug.yml defines the
 * release variant that tarball builds, and a project whose build-command and test-command are a
 * recorder script. The recorder writes the argv and INJECTED_* variables each process got to a
 * JSON lines file, leaves a stand-in extension module in $PYDEBUG_SITE when it builds, and prints
 * workflow-command text of its own, as a test that prints untrusted text would.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_MATRIX_CONFIG_PATH } from '../../src/config/matrix-config.js'
import { RELEASE_VARIANT, makeFakeCpythonTarball } from '../helpers/fake-cpython.js'
import { runAction, type ActionRun } from '../helpers/run-action.js'
import { REPO_ROOT } from '../helpers/spawn.js'

/** Lines the recorder prints to its stdout: each a workflow command, in both of the runner's spellings. */
export const PRINTED_COMMANDS = ['::set-output name=x::y', '::add-mask::secret', '::stop-commands::tok', '##[error]from the test command', '##[add-mask]secret']

const RECORDER = `import json, os, sys, sysconfig
record, role = sys.argv[1], sys.argv[2]
with open(record, "a") as out:
    injected = {name: value for name, value in os.environ.items() if name.startswith("INJECTED_")}
    out.write(json.dumps({"role": role, "argv": sys.argv[3:], "env": injected}) + "\\n")
if role == "build":
    site = os.environ["PYDEBUG_SITE"]
    os.makedirs(site, exist_ok=True)
    open(os.path.join(site, "probe" + sysconfig.get_config_var("EXT_SUFFIX")), "w").close()
for line in ${JSON.stringify(PRINTED_COMMANDS)}:
    print(line, flush=True)
`

export interface FakeActionWorkspace {
  readonly workspace: string
  /** The recorder's JSON lines file. */
  readonly recordFile: string
  /** `python <recorder> <record file> <role>`: a build-command or test-command prefix, in sh words. */
  readonly recorderCommand: (role: 'build' | 'test') => string
  /** The inputs a run needs (python-version, variant, source, extension, cache-dir, out); a test adds its own. */
  readonly baseInputs: Readonly<Record<string, string>>
}

/** Writes the workspace under `root` (a folder whose path needs no quoting in sh). */
export async function prepareFakeActionWorkspace(root: string): Promise<FakeActionWorkspace> {
  const workspace = path.join(root, 'workspace')
  mkdirSync(path.join(workspace, 'project', 'tests'), { recursive: true })
  mkdirSync(path.join(workspace, '.github'), { recursive: true })
  writeFileSync(
    path.join(workspace, DEFAULT_MATRIX_CONFIG_PATH),
    `custom-variants:\n  ${RELEASE_VARIANT.name}:\n    summary: ${RELEASE_VARIANT.summary}\n    configure-args: []\n`,
  )
  writeFileSync(path.join(workspace, 'project', 'setup.py'), '')
  const recorder = path.join(root, 'recorder.py')
  writeFileSync(recorder, RECORDER)
  const recordFile = path.join(root, 'record.jsonl')
  writeFileSync(recordFile, '')
  const tarball = await makeFakeCpythonTarball(root)
  return {
    workspace,
    recordFile,
    recorderCommand: (role) => `python ${recorder} ${recordFile} ${role}`,
    baseInputs: {
      'python-version': '3.11.2',
      variant: RELEASE_VARIANT.name,
      source: tarball,
      extension: 'project',
      'cache-dir': path.join(root, 'cache'),
      out: 'out',
      jobs: '1',
    },
  }
}

/** One run of the main action in the workspace, its environment holding only what `env` adds to a clean one. */
export function runMainAction(fake: FakeActionWorkspace, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  return runAction(REPO_ROOT, { ...fake.baseInputs, ...inputs }, { workspace: fake.workspace, from: 'src', env })
}

export interface RecordedProcess {
  readonly role: 'build' | 'test'
  readonly argv: string[]
  readonly env: Record<string, string>
}

export function recordedProcesses(fake: FakeActionWorkspace): RecordedProcess[] {
  return readFileSync(fake.recordFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedProcess)
}

/**
 * Lines of the runner log the runner would read as workflow commands (the `::` spelling at the
 * start of a line, after blanks; the older `##[` one anywhere in it), outside the spans a
 * `::stop-commands::<token>` ... `::<token>::` pair turns off.
 */
export function workflowCommandLines(log: string): string[] {
  const commands: string[] = []
  let stopToken: string | undefined
  for (const line of log.split(/\r?\n/)) {
    const trimmed = line.trimStart()
    if (stopToken !== undefined) {
      if (trimmed === `::${stopToken}::`) stopToken = undefined
      continue
    }
    const stop = /^::stop-commands::(.*)$/.exec(trimmed)
    if (stop) stopToken = stop[1]
    if (trimmed.startsWith('::') || line.includes('##[')) commands.push(line)
  }
  return commands
}
