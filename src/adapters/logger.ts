/** Progress messages for people; the CLI writes them to stderr, the action to the workflow log. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  /** Runs `body` inside a collapsible group where the host supports one. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>
}

export function createStreamLogger(write: (text: string) => void): Logger {
  return {
    info: (message) => write(`${message}\n`),
    warning: (message) => write(`warning: ${message}\n`),
    group: async (title, body) => {
      write(`==> ${title}\n`)
      return body()
    },
  }
}
