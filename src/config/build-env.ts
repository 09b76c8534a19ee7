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

// Names that hold a credential by convention (GITHUB_TOKEN, PYPI_API_TOKEN, TWINE_PASSWORD, AWS_SECRET_ACCESS_KEY, NPM_AUTH_TOKEN, ...).
const CREDENTIAL_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|AUTH/i
// The password of a URL, as a private index URL carries one (https://__token__:pypi-...@host/simple).
const URL_PASSWORD = /\/\/[^/@:\s]*:([^/@\s]+)@/g

/** What a hidden value is shown as: GitHub's own mask. */
export const HIDDEN_VALUE = '***'

/**
 * The credentials among `build-env`'s values: the value of a variable named like a credential,
 * and the password of a URL. The extension build gets them as given; the report, the summary,
 * the logs and the build records (which the artifact and the Actions cache carry away) show them
 * as ***, since GitHub masks secrets in the runner log but not in files a step writes.
 */
export function buildEnvCredentials(env: Readonly<Record<string, string>>): string[] {
  const found = Object.entries(env).flatMap(([name, value]) => [
    ...(CREDENTIAL_NAME.test(name) ? [value] : []),
    ...[...value.matchAll(URL_PASSWORD)].map((match) => match[1]),
  ])
  // Longest first, so a credential that contains another is hidden whole.
  return [...new Set(found.filter((value) => value !== ''))].sort((a, b) => b.length - a.length)
}

/** `text` with each of `credentials` shown as ***. */
export function hideCredentials(text: string, credentials: readonly string[]): string {
  return credentials.reduce((hidden, credential) => hidden.replaceAll(credential, HIDDEN_VALUE), text)
}
