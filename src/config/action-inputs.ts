import * as core from '@actions/core'
import { explicitConfigPath } from './matrix-config.js'
import { ACTION_INPUT_NAMES, type RunOptionsInput } from './run-config.js'

/** The only reader of action inputs; names match action.yml. */
export function readActionInputs(): RunOptionsInput & { readonly config: string | undefined; readonly uploadArtifact: boolean; readonly artifactName: string } {
  const input = (name: string) => core.getInput(name)
  const flag = (name: string, fallback: boolean) => {
    const value = core.getInput(name).trim().toLowerCase()
    return value === '' ? fallback : ['true', 'yes', '1'].includes(value)
  }
  return {
    python: input('python-version'),
    config: explicitConfigPath(input('config')),
    variant: input('variant'),
    source: input('source'),
    extension: input('extension'),
    tests: input('tests'),
    testRunner: input('test-runner'),
    testRequirements: input('test-requirements'),
    testCommand: input('test-command'),
    testCommandTimeout: input('test-command-timeout'),
    buildCommand: input('build-command'),
    buildEnv: input('build-env'),
    cacheDir: input('cache-dir'),
    out: input('out'),
    failOn: input('fail-on'),
    gil: input('gil'),
    refleakRuns: input('refleak-runs'),
    jobs: input('jobs'),
    testTimeout: input('test-timeout'),
    maxCaseRuns: input('max-case-runs'),
    maxCaseRunsTotal: input('max-case-runs-total'),
    rebuildExtensions: flag('rebuild-extensions', false),
    keepBuildTree: flag('keep-build-tree', false),
    cpythonTests: input('cpython-tests'),
    cpythonTestsShard: input('cpython-tests-shard'),
    cpythonTestsDurations: input('cpython-tests-durations'),
    uploadArtifact: flag('upload-artifact', true),
    artifactName: input('artifact-name'),
  }
}

export { ACTION_INPUT_NAMES }
