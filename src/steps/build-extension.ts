import path from 'node:path'
import { copyTree, ensureDir, hashTree, listDir, listTree, readJsonIfPresent, readText, removeTree, tailLines, writeFileAtomic } from '../adapters/files.js'
import { compilerVersion } from '../adapters/platform.js'
import { describeExit, mergeEnv, type CommandSpec } from '../adapters/process.js'
import { ConfigError, ExtensionBuildError } from '../errors.js'
import { expandCommand, formatArgv, type CommandLine } from '../plan/command-line.js'
import { buildEnvCredentials, hideCredentials } from '../config/build-env.js'
import { explainExtensionRebuild } from '../plan/cache-miss.js'
import type { CellPlan } from '../plan/cell.js'
import { COMPILER_COMMAND_ENV, interpreterCompilerOf, planExtensionBuildEnv, planExtensionBuildKey, type ExtensionKeyInputs } from '../plan/extension-build.js'
import { abiDifferences, describeAbiFingerprint, extensionAbiCflags, type AbiFingerprint } from '../plan/abi-fingerprint.js'
import type { BuildOrigin, ExtensionBuild, ExtensionBuilder, InterpreterInstall } from '../report/step-results.js'
import { logPath, type StepContext } from './context.js'
import { pathWithInterpreter } from './interpreter-path.js'

/** Lines of the build log the error (report.json's `error`, summary.md, the CLI) shows: the compiler's error is at the end. */
const BUILD_ERROR_TAIL_LINES = 20

const EXTENSION_RECORD_FILE = 'pydebug-extension.json'

/**
 * The copy of the project a build compiled (next to its `site/`): debug info, and so valgrind's and
 * the sanitizers' frames, name files in it rather than in the user's project.
 */
export function extensionSourceCopy(build: Pick<ExtensionBuild, 'sitePath'>): string {
  return path.join(path.dirname(build.sitePath), 'src')
}

export interface ExtensionBuildOptions {
  /** Build even when an identical build is cached. */
  readonly rebuild: boolean
  /** `build-env`: added to the build's environment (after the variant's), recorded, part of the key. */
  readonly buildEnv?: Readonly<Record<string, string>>
  /** `build-command`: builds the project instead of the default; must install into $PYDEBUG_SITE. */
  readonly buildCommand?: CommandLine
}

/** Set for the build command (and every build): the folder whose contents go on PYTHONPATH for the tests. */
export const SITE_ENV = 'PYDEBUG_SITE'
/** Set for the build command (and every build): the debug interpreter, also first on PATH as `python`. */
export const PYTHON_ENV = 'PYDEBUG_PYTHON'

interface ExtensionRecord {
  readonly key: string
  readonly builtAt: string
  readonly modules: string[]
  // Absent from records of older versions.
  readonly projectDir?: string
  readonly inputs?: ExtensionKeyInputs
  readonly removedEnv?: readonly string[]
  readonly builder?: ExtensionBuilder
  readonly command?: readonly string[]
  readonly builtFor?: AbiFingerprint
  readonly builtBy?: Omit<BuildOrigin, 'builtAt'>
}

// Build outputs and tool folders: they must not change the source digest or be copied.
// (.pydebug-action is where the reusable workflow checks this action out, inside the workspace.)
const NOT_SOURCE = new Set(['build', 'dist', '.git', '.hg', '__pycache__', 'node_modules', '.tox', '.nox', '.venv', 'venv', 'pydebug-out', '.pydebug-action'])

function isBuildOutput(relativePath: string, isDirectory: boolean): boolean {
  const name = relativePath.split('/').pop()!
  if (isDirectory) return NOT_SOURCE.has(name) || name.endsWith('.egg-info')
  return /\.(so|pyd|o|obj|pyc|dylib)$/.test(name)
}

/**
 * isBuildOutput, and the folders pydebug writes itself (the cache and report folders) when they lie
 * inside the project: neither part of its source digest nor of the copy it is built from.
 */
