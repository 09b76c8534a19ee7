import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLogFile } from '../../../src/adapters/read-lines.js'
import type { DetectOptions } from '../../../src/parse/detect.js'
import { FIXTURES_DIR } from '../../helpers/fixtures.js'
import { REPO_ROOT } from '../../helpers/spawn.js'
import { expectGolden } from '../../helpers/golden.js'

// What the detector makes of every log under test/fixtures, one golden JSON file per log at the
// same relative path under test/golden/parse (`<fixture>.json`). The goldens are written from
// `routing: 'all'` (every line to every parser, the reference); routing by the tables must give the
// same. UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'parse')

// Not logs: the notes, the COUNT_ALLOCS generator, the interpreter probes' JSON and the JUnit XML
// files (each read by its own parser, never by the detector; they also carry timestamps).
const NOT_LOGS = /(?:\.md|\.py|\.json|\.junit\.xml|Makefile\.pre\.in)$/

// The checkout the pipeline's fixtures were captured in (test/fixtures/README.md): paths under it
// read as a report shows them. A constant, and the detector sees only the file's lines, so no
// golden depends on where this repository is checked out.
const OPTIONS: DetectOptions = { workspace: '/work/main' }

/** Paths relative to `root` with `/` separators, sorted. */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((relative) => statSync(path.join(root, relative)).isFile())
    .map((relative) => relative.split(path.sep).join('/'))
    .sort()
}

const FIXTURE_LOGS = filesUnder(FIXTURES_DIR).filter((fixture) => !NOT_LOGS.test(fixture))

function goldenPathOf(fixture: string): string {
  return path.join(GOLDEN_DIR, `${fixture}.json`)
}

async function parsedText(fixture: string, routing: DetectOptions['routing']): Promise<string> {
  const parsed = await parseLogFile(path.join(FIXTURES_DIR, fixture), { ...OPTIONS, routing })
  return `${JSON.stringify(parsed, null, 2)}\n`
}

describe('parse goldens: every fixture log, parsed', () => {
  it('finds the fixture logs in every folder, whatever their ending', () => {
    expect(FIXTURE_LOGS).toEqual(
      expect.arrayContaining([
        'cpython-3.11.2-pydebug/regrtest-R-leaky.txt',
        'cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml',
        'cpython-3.11.2-valgrind-memcheck/test_clean.log',
        'fuzz-regressions/state-line-inside-thread-dump-1.txt',
      ]),
    )
  })

  it.each(FIXTURE_LOGS)('%s', async (fixture) => {
    const goldenPath = goldenPathOf(fixture)
    const reference = await parsedText(fixture, 'all')
    expectGolden(goldenPath, reference, "routing: 'all' no longer gives the golden")
    expect(await parsedText(fixture, 'dispatch'), "routing by the tables disagrees with routing: 'all'").toBe(reference)
  })

  it('has no golden without its fixture', () => {
    const expected = FIXTURE_LOGS.map((fixture) => `${fixture}.json`)
    expect(existsSync(GOLDEN_DIR) ? filesUnder(GOLDEN_DIR).filter((golden) => !expected.includes(golden)) : []).toEqual([])
  })
})
