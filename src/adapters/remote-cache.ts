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
  save(key: string, paths: string[]): Promise<void>
}

export const NO_REMOTE_CACHE: RemoteCache = {
  name: 'none',
  restore: async () => false,
  save: async () => {},
}
