/**
 * Who owns a native or Python frame: the user's extension, CPython, or the system (libc, the
 * sanitizer runtime, valgrind's preload). Reports blame the extension only for its own frames:
 * memcheck also reports CPython's own uninitialised reads (maybe_small_long), which are not the
 * extension's fault.
 */
export type FrameOrigin = 'extension' | 'cpython' | 'system' | 'unknown'

export interface FrameHints {
  /** Path fragments that mark the user's code (e.g. the checkout, the extension's .so name). */
  readonly extensionPaths?: readonly string[]
  /** The checkout root, stripped from paths shown to users. */
  readonly workspace?: string
}

// CPython's source tree: an out-of-tree build prints "../Objects/x.c"; installed paths name the source dir.
const CPYTHON_SOURCE =
  /^(?:\.\.\/)+(?:Objects|Python|Modules|Include|Parser|Programs)\/|\/[Pp]ython-?3\.\d+[^/]*\/(?:[^/]+\/)*(?:Objects|Python|Modules|Include|Parser|Programs)\//
const CPYTHON_BINARY = /(?:^|\/)(?:python3?(?:\.\d+)?d?|libpython3\.\d+d?\.so[.\d]*)$/
const CPYTHON_STDLIB_MODULE = /\/lib-dynload\/|\/lib\/python3\.\d+t?\/(?!site-packages)/
const SYSTEM =
  /(?:^|\/)(?:libc\.so|libc-|ld-linux|libpthread|libm\.so|libstdc\+\+|libgcc_s|vgpreload_|libasan|libubsan|liblsan|libtsan)|libsanitizer\/|^\.\.\/sysdeps\/|^\.\.\/csu\/|\/valgrind\//
const SYSTEM_FUNCTION =
  /^(?:__interceptor_|__asan_|__lsan_|__ubsan_|__sanitizer_|__libc_start|_start$|malloc$|calloc$|realloc$|free$|operator new|operator delete)/

/** Classifies one frame from whatever it names: function, source file (with dir), object file. */
export function classifyFrame(frame: { function?: string; file?: string; module?: string }, hints: FrameHints = {}): FrameOrigin {
  const file = frame.file ?? ''
  const module = frame.module ?? ''
  for (const fragment of hints.extensionPaths ?? []) {
    if (fragment && (file.includes(fragment) || module.includes(fragment))) return 'extension'
  }
  if ((frame.function && SYSTEM_FUNCTION.test(frame.function)) || SYSTEM.test(file) || SYSTEM.test(module)) return 'system'
  if (CPYTHON_SOURCE.test(file)) return 'cpython'
  if (file === '' && CPYTHON_BINARY.test(module)) return 'cpython'
  if (CPYTHON_STDLIB_MODULE.test(module) && !/site-packages/.test(module)) return 'cpython'
  if (file !== '' || /\.so(?:\.|$)|\.pyd$|\.dylib$/.test(module)) return 'extension'
  return 'unknown'
}

// GitHub-hosted runners check out to /home/runner/work/<repo>/<repo>/ (Linux), /Users/runner/work/... (macOS), D:\a\<repo>\<repo>\ (Windows).
const RUNNER_CHECKOUT = /^(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:[\\/]a)[\\/][^\\/]+[\\/][^\\/]+[\\/](.+)$/

/** The path as a user knows it in their repository: `tests/test_overrun.py`, not the runner's checkout path. */
export function workspaceRelative(path: string, workspace?: string): string {
  if (workspace) {
    const root = workspace.replace(/[\\/]+$/, '')
    if (path.startsWith(`${root}/`) || path.startsWith(`${root}\\`)) return path.slice(root.length + 1).replace(/\\/g, '/')
  }
  const match = RUNNER_CHECKOUT.exec(path)
  return match ? match[1].replace(/\\/g, '/') : path
}
