// Bundles each entry point into dist/<entry>/index.js (ESM, node24 runtime, Node 20 compatible code).
// Usage: node scripts/build-dist.mjs [outdir]   (a test builds into a temp dir and compares with dist/)
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist'))

export const ENTRIES = {
  main: 'src/entry/action-main.ts',
  post: 'src/entry/action-post.ts',
  cli: 'src/entry/cli.ts',
  matrix: 'src/entry/matrix-action.ts',
  report: 'src/entry/report-action.ts',
}

await rm(outdir, { recursive: true, force: true })
for (const [name, entry] of Object.entries(ENTRIES)) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(outdir, name, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS dependencies (inside @actions/*) call require() for node builtins.
    banner: { js: "import { createRequire as __pydebugCreateRequire } from 'node:module';\nconst require = __pydebugCreateRequire(import.meta.url);" },
  })
}
