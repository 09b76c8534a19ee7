import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { interpreterOutputs } from '../../../src/report/action-outputs.js'
import type { BuildRecord } from '../../../src/report/step-results.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

// The build record of the 3.11.2 pydebug build this machine made at 08:21 UTC on 2026-12-02 (its timing fields).
const record = {
  buildSeconds: 266.19,
  phaseSeconds: { configure: 121.759, make: 107.084, install: 35.214 },
  installedBytes: 187_030_424,
} as Pick<BuildRecord, 'buildSeconds' | 'phaseSeconds' | 'installedBytes'> as BuildRecord

describe("the main action's interpreter outputs", () => {
  it('say where the interpreter came from, each phase of its build and its size', () => {
    expect(interpreterOutputs({ pythonPath: '/c/bin/python3', cacheHit: 'remote', record })).toEqual({
      'python-path': '/c/bin/python3',
      'cache-hit': 'true',
      'cache-source': 'actions',
      'build-phases': '{"configure":121.8,"make":107.1,"install":35.2}',
      'installed-bytes': '187030424',
    })
    expect(interpreterOutputs({ pythonPath: '/c/bin/python3', cacheHit: 'none', record: { buildSeconds: 1 } as BuildRecord })).toMatchObject({
      'cache-hit': 'false',
      'cache-source': 'none',
      'build-phases': '',
      'installed-bytes': '',
    })
  })

  it('are all declared in action.yml', () => {
    const declared = Object.keys(parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')).outputs)
    const set = Object.keys(interpreterOutputs({ pythonPath: '', cacheHit: 'local', record }))
    expect(set.filter((name) => !declared.includes(name))).toEqual([])
  })
})
