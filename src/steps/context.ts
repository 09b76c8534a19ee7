import path from 'node:path'
import type { Logger } from '../adapters/logger.js'
import { detectPlatform } from '../adapters/platform.js'
import { createProcessRunner, type ProcessRunner } from '../adapters/process.js'
import { NO_REMOTE_CACHE, type RemoteCache } from '../adapters/remote-cache.js'
import type { RunConfig } from '../config/run-config.js'
import type { PlatformFacts } from '../plan/cache-key.js'

/** The outside world as the steps see it: injected, so tests and the two front ends choose their own. */
export interface StepContext {
  readonly runner: ProcessRunner
  /** The environment the runner's commands inherit: steps read the variables that change a build (CC, CFLAGS, ...) from here. */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly log: Logger
  readonly remoteCache: RemoteCache
  readonly platform: PlatformFacts
  readonly cacheDir: string
  /** Where the run's report goes; logs are under `logs/` inside it. */
  readonly outDir: string
  /** The repository root (cwd, or GITHUB_WORKSPACE): file paths in problems and annotations are relative to it. */
  readonly workspace: string
  /** Aborted by SIGINT or SIGTERM (adapters/cancellation.ts): the runner has ended the running commands, and the run stops with what it has. */
  readonly cancel?: AbortSignal
}

export function logPath(context: Pick<StepContext, 'outDir'>, ...parts: string[]): string {
  return path.join(context.outDir, 'logs', ...parts)
}

/** Paths in report.json are relative to the report, so the folder can be moved or uploaded whole. */
export function reportPath(context: Pick<StepContext, 'outDir'>, absolutePath: string): string {
  return path.relative(context.outDir, absolutePath).split(path.sep).join('/')
}

/** The context whose commands all get `env` added to their environment (a command's own variables still win). */
export function withCommandEnv(context: StepContext, env: Readonly<Record<string, string>>): StepContext {
  const { runner } = context
  return { ...context, runner: { run: (spec) => runner.run({ ...spec, env: { ...env, ...spec.env } }) } }
}

/** The services every front end gives the steps; only the logger and the remote cache differ. */
export async function createStepContext(
  config: Pick<RunConfig, 'cacheDir' | 'outDir' | 'logLimitBytes'>,
  {
    env,
    workspace,
    log,
    remoteCache = NO_REMOTE_CACHE,
    cancel,
  }: { env: Readonly<Record<string, string | undefined>>; workspace: string; log: Logger; remoteCache?: RemoteCache; cancel?: AbortSignal },
): Promise<StepContext> {
  const runner = createProcessRunner(env, { ...(cancel ? { cancel } : {}), ...(config.logLimitBytes ? { logLimitBytes: config.logLimitBytes } : {}) })
  return {
    runner,
    env,
    log,
    remoteCache,
    platform: await detectPlatform(runner, env),
    cacheDir: config.cacheDir,
    outDir: path.resolve(config.outDir),
    workspace,
    ...(cancel ? { cancel } : {}),
  }
}
