#!/usr/bin/env node
// The CLI runs from the committed bundle, like the action: no build step for users.
const { main } = await import('../dist/cli/index.js')
await main()
