/**
 * Where pydebug can build CPython. Linux is what it is built and tested on; macOS takes the same
 * configure/make recipe (untested here); Windows needs another recipe and is refused for now. The
 * plan and the reasons: docs/platforms.md.
 */

export const PLATFORMS_DOC = 'docs/platforms.md'

const WINDOWS_REASON = `Windows builds CPython with PCbuild (PCbuild\\build.bat -d for a debug build), not configure and make, and a debug python_d.exe loads only extensions built as _d.pyd; pydebug supports Linux and macOS runners (the plan for Windows: ${PLATFORMS_DOC})`

/** Why a GitHub runner label cannot run a cell (`windows-latest`, `windows-2022`, ...), or undefined when it can. */
export function unsupportedRunnerReason(label: string): string | undefined {
  return /^windows/i.test(label.trim()) ? WINDOWS_REASON : undefined
}

/** Why this machine (Node's `process.platform`) cannot build a cell, or undefined when it can. */
export function unsupportedHostReason(platform: string): string | undefined {
  return platform === 'win32' ? WINDOWS_REASON : undefined
}

const MACOS_NOTICE = `pydebug builds on macOS with the same configure and make recipe as on Linux, but it is built and tested on Linux only, so macOS is untested here (what differs, such as OpenSSL from Homebrew and no valgrind: ${PLATFORMS_DOC}).`

/** The warning for a machine (Node's `process.platform`) pydebug builds on without having been tested there, or undefined. */
export function untestedHostNotice(platform: string): string | undefined {
  return platform === 'darwin' ? MACOS_NOTICE : undefined
}

/** The same warning for a GitHub runner label (`macos-15`, `macos-latest`, ...), or undefined. */
export function untestedRunnerNotice(label: string): string | undefined {
  return /^macos/i.test(label.trim()) ? untestedHostNotice('darwin') : undefined
}
