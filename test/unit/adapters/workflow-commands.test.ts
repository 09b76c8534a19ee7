import { afterEach, describe, expect, it, vi } from 'vitest'
import { actionsLogger, withoutWorkflowCommands } from '../../../src/adapters/actions.js'

// issue 15: "log lines echoed to the runner log cannot start a workflow command".
describe('text from tests, logs and inputs cannot start a workflow command in the runner log', () => {
  afterEach(() => vi.restoreAllMocks())

  it('passes plain messages through unchanged', () => {
    expect(withoutWorkflowCommands('built CPython 3.11.2 (pydebug) in 244 s: /c/bin/python3')).toBe('built CPython 3.11.2 (pydebug) in 244 s: /c/bin/python3')
    expect(withoutWorkflowCommands('a::b is not a command')).toBe('a::b is not a command')
  })

  it('fences a message any line of which looks like a command between ::stop-commands:: and its own token', () => {
    for (const hostile of ['::set-output name=python-path::/tmp/evil', '::add-mask::secret', '  ::stop-commands::x', '::error file=a.py::forged']) {
      const message = `the tests ran under pytest: test_x.py\n${hostile}\nnext line`
      const fenced = withoutWorkflowCommands(message)
      const [first, ...rest] = fenced.split('\n')
      const token = /^::stop-commands::(pydebug-[0-9a-f-]{36})$/.exec(first)?.[1]
      expect(token).toBeDefined()
      expect(rest.at(-1)).toBe(`::${token}::`)
      expect(rest.slice(0, -1).join('\n')).toBe(message)
      // A fresh token each time: a log cannot end the fence by guessing it.
      expect(withoutWorkflowCommands(message).split('\n')[0]).not.toBe(first)
    }
  })

  it('is what the action logger prints', () => {
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      written.push(String(text))
      return true
    })
    actionsLogger.info('test_name\n::add-mask::x')
    expect(written.join('')).toMatch(/^::stop-commands::pydebug-[0-9a-f-]{36}\ntest_name\n::add-mask::x\n::pydebug-[0-9a-f-]{36}::\n$/)
  })
})
