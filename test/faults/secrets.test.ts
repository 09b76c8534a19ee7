/**
 * issue 15: "Logs and summaries never echo the environment or tokens." A real run of the main
 * action (fake-action-run.ts) whose environment holds the tokens a runner gives a job, with a
 * credential in an input the way a user passes one to a build (a token variable, an index URL
 * with a password), and a build-command that refers to it. Nothing the artifact uploads (the whole
 * out folder: report.json, summary.md, logs), the job summary, the step outputs or the runner log
 * may hold any of them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEnvCredentials, hideCredentials } from '../../src/config/build-env.js'
import type { ActionRun } from '../helpers/run-action.js'
import { prepareFakeActionWorkspace, recordedProcesses, runMainAction, type FakeActionWorkspace } from './fake-action-run.js'

// Shaped as the real ones are (a classic personal token, the runtime's JWT), so a pattern-based filter would see them too.
const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`
const RUNTIME_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJBY3Rpb25zLlJlc3VsdHMifQ.c2lnbmF0dXJlLW9mLXRoZS1ydW50aW1l'
const ID_TOKEN_REQUEST = 'id-token-request-0f1e2d3c4b5a'
const INPUT_TOKEN = 'pypi-AgEIcHlwaS5vcmcCJDk5ZmZjN2U2'
const INDEX_PASSWORD = 'hunter2-index-password'
const SECRETS = { GITHUB_TOKEN, RUNTIME_TOKEN, ID_TOKEN_REQUEST, INPUT_TOKEN, INDEX_PASSWORD }

let root: string
let fake: FakeActionWorkspace
let run: ActionRun

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-secrets-'))
  fake = await prepareFakeActionWorkspace(root)
  run = await runMainAction(
    fake,
    {
      'build-env': `INJECTED_API_TOKEN=${INPUT_TOKEN}\nINJECTED_INDEX_URL=https://__token__:${INDEX_PASSWORD}@pypi.example/simple`,
      'build-command': `${fake.recorderCommand('build')} --token $INJECTED_API_TOKEN --index-url $INJECTED_INDEX_URL`,
      'test-command': fake.recorderCommand('test'),
    },
    {
      GITHUB_TOKEN,
      ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST,
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
    },
  )
}, 120_000)

afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Every file under `folder`, with its path relative to it. */
function filesUnder(folder: string): { file: string; text: string }[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name)
      return { file: path.relative(folder, file), text: readFileSync(file, 'latin1') }
    })
}

const expectNoSecret = (where: string, text: string) => {
  for (const [name, secret] of Object.entries(SECRETS)) expect(text.includes(secret), `${where} holds ${name}`).toBe(false)
}

describe('a run with tokens in its environment and a credential in its inputs', () => {
  it('gave the build its credentials (the run did what the user asked)', () => {
    const [build] = recordedProcesses(fake)
    expect(build.argv).toEqual(['--token', INPUT_TOKEN, '--index-url', `https://__token__:${INDEX_PASSWORD}@pypi.example/simple`])
    expect(build.env.INJECTED_API_TOKEN).toBe(INPUT_TOKEN)
  })

  it('wrote report.json and summary.md', () => {
    const out = filesUnder(path.join(fake.workspace, 'out')).map((entry) => entry.file)
    expect(out).toEqual(expect.arrayContaining(['report.json', 'summary.md']))
  })

  it('writes none of them into the report folder the artifact uploads (report.json, summary.md, logs/)', () => {
    for (const { file, text } of filesUnder(path.join(fake.workspace, 'out'))) expectNoSecret(`out/${file}`, text)
  })

  it("writes none of them into the extension build's record, which the Actions cache saves", () => {
    const records = filesUnder(path.join(fake.baseInputs['cache-dir'], 'extensions')).filter((entry) => entry.file.endsWith('.json'))
    expect(records).not.toEqual([])
    for (const { file, text } of records) expectNoSecret(`cache/extensions/${file}`, text)
  })

  it('writes none of them into the job summary, the step outputs or the runner log', () => {
    expectNoSecret('the job summary', run.summary)
    expectNoSecret('the step outputs', JSON.stringify(run.outputs))
    expectNoSecret('the runner log', `${run.stdout}${run.stderr}`)
  })
})

describe('a run refused for a source URL with a password in it', () => {
  it('names the input and hides the password in the error, the job summary, the outputs and the runner log', async () => {
    const refused = await runMainAction(fake, { source: `https://mirror-user:${INDEX_PASSWORD}@mirror.example/Python-{version}.tgz` }, { GITHUB_TOKEN })
    expect(refused.code).toBe(1)
    expect(refused.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/^input 'source' 'https:\/\/\*\*\*@mirror\.example\/Python-\{version\}\.tgz' is not allowed: a URL with a user name or password/),
    ])
    expectNoSecret('the runner log', `${refused.stdout}${refused.stderr}`)
    expectNoSecret('the job summary', refused.summary)
    expectNoSecret('the step outputs', JSON.stringify(refused.outputs))
  }, 60_000)
})

describe('which build-env values are credentials (config/build-env.ts)', () => {
  it.each([
    [{ CC: 'clang', CFLAGS: '-O0 -g' }, []],
    [{ PYPI_API_TOKEN: 'pypi-x', TWINE_PASSWORD: 'pw', AWS_SECRET_ACCESS_KEY: 'k', NPM_AUTH: 'a', GH_TOKEN: '' }, ['pypi-x', 'pw', 'k', 'a']],
    [{ PIP_INDEX_URL: 'https://__token__:pypi-y@host/simple', PIP_EXTRA_INDEX_URL: 'https://host/simple' }, ['pypi-y']],
  ])('%j: %j', (env, expected) => {
    expect(buildEnvCredentials(env).sort()).toEqual([...expected].sort())
  })

  it('hides each credential wherever it is, a longer one before one it contains', () => {
    expect(hideCredentials('--token abc123 --url https://u:abc123@h --other abc', buildEnvCredentials({ A_TOKEN: 'abc', B_TOKEN: 'abc123' }))).toBe(
      '--token *** --url https://u:***@h --other ***',
    )
  })
})
