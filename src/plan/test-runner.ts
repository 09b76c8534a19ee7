/**
 * Which program runs the extension's tests: regrtest (`python -m test -R`, unittest only) or pytest
 * with pydebug's refleak plugin (python/pydebug_refleak.py). Pure: the facts come from the step
 * that read the project, so the choice and its reason can be tested on their own.
 *
 * Hook for a user's own test command: a later option (`test-command`) wins over both; it belongs
 * here as one more branch at the top, so the reason in the report says which rule chose.
 */

export const TEST_RUNNER_VALUES = ['auto', 'pytest', 'regrtest'] as const
export type TestRunnerSetting = (typeof TEST_RUNNER_VALUES)[number]
export type TestRunnerName = Exclude<TestRunnerSetting, 'auto'>

/** What the project says about its tests: read by the test step (steps/run-pytest.ts), judged here. */
export interface ProjectTestFacts {
  /** Where pytest configuration was found, in words: `pytest.ini`, `pyproject.toml [tool.pytest.ini_options]`, `tests/conftest.py`. */
  readonly pytestConfig: readonly string[]
  /** Test modules at the top of the tests folder. */
  readonly modules: readonly string[]
  /** Those of them written for pytest (module-level test functions, `import pytest`): regrtest collects nothing from them. */
  readonly pytestStyle: readonly string[]
}

export interface TestRunnerChoice {
  readonly runner: TestRunnerName
  /** One sentence for the report and the summary. */
  readonly reason: string
}

export function chooseTestRunner(facts: ProjectTestFacts, options: { readonly testRunner: TestRunnerSetting }): TestRunnerChoice {
  if (options.testRunner !== 'auto') return { runner: options.testRunner, reason: `test-runner is set to ${options.testRunner}` }
  if (facts.pytestConfig.length) return { runner: 'pytest', reason: `the project has pytest configuration (${facts.pytestConfig.join(', ')})` }
  if (facts.pytestStyle.length) {
    const which =
      facts.pytestStyle.length === facts.modules.length ? `all ${facts.modules.length}` : `${facts.pytestStyle.length} of the ${facts.modules.length}`
    return {
      runner: 'pytest',
      reason: `${which} test files are written for pytest (${facts.pytestStyle.slice(0, 3).join(', ')}${facts.pytestStyle.length > 3 ? ', ...' : ''})`,
    }
  }
  return { runner: 'regrtest', reason: 'no pytest configuration and no pytest-style test file: unittest under regrtest' }
}

/** Files whose presence or a section of which is pytest configuration, and how to tell (pytest's own rules for finding its rootdir and inifile). */
export const PYTEST_CONFIG_FILES = ['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg', 'conftest.py'] as const

/**
 * Whether a file's text is pytest configuration, as pytest reads it: a pytest.ini always is (even
 * empty); pyproject.toml with `[tool.pytest.ini_options]`, tox.ini with `[pytest]`, setup.cfg with
 * `[tool:pytest]`; a conftest.py always is. Returns the words the reason uses, or undefined.
 */
export function pytestConfigIn(fileName: string, text: string): string | undefined {
  const section = (header: string) => new RegExp(`^\\s*\\[${header.replace(/[.[\]]/g, '\\$&')}\\]\\s*$`, 'm').test(text)
  switch (fileName) {
    case 'pytest.ini':
    case '.pytest.ini':
    case 'conftest.py':
      return fileName
    case 'pyproject.toml':
      return section('tool.pytest.ini_options') ? 'pyproject.toml [tool.pytest.ini_options]' : undefined
    case 'tox.ini':
      return section('pytest') ? 'tox.ini [pytest]' : undefined
    case 'setup.cfg':
      return section('tool:pytest') ? 'setup.cfg [tool:pytest]' : undefined
    default:
      return undefined
  }
}
