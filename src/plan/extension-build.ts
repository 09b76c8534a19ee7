import { sha256Hex } from './cache-key.js'
import { compilerFromSysVersion } from './cache-miss.js'

/**
 * Environment variables that change what an extension build compiles and links; they are part of
 * its cache key and its report entry.
 */
const EXTENSION_COMPILER_ENV = [
  // setuptools' customize_compiler (setuptools/_distutils/sysconfig.py) replaces sysconfig's CC, CXX,
  // CPP, LDSHARED and LDCXXSHARED with these, appends the *FLAGS to the compile and link commands,
  // and takes AR, ARFLAGS and RANLIB for static libraries.
  'CC',
  'CXX',
  'CPP',
  'LDSHARED',
  'LDCXXSHARED',
  'CFLAGS',
  'CXXFLAGS',
  'CPPFLAGS',
  'LDFLAGS',
  'AR',
  'ARFLAGS',
  'RANLIB',
  // macOS: _osx_support rewrites every -arch flag from ARCHFLAGS; distutils.util reads the deployment target.
  'ARCHFLAGS',
  'MACOSX_DEPLOYMENT_TARGET',
  // Read by gcc and clang themselves: extra header and library folders, which can hold another Python's headers.
  'CPATH',
  'C_INCLUDE_PATH',
  'CPLUS_INCLUDE_PATH',
  'LIBRARY_PATH',
] as const

/** The variables above that name a compiler: its `--version` is part of the key, so an upgraded compiler behind the same name counts. */
export const COMPILER_COMMAND_ENV = ['CC', 'CXX'] as const satisfies readonly (typeof EXTENSION_COMPILER_ENV)[number][]

/**
 * Inherited variables that make the debug interpreter import other code or read another
 * installation than its own while it builds the extension (a PYTHONPATH meant for the tests once
 * brought in another setuptools). The tests still get the user's PYTHONPATH, after the build.
 * Not here: PYTHONNOUSERSITE (it only removes a folder from sys.path), PYTHONSTARTUP (read only
 * by an interactive interpreter), PIP_* (pip installs setuptools for 3.12+ and offline machines
 * need PIP_FIND_LINKS).
 */
export const PYTHON_REDIRECT_ENV = [
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'PYTHONPLATLIBDIR',
  'PYTHONEXECUTABLE',
  // Drops setup.py's own folder from sys.path: a setup.py importing a helper module beside it fails.
  'PYTHONSAFEPATH',
  // Tools a setup.py calls (pip's checks, maturin, uv) take it as the environment to build for.
  'VIRTUAL_ENV',
  // CPython's cross-build hooks: sysconfig would describe another interpreter's build.
  '_PYTHON_SYSCONFIGDATA_NAME',
  '_PYTHON_HOST_PLATFORM',
  '_PYTHON_PROJECT_BASE',
] as const

export interface ExtensionBuildEnv {
  /** What the process runner adds to the inherited environment: the removals (as undefined) and the cell's build variables. */
  readonly overrides: Readonly<Record<string, string | undefined>>
  /** The compiler variables (EXTENSION_COMPILER_ENV) the build sees, with their values. */
  readonly compilerEnv: Readonly<Record<string, string>>
  /** Inherited variables taken out of the build's environment (PYTHON_REDIRECT_ENV that were set). */
  readonly removed: readonly string[]
}

/** The extension build's environment: the inherited one without PYTHON_REDIRECT_ENV, then the cell's build variables. */
export function planExtensionBuildEnv(
  inherited: Readonly<Record<string, string | undefined>>,
  cellBuildEnv: Readonly<Record<string, string>>,
): ExtensionBuildEnv {
  const removed = PYTHON_REDIRECT_ENV.filter((name) => inherited[name] !== undefined && !(name in cellBuildEnv))
  const effective = { ...inherited, ...cellBuildEnv }
  const compilerEnv: Record<string, string> = {}
  for (const name of EXTENSION_COMPILER_ENV) {
    const value = effective[name]
    if (value !== undefined) compilerEnv[name] = value
  }
  return { overrides: { ...Object.fromEntries(removed.map((name) => [name, undefined])), ...cellBuildEnv }, compilerEnv, removed }
}

/** Everything an extension build depends on; the extension record keeps it so a later rebuild can say what changed. */
export interface ExtensionKeyInputs {
  /** The project folder's name, for a readable key. */
  readonly project: string
  readonly abi: string
  readonly python: string
  /** Digest of the project's sources (build outputs left out). */
  readonly sourceDigest: string
  readonly compilerEnv: Readonly<Record<string, string>>
  /** First line of `--version` of each COMPILER_COMMAND_ENV compiler that is set, by variable. */
  readonly compilerVersions: Readonly<Record<string, string>>
  /**
   * The interpreter's ABI fingerprint (describeAbiFingerprint): interpreters with the same one share
   * the build, whatever their variant's name (pydebug, valgrind, pymalloc-debug). Absent in records
   * written before fingerprints, and when the interpreter's SOABI is not CPython's.
   */
  readonly abiFingerprint?: string
  /**
   * The compiler CPython was built with, which setuptools compiles with when CC is unset. A clang
   * module would load into a gcc interpreter of the same fingerprint (same C ABI), but sanitizer
   * runtimes and flags differ between compilers, and a build should be what the user's interpreter
   * would have made (issue 9): another compiler, another build.
   */
  readonly interpreterCompiler?: string
  /** The interpreter's cache key: only without a fingerprint (and in older records), so nothing is shared. */
  readonly interpreterKey?: string
  /** `build-env`: every variable given for the extension builds, compiler or not (absent when none, and in older records). */
  readonly buildEnv?: Readonly<Record<string, string>>
  /** `build-command`, as the user typed it (absent for the default build, and in older records). */
  readonly buildCommand?: string
}

/**
 * The compiler an interpreter was built with, as its build record says: CC's version when CC was
 * set (the interpreter's key has it), else the compiler sys.version names (`GCC 12.2.0`).
 */
export function interpreterCompilerOf(record: {
  readonly keyInputs?: { readonly platform: { readonly compiler?: string } }
  readonly probe?: { readonly version?: string }
}): string | undefined {
  return record.keyInputs?.platform.compiler ?? compilerFromSysVersion(record.probe?.version)
}

export function planExtensionBuildKey(inputs: ExtensionKeyInputs): string {
  const digest = sha256Hex(
    JSON.stringify({
      sourceDigest: inputs.sourceDigest,
      compilerEnv: Object.entries(inputs.compilerEnv).sort(),
      compilerVersions: Object.entries(inputs.compilerVersions).sort(),
      // The fingerprint and the compiler replace the interpreter's key: a pydebug build serves a valgrind interpreter.
      ...(inputs.abiFingerprint !== undefined
        ? { abiFingerprint: inputs.abiFingerprint, interpreterCompiler: inputs.interpreterCompiler ?? null }
        : { interpreterKey: inputs.interpreterKey }),
      // Only when given, so the keys of builds without them stay what they were.
      ...(inputs.buildEnv && Object.keys(inputs.buildEnv).length ? { buildEnv: Object.entries(inputs.buildEnv).sort() } : {}),
      ...(inputs.buildCommand !== undefined ? { buildCommand: inputs.buildCommand } : {}),
    }),
  ).slice(0, 16)
  return `${inputs.project}-${inputs.abi}-${inputs.python}-${digest}`
}
