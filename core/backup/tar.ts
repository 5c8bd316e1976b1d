/**
 * A minimal POSIX ustar writer and reader: backups are plain .tar files any archive tool can open.
 * Streams file contents, so a backup of gigabytes of scans never sits in memory.
 */
import fs from 'node:fs';

const BLOCK = 512;

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const nameBuf = Buffer.from(name, 'utf8');
  if (nameBuf.length > 100) throw new Error(`tar: name too long: ${name}`);
  nameBuf.copy(h, 0);
  h.write('0000644\0', 100, 'latin1'); // mode
  h.write('0000000\0', 108, 'latin1'); // uid
  h.write('0000000\0', 116, 'latin1'); // gid
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'latin1',
  );
  h.write('        ', 148, 'latin1'); // checksum placeholder
  h.write('0', 156, 'latin1'); // regular file
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** writeSync may write fewer bytes than asked (nearly full disk): loop until all are written or it throws. */
function writeAll(fd: number, b: Buffer, off = 0, len = b.length - off): void {
  let done = 0;
  while (done < len) {
    const n = fs.writeSync(fd, b, off + done, len - done);
    if (n <= 0) throw Object.assign(new Error('tar: write made no progress'), { code: 'ENOSPC' });
    done += n;
  }
}

export class TarWriter {
  private fd: number;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  addBuffer(name: string, data: Buffer, mtime = new Date()): void {
    writeAll(this.fd, header(name, data.length, mtime));
    writeAll(this.fd, data);
    this.pad(data.length);
  }

  /** Copies a file in chunks; returns its size. `onChunk` sees every chunk (for hashing while copying). */
  addFile(name: string, src: string, mtime = new Date(), onChunk?: (b: Buffer) => void): number {
    const size = fs.statSync(src).size;
    writeAll(this.fd, header(name, size, mtime));
    const buf = Buffer.alloc(1 << 20);
    const fd = fs.openSync(src, 'r');
    try {
      let pos = 0;
      while (pos < size) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
        if (n <= 0) throw new Error(`tar: short read of ${src}`);
        writeAll(this.fd, buf, 0, n);
        onChunk?.(buf.subarray(0, n));
        pos += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.pad(size);
    return size;
  }

  private pad(size: number) {
    const rest = size % BLOCK;
    if (rest) writeAll(this.fd, Buffer.alloc(BLOCK - rest, 0));
  }

  /** Ends the archive (two zero blocks) and flushes it to disk. */
  finish(): void {
    writeAll(this.fd, Buffer.alloc(BLOCK * 2, 0));
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Byte offset of the entry's data in the archive. */
  offset: number;
}

/** Lists the entries of a tar file, checking every header's checksum. Throws on a damaged archive. */
export function listTar(file: string): TarEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total) throw new Error('tar: truncated');
      fs.readSync(fd, h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return entries;
      const stored = parseInt(h.toString('latin1', 148, 156).replace(/\0.*$/, '').trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (sum !== stored) throw new Error('tar: bad header checksum');
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(h.toString('latin1', 124, 136).replace(/\0.*$/, '').trim(), 8);
      if (!Number.isFinite(size) || size < 0) throw new Error('tar: bad size');
      const offset = pos + BLOCK;
      if (offset + size > total) throw new Error('tar: truncated');
      entries.push({ name, size, offset });
      pos = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Streams an entry's bytes to a callback in chunks. */
export function readTarEntry(file: string, e: TarEntry, onChunk: (b: Buffer) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let done = 0;
    while (done < e.size) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, e.size - done), e.offset + done);
      if (n <= 0) throw new Error('tar: short read');
      onChunk(buf.subarray(0, n));
      done += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}
