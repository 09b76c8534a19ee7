/**
 * An action entry whose work fails in a way nothing catches: `tsx test/helpers/crashing-entry.ts
 * exception|rejection|clean`. The clean one leaves a timer running, as a keep-alive socket would.
 */
import { runActionEntry } from '../../src/adapters/action-entry.js'

const how = process.argv[2]
await runActionEntry(
  async () => {
    if (how === 'exception')
      setTimeout(() => {
        throw new Error('boom from a timer')
      }, 10)
    if (how === 'rejection') void Promise.reject(new Error('boom from a promise'))
    if (how === 'clean') setInterval(() => undefined, 60_000)
    await new Promise((resolve) => setTimeout(resolve, 200))
  },
  import.meta.url,
)
