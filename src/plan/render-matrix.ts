import { stringify } from 'yaml'
import { matrixInclude, type MatrixPlan, type PlannedCell } from './matrix.js'

export const MATRIX_FORMATS = ['yaml', 'json', 'github'] as const
export type MatrixFormat = (typeof MATRIX_FORMATS)[number]

/** Compact JSON for `strategy.matrix: ${{ fromJSON(...) }}`; one line, as $GITHUB_OUTPUT wants it. */
export function renderMatrixJson(cells: readonly PlannedCell[]): string {
  return JSON.stringify(matrixInclude(cells))
}

/**
 * A `strategy:` block to paste under a job. Refused cells are listed as comments above it, so
 * what is left out, and why, travels with the matrix.
 */
export function renderMatrixYaml(plan: MatrixPlan, cells: readonly PlannedCell[] = plan.cells): string {
  const comments = plan.refusals.map(
    (refusal) =>
      `# refused ${refusal.id} (${refusal.os}): ${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ''}`,
  )
  const body = stringify({ strategy: { 'fail-fast': false, matrix: matrixInclude(cells) } }, { lineWidth: 0 })
  return `${comments.length ? `${comments.join('\n')}\n` : ''}${body}`
}

/** `name=value` lines for $GITHUB_OUTPUT: the matrix (or one shard), its size and the shard count. */
export function renderGithubOutput(plan: MatrixPlan, shardIndex = 0): string {
  const cells = plan.shards[shardIndex] ?? []
  return `${[`matrix=${renderMatrixJson(cells)}`, `count=${cells.length}`, `shards=${plan.shards.length}`, `refused=${plan.refusals.length}`].join('\n')}\n`
}

export function renderMatrix(plan: MatrixPlan, format: MatrixFormat, shardIndex = 0): string {
  const cells = plan.shards[shardIndex] ?? []
  switch (format) {
    case 'json':
      return `${JSON.stringify(matrixInclude(cells), null, 2)}\n`
    case 'yaml':
      return renderMatrixYaml(plan, cells)
    case 'github':
      return renderGithubOutput(plan, shardIndex)
  }
}
