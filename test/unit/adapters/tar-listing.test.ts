import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { listTarMembers } from '../../../src/adapters/tar-listing.js'
import { findUnsafeMember } from '../../../src/plan/tar-members.js'
import { spawnAsync } from '../../helpers/spawn.js'
import { tarBytes, tgzBytes, type CraftedMember } from '../../helpers/tar-builder.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'pydebug-tar-listing-'))
let count = 0
const written = (bytes: Buffer, name = 'crafted.tgz') => {
  const file = path.join(dir, `${count++}-${name}`)
  writeFileSync(file, bytes)
  return file
}
const verdict = async (members: readonly CraftedMember[]) => {
  const found = findUnsafeMember(await listTarMembers(written(tgzBytes(members))))
  return found && `${found.member.path}: ${found.reason}`
}
const configure: CraftedMember = { path: 'Python-3.11.2/configure', content: '#!/bin/sh\n', mode: 0o755 }

// Real archive bytes through the real reader: what `tar -x` would be asked to write is refused first.
describe('listing a tarball and refusing members that would land outside the folder', () => {
  it('accepts a source tree with folders, files and links that stay inside', async () => {
    expect(
      await verdict([
        { path: 'Python-3.11.2/', type: 'directory' },
        configure,
        { path: 'Python-3.11.2/Lib/os.py', content: 'import sys\n' },
        { path: 'Python-3.11.2/Lib/alias.py', type: 'symlink', target: 'os.py' },
        { path: 'Python-3.11.2/Doc/up.txt', type: 'symlink', target: '../Lib/os.py' },
        { path: 'Python-3.11.2/Lib/copy.py', type: 'hardlink', target: 'Python-3.11.2/Lib/os.py' },
      ]),
    ).toBeUndefined()
  })

  it.each<[string, CraftedMember[], string]>([
    ['an absolute path', [configure, { path: '/tmp/pydebug-evil', content: 'x' }], '/tmp/pydebug-evil: an absolute path'],
    ['a .. step', [configure, { path: 'Python-3.11.2/../../evil', content: 'x' }], "Python-3.11.2/../../evil: a '..' step in its path"],
    [
      'a symbolic link to an absolute path',
      [configure, { path: 'Python-3.11.2/etc', type: 'symlink', target: '/etc' }],
      'Python-3.11.2/etc: a symbolic link to the absolute path /etc',
    ],
    [
      'a symbolic link climbing out',
      [configure, { path: 'Python-3.11.2/Lib/up', type: 'symlink', target: '../../..' }],
      'Python-3.11.2/Lib/up: a symbolic link to ../../.., outside the folder it unpacks into',
    ],
    [
      'a hard link climbing out',
      [configure, { path: 'Python-3.11.2/passwd', type: 'hardlink', target: '../etc/passwd' }],
      'Python-3.11.2/passwd: a hard link to ../etc/passwd, outside the folder it unpacks into',
    ],
    [
      'a pax path with a .. step',
      [configure, { path: 'PaxHeader/x', type: 'pax', paxPath: 'Python-3.11.2/../../evil' }, { path: 'Python-3.11.2/harmless', content: 'x' }],
      "Python-3.11.2/../../evil: a '..' step in its path",
    ],
    [
      'a pax link path leading out',
      [configure, { path: 'PaxHeader/x', type: 'pax', paxLinkPath: '/etc/shadow' }, { path: 'Python-3.11.2/shadow', type: 'symlink', target: 'harmless' }],
      'Python-3.11.2/shadow: a symbolic link to the absolute path /etc/shadow',
    ],
    [
      'a GNU long name with a .. step',
      [
        configure,
        {
          path: '',
          type: 'gnu-long-name',
          longName: `Python-3.11.2/${'deep/'.repeat(30)}../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../evil`,
        },
        { path: 'Python-3.11.2/short', content: 'x' },
      ],
      "a '..' step in its path",
    ],
    [
      'a member under a link (s -> . then s/t -> ..)',
      [configure, { path: 'Python-3.11.2/s', type: 'symlink', target: '.' }, { path: 'Python-3.11.2/s/t', type: 'symlink', target: '..' }],
      'Python-3.11.2/s/t: a path under the symbolic link Python-3.11.2/s',
    ],
    ['a fifo', [configure, { path: 'Python-3.11.2/pipe', type: 'fifo' }], 'Python-3.11.2/pipe: a device or fifo (type 6)'],
  ])('refuses %s', async (_, members, expected) => {
    expect(await verdict(members)).toContain(expected)
  })

  it('reads plain (uncompressed) archives too, and says when a file is no archive', async () => {
    const plain = written(tarBytes([configure, { path: 'Python-3.11.2/../evil', content: 'x' }]), 'plain.tar')
    expect(findUnsafeMember(await listTarMembers(plain))?.member.path).toBe('Python-3.11.2/../evil')
    await expect(listTarMembers(written(Buffer.from('this is not gzip data'), 'not-a-tarball.tgz'))).rejects.toThrow(/not a tar archive pydebug can read/)
    // gzip of something that is not a tar archive: its first block is no header.
    await expect(listTarMembers(written(gzipSync(Buffer.alloc(4096, 0x41)), 'gzip-of-text.tgz'))).rejects.toThrow(/not a tar archive/)
  })

  it('says when an archive ends inside a member (truncated)', async () => {
    const whole = tarBytes([configure, { path: 'Python-3.11.2/big', content: Buffer.alloc(10_000, 1) }])
    await expect(listTarMembers(written(whole.subarray(0, 3000), 'cut.tar'))).rejects.toThrow(/ends inside a member/)
  })

  // What a real tar writes, links included: the reader understands GNU tar's own output.
  it('refuses a link out in an archive made by tar itself, gzip and xz alike', async () => {
    const tree = path.join(dir, 'tar-made', 'Python-3.11.2')
    mkdirSync(tree, { recursive: true })
    writeFileSync(path.join(tree, 'configure'), '#!/bin/sh\n')
    symlinkSync('/etc', path.join(tree, 'etc'))
    for (const [flag, name] of [
      ['-czf', 'made.tgz'],
      ['-cJf', 'made.tar.xz'],
    ] as const) {
      const archive = path.join(dir, name)
      expect((await spawnAsync(['tar', flag, archive, '-C', path.dirname(tree), 'Python-3.11.2'])).code).toBe(0)
      const unsafe = findUnsafeMember(await listTarMembers(archive))
      expect(unsafe && `${unsafe.member.path}: ${unsafe.reason}`).toBe('Python-3.11.2/etc: a symbolic link to the absolute path /etc')
    }
  })

  // The tarballs the e2e tests build from, when this machine has them: real CPython sources pass.
  const sources = path.join(os.homedir(), '.cache', 'pydebug-ci-sources')
  it.runIf(existsSync(path.join(sources, 'python3.11_3.11.2.orig.tar.gz')) && existsSync(path.join(sources, 'python3.13_3.13.5.orig.tar.xz')))(
    "passes CPython 3.11.2's and 3.13.5's source tarballs (gzip and xz), all their members read",
    async () => {
      for (const [file, version, atLeast] of [
        ['python3.11_3.11.2.orig.tar.gz', '3.11.2', 4000],
        ['python3.13_3.13.5.orig.tar.xz', '3.13.5', 4000],
      ] as const) {
        const members = await listTarMembers(path.join(sources, file))
        expect(members.length).toBeGreaterThan(atLeast)
        expect(members.every((member) => member.path.startsWith(`Python-${version}/`))).toBe(true)
        expect(members.some((member) => member.path === `Python-${version}/configure`)).toBe(true)
        expect(findUnsafeMember(members)).toBeUndefined()
      }
    },
    60_000,
  )
})
