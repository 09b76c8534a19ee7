/**
 * Tar archives built byte by byte (ustar headers, pax and GNU long-name records), so tests can
 * hold members no well-behaved tar would write: absolute paths, `..` steps, links leading out.
 */
import { gzipSync } from 'node:zlib'

export type CraftedMember =
  | { readonly path: string; readonly type?: 'file'; readonly content?: string | Buffer; readonly mode?: number }
  | { readonly path: string; readonly type: 'directory' }
  | { readonly path: string; readonly type: 'symlink' | 'hardlink'; readonly target: string }
  | { readonly path: string; readonly type: 'fifo' }
  /** A pax extended header that sets the next member's path (and link target). */
  | { readonly path: string; readonly type: 'pax'; readonly paxPath?: string; readonly paxLinkPath?: string }
  /** A GNU long-name record (type L) for the next member. */
  | { readonly path: string; readonly type: 'gnu-long-name'; readonly longName: string }

const BLOCK = 512
const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', fifo: '6', directory: '5', pax: 'x', 'gnu-long-name': 'L' } as const

function header(name: string, typeFlag: string, size: number, linkName = '', mode = 0o644): Buffer {
  const block = Buffer.alloc(BLOCK)
  const put = (text: string, offset: number, length: number) => block.write(text.slice(0, length), offset, length, 'utf8')
  const octal = (value: number, offset: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length)
  put(name, 0, 100)
  octal(mode, 100, 8)
  octal(0, 108, 8)
  octal(0, 116, 8)
  octal(size, 124, 12)
  octal(1_700_000_000, 136, 12)
  block.fill(0x20, 148, 156)
  put(typeFlag, 156, 1)
  put(linkName, 157, 100)
  put('ustar\0', 257, 6)
  put('00', 263, 2)
  let sum = 0
  for (const byte of block) sum += byte
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8)
  return block
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)])
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`
  let length = body.length + 1
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length
  return `${length}${body}`
}

/** The archive's bytes, uncompressed. */
export function tarBytes(members: readonly CraftedMember[]): Buffer {
  const parts: Buffer[] = []
  for (const member of members) {
    if (member.type === 'symlink' || member.type === 'hardlink') {
      parts.push(header(member.path, TYPE_FLAGS[member.type], 0, member.target))
    } else if (member.type === 'pax') {
      const data = Buffer.from(
        `${member.paxPath === undefined ? '' : paxRecord('path', member.paxPath)}${member.paxLinkPath === undefined ? '' : paxRecord('linkpath', member.paxLinkPath)}`,
      )
      parts.push(header(member.path, 'x', data.length), padded(data))
    } else if (member.type === 'gnu-long-name') {
      const data = Buffer.from(`${member.longName}\0`)
      parts.push(header('././@LongLink', 'L', data.length), padded(data))
    } else if (member.type === 'directory' || member.type === 'fifo') {
      parts.push(header(member.path, TYPE_FLAGS[member.type], 0, '', 0o755))
    } else {
      const file = member as Extract<CraftedMember, { readonly content?: unknown }>
      const data = Buffer.from(file.content ?? '')
      parts.push(header(file.path, TYPE_FLAGS.file, data.length, '', file.mode ?? 0o644), padded(data))
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}

/** The archive gzip-compressed, as a .tgz. */
export function tgzBytes(members: readonly CraftedMember[]): Buffer {
  return gzipSync(tarBytes(members))
}
