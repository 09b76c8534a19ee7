import { describe, expect, it } from 'vitest'
import { parseBuildEnv } from '../../../src/config/build-env.js'
import { commandVariables, expandCommand, formatArgv, splitCommandLine } from '../../../src/plan/command-line.js'
import { planTestCommand } from '../../../src/plan/test-command.js'

const words = (text: string) => {
  const split = splitCommandLine(text)
  if (!split.ok) throw new Error(split.problem)
  const expanded = expandCommand(split.command, { PYDEBUG_SITE: '/site', HOME: '/home/me' })
  if (!expanded.ok) throw new Error(`missing ${expanded.missing.join(', ')}`)
  return expanded.argv
}
const problem = (text: string) => {
  const split = splitCommandLine(text)
  return split.ok ? undefined : split.problem
}

describe('splitCommandLine: words as sh splits them, without a shell', () => {
  it('splits on blanks and keeps quoted text whole', () => {
    expect(words('python -m pytest tests -x')).toEqual(['python', '-m', 'pytest', 'tests', '-x'])
    expect(words("  python   -m  pytest -k 'not slow and not network'  ")).toEqual(['python', '-m', 'pytest', '-k', 'not slow and not network'])
    expect(words('pytest -k "a or b" tests/test_x.py::test_y[1-2]')).toEqual(['pytest', '-k', 'a or b', 'tests/test_x.py::test_y[1-2]'])
    expect(words(`python -c 'import sys; print(sys.argv)' "it's" ''`)).toEqual(['python', '-c', 'import sys; print(sys.argv)', "it's", ''])
    expect(words('a\\ b c\\"d "e\\"f\\\\g" \'h\\i\'')).toEqual(['a b', 'c"d', 'e"f\\g', 'h\\i'])
    expect(words('one"two"\'three\'')).toEqual(['onetwothree'])
  })

  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell-style ${NAME} text is what this parser reads
  it('expands $NAME and ${NAME} outside single quotes, and names what is not set', () => {
    expect(words('pip install --target $PYDEBUG_SITE .')).toEqual(['pip', 'install', '--target', '/site', '.'])
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell-style ${NAME} text is what this parser reads
    expect(words('--target=${PYDEBUG_SITE}/x "$HOME/y" \'$HOME\' \\$HOME')).toEqual(['--target=/site/x', '/home/me/y', '$HOME', '$HOME'])
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell-style ${NAME} text is what this parser reads
    const split = splitCommandLine('run $PYDEBUG_SITE $NOT_SET ${ALSO_NOT}')
    expect(split.ok && commandVariables(split.command)).toEqual(['PYDEBUG_SITE', 'NOT_SET', 'ALSO_NOT'])
    expect(split.ok && expandCommand(split.command, { PYDEBUG_SITE: '/s' })).toEqual({ ok: false, missing: ['NOT_SET', 'ALSO_NOT'] })
  })

  it('refuses shell syntax, naming the character and what a shell would do with it', () => {
    expect(problem('pytest tests; echo done')).toBe("';' at character 13 runs a second command")
    expect(problem('make && pytest')).toBe("'&' at character 6 runs a command in the background or chains commands (&&)")
    expect(problem('pytest || true')).toBe("'|' at character 8 pipes into or chains commands (|, ||)")
    expect(problem('pytest | tee log')).toMatch(/^'\|' at character 8 pipes/)
    expect(problem('pytest > log')).toBe("'>' at character 8 redirects output")
    expect(problem('pytest 2>&1')).toBe("'>' at character 9 redirects output")
    expect(problem('pytest < in')).toBe("'<' at character 8 redirects input")
    expect(problem('pytest $(cat args)')).toBe("'$(' at character 8 substitutes a command")
    expect(problem('pytest "$(cat args)"')).toBe("'$(' at character 9 substitutes a command")
    expect(problem('pytest `cat args`')).toBe("'`' at character 8 substitutes a command")
    expect(problem('pytest "`cat args`"')).toBe("'`' at character 9 substitutes a command")
    expect(problem('pytest tests/*.py')).toBe("'*' at character 14 expands a file name pattern (glob)")
    expect(problem('(cd tests && pytest)')).toBe("'(' at character 1 starts a subshell")
    expect(problem('pytest # all of them')).toBe("'#' at character 8 starts a comment")
    expect(problem('pytest\nflake8')).toBe('a line break at character 7 starts a second command')
    expect(problem("pytest -k 'open")).toBe('the single quote at character 11 is never closed')
    expect(problem('pytest -k "open')).toBe('the double quote at character 11 is never closed')
    expect(problem('pytest \\')).toBe('the backslash at character 8 escapes nothing')
    expect(problem('echo $')).toMatch(/^'\$' at character 6 is not followed by a variable name/)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell-style ${NAME} text is what this parser reads
    expect(problem('echo ${A:-x}')).toMatch(/^'\$\{' at character 6 is not a plain \$\{NAME\} reference/)
    expect(problem('   ')).toBe('it is empty')
    // Quoted, the same characters are plain text.
    expect(words("python -c 'a = 1; b = a | 2' '*.py' \"x > y\" '#'")).toEqual(['python', '-c', 'a = 1; b = a | 2', '*.py', 'x > y', '#'])
    expect(words('pytest tests#1')).toEqual(['pytest', 'tests#1'])
  })

  it('formats an argv back for logs, quoting only what needs it', () => {
    expect(formatArgv(['python', '-m', 'pytest', '-k', "not slow's", '--junitxml=/o/x.xml', ''])).toBe(
      "python -m pytest -k 'not slow'\\''s' --junitxml=/o/x.xml ''",
    )
  })
})

