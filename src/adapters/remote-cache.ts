/**
 * A cache beyond the local cache folder (GitHub's Actions cache). Best effort: failures become
 * warnings and misses, never failed runs.
 */
export interface RemoteCache {
  readonly name: string
  /**
   * True when an entry under exactly `key` was restored into `paths`. Its files are not trusted
   * until checked (steps/build-python.ts compares them with their manifest); the entry stays in
   * the cache whatever the check finds, and a save under the same key does not replace it.
   */
  restore(key: string, paths: string[]): Promise<boolean>
  /**
   * Restores the entry under `key`, else the newest whose key starts with one of `prefixes`, into
   * `paths`; returns the key restored. For caches that are useful when only close (ccache's folder).
   */
  restoreNearest(key: string, prefixes: string[], paths: string[]): Promise<string | undefined>
  save(key: string, paths: string[]): Promise<void>
}

export const NO_REMOTE_CACHE: RemoteCache = {
  name: 'none',
  restore: async () => false,
  restoreNearest: async () => undefined,
  save: async () => {},
}
