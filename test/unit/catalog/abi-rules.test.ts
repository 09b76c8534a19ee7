import { describe, expect, it } from 'vitest'
import { ABI_MACROS } from '../../../src/catalog/abi-macros.js'
import { CONFIGURE_OPTIONS, findConfigureOption, findMacro } from '../../../src/catalog/build-rules.js'

// What an extension must share with the interpreter is said once, per macro, in abi-macros.ts (the
// ABI fingerprint reads the same table): the planner's rules for macros and configure options are
// derived from it, and only the sanitizers' instrumentation rules are the options' own.
describe('ABI rules: one source per macro', () => {
  const ruleOf = (macro: string) => {
    const { tag, reason, from, until } = ABI_MACROS.find((rule) => rule.macro === macro)!
    return { tag, reason, from, until }
  }

  it.each(['Py_REF_DEBUG', 'Py_TRACE_REFS', 'COUNT_ALLOCS'])('the macro %s carries its rule from abi-macros.ts', (macro) => {
    expect(findMacro(macro)?.abi).toEqual([ruleOf(macro)])
  })

  it('--with-trace-refs carries the rule of the macro it defines, Py_TRACE_REFS', () => {
    expect(findConfigureOption('--with-trace-refs')?.abi).toEqual([ruleOf('Py_TRACE_REFS')])
  })

  it('every other ABI rule of a configure option is a sanitizer instrumentation rule', () => {
    const macroTags = ABI_MACROS.flatMap((rule) => (rule.tag ? [rule.tag] : []))
    const others = CONFIGURE_OPTIONS.flatMap((option) => option.abi ?? []).filter((rule) => !macroTags.includes(rule.tag))
    expect(others.map((rule) => [rule.tag, rule.kind])).toEqual([
      ['asan', 'instrumentation'],
      ['msan', 'instrumentation'],
      ['ubsan', 'instrumentation'],
      ['tsan', 'instrumentation'],
    ])
  })
})
