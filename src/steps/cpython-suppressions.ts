import path from 'node:path'
import { ensureDir, pathExists, tryCopyFile, writeFileAtomic } from '../adapters/files.js'
import type { CellPlan } from '../plan/cell.js'
import type { SourceSpec } from '../plan/source.js'
import type { CpythonSuppressions, InterpreterInstall } from '../report/step-results.js'
import { sourceTarballPath } from './build-python.js'
import { logPath, type StepContext } from './context.js'

/** A suppression file of CPython's own source tree, for one tool. */
export interface CpythonSuppressionFile {
  /** Its path in the source tree: `Misc/valgrind-python.supp`, `Tools/tsan/suppressions.txt`. */
  readonly member: string
  /** Where it is kept, relative to the interpreter's prefix. */
  readonly kept: string
  /** Text every real copy holds, so an empty or wrong extraction is not taken for it. */
  readonly marker: string
  /** The tool, for the log folder and the messages. */
  readonly tool: string
}

/**
 * The file kept with the interpreter; for a build made before it was kept, read from the source
 * tarball when that is on this machine (gzip or xz: tar reads either) and kept with the interpreter
 * from then on; else none, and the report says so. The suppressions must be the interpreter's own
 * version's: they name CPython's functions, which change between releases.
 */
export async function cpythonSuppressions(
  context: StepContext,
  cell: CellPlan,
  interpreter: Pick<InterpreterInstall, 'prefix'>,
  source: SourceSpec,
  file: CpythonSuppressionFile,
): Promise<CpythonSuppressions> {
  const kept = path.join(interpreter.prefix, file.kept)
  if (await pathExists(kept)) return { file: kept, origin: 'install' }
  if (source.kind === 'tree') {
    const inTree = path.join(source.path, file.member)
    await ensureDir(path.dirname(kept))
    if (await tryCopyFile(inTree, kept)) return { file: kept, origin: 'source-tree', note: `read from ${inTree} and kept with the interpreter from now on` }
    const note = `${source.path} has no ${file.member}: ${file.tool} ran without CPython's suppressions: what they would hide is counted with CPython's own reports`
    context.log.warning(note)
    return { origin: 'none', note }
  }
  const tarball = sourceTarballPath(context, cell, source)
  if (await pathExists(tarball)) {
    const result = await context.runner.run({
      argv: ['tar', '-xf', tarball, '--wildcards', '-O', `*/${file.member}`],
      cwd: context.outDir,
      logPath: logPath(context, file.tool, 'suppressions-from-source.log'),
      captureStdout: true,
    })
    if (result.exitCode === 0 && result.stdout.includes(file.marker)) {
      await ensureDir(path.dirname(kept))
      await writeFileAtomic(kept, result.stdout)
      return {
        file: kept,
        origin: 'source-tarball',
        note: `this interpreter was built before pydebug kept ${file.member} with it: read from ${path.basename(tarball)} and kept from now on`,
      }
    }
  }
  const note = `this interpreter was built before pydebug kept ${file.member} with it, and the source tarball is not on this machine: ${file.tool} ran without CPython's suppressions: what they would hide is counted with CPython's own reports (delete the cached interpreter, or give the source tarball with --source, to have them)`
  context.log.warning(note)
  return { origin: 'none', note }
}
