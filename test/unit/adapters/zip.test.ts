import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listZipEntries, readZipEntry } from '../../../src/adapters/zip.js'
import { REPO_ROOT } from '../../helpers/spawn.js'

// Real archives, written by Info-ZIP's `zip` (what people zip by hand) and by Python's zipfile;
// actions/upload-artifact's are deflated entries with data descriptors, as zipfile writes them.
const HAS_ZIP = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0
const REPORT = path.join(REPO_ROOT, 'test', 'golden', 'baseline', 'current', 'report.json')

let root: string
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pydebug-zip-'))
  mkdirSync(path.join(root, 'artifact', 'logs'), { recursive: true })
  writeFileSync(path.join(root, 'artifact', 'report.json'), readFileSync(REPORT))
  writeFileSync(path.join(root, 'artifact', 'logs', 'refleak.log'), 'test_leaky leaked [3, 3, 3] references, sum=9\n'.repeat(1000))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

function python(script: string, ...args: string[]) {
  const result = spawnSync('python3', ['-c', script, ...args], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(result.stderr)
}

describe('listZipEntries / readZipEntry on real archives', () => {
  it.skipIf(!HAS_ZIP).each([
    ['deflated', []],
    ['stored', ['-0']],
  ])('reads what zip wrote (%s)', async (_how, flags) => {
    const file = path.join(root, `zip-${flags.length}.zip`)
    expect(spawnSync('zip', ['-q', '-r', ...flags, file, '.'], { cwd: path.join(root, 'artifact') }).status).toBe(0)
    const entries = await listZipEntries(file)
    expect(entries.map((entry) => entry.name).sort()).toEqual(['logs/', 'logs/refleak.log', 'report.json'])
    const report = entries.find((entry) => entry.name === 'report.json')!
    expect(report.method).toBe(flags.length ? 0 : 8)
    expect(await readZipEntry(file, report, 1 << 20)).toEqual(readFileSync(REPORT))
  })

  it("reads what Python's zipfile wrote, streamed entries with data descriptors included", async () => {
    python(
      [
        'import io, zipfile',
        // Written to a stream it cannot seek back in: sizes and CRC follow each entry's data, as upload-artifact's zip stream writes them.
        'class Stream(io.RawIOBase):',
        "    def __init__(self): self.file = open('py.zip', 'wb')",
        '    def writable(self): return True',
        '    def write(self, data): return self.file.write(data)',
        '    def close(self): self.file.close()',
        'with Stream() as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:',
        "    archive.write('artifact/report.json', 'report.json')",
        "    archive.write('artifact/logs/refleak.log', 'logs/refleak.log')",
      ].join('\n'),
    )
    const file = path.join(root, 'py.zip')
    expect(readFileSync(file).readUInt16LE(6) & 0x8, 'general purpose flag bit 3: a data descriptor follows').toBe(0x8)
    const entries = await listZipEntries(file)
    expect(entries.map((entry) => entry.name)).toEqual(['report.json', 'logs/refleak.log'])
    expect(await readZipEntry(file, entries[0], 1 << 20)).toEqual(readFileSync(REPORT))
    expect((await readZipEntry(file, entries[1], 1 << 20)).toString()).toBe(readFileSync(path.join(root, 'artifact', 'logs', 'refleak.log'), 'utf8'))
  })

  it('reads a zip64 archive (more than 65,535 entries)', async () => {
    python(
      [
        'import zipfile',
        "with zipfile.ZipFile('many.zip', 'w', zipfile.ZIP_STORED) as archive:",
        '    for index in range(65537):',
        "        archive.writestr(f'f/{index}', b'')",
        "    archive.write('artifact/report.json', 'report.json')",
      ].join('\n'),
    )
    const file = path.join(root, 'many.zip')
    const entries = await listZipEntries(file)
    expect(entries).toHaveLength(65538)
    expect(await readZipEntry(file, entries.at(-1)!, 1 << 20)).toEqual(readFileSync(REPORT))
  }, 60_000)

  it('refuses what is not a zip, a damaged entry, and an entry over the limit, saying which', async () => {
    const notZip = path.join(root, 'not.zip')
    writeFileSync(notZip, 'PK but not really\n')
    await expect(listZipEntries(notZip)).rejects.toThrow('it is not a zip archive (no end of central directory record)')

    python("import zipfile\nwith zipfile.ZipFile('stored.zip', 'w') as archive: archive.write('artifact/report.json', 'report.json')")
    const file = path.join(root, 'stored.zip')
    const [entry] = await listZipEntries(file)
    const bytes = readFileSync(file)
    const damaged = path.join(root, 'damaged.zip')
    // One byte of the stored report flipped: only the CRC-32 can tell.
    const at = bytes.indexOf('"schema"')
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, at), Buffer.from('"schemb"'), bytes.subarray(at + 8)]))
    await expect(readZipEntry(damaged, entry, 1 << 20)).rejects.toThrow('report.json is damaged (its size or CRC-32 differs from the listing)')
    await expect(readZipEntry(file, entry, 100)).rejects.toThrow(`report.json is ${entry.size} bytes, more than the 100 read`)
  })
})