function notSourceIn(projectDir: string, ownFolders: readonly string[]): (relativePath: string, isDirectory: boolean) => boolean {
  const inside = new Set(
    ownFolders
      .map((folder) => path.relative(path.resolve(projectDir), path.resolve(folder)))
      .filter((relative) => relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative))
      .map((relative) => relative.split(path.sep).join('/')),
  )
  return (relativePath, isDirectory) => isBuildOutput(relativePath, isDirectory) || (isDirectory && inside.has(relativePath))
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
  { rebuild, buildEnv: userBuildEnv = {}, buildCommand }: ExtensionBuildOptions,
): Promise<ExtensionBuild> {
  const started = Date.now()
  const fingerprint = interpreter.abiFingerprint
  const variantEnv = { ...cell.buildEnv, ...userBuildEnv }
  // ABI macros the interpreter got from `make` only (sysconfig does not hand them on): the extension must be compiled with them too.
  const abiCflags = extensionAbiCflags(cell.buildEnv, fingerprint)
  if (abiCflags.length) variantEnv.CFLAGS = [variantEnv.CFLAGS ?? context.env.CFLAGS, ...abiCflags].filter((part) => part).join(' ')
  const buildEnv = planExtensionBuildEnv(context.env, variantEnv)
  const notSource = notSourceIn(projectDir, [context.cacheDir, context.outDir])
  const inputs: ExtensionKeyInputs = {
    project: path.basename(projectDir),
    abi: fingerprint?.label ?? cell.extensionAbi,
    python: cell.python.text,
    sourceDigest: await hashTree(projectDir, notSource),
    compilerEnv: buildEnv.compilerEnv,
    compilerVersions: await compilerVersions(context, buildEnv.compilerEnv),
    // What the build depends on in the interpreter: its ABI (macros, sanitizers, SOABI) and the compiler sysconfig names.
    ...(fingerprint
      ? { abiFingerprint: describeAbiFingerprint(fingerprint), ...optional('interpreterCompiler', interpreterCompilerOf(interpreter.record)) }
      : { interpreterKey: interpreter.cacheKey }),
    ...(Object.keys(userBuildEnv).length ? { buildEnv: userBuildEnv } : {}),
    ...(buildCommand ? { buildCommand: buildCommand.text } : {}),
  }
  const key = planExtensionBuildKey(inputs)
  // Credentials in build-env go to the build only; the key digests them, and what is written shows them as ***.
  const credentials = buildEnvCredentials(userBuildEnv)
  const shown = (text: string) => hideCredentials(text, credentials)
  const shownBuildEnv = Object.fromEntries(Object.entries(userBuildEnv).map(([name, value]) => [name, shown(value)]))
  const shownInputs: ExtensionKeyInputs = inputs.buildEnv ? { ...inputs, buildEnv: shownBuildEnv } : inputs
  const buildRoot = path.join(context.cacheDir, 'extensions', key)
  const sitePath = path.join(buildRoot, 'site')
  const recordPath = path.join(buildRoot, EXTENSION_RECORD_FILE)
  const environment = { compilerEnv: inputs.compilerEnv, compilerVersions: inputs.compilerVersions, buildEnv: shownBuildEnv, key }

  if (!rebuild) {
    const previous = await readJsonIfPresent<ExtensionRecord>(recordPath)
    if (previous?.key === key) {
      const reused: ExtensionBuild = {
        projectDir,
        abi: inputs.abi,
        sitePath,
        reused: true,
        seconds: (Date.now() - started) / 1000,
        ...environment,
        // What the record says it was built for, not what the key promises: checkExtensionAbi compares it with the interpreter.
        ...(previous.builtFor ? { builtFor: previous.builtFor } : {}),
        removedEnv: previous.removedEnv ?? [],
        builder: previous.builder ?? 'setuptools',
        ...(previous.command ? { command: previous.command } : {}),
        ...(previous.builtBy ? { reusedFrom: { ...previous.builtBy, builtAt: previous.builtAt } } : {}),
      }
      checkExtensionAbi(reused, interpreter, cell)
      const from = previous.builtBy && previous.builtBy.cell !== cell.id ? `, made by a ${previous.builtBy.cell} run` : ''
      context.log.info(
        `extension ${inputs.project}: reusing the ${inputs.abi} build of the same sources, compiler settings and interpreter ABI (${previous.modules.join(', ')}${from})`,
      )
      return reused
    }
    const reason = explainExtensionRebuild(shownInputs, await readEarlierBuilds(context.cacheDir, projectDir, inputs))
    if (reason) context.log.info(`extension ${inputs.project}: not reusing the earlier ${inputs.abi} build: ${reason}`)
  }

  const log = logPath(context, `extension-${path.basename(projectDir)}-${inputs.abi}.log`)
  await removeTree(buildRoot)
  // Built from a copy: the user's tree stays clean and each ABI gets its own build/ folder.
  const sourceCopy = extensionSourceCopy({ sitePath })
  await copyTree(projectDir, sourceCopy, notSource)
  await ensureDir(sitePath)

  const python = interpreter.pythonPath
  // The user's commands and setup.py files that call `python` get the debug interpreter; pydebug's own commands name it.
  const commandEnv = {
    ...buildEnv.overrides,
    PATH: await pathWithInterpreter(context, interpreter, buildEnv.overrides.PATH ?? context.env.PATH),
    [SITE_ENV]: sitePath,
    [PYTHON_ENV]: python,
  }
  const run = async (what: string, spec: Omit<CommandSpec, 'logPath' | 'cwd'>) => {
    const result = await context.runner.run({ ...spec, cwd: sourceCopy, logPath: log, env: { ...commandEnv, ...spec.env } })
    return { ok: result.exitCode === 0, describe: `${what}: ${describeExit(result)}` }
  }
  /** The error for a build step that failed: what ran, how it ended, and the log's last lines (the compiler's error is there). */
  const failure = async (describe: string) => {
    const tail = await tailLines(log, BUILD_ERROR_TAIL_LINES)
    return new ExtensionBuildError(
      `building ${projectDir} against CPython ${cell.python.text} (${cell.variant}) failed (${describe}); full log: ${log}\n${tail.map((line) => `  | ${line}`).join('\n')}`,
      log,
    )
  }

  let builder = 'setuptools' as ExtensionBuilder
  let command: string[] | undefined
  await context.log.group(`Build extension ${path.basename(projectDir)} for ${inputs.abi}`, async () => {
    if (buildCommand) {
      builder = 'build-command'
      const expanded = expandCommand(buildCommand, mergeEnv(context.env, commandEnv))
      if (!expanded.ok) {
        throw new ConfigError(
          `build-command '${buildCommand.text}' refers to ${expanded.missing.map((name) => `$${name}`).join(', ')}, which ${expanded.missing.length === 1 ? 'is' : 'are'} not set; pydebug sets $${SITE_ENV} and $${PYTHON_ENV}.`,
        )
      }
      command = expanded.argv
      const built = await run('build-command', { argv: command })
      if (!built.ok) throw await failure(`${built.describe}, running ${shown(formatArgv(command))}`)
      return
    }
    const backend = await buildBackend(sourceCopy)
    if (backend.kind === 'none') {
      throw new ExtensionBuildError(
        `${projectDir} has neither a setup.py nor a pyproject.toml with a [build-system] build-backend: pydebug cannot tell how to build it. Add one, or give build-command (e.g. 'python -m pip install --no-build-isolation --no-deps --target $${SITE_ENV} .').`,
      )
    }
    if (backend.kind === 'other') {
      builder = 'pep517-pip'
      // No build isolation: pip would otherwise fetch the backend from an index, and build against a release CPython's headers in a fresh environment.
      const importable =
        backend.module === undefined ? { ok: true, describe: '' } : await run(`import ${backend.module}`, { argv: [python, '-c', `import ${backend.module}`] })
      if (!importable.ok) {
        throw new ExtensionBuildError(
          `${projectDir} builds with the PEP 517 backend '${backend.name}' (pyproject.toml), which the debug interpreter cannot import (${importable.describe}). pydebug builds such projects with 'pip install --no-build-isolation', so the backend and the other [build-system] requires must be installed into the debug interpreter first: run '${python} -m pip install ${backend.requires.join(' ') || backend.name}' (offline: PIP_NO_INDEX=1 PIP_FIND_LINKS=<folder of wheels>), or give build-command. Log: ${log}`,
          log,
        )
      }
      command = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-build-isolation', '--no-deps', '--target', sitePath, '.']
      const built = await run(`pip install (${backend.name})`, { argv: command })
      if (!built.ok) throw await failure(built.describe)
      return
    }
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
    const argv = backend.kind === 'setup.py' ? [python, 'setup.py', ...setupArgs] : [python, '-c', 'import setuptools; setuptools.setup()', ...setupArgs]
    const built = await run('setuptools build', { argv })
    if (!built.ok) throw await failure(built.describe)
  })

  const modules = await findExtensionModules(sitePath, interpreter.record.probe.extSuffix)
  if (modules.length === 0) {
    const hint =
      builder === 'build-command'
        ? `: build-command must install what it builds into $${SITE_ENV} (${sitePath}), e.g. 'python -m pip install --no-build-isolation --no-deps --target $${SITE_ENV} .'`
        : ''
    throw new ExtensionBuildError(`building ${projectDir} produced no extension module ending in ${interpreter.record.probe.extSuffix}${hint}; see ${log}`, log)
  }
  const built = { builder, ...(command ? { command: command.map(shown) } : {}) }
  const builtBy = { cell: cell.id, interpreterKey: interpreter.cacheKey }
  const record: ExtensionRecord = {
    key,
    builtAt: new Date().toISOString(),
    modules,
    projectDir,
    inputs: shownInputs,
    removedEnv: buildEnv.removed,
    ...built,
    ...(fingerprint ? { builtFor: fingerprint } : {}),
    builtBy,
  }
  await writeFileAtomic(recordPath, `${JSON.stringify(record, null, 2)}\n`)
  const seconds = (Date.now() - started) / 1000
  context.log.info(`extension ${inputs.project}: built ${modules.join(', ')} for ${inputs.abi} in ${seconds.toFixed(1)} s`)
  return {
    projectDir,
    abi: inputs.abi,
    sitePath,
    reused: false,
    seconds,
    logPath: log,
    ...environment,
    removedEnv: buildEnv.removed,
    ...built,
    ...(fingerprint ? { builtFor: fingerprint } : {}),
  }
}

