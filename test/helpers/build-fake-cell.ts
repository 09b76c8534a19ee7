/**
 * One run of the real build step on the fake CPython tarball, as its own process: `tsx
 * test/helpers/build-fake-cell.ts <tarball> <cache folder> <out folder>`. Prints one JSON line:
 * where the interpreter came from and what the run logged.
 */
import { createStreamLogger } from '../../src/adapters/logger.js'
import { ensureInterpreter } from '../../src/steps/build-python.js'
import { createStepContext } from '../../src/steps/context.js'
import { FAKE_CELL } from './fake-cpython.js'

const [tarball, cacheDir, outDir] = process.argv.slice(2)
const messages: string[] = []
const context = await createStepContext({ cacheDir, outDir }, { env: process.env, workspace: outDir, log: createStreamLogger((text) => messages.push(text)) })
const install = await ensureInterpreter(context, FAKE_CELL, { kind: 'file', path: tarball }, { jobs: 1, keepBuildTree: false })
process.stdout.write(`${JSON.stringify({ cacheHit: install.cacheHit, prefix: install.prefix, messages })}\n`)
