/**
 * A cache beyond the local cache folder (GitHub's Actions cache). Best effort: failures become
 * warnings and misses, never failed runs.
 */
export interface RemoteCache {
  readonly name: string
  restore(key: string, paths: string[]): Promise<boolean>
  save(key: string, paths: string[]): Promise<void>
}

export const NO_REMOTE_CACHE: RemoteCache = {
  name: 'none',
  restore: async () => false,
  save: async () => {},
}
