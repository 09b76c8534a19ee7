// Prints "N passed, N failed" from vitest's JSON report: the closing line CI reads.
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.test-results/vitest.json'
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.log(`no test report at ${file}: ${error.message}`)
  console.log('0 passed, 1 failed')
  process.exit(0)
}
// A test file that fails to load has no failed test in it, but it is a failure all the same.
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length
const failed = report.numFailedTests + brokenFiles
const skipped = report.numPendingTests + (report.numTodoTests ?? 0)
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