describe('planTestCommand: what pydebug adds so the outcome can be read', () => {
  const junitPath = '/out/logs/test-command.junit.xml'
  it('adds --junitxml and --capture=sys right after pytest, before the user arguments', () => {
    expect(planTestCommand(['python', '-m', 'pytest', 'tests', '-x'], { junitPath })).toEqual({
      argv: ['python', '-m', 'pytest', `--junitxml=${junitPath}`, '--capture=sys', 'tests', '-x'],
      runner: 'pytest',
      junitPath,
      added: [`--junitxml=${junitPath}`, '--capture=sys'],
    })
    expect(planTestCommand(['/venv/bin/pytest', '-q'], { junitPath }).argv).toEqual(['/venv/bin/pytest', `--junitxml=${junitPath}`, '--capture=sys', '-q'])
    expect(planTestCommand(['python3', '-X', 'dev', '-mpytest'], { junitPath }).runner).toBe('pytest')
  })

  it("keeps the user's own --junitxml and capture choice", () => {
    const planned = planTestCommand(['pytest', '--junitxml=mine.xml', '-s'], { junitPath })
    expect(planned).toEqual({ argv: ['pytest', '--junitxml=mine.xml', '-s'], runner: 'pytest', added: [] })
    expect(planTestCommand(['pytest', '--capture', 'no'], { junitPath }).added).toEqual([`--junitxml=${junitPath}`])
  })

  it('tells unittest and other commands apart, and does not take a script argument for -m', () => {
    expect(planTestCommand(['python', '-m', 'unittest', 'discover', '-s', 'tests'], { junitPath })).toEqual({
      argv: ['python', '-m', 'unittest', 'discover', '-s', 'tests'],
      runner: 'unittest',
      added: [],
    })
    expect(planTestCommand(['python', 'runtests.py', '-m', 'pytest'], { junitPath }).runner).toBe('other')
    expect(planTestCommand(['tox', '-e', 'py311'], { junitPath }).runner).toBe('other')
  })
})

describe('parseBuildEnv', () => {
  it('reads NAME=value lines (action) and entries (CLI); the value is everything after the first =', () => {
    expect(parseBuildEnv('CC=clang\n\n# the C++ runtime\nLDFLAGS=-lstdc++ -Wl,--as-needed\n  CFLAGS=-O0 -DX=1  \nEMPTY=\n', "input 'build-env'")).toEqual({
      CC: 'clang',
      LDFLAGS: '-lstdc++ -Wl,--as-needed',
      CFLAGS: '-O0 -DX=1',
      EMPTY: '',
    })
    expect(parseBuildEnv(['CC=clang', 'CFLAGS= -g '], '--build-env')).toEqual({ CC: 'clang', CFLAGS: ' -g ' })
    expect(parseBuildEnv(undefined, '--build-env')).toEqual({})
  })

  it('names the line and what is allowed', () => {
    expect(() => parseBuildEnv('CC=clang\nCFLAGS -O0', "input 'build-env'")).toThrow(
      "input 'build-env' line 2 'CFLAGS -O0' is not allowed: expected NAME=value where NAME is an environment variable name (letters, digits and _, not starting with a digit), e.g. CC=clang or LDFLAGS=-lstdc++.",
    )
    expect(() => parseBuildEnv(['1CC=clang'], '--build-env')).toThrow(/^--build-env entry 1 '1CC=clang' is not allowed/)
    expect(() => parseBuildEnv(['MY-VAR=1'], '--build-env')).toThrow(/^--build-env entry 1 'MY-VAR=1' is not allowed/)
    expect(() => parseBuildEnv(['=x'], '--build-env')).toThrow(/^--build-env entry 1 '=x' is not allowed/)
    expect(() => parseBuildEnv('CC=clang\nCC=gcc', "input 'build-env'")).toThrow("input 'build-env' line 2 sets CC a second time; give each variable once.")
  })
})
