/**
 * How messages name an option, as the user typed it: a flag on the command line, an input in a
 * workflow's `with:`. One place, so every message from either surface reads the same.
 */
export const flagName = (name: string): string => `--${name}`
export const inputName = (name: string): string => `input '${name}'`

/** Where options come from: how messages name them, and the folder relative paths start from. */
export interface OptionSource {
  readonly nameOf: (name: string) => string
  readonly cwd: string
  /** That folder in words, for a file that is not there. */
  readonly cwdMeaning: string
}

export const commandLineSource = (cwd: string): OptionSource => ({ nameOf: flagName, cwd, cwdMeaning: 'the working directory' })

// An action reads the workspace as the job left it: a missing file most often means no checkout.
export const actionInputSource = (workspace: string): OptionSource => ({
  nameOf: inputName,
  cwd: workspace,
  cwdMeaning: 'the workspace (check out the repository before this step)',
})
