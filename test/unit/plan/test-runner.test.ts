import { describe, expect, it } from 'vitest'
import { chooseTestRunner, pytestConfigIn } from '../../../src/plan/test-runner.js'

const facts = (overrides: Partial<Parameters<typeof chooseTestRunner>[0]> = {}) => ({
  pytestConfig: [],
  modules: ['test_a', 'test_b'],
  pytestStyle: [],
  ...overrides,
})

describe('chooseTestRunner', () => {
  it('runs unittest files under regrtest when nothing says pytest', () => {
    expect(chooseTestRunner(facts(), { testRunner: 'auto' })).toEqual({
      runner: 'regrtest',
      reason: 'no pytest configuration and no pytest-style test file: unittest under regrtest',
    })
  })

  it('runs pytest when the project has pytest configuration, even for unittest files, and names where it is', () => {
    expect(chooseTestRunner(facts({ pytestConfig: ['pyproject.toml [tool.pytest.ini_options]', 'tests/conftest.py'] }), { testRunner: 'auto' })).toEqual({
      runner: 'pytest',
      reason: 'the project has pytest configuration (pyproject.toml [tool.pytest.ini_options], tests/conftest.py)',
    })
  })

  it('runs pytest when any test file is written for pytest, and says how many', () => {
    expect(chooseTestRunner(facts({ pytestStyle: ['test_b'] }), { testRunner: 'auto' })).toEqual({
      runner: 'pytest',
      reason: '1 of the 2 test files are written for pytest (test_b)',
    })
    expect(chooseTestRunner(facts({ pytestStyle: ['test_a', 'test_b'] }), { testRunner: 'auto' }).reason).toBe(
      'all 2 test files are written for pytest (test_a, test_b)',
    )
  })

  it('lets test-runner override what the project says', () => {
    expect(chooseTestRunner(facts({ pytestStyle: ['test_a'] }), { testRunner: 'regrtest' })).toEqual({
      runner: 'regrtest',
      reason: 'test-runner is set to regrtest',
    })
    expect(chooseTestRunner(facts(), { testRunner: 'pytest' })).toEqual({ runner: 'pytest', reason: 'test-runner is set to pytest' })
  })
})

describe('pytestConfigIn', () => {
  it('reads the files pytest reads its configuration from, as pytest does', () => {
    expect(pytestConfigIn('pytest.ini', '')).toBe('pytest.ini')
    expect(pytestConfigIn('conftest.py', 'import pytest\n')).toBe('conftest.py')
    expect(pytestConfigIn('pyproject.toml', '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-ra"\n')).toBe(
      'pyproject.toml [tool.pytest.ini_options]',
    )
    expect(pytestConfigIn('setup.cfg', '[metadata]\nname = x\n[tool:pytest]\ntestpaths = tests\n')).toBe('setup.cfg [tool:pytest]')
    expect(pytestConfigIn('tox.ini', '[tox]\nenvlist = py311\n[pytest]\naddopts = -ra\n')).toBe('tox.ini [pytest]')
  })

  it("does not take another tool's section for pytest configuration", () => {
    expect(pytestConfigIn('pyproject.toml', '[tool.black]\nline-length = 100\n# [tool.pytest.ini_options] is not here\n')).toBeUndefined()
    expect(pytestConfigIn('setup.cfg', '[flake8]\nmax-line-length = 100\n')).toBeUndefined()
    expect(pytestConfigIn('tox.ini', '[testenv]\ncommands = pytest\n')).toBeUndefined()
    expect(pytestConfigIn('setup.py', 'import pytest')).toBeUndefined()
  })
})
