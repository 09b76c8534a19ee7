import { runEnvironment } from '../adapters/run-environment.js'
import { loadCustomVariants } from '../config/custom-variants.js'
import { CLI_OPTION_NAMES, validateRunOptions, type RunConfig } from '../config/run-config.js'
import { parseCommandArgs, type CliIo } from './command.js'

/** Options shared by `pydebug run` and `pydebug build`; the action's inputs mirror them. */
export const RUN_OPTIONS = {
  python: { type: 'string' },
  variant: { type: 'string' },
  config: { type: 'string' },
  source: { type: 'string' },
  extension: { type: 'string', multiple: true },
  tests: { type: 'string' },
  'test-runner': { type: 'string' },
  'test-requirements': { type: 'string', multiple: true },
  'test-command': { type: 'string' },
  'test-command-timeout': { type: 'string' },
  'build-command': { type: 'string' },
  'build-env': { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  out: { type: 'string' },
  'fail-on': { type: 'string' },
  gil: { type: 'string' },
  'refleak-runs': { type: 'string' },
  jobs: { type: 'string' },
  'test-timeout': { type: 'string' },
  'max-case-runs': { type: 'string' },
  'max-case-runs-total': { type: 'string' },
  'rebuild-extensions': { type: 'boolean' },
  'keep-build-tree': { type: 'boolean' },
  'cpython-tests': { type: 'string' },
  'cpython-tests-shard': { type: 'string' },
  'cpython-tests-durations': { type: 'string' },
} as const

export function parseRunConfig(args: string[], io: CliIo, { requireExtension }: { requireExtension: boolean }): RunConfig {
  const { values } = parseCommandArgs(args, RUN_OPTIONS)
  return validateRunOptions(
    {
      python: values.python,
      variant: values.variant,
      source: values.source,
      extension: values.extension,
      tests: values.tests,
      testRunner: values['test-runner'],
      testRequirements: values['test-requirements']?.join('\n'),
      testCommand: values['test-command'],
      testCommandTimeout: values['test-command-timeout'],
      buildCommand: values['build-command'],
      buildEnv: values['build-env'],
      cacheDir: values['cache-dir'],
      out: values.out,
      failOn: values['fail-on'],
      gil: values.gil,
      refleakRuns: values['refleak-runs'],
      jobs: values.jobs,
      testTimeout: values['test-timeout'],
      maxCaseRuns: values['max-case-runs'],
      maxCaseRunsTotal: values['max-case-runs-total'],
      rebuildExtensions: values['rebuild-extensions'],
      keepBuildTree: values['keep-build-tree'],
      cpythonTests: values['cpython-tests'],
      cpythonTestsShard: values['cpython-tests-shard'],
      cpythonTestsDurations: values['cpython-tests-durations'],
    },
    CLI_OPTION_NAMES,
    runEnvironment(io.cwd, io.env),
    { requireExtension, customVariants: loadCustomVariants(values.config, io.cwd, '--config') },
  )
}
