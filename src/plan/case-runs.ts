/**
 * Which cases of the leaking test files are re-run alone to name the leaking test. Each file gets
 * up to `perFile` cases, so one large file cannot leave the others unattributed; `total` caps the
 * whole hunt. Files are served in the order given (regrtest's), each taking what is left.
 */
export function planCaseRuns(
  files: readonly { readonly name: string; readonly caseIds: readonly string[] }[],
  { perFile, total }: { readonly perFile: number; readonly total: number },
): { readonly name: string; readonly run: readonly string[]; readonly notRun: number }[] {
  let left = total
  return files.map(({ name, caseIds }) => {
    const run = caseIds.slice(0, Math.min(perFile, left))
    left -= run.length
    return { name, run, notRun: caseIds.length - run.length }
  })
}
