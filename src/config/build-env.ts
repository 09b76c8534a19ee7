import { ConfigError } from '../errors.js'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `build-env`: `NAME=value` entries that apply to the extension builds only (not to CPython's
 * build, not to the tests). The action gives one multi-line string (blank lines and `#` comment
 * lines are skipped), the CLI one entry per `--build-env`. The value is everything after the first
 * `=`, kept as typed (it may be empty, hold spaces or more `=`).
 */
export function parseBuildEnv(given: string | readonly string[] | undefined, inputName: string): Record<string, string> {
  const entries = given === undefined ? [] : typeof given === 'string' ? given.split(/\r?\n/) : given
  const env: Record<string, string> = {}
  for (const [index, raw] of entries.entries()) {
    const entry = typeof given === 'string' ? raw.trim() : raw
    if (typeof given === 'string' && (entry === '' || entry.startsWith('#'))) continue
    const where = typeof given === 'string' ? `line ${index + 1}` : `entry ${index + 1}`
    const equals = entry.indexOf('=')
    const name = equals < 0 ? entry : entry.slice(0, equals)
    if (equals < 0 || !NAME.test(name)) {
      throw new ConfigError(
        `${inputName} ${where} '${entry}' is not allowed: expected NAME=value where NAME is an environment variable name (letters, digits and _, not starting with a digit), e.g. CC=clang or LDFLAGS=-lstdc++.`,
      )
    }
    if (name in env) throw new ConfigError(`${inputName} ${where} sets ${name} a second time; give each variable once.`)
    env[name] = entry.slice(equals + 1)
  }
  return env
}