/**
 * Refuses an extension build made for another ABI than the interpreter's, before anything imports
 * it: on 3.8-3.12 a pydebug module imported by a trace-refs interpreter (same `d` SOABI) fails with
 * `undefined symbol: PyModule_Create2`, or, built another way, corrupts memory. The key includes the
 * fingerprint, so this catches what the key cannot: a record copied, restored or edited by hand.
 */
export function checkExtensionAbi(
  build: Pick<ExtensionBuild, 'projectDir' | 'sitePath' | 'builtFor'>,
  interpreter: Pick<InterpreterInstall, 'abiFingerprint'>,
  cell: Pick<CellPlan, 'python' | 'variant'>,
): void {
  const wanted = interpreter.abiFingerprint
  if (!wanted) return
  const differences = build.builtFor ? abiDifferences(build.builtFor, wanted) : ['its build record does not say which ABI it was built for']
  if (differences.length === 0) return
  throw new ExtensionBuildError(
    `the build of ${build.projectDir} in ${path.dirname(build.sitePath)} was made for another ABI than CPython ${cell.python.text} (${cell.variant})'s: ${differences.join('; ')} (built for ${build.builtFor ? describeAbiFingerprint(build.builtFor) : 'an unknown ABI'}, the interpreter is ${describeAbiFingerprint(wanted)}). pydebug refuses to put it on PYTHONPATH, where it would fail to import or corrupt memory: delete ${path.dirname(build.sitePath)} or run with --rebuild-extensions (input rebuild-extensions: true).`,
  )
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V }
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
  for (const name of await listDir(root).catch((): string[] => [])) {
    const record = await readJsonIfPresent<ExtensionRecord>(path.join(root, name, EXTENSION_RECORD_FILE))
    if (!record) continue
    if (
      record.inputs
        ? record.projectDir === projectDir && record.inputs.abi === wanted.abi
        : name.startsWith(legacyPrefix) && /^[0-9a-f]{16}$/.test(name.slice(legacyPrefix.length))
    ) {
      earlier.push({ builtAt: String(record.builtAt), inputs: record.inputs })
    }
  }
  return earlier.sort((a, b) => b.builtAt.localeCompare(a.builtAt)).map((build) => build.inputs)
}

