import path from 'node:path'

/**
 * Reading the member list of a tar archive (ustar, pax and GNU headers) from its uncompressed bytes,
 * and deciding which members must not be unpacked. Pure: the bytes come from an adapter
 * (adapters/tar-listing.ts), which decompresses the tarball and feeds them in chunks.
 */

export type TarMemberType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'special'

export interface TarMember {
  /** The path as the archive has it, after pax `path` and GNU long names. */
  readonly path: string
  readonly type: TarMemberType
  /** The header's type flag, e.g. `0`, `2`, `5`. */
  readonly typeFlag: string
  /** Symbolic and hard links: what they point to (pax `linkpath` and GNU long link names applied). */
  readonly linkTarget?: string
}

const BLOCK = 512

/** Why the bytes are not a tar archive, or end too soon. */
export class TarFormatError extends Error {}

/**
 * A streaming reader of tar headers: `push` the archive's bytes in any chunks, get the members
 * whose headers are complete; `end` when the bytes end (an error if they end inside a member).
 */
export class TarHeaderReader {
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  /** Bytes of member data still to skip. */
  private skip = 0
  /** A pax or GNU long-name header whose data is being collected, and how many bytes it has (padded to blocks). */
  private collecting: { readonly flag: string; readonly size: number; readonly padded: number } | undefined
  private nextOverrides: { path?: string; linkTarget?: string } = {}
  private finished = false

  push(chunk: Uint8Array): TarMember[] {
    const members: TarMember[] = []
    let offset = 0
    while (offset < chunk.length && !this.finished) {
      if (this.skip > 0) {
        const step = Math.min(this.skip, chunk.length - offset)
        this.skip -= step
        offset += step
        continue
      }
      const wanted = this.collecting ? this.collecting.padded : BLOCK
      const step = Math.min(wanted - this.pendingBytes, chunk.length - offset)
      this.pending.push(chunk.subarray(offset, offset + step))
      this.pendingBytes += step
      offset += step
      if (this.pendingBytes < wanted) break
      const bytes = concat(this.pending, this.pendingBytes)
      this.pending = []
      this.pendingBytes = 0
      const member = this.collecting ? this.finishCollecting(bytes) : this.readHeader(bytes)
      if (member) members.push(member)
    }
    return members
  }

  end(): void {
    if (this.finished) return
    if (this.skip > 0 || this.collecting || this.pendingBytes > 0) throw new TarFormatError('the archive ends inside a member (truncated)')
    // Some writers omit the two zero blocks; an archive that ends on a member boundary is complete.
  }

  private readHeader(block: Uint8Array): TarMember | undefined {
    if (block.every((byte) => byte === 0)) {
      this.finished = true
      return undefined
    }
    if (!checksumMatches(block)) throw new TarFormatError('a header block has a wrong checksum: not a tar archive, or a damaged one')
    const typeFlag = block[156] === 0 ? '0' : String.fromCharCode(block[156])
    const size = readNumber(block, 124, 12)
    const padded = Math.ceil(size / BLOCK) * BLOCK
    if (typeFlag === 'x' || typeFlag === 'g' || typeFlag === 'L' || typeFlag === 'K') {
      if (size > 1024 * 1024) throw new TarFormatError(`a ${typeFlag} header of ${size} bytes is implausibly large`)
      if (padded === 0) return undefined
      this.collecting = { flag: typeFlag, size, padded }
      return undefined
    }
    const ustar = text(block, 257, 5) === 'ustar'
    const name = text(block, 0, 100)
    const prefix = ustar ? text(block, 345, 155) : ''
    const headerPath = prefix ? `${prefix}/${name}` : name
    const { path: overriddenPath, linkTarget: overriddenLink } = this.nextOverrides
    this.nextOverrides = {}
    const type = memberType(typeFlag)
    const linkName = text(block, 157, 100)
    // Links and directories carry no data; anything else (files, GNU sparse files, unknown types) does.
    this.skip = type === 'symlink' || type === 'hardlink' || type === 'directory' ? 0 : padded
    return {
      path: overriddenPath ?? headerPath,
      type,
      typeFlag,
      ...(type === 'symlink' || type === 'hardlink' ? { linkTarget: overriddenLink ?? linkName } : {}),
    }
  }

