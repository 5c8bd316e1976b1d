/**
 * Refuse absurd inputs before any heavy work: the file size, and for .xlsx the sizes the zip's central
 * directory declares (a "zip bomb" inflates a few KB into GBs). Only the central directory is read here.
 */
import { fileErrors } from './messages';

export interface ImportLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxPartBytes: number;
  maxZipEntries: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxPartBytes: 500 * 1024 * 1024,
  maxZipEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export function checkFileSize(file: string, bytes: number, limits: ImportLimits = IMPORT_LIMITS): void {
  if (bytes === 0) throw fileErrors.empty(file);
  if (bytes > limits.maxFileBytes) throw fileErrors.tooLarge(file, bytes, limits.maxFileBytes);
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;

function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

/** The zip's central directory; null when it cannot be found or is cut off (a damaged/truncated file). */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
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
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) return null;
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff) {
      // ZIP64 extra field (id 1): the 64-bit sizes, uncompressed first, each present only if its 32-bit field is maxed.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
            uncompressedSize = u64(buf, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) compressedSize = u64(buf, q);
          break;
        }
        e += 4 + len;
      }
    }
    entries.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Throws FILE_INVALID when the declared sizes are absurd. */
export function checkZipLimits(file: string, entries: ZipEntry[], limits: ImportLimits = IMPORT_LIMITS): void {
  if (entries.length > limits.maxZipEntries) throw fileErrors.zipTooLarge(file, `包含 ${entries.length} 个内部文件`);
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxPartBytes) {
      throw fileErrors.zipTooLarge(file, `中的“${e.name}”解压后有 ${Math.round(e.uncompressedSize / 1024 / 1024)} MB`);
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes) {
    throw fileErrors.zipTooLarge(file, `解压后共 ${Math.round(total / 1024 / 1024)} MB`);
  }
}
