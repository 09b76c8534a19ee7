import { describe, expect, it } from 'vitest'
import { parseMatrixConfigFile, planMatrixFromInput } from '../../../src/config/matrix-config.js'

const plan = (yaml: string) => planMatrixFromInput(parseMatrixConfigFile(yaml, '.github/pydebug.yml').input).plan

describe('cpython-tests-shards in the matrix', () => {
  it('gives each (version, variant) N jobs sharing one interpreter, each with its shard, id and artifact', () => {
    const rows = plan('python: [3.11, 3.13]\nvariants: [pydebug]\ncpython-tests-shards: 3\n').cells.map((cell) => cell.row)
    expect(rows.map((row) => [row.id, row.artifact, row['cpython-tests-shard']])).toEqual([
      ['cp311-pydebug-cpy1of3', 'pydebug-cp311-pydebug-cpy1of3', '1/3'],
      ['cp311-pydebug-cpy2of3', 'pydebug-cp311-pydebug-cpy2of3', '2/3'],
      ['cp311-pydebug-cpy3of3', 'pydebug-cp311-pydebug-cpy3of3', '3/3'],
      ['cp313-pydebug-cpy1of3', 'pydebug-cp313-pydebug-cpy1of3', '1/3'],
      ['cp313-pydebug-cpy2of3', 'pydebug-cp313-pydebug-cpy2of3', '2/3'],
      ['cp313-pydebug-cpy3of3', 'pydebug-cp313-pydebug-cpy3of3', '3/3'],
    ])
    expect(new Set(rows.slice(0, 3).map((row) => row['cache-key'])).size).toBe(1)
  })

  it('leaves the matrix as it was with 1 shard', () => {
    const rows = plan('python: [3.11]\ncpython-tests-shards: 1\n').cells.map((cell) => cell.row)
    expect(rows.map((row) => row.id)).toEqual(['cp311-pydebug'])
    expect(rows[0]).not.toHaveProperty('cpython-tests-shard')
  })

  it('refuses a count that is not a whole number from 1 to 32, naming the file, line and column', () => {
    expect(() => plan('python: [3.11]\ncpython-tests-shards: 0\n')).toThrow(
      /^\.github\/pydebug\.yml:2:23: cpython-tests-shards '0' must be a whole number from 1 to 32/,
    )
  })
})
