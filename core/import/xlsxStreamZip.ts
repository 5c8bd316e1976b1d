/**
 * The parts of an .xlsx (a zip) without unpacking it: the central directory with each part's offset, method,
 * CRC and sizes, and each part inflated as a stream of chunks whose total may never exceed the size the
 * directory declared (checked against the import limits before anything is inflated) — a zip bomb that lies
 * about its sizes is stopped at the declared size. CRCs are checked, so damaged data is reported as damaged.
 */
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { checkZipLimits, IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';

export interface ZipPart {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Something this reader does not handle (the caller may fall back to another reader). */
export class XlsxUnsupported extends Error {
  constructor(what: string) {
    super(`xlsx: ${what}`);
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u64 = (buf: Buffer, at: number) => Number(buf.readBigUInt64LE(at));

/** The central directory, by part name; null when it cannot be read (damaged or cut off). */
export function zipParts(buf: Buffer): Map<string, ZipPart> | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = u64(buf, eocd - 20 + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) return null;
    count = u64(buf, at + 32);
    size = u64(buf, at + 40);
    offset = u64(buf, at + 48);
  }
  if (offset + size > buf.length) return null;
  const parts = new Map<string, ZipPart>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen > buf.length) return null;
    // Names are UTF-8 when flag bit 11 is set; the parts of an xlsx are ASCII either way.
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extra field (id 1): the 64-bit values, each present only if its 32-bit field is maxed.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          const stop = e + 4 + len;
          if (uncompressedSize === 0xffffffff && q + 8 <= stop) {
            uncompressedSize = u64(buf, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= stop) {
            compressedSize = u64(buf, q);
            q += 8;
          }
          if (localOffset === 0xffffffff && q + 8 <= stop) localOffset = u64(buf, q);
          break;
        }
        e += 4 + len;
      }
    }
    parts.set(name, { name, method, flags, crc, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** Reads parts of one zip, within the import limits. */
export class ZipReader {
  readonly parts: Map<string, ZipPart>;
  private readonly lower = new Map<string, ZipPart>();

  constructor(
    private readonly buf: Buffer,
    private readonly file: string,
    private readonly limits: ImportLimits = IMPORT_LIMITS,
  ) {
    const parts = zipParts(buf);
    if (!parts) throw fileErrors.damaged(file);
    // The same check the sniffer makes, here too for callers that come straight to the reader.
    checkZipLimits(file, [...parts.values()], limits);
    this.parts = parts;
    for (const p of parts.values()) this.lower.set(p.name.toLowerCase(), p);
  }

  /** A part by name (exact, else ignoring case as Windows tools sometimes write it). */
  get(name: string): ZipPart | undefined {
    return this.parts.get(name) ?? this.lower.get(name.toLowerCase());
  }

  private data(part: ZipPart): Buffer {
    const at = part.localOffset;
    if (at + 30 > this.buf.length || this.buf.readUInt32LE(at) !== LOCAL) throw fileErrors.damaged(this.file);
    if (part.flags & 1) throw fileErrors.encrypted(this.file);
    const start = at + 30 + this.buf.readUInt16LE(at + 26) + this.buf.readUInt16LE(at + 28);
    const end = start + part.compressedSize;
    if (end > this.buf.length) throw fileErrors.damaged(this.file);
    return this.buf.subarray(start, end);
  }

  private tooLarge(part: ZipPart): Error {
    return fileErrors.zipTooLarge(this.file, `中的“${part.name}”解压后超过声明的大小`);
  }

  /** Cap on what one part may inflate to: its declared size, never more than the limit for a part. */
  private cap(part: ZipPart): number {
    return Math.min(part.uncompressedSize, this.limits.maxPartBytes);
  }

  /** A small part, whole. */
  read(part: ZipPart): Buffer {
    const src = this.data(part);
    let out: Buffer;
    if (part.method === 0) out = src;
    else if (part.method === 8) {
      try {
        // One byte more than declared, so a part that inflates beyond its declared size is caught.
        out = zlib.inflateRawSync(src, { maxOutputLength: this.cap(part) + 1 });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw this.tooLarge(part);
        throw fileErrors.damaged(this.file);
      }
    } else throw new XlsxUnsupported(`compression method ${part.method} for ${part.name}`);
    if (out.length > this.cap(part)) throw this.tooLarge(part);
    this.verify(part, out.length, crcOf(out, 0));
    return out;
  }

  /** A large part as a stream of chunks (each a fresh Buffer), inflated as it is consumed. */
  async *chunks(part: ZipPart, chunkSize = 1 << 18): AsyncGenerator<Buffer> {
    const src = this.data(part);
    const cap = this.cap(part);
    let total = 0;
    let crc = 0;
    if (part.method === 0) {
      for (let i = 0; i < src.length; i += chunkSize) {
        const chunk = src.subarray(i, Math.min(src.length, i + chunkSize));
        total += chunk.length;
        if (total > cap) throw this.tooLarge(part);
        crc = crcOf(chunk, crc);
        yield chunk;
      }
    } else if (part.method === 8) {
      const inflate = zlib.createInflateRaw({ chunkSize });
      inflate.end(src);
      try {
        for await (const chunk of inflate as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > cap) throw this.tooLarge(part);
          crc = crcOf(chunk, crc);
          yield chunk;
        }
      } catch (e) {
        if (e instanceof AppError || e instanceof XlsxUnsupported) throw e;
        // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR …): the compressed data is damaged.
        if (String((e as { code?: unknown }).code ?? '').startsWith('Z_')) throw fileErrors.damaged(this.file);
        throw e;
      } finally {
        inflate.destroy();
      }
    } else throw new XlsxUnsupported(`compression method ${part.method} for ${part.name}`);
    this.verify(part, total, crc);
  }

  private verify(part: ZipPart, size: number, crc: number): void {
    if (size !== part.uncompressedSize) throw fileErrors.damaged(this.file);
    if (HAS_CRC && crc !== part.crc) throw fileErrors.damaged(this.file);
  }
}

/** zlib.crc32 (Node ≥ 20.15 / 22.2; Electron's Node has it); without it the CRC is not checked. */
const HAS_CRC = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
function crcOf(data: Buffer, prev: number): number {
  return HAS_CRC ? (zlib as unknown as { crc32(d: Buffer, v: number): number }).crc32(data, prev) : 0;
}
