import { describe, expect, it } from 'vitest'
import { parseMatrixConfigFile, planMatrixFromInput } from '../../../src/config/matrix-config.js'
import { PLATFORMS_DOC, unsupportedHostReason, unsupportedRunnerReason } from '../../../src/plan/platforms.js'
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
