import { describe, expect, it } from 'vitest'
import { parseMatrixConfigFile, planMatrixFromInput } from '../../../src/config/matrix-config.js'
import { PLATFORMS_DOC, unsupportedHostReason, unsupportedRunnerReason, untestedHostNotice, untestedRunnerNotice } from '../../../src/plan/platforms.js'
import { configErrorOf } from '../config/config-error-of.js'

const load = (text: string) => {
  const { input, warnings } = parseMatrixConfigFile(text, '.github/pydebug.yml')
  return planMatrixFromInput(input, warnings)
}

describe('Windows is refused with the reason and where the plan is', () => {
  it('in a matrix naming a windows-* runner, alongside others or not', () => {
    for (const os of ['[ubuntu-24.04, windows-latest]', '[windows-2025]']) {
      const message = configErrorOf(() => load(`python: ["3.11"]\nos: ${os}\n`))
      expect(message).toMatch(
        /^\.github\/pydebug\.yml:2:\d+: 'windows-[^']+': Windows builds CPython with PCbuild \(PCbuild\\build\.bat -d for a debug build\), not configure and make, and a debug python_d\.exe loads only extensions built as _d\.pyd; /,
      )
      expect(message).toContain(`(the plan for Windows: ${PLATFORMS_DOC}). Allowed labels: ubuntu-latest,`)
    }
  })

  it('tells Windows runner labels and a Windows machine from the rest, by one rule', () => {
    expect(
      ['windows-latest', 'windows-2022', 'windows-11-arm', 'Windows'].every((label) => unsupportedRunnerReason(label) === unsupportedHostReason('win32')),
    ).toBe(true)
    expect(['ubuntu-24.04', 'ubuntu-24.04-arm', 'macos-15', 'self-hosted'].map((label) => unsupportedRunnerReason(label))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect([unsupportedHostReason('linux'), unsupportedHostReason('darwin')]).toEqual([undefined, undefined])
  })
})

describe('macOS is built on, with a warning that it is untested here', () => {
  it('is one sentence naming the platforms page, for a macOS machine only', () => {
    const notice = untestedHostNotice('darwin')
    expect(notice).toMatch(/^pydebug builds on macOS with the same configure and make recipe as on Linux, .* macOS is untested here \(.*\)\.$/)
    expect(notice).toContain(PLATFORMS_DOC)
    expect(notice?.match(/\. /g) ?? []).toEqual([])
    expect(['linux', 'win32', 'freebsd'].map(untestedHostNotice)).toEqual([undefined, undefined, undefined])
  })

  it('is the same warning for macos-* runner labels, by one rule, and none for the others', () => {
    expect(
      ['macos-latest', 'macos-15', 'macos-13', 'macOS-26', ' macos-14-large'].every((label) => untestedRunnerNotice(label) === untestedHostNotice('darwin')),
    ).toBe(true)
    expect(['ubuntu-24.04', 'ubuntu-24.04-arm', 'self-hosted', 'windows-latest'].map(untestedRunnerNotice)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('warns once per macOS runner label in a matrix, where the label was given, and still plans its cells', () => {
    const { plan, warnings } = load('python: ["3.11", "3.12"]\nvariants: [pydebug, trace-refs]\nos: [ubuntu-24.04, macos-14, macos-15]\n')
    expect(plan.cells.filter((planned) => planned.os.startsWith('macos-'))).toHaveLength(8)
    expect(warnings.filter((warning) => warning.includes('untested'))).toEqual([
      `.github/pydebug.yml:3:20: 'macos-14': ${untestedHostNotice('darwin')}`,
      `.github/pydebug.yml:3:30: 'macos-15': ${untestedHostNotice('darwin')}`,
    ])
    expect(load('python: ["3.11"]\n').warnings.filter((warning) => warning.includes('untested'))).toEqual([])
  })
})
