import { cp, lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { hashTree, readJsonIfPresent, tailLines, writeFileAtomic } from '../adapters/files.js'
import { compilerVersion } from '../adapters/platform.js'
import { describeExit, type CommandSpec } from '../adapters/process.js'
import { ExtensionBuildError } from '../errors.js'
import { explainExtensionRebuild } from '../plan/cache-miss.js'
import type { CellPlan } from '../plan/cell.js'
import { COMPILER_COMMAND_ENV, planExtensionBuildEnv, planExtensionBuildKey, type ExtensionKeyInputs } from '../plan/extension-build.js'
import type { InterpreterInstall } from './build-python.js'
import { logPath, type StepContext } from './context.js'

const EXTENSION_RECORD_FILE = 'pydebug-extension.json'

export interface ExtensionBuild {
  readonly projectDir: string
  readonly abi: string
  /** Importable build output: goes first on PYTHONPATH for the tests. */
  readonly sitePath: string
  readonly reused: boolean
  readonly seconds: number
  readonly logPath?: string
  /** The compiler variables the build saw (CC, CFLAGS, ...), with their values. */
  readonly compilerEnv: Readonly<Record<string, string>>
  /** `--version` of the compilers named by CC and CXX, when set. */
  readonly compilerVersions: Readonly<Record<string, string>>
  /** Inherited variables taken out of the build's environment (PYTHONPATH, ...); for a reused build, those of the build reused. */
  readonly removedEnv: readonly string[]
}

interface ExtensionRecord {
  readonly key: string
  readonly builtAt: string
  readonly modules: string[]
  // Absent from records of older versions.
  readonly projectDir?: string
  readonly inputs?: ExtensionKeyInputs
  readonly removedEnv?: readonly string[]
}

// Build outputs and tool folders: they must not change the source digest or be copied.
// (.pydebug-action is where the reusable workflow checks this action out, inside the workspace.)
const NOT_SOURCE = new Set(['build', 'dist', '.git', '.hg', '__pycache__', 'node_modules', '.tox', '.nox', '.venv', 'venv', 'pydebug-out', '.pydebug-action'])

export function isBuildOutput(relativePath: string, isDirectory: boolean): boolean {
  const name = relativePath.split('/').pop()!
  if (isDirectory) return NOT_SOURCE.has(name) || name.endsWith('.egg-info')
  return /\.(so|pyd|o|obj|pyc|dylib)$/.test(name)
}

/**
 * Builds the extension against the cell's interpreter once per interpreter, source digest and
 * compiler settings: an unchanged project is not rebuilt on the next run, and a build is never
 * reused for another interpreter (another compiler or configure arguments behind the same ABI).
 */
export async function ensureExtension(
  context: StepContext,
  cell: CellPlan,
  interpreter: InterpreterInstall,
  projectDir: string,
  { rebuild }: { rebuild: boolean },
): Promise<ExtensionBuild> {
  const started = Date.now()
  const buildEnv = planExtensionBuildEnv(context.env, cell.buildEnv)
  const inputs: ExtensionKeyInputs = {
    project: path.basename(projectDir),
    abi: cell.extensionAbi,
    python: cell.python.text,
    sourceDigest: await hashTree(projectDir, isBuildOutput),
    compilerEnv: buildEnv.compilerEnv,
    compilerVersions: await compilerVersions(context, buildEnv.compilerEnv),
    // Macros and the compiler reach extensions through the interpreter's sysconfig: its key stands for them.
    interpreterKey: interpreter.cacheKey,
  }
  const key = planExtensionBuildKey(inputs)
  const buildRoot = path.join(context.cacheDir, 'extensions', key)
  const sitePath = path.join(buildRoot, 'site')
  const recordPath = path.join(buildRoot, EXTENSION_RECORD_FILE)
  const environment = { compilerEnv: inputs.compilerEnv, compilerVersions: inputs.compilerVersions }

  if (!rebuild) {
    const previous = await readJsonIfPresent<ExtensionRecord>(recordPath)
    if (previous?.key === key) {
      context.log.info(`extension ${inputs.project}: reusing the ${cell.extensionAbi} build of the same sources, compiler settings and interpreter (${previous.modules.join(', ')})`)
      return { projectDir, abi: cell.extensionAbi, sitePath, reused: true, seconds: (Date.now() - started) / 1000, ...environment, removedEnv: previous.removedEnv ?? [] }
    }
    const reason = explainExtensionRebuild(inputs, await readEarlierBuilds(context.cacheDir, projectDir, inputs))
    if (reason) context.log.info(`extension ${inputs.project}: not reusing the earlier ${cell.extensionAbi} build: ${reason}`)
  }

  const log = logPath(context, `extension-${path.basename(projectDir)}-${cell.extensionAbi}.log`)
  await rm(buildRoot, { recursive: true, force: true })
  // Built from a copy: the user's tree stays clean and each ABI gets its own build/ folder.
  const sourceCopy = path.join(buildRoot, 'src')
  await cp(projectDir, sourceCopy, {
    recursive: true,
    filter: async (from) => from === projectDir || !isBuildOutput(path.relative(projectDir, from).split(path.sep).join('/'), (await lstat(from)).isDirectory()),
  })
  await mkdir(sitePath, { recursive: true })

  const run = async (what: string, spec: Omit<CommandSpec, 'logPath' | 'cwd'>) => {
    const result = await context.runner.run({ ...spec, cwd: sourceCopy, logPath: log, env: { ...buildEnv.overrides, ...spec.env } })
    return { ok: result.exitCode === 0, describe: `${what}: ${describeExit(result)}` }
  }
  const python = interpreter.pythonPath

  await context.log.group(`Build extension ${path.basename(projectDir)} for ${cell.extensionAbi}`, async () => {
    const hasSetuptools = await run('import setuptools', { argv: [python, '-c', 'import setuptools'] })
    if (!hasSetuptools.ok) {
      // CPython 3.12+ no longer bundles setuptools; pip honours PIP_INDEX_URL, PIP_FIND_LINKS and PIP_NO_INDEX.
      const installed = await run('pip install setuptools', { argv: [python, '-m', 'pip', 'install', '--disable-pip-version-check', 'setuptools'] })
      if (!installed.ok) {
        throw new ExtensionBuildError(
          `setuptools is missing from the debug interpreter and pip could not install it (${installed.describe}); on an offline machine set PIP_NO_INDEX=1 and PIP_FIND_LINKS to a folder of wheels. Log: ${log}`,
          log,
        )
      }
    }
    const setupArgs = ['build', '--build-base', path.join(buildRoot, 'build'), '--build-lib', sitePath]
    const argv = (await hasFile(sourceCopy, 'setup.py'))
      ? [python, 'setup.py', ...setupArgs]
      : (await usesSetuptoolsBackend(sourceCopy))
        ? [python, '-c', 'import setuptools; setuptools.setup()', ...setupArgs]
        : undefined
    if (!argv) {
      throw new ExtensionBuildError(
        `${projectDir} is not a setuptools project: it needs a setup.py, or a pyproject.toml whose build-backend is setuptools.build_meta.`,
      )
    }
    const built = await run('setuptools build', { argv })
    if (!built.ok) {
      const tail = await tailLines(log, 20)
      throw new ExtensionBuildError(`building ${projectDir} against CPython ${cell.python.text} (${cell.variant}) failed (${built.describe}); full log: ${log}\n${tail.map((line) => `  | ${line}`).join('\n')}`, log)
    }
  })

  const modules = await findExtensionModules(sitePath, interpreter.record.probe.extSuffix)
  if (modules.length === 0) {
    throw new ExtensionBuildError(`building ${projectDir} produced no extension module ending in ${interpreter.record.probe.extSuffix}; see ${log}`, log)
  }
  const record: ExtensionRecord = { key, builtAt: new Date().toISOString(), modules, projectDir, inputs, removedEnv: buildEnv.removed }
  await writeFileAtomic(recordPath, `${JSON.stringify(record, null, 2)}\n`)
  const seconds = (Date.now() - started) / 1000
  context.log.info(`extension ${inputs.project}: built ${modules.join(', ')} for ${cell.extensionAbi} in ${seconds.toFixed(1)} s`)
  return { projectDir, abi: cell.extensionAbi, sitePath, reused: false, seconds, logPath: log, ...environment, removedEnv: buildEnv.removed }
}

async function compilerVersions(context: StepContext, compilerEnv: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const versions: Record<string, string> = {}
  for (const name of COMPILER_COMMAND_ENV) {
    const command = compilerEnv[name]?.trim()
    const version = command ? await compilerVersion(context.runner, command) : undefined
    if (version) versions[name] = version
  }
  return versions
}

/**
 * Other builds of the same project for the same ABI, newest first: undefined stands for a build
 * recorded by an older version, found by its key's readable prefix.
 */
async function readEarlierBuilds(cacheDir: string, projectDir: string, wanted: ExtensionKeyInputs): Promise<(ExtensionKeyInputs | undefined)[]> {
  const root = path.join(cacheDir, 'extensions')
  const legacyPrefix = `${wanted.project}-${wanted.abi}-${wanted.python}-`
  const earlier: { builtAt: string; inputs: ExtensionKeyInputs | undefined }[] = []
  for (const name of await readdir(root).catch((): string[] => [])) {
    const record = await readJsonIfPresent<ExtensionRecord>(path.join(root, name, EXTENSION_RECORD_FILE))
    if (!record) continue
    if (record.inputs ? record.projectDir === projectDir && record.inputs.abi === wanted.abi : name.startsWith(legacyPrefix) && /^[0-9a-f]{16}$/.test(name.slice(legacyPrefix.length))) {
      earlier.push({ builtAt: String(record.builtAt), inputs: record.inputs })
    }
  }
  return earlier.sort((a, b) => b.builtAt.localeCompare(a.builtAt)).map((build) => build.inputs)
}

async function hasFile(directory: string, name: string): Promise<boolean> {
  return (await readdir(directory)).includes(name)
}

async function usesSetuptoolsBackend(directory: string): Promise<boolean> {
  if (!(await hasFile(directory, 'pyproject.toml'))) return false
  const text = await readFile(path.join(directory, 'pyproject.toml'), 'utf8')
  const backend = /^\s*build-backend\s*=\s*["']([^"']+)["']/m.exec(text)
  return backend === null || backend[1].startsWith('setuptools')
}

async function findExtensionModules(sitePath: string, extSuffix: string | null): Promise<string[]> {
  const entries = (await readdir(sitePath, { recursive: true })) as string[]
  return entries.filter((entry) => (extSuffix ? entry.endsWith(extSuffix) : /\.(so|pyd)$/.test(entry))).sort()
}
