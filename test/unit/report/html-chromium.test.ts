/**
 * report.html as a reader sees it: rendered by Debian's chromium, headless, from a file:// URL
 * (no network), after its inline script ran. CI installs chromium (.ci/run); a machine without it
 * skips these tests and says so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtmlReport } from '../../../src/report/html-report.js'
import { spawnAsync } from '../../helpers/spawn.js'
import { reportCase } from './report-cases.js'

const CHROMIUM = '/usr/bin/chromium'
const installed = existsSync(CHROMIUM)

/** Chromium's own arguments for one headless run: a profile folder of this test's own, so runs never share one. */
function chromium(profile: string, ...args: string[]) {
  return spawnAsync([CHROMIUM, '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, ...args])
}

/** The rows of a table of the dumped page, each as its cells' text. */
function tableRows(dom: string, id: string): string[][] {
  const start = dom.indexOf(`<table id="${id}"`)
  const body = dom.slice(dom.indexOf('<tbody>', start), dom.indexOf('</tbody>', start))
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => cell[1].replace(/<[^>]+>/g, '')))
}

describe.skipIf(!installed)(
  installed
    ? 'report.html in headless Chromium'
    : `report.html in headless Chromium: skipped, ${CHROMIUM} is not installed (bash scripts/install-build-deps.sh chromium)`,
  () => {
    let folder: string
    let page: string
    let html: string
    beforeAll(() => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'pydebug-html-'))
      html = renderHtmlReport(reportCase('leaky-cp311-pydebug'))
      page = path.join(folder, 'report.html')
      writeFileSync(page, html)
    })
    afterAll(() => rmSync(folder, { recursive: true, force: true }))

    it('after the script ran: every table sortable, the findings sorted by the column the address names, the leaking tests and their charts on the page', async () => {
      const headers = html.slice(html.indexOf('<table id="findings"'), html.indexOf('</thead>', html.indexOf('<table id="findings"')))
      const sumColumn = [...headers.matchAll(/<th[^>]*>(.*?)<\/th>/g)].findIndex((header) => header[1] === 'Sum')
      expect(sumColumn).toBeGreaterThan(0)
      const url = `${pathToFileURL(page).href}#sort=findings:${sumColumn}:desc`
      const { code, stdout } = await chromium(path.join(folder, 'profile-dom'), '--dump-dom', url)
      expect(code).toBe(0)
      const sortable = html.match(/class="sortable"/g)!.length
      expect(stdout).toContain(`data-sortable-tables="${sortable}"`)
      expect(stdout.match(/data-sortable="ready"/g)).toHaveLength(sortable)
      // The script turned each header into a button and marked the sorted column.
      expect(stdout).toMatch(/<th class="number" scope="col" aria-sort="descending"><button type="button">Sum<\/button><\/th>/)
      // Sorted by the sum, largest first: the block leak (86), the reference leak (9), then the crash, which has no sum.
      expect(tableRows(stdout, 'findings').map((row) => [row[1], row[sumColumn]])).toEqual([
        ['test_leaky.LeakyTests.test_leak_blocks', '86'],
        ['test_leaky.LeakyTests.test_leak_refs', '9'],
        ['test_overrun', ''],
      ])
      expect(tableRows(stdout, 'leaking-tests').map((row) => row[0])).toEqual([
        'test_leaky.LeakyTests.test_leak_refs',
        'test_leaky.LeakyTests.test_leak_blocks',
      ])
      expect(stdout.match(/<svg class="leak-chart"/g)).toHaveLength(2)
    }, 120_000)

    it('takes a screenshot at 1280×2000 (a person looks at it when the report changes)', async () => {
      const screenshot = path.join(folder, 'report.png')
      const { code } = await chromium(
        path.join(folder, 'profile-png'),
        `--screenshot=${screenshot}`,
        '--window-size=1280,2000',
        '--hide-scrollbars',
        pathToFileURL(page).href,
      )
      expect(code).toBe(0)
      const png = readFileSync(screenshot)
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
      // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 2000])
    }, 120_000)
  },
)
