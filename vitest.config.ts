import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // .ci/run reads the JSON file to print its closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          // Faults injected for real (issue 15): concurrent builds, damaged caches, killed runs.
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 40 * 60_000,
          hookTimeout: 40 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
