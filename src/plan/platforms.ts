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
