import type { InterpreterInstall } from './step-results.js'

/**
 * The main action's outputs about its interpreter, as action.yml declares them: where it came
 * from and, from its build record (this run's build or the one that saved the entry), how long each
 * phase took and how large the install is. Values are strings, as outputs are.
 */
export function interpreterOutputs(install: Pick<InterpreterInstall, 'pythonPath' | 'cacheHit' | 'record'>): Record<string, string> {
  const { record } = install
  return {
    'python-path': install.pythonPath,
    'cache-hit': String(install.cacheHit !== 'none'),
    'cache-source': install.cacheHit === 'remote' ? 'actions' : install.cacheHit,
    'build-phases': record.phaseSeconds
      ? JSON.stringify(Object.fromEntries(Object.entries(record.phaseSeconds).map(([phase, seconds]) => [phase, Math.round(seconds * 10) / 10])))
      : '',
    'installed-bytes': record.installedBytes !== undefined ? String(record.installedBytes) : '',
  }
}
