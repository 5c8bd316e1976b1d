/**
 * The parts of an .xlsx (a zip) without unpacking it: the central directory with each part's offset, method,
 * CRC and sizes, and each part inflated as a stream of chunks whose total may never exceed the size the
 * directory declared (checked against the import limits before anything is inflated) — a zip bomb that lies
 * about its sizes is stopped at the declared size. CRCs are checked, so damaged data is reported as damaged.
 */
import zlib from 'node:zlib';
import { AppError } from '../../platform/errors';
import { checkZipLimits, IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';
import { zipParts, type ZipPart } from './zipDirectory';

export { zipParts, type ZipPart } from './zipDirectory';

/** Something this reader does not handle (the caller may fall back to another reader). */
export class XlsxUnsupported extends Error {
  constructor(what: string) {
    super(`xlsx: ${what}`);
  }
}

const LOCAL = 0x04034b50;

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
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
          throw this.tooLarge(part);
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

/**
 * Inflates every part once, keeping nothing: proves that no part inflates beyond the size the directory declares
 * (and that every CRC is right) before the whole file is handed to a library that inflates without limits
 * (exceljs' full reader, SheetJS). A part that lies about its size is refused here, never inflated to its end.
 */
export async function verifyZipParts(buf: Buffer, file: string, limits: ImportLimits = IMPORT_LIMITS): Promise<void> {
  const zip = new ZipReader(buf, file, limits);
  try {
    for (const part of zip.parts.values()) {
      if (part.name.endsWith('/') && part.uncompressedSize === 0) continue; // a folder entry
      for await (const chunk of zip.chunks(part)) void chunk;
    }
  } catch (e) {
    if (e instanceof XlsxUnsupported) throw fileErrors.damaged(file);
    throw e;
  }
}