  private finishCollecting(bytes: Uint8Array): undefined {
    const { flag, size } = this.collecting!
    this.collecting = undefined
    const data = bytes.subarray(0, size)
    if (flag === 'L') this.nextOverrides.path = cString(data)
    else if (flag === 'K') this.nextOverrides.linkTarget = cString(data)
    else if (flag === 'x') {
      const records = parsePaxRecords(data)
      if (records.path !== undefined) this.nextOverrides.path = records.path
      if (records.linkpath !== undefined) this.nextOverrides.linkTarget = records.linkpath
    }
    // Global pax headers ('g') set defaults for every later member; none of the keys checked here is taken from them.
    return undefined
  }
}

/**
 * Why a member must not be unpacked into a fresh folder, or undefined when it may: an absolute
 * path, a `..` step, a link (symbolic or hard) that leads outside the folder, or a device or fifo.
 * Links are judged by their text; `findUnsafeMember` also refuses members placed under a link.
 */
export function unsafeMemberReason(member: TarMember): string | undefined {
  if (isAbsolute(member.path)) return 'an absolute path'
  if (member.path.split('/').includes('..')) return "a '..' step in its path"
  if (member.type === 'special') return `a device or fifo (type ${member.typeFlag})`
  if (member.type === 'symlink' || member.type === 'hardlink') {
    const kind = member.type === 'symlink' ? 'symbolic' : 'hard'
    const target = member.linkTarget ?? ''
    if (isAbsolute(target)) return `a ${kind} link to the absolute path ${target}`
    // A symbolic link resolves from its own folder, a hard link from the archive's root.
    const resolved = path.posix.normalize(member.type === 'symlink' ? path.posix.join(path.posix.dirname(member.path), target) : target)
    if (resolved === '..' || resolved.startsWith('../')) return `a ${kind} link to ${target}, outside the folder it unpacks into`
  }
  return undefined
}

/**
 * The first member that must not be unpacked, and why. Besides `unsafeMemberReason`, a member
 * placed under an earlier symbolic link is refused: the link's text is checked as if every step of
 * its own path were a folder, which a link on that path would make untrue (`s -> .` then
 * `s/t -> ..` points outside). CPython's tarballs place nothing under a link.
 */
export function findUnsafeMember(members: Iterable<TarMember>): { readonly member: TarMember; readonly reason: string } | undefined {
  const links: string[] = []
  for (const member of members) {
    const reason = unsafeMemberReason(member)
    if (reason) return { member, reason }
    const normalized = path.posix.normalize(member.path).replace(/\/+$/, '')
    const link = links.find((linkPath) => normalized.startsWith(`${linkPath}/`))
    if (link) return { member, reason: `a path under the symbolic link ${link}` }
    if (member.type === 'symlink') links.push(normalized)
  }
  return undefined
}

function isAbsolute(memberPath: string): boolean {
  return memberPath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(memberPath)
}

function memberType(flag: string): TarMemberType {
  switch (flag) {
    case '1':
      return 'hardlink'
    case '2':
      return 'symlink'
    case '5':
      return 'directory'
    case '3':
    case '4':
    case '6':
      return 'special'
    default:
      return 'file'
  }
}

function checksumMatches(block: Uint8Array): boolean {
  let sum = 0
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 0x20 : block[index]
  const recorded = readOctal(block, 148, 8)
  return recorded === sum
}

/** A numeric field: octal text, or GNU's base-256 (high bit of the first byte set) for large values. */
function readNumber(block: Uint8Array, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    let value = block[offset] & 0x7f
    for (let index = offset + 1; index < offset + length; index++) value = value * 256 + block[index]
    return value
  }
  return readOctal(block, offset, length)
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const digits = text(block, offset, length).trim()
  if (digits !== '' && !/^[0-7]+$/.test(digits)) throw new TarFormatError(`a header field holds '${digits}' where an octal number belongs: not a tar archive`)
  return digits === '' ? 0 : parseInt(digits, 8)
}

function text(block: Uint8Array, offset: number, length: number): string {
  return cString(block.subarray(offset, offset + length))
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0)
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8')
}

/** pax records: `<length> <key>=<value>\n`, the length counting the whole record. */
function parsePaxRecords(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {}
  const buffer = Buffer.from(data)
  let offset = 0
  while (offset < buffer.length) {
    const space = buffer.indexOf(0x20, offset)
    if (space === -1) break
    const length = Number(buffer.subarray(offset, space).toString('ascii'))
    if (!Number.isInteger(length) || length <= space - offset) throw new TarFormatError('a pax header record is malformed')
    const record = buffer.subarray(space + 1, offset + length - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (equals !== -1) records[record.slice(0, equals)] = record.slice(equals + 1)
    offset += length
  }
  return records
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]
  const joined = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}