async function hasFile(directory: string, name: string): Promise<boolean> {
  return (await listDir(directory)).includes(name)
}

type BuildBackend =
  | { readonly kind: 'setup.py' | 'setuptools' | 'none' }
  /** Another PEP 517 backend: `module` is what must be importable (`mesonpy` of `mesonpy`, `scikit_build_core` of `scikit_build_core.build`). */
  | { readonly kind: 'other'; readonly name: string; readonly module?: string; readonly requires: readonly string[] }

/**
 * How the project builds: a setup.py, or pyproject.toml's `[build-system]` (no build-backend means
 * setuptools' legacy backend, PEP 517). Read with a regex, not a TOML parser: only two keys matter.
 */
export async function buildBackend(directory: string): Promise<BuildBackend> {
  if (await hasFile(directory, 'setup.py')) return { kind: 'setup.py' }
  if (!(await hasFile(directory, 'pyproject.toml'))) return { kind: 'none' }
  const text = await readText(path.join(directory, 'pyproject.toml'))
  const backend = /^\s*build-backend\s*=\s*["']([^"']+)["']/m.exec(text)
  if (backend === null || backend[1].startsWith('setuptools')) return { kind: 'setuptools' }
  const requires =
    /^\s*requires\s*=\s*\[([^\]]*)\]/m
      .exec(text)?.[1]
      .match(/["'][^"']+["']/g)
      ?.map((quoted) => quoted.slice(1, -1)) ?? []
  // An in-tree backend (`backend-path`) is importable only from the paths pip adds: left to pip.
  if (/^\s*backend-path\s*=/m.test(text)) return { kind: 'other', name: backend[1], requires }
  return { kind: 'other', name: backend[1], module: backend[1].split(':')[0], requires }
}

async function findExtensionModules(sitePath: string, extSuffix: string | null): Promise<string[]> {
  const entries = await listTree(sitePath)
  return entries.filter((entry) => (extSuffix ? entry.endsWith(extSuffix) : /\.(so|pyd)$/.test(entry))).sort()
}
