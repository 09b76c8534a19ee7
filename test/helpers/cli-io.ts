import type { CliIo } from '../../src/cli/command.js'

/** A CliIo that records what a command printed. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    env: { HOME: cwd, ...env },
    stdout: (text: string) => {
      io.out += text
    },
    stderr: (text: string) => {
      io.err += text
    },
  }
  return io
}
