/** The only module that talks to the Actions runtime: logging, cache service, artifacts, summary. */
import * as artifact from '@actions/artifact'
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { listFiles } from './files.js'
import type { Logger } from './logger.js'
import type { RemoteCache } from './remote-cache.js'

export const actionsLogger: Logger = {
  info: (message) => core.info(withoutWorkflowCommands(message)),
  warning: (message) => core.warning(message),
  group: (title, body) => core.group(title, body),
}

/**
 * `message` as the runner may print it: when a line of it could be read as a workflow command
 * (`::set-output`, `::add-mask::`, ... from a test name, a log line or an input value), the whole
 * message goes between `::stop-commands::` and its end marker, under a token nobody can guess.
 * core.warning and core.error escape their text themselves; core.info does not.
 */
export function withoutWorkflowCommands(message: string): string {
  if (!/^\s*::/m.test(message)) return message
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
        await cache.saveCache(paths, key)
      } catch (error) {
        core.warning(`Actions cache save failed for ${key}: ${messageOf(error)}`)
      }
    },
  }
}

/** Uploads the whole report folder as one artifact; artifacts are optional, so failures are warnings. */
export async function uploadReportArtifact(name: string, rootDirectory: string): Promise<void> {
  try {
    const files = await listFiles(rootDirectory)
    const client = new artifact.DefaultArtifactClient()
    const { id, size } = await client.uploadArtifact(name, files, rootDirectory)
    core.info(`uploaded artifact ${name} (${files.length} files, ${size ?? '?'} bytes, id ${id ?? '?'})`)
  } catch (error) {
    core.warning(`report artifact '${name}' was not uploaded: ${messageOf(error)}`)
  }
}

// GitHub refuses step summaries over 1 MiB: keep well under, the full report is in the artifact.
const SUMMARY_BUDGET_BYTES = 900 * 1024

export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  let text = markdown
  if (Buffer.byteLength(text) > SUMMARY_BUDGET_BYTES) {
    text = `${Buffer.from(text).subarray(0, SUMMARY_BUDGET_BYTES).toString('utf8')}\n\n… summary truncated; the full report is in the artifact.\n`
  }
  try {
    await core.summary.addRaw(text, true).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${messageOf(error)}`)
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
