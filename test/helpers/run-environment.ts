import type { RunEnvironment } from '../../src/config/run-config.js'

/** A run environment for validating options without touching the disk: these paths exist, nothing else. */
export const fakeRunEnvironment = (files: Record<string, 'file' | 'directory'> = {}): RunEnvironment => ({
  cwd: '/work/project',
  homeDir: '/home/user',
  env: {},
  cpuCount: 2,
  pathKind: (absolutePath) => files[absolutePath],
})
