/** The only module that talks to the Actions runtime: logging, cache service, artifacts, summary. */
import * as artifact from '@actions/artifact'
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { listFiles } from './files.js'
import type { Logger } from './logger.js'
import type { RemoteCache } from './remote-cache.js'
import { fitMarkdownToBytes, GITHUB_STEP_SUMMARY_MAX_BYTES } from '../report/summary-md.js'

export const actionsLogger: Logger = {
  info: (message) => core.info(withoutWorkflowCommands(message)),
  warning: (message) => core.warning(message),
  group: (title, body) => core.group(title, body),
}

/**
 * `message` as the runner may print it: when a line of it could be read as a workflow command
 * (`::set-output`, `::add-mask::`, ... from a test name, a log line or an input value), the whole
 * message goes between `::stop-commands::` and its end marker, under a token nobody can guess.
 * The runner also reads the older spelling, `##[add-mask]...`, anywhere in a line, not only at
 * its start (actions/runner ActionCommand.TryParse, tried when the `::` form does not parse).
 * core.warning and core.error escape their text themselves; core.info does not.
 */
export function withoutWorkflowCommands(message: string): string {
  if (!/^\s*::|##\[/m.test(message)) return message
  const token = `pydebug-${randomUUID()}`
  return `::stop-commands::${token}\n${message}\n::${token}::`
}

/**
 * GitHub's cache service. Archives hold paths relative to GITHUB_WORKSPACE, which is the same
 * for every run of a repository on hosted runners, so ~/.cache/pydebug restores where it was
 * saved. Without the service (a run: step, a local runner, GHES without the service)
 * every call is a miss: unguarded calls would only warn, but spend about 20 s in retries.
 */
export function createActionsCache(): RemoteCache {
  return {
    name: 'Actions',
    async restore(key, paths) {
      if (!cache.isFeatureAvailable()) return false
      try {
        return (await cache.restoreCache(paths, key)) === key
      } catch (error) {
        core.warning(`Actions cache restore failed for ${key}: ${messageOf(error)}`)
        return false
      }
    },
    async restoreNearest(key, prefixes, paths) {
      if (!cache.isFeatureAvailable()) return undefined
      try {
        return await cache.restoreCache(paths, key, prefixes)
      } catch (error) {
        core.warning(`Actions cache restore failed for ${key}: ${messageOf(error)}`)
        return undefined
      }
    },
    async save(key, paths) {
      if (!cache.isFeatureAvailable()) {
        core.info('Actions cache service not available here: the build stays in the local cache folder only')
        return
      }
      try {
        // -1: not stored. The toolkit says why only as an info line when it could not reserve the entry
        // (its service unreachable or failing, after its retries), and guesses "another job may be creating this cache".
        if ((await cache.saveCache(paths, key)) === -1)
          core.warning(
            `Actions cache save failed for ${key}: the cache service did not store it (the line above says what the toolkit saw); the build stays in the local cache folder only`,
          )
      } catch (error) {
        core.warning(`Actions cache save failed for ${key}: ${messageOf(error)}`)
      }
    },
  }
}

/**
 * What the main step leaves for the post step (core.saveState; the runner hands it over as STATE_<name>):
 * where the report is, the artifact to upload, and what main has already done with them.
 */
export const ACTION_STATE = {
  outDir: 'out-dir',
  cellId: 'cell-id',
  artifactName: 'artifact-name',
  artifactUploaded: 'artifact-uploaded',
  summaryWritten: 'summary-written',
} as const

/** What names a job's runner: GitHub's RUNNER_OS and RUNNER_ARCH, and the re-run's GITHUB_RUN_ATTEMPT. */
export interface RunnerFacts {
  readonly os?: string | undefined
  readonly arch?: string | undefined
  readonly attempt?: string | undefined
}

export function runnerFactsOf(env: Readonly<Record<string, string | undefined>>): RunnerFacts {
  return { os: env.RUNNER_OS, arch: env.RUNNER_ARCH, attempt: env.GITHUB_RUN_ATTEMPT }
}

/**
 * The report artifact's name: the `artifact-name` input, else `defaultName` and the runner
 * (`-linux-x64`), so the same cell on two runners of one workflow run never meets the other's name;
 * from the second attempt of a re-run on, `-attempt<N>` too. GitHub refuses a name the run
 * already has (409).
 */
export function reportArtifactName(given: string, defaultName: string, runner: RunnerFacts): string {
  const runnerSuffix = runner.os && runner.arch ? `-${runner.os}-${runner.arch}`.toLowerCase() : ''
  const name = given.trim() || `${defaultName}${runnerSuffix}`
  const attempt = Number(runner.attempt)
  return Number.isInteger(attempt) && attempt > 1 ? `${name}-attempt${attempt}` : name
}

/** Uploads the whole report folder as one artifact; artifacts are optional, so failures are warnings. True once uploaded. */
export async function uploadReportArtifact(name: string, rootDirectory: string): Promise<boolean> {
  try {
    const files = await listFiles(rootDirectory)
    const client = new artifact.DefaultArtifactClient()
    const { id, size } = await client.uploadArtifact(name, files, rootDirectory)
    core.info(`uploaded artifact ${name} (${files.length} files, ${size ?? '?'} bytes, id ${id ?? '?'})`)
    return true
  } catch (error) {
    core.warning(`report artifact '${name}' was not uploaded: ${messageOf(error)}`)
    return false
  }
}

/** The job summary, cut at whole lines to GitHub's step summary limit (a cell's summary is already within it; a roll-up may not be). */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false
  const text = fitMarkdownToBytes(markdown, GITHUB_STEP_SUMMARY_MAX_BYTES)
  try {
    await core.summary.addRaw(text).write()
    return true
  } catch (error) {
    core.warning(`could not write the job summary: ${messageOf(error)}`)
    return false
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
