import path from 'node:path'
import { TEST_COMMAND_NAME } from '../plan/test-command.js'
import { FINDING_KINDS } from './finding-kinds.js'
import type { Finding } from './model.js'

/** GitHub shows at most 10 error annotations per step (the REST checks docs): the rest are counted, and the summary has them all. */
export const MAX_ERROR_ANNOTATIONS = 10

/** One `::error` as the Actions toolkit takes it: the message, and where in the repository it points. */
export interface Annotation {
  readonly message: string
  readonly title: string
  /** Relative to the workspace; absent when the finding points at no file of the repository. */
  readonly file?: string
  readonly startLine?: number
}

export interface AnnotationPaths {
  readonly workspace: string
  /** The regrtest tests folder: a finding's test `test_x` is `<testsDir>/test_x.py`. */
  readonly testsDir?: string
  /** The project pytest ran in: a finding's test `tests/test_x.py` (a pytest file, as its node ids name it) is relative to it. */
  readonly projectDir?: string
}

/**
 * The findings as annotations, most serious first, at most `max`: each points at its C or Python
 * line when it has one, else at its test file; `omitted` counts the rest.
 */
export function annotationsOf(
  findings: readonly Finding[],
  paths: AnnotationPaths,
  max = MAX_ERROR_ANNOTATIONS,
): { annotations: Annotation[]; omitted: number } {
  const annotations = findings.slice(0, max).map((finding): Annotation => {
    // Its own line when that is in the repository (a project outside it, built elsewhere, is not), else its test file.
    const line = finding.file ? inWorkspace(path.resolve(paths.workspace, finding.file), paths.workspace) : undefined
    const file = line ?? testFileOf(finding, paths)
    const owner = finding.case ?? finding.test
    return {
      message: finding.message,
      title: `pydebug: ${FINDING_KINDS[finding.kind].label}${owner ? ` in ${owner}` : ''}`,
      ...(file ? { file } : {}),
      ...(line && finding.line ? { startLine: finding.line } : {}),
    }
  })
  return { annotations, omitted: Math.max(0, findings.length - max) }
}

/** The test file a finding names, in the repository: none for CPython's own tests (not in the workspace) or the test command as a whole. */
function testFileOf(finding: Finding, paths: AnnotationPaths): string | undefined {
  const test = finding.test
  if (!test || finding.pass === 'cpython-tests' || test === TEST_COMMAND_NAME) return undefined
  const file = test.endsWith('.py')
    ? paths.projectDir
      ? path.join(paths.projectDir, test)
      : undefined
    : paths.testsDir
      ? path.join(paths.testsDir, `${test}.py`)
      : undefined
  return file ? inWorkspace(file, paths.workspace) : undefined
}

/** A path relative to the workspace, or nothing when it lies outside (GitHub cannot show it). */
function inWorkspace(file: string, workspace: string): string | undefined {
  const relative = path.relative(workspace, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/')
}
