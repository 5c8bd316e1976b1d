/**
 * A minimal zip writer for the OFD container, entry by entry as they come: each entry deflated whole with
 * node's zlib (or stored), its local header carrying CRC-32 and sizes, the central directory at the end. UTF-8
 * names, DOS times from the document date, no zip64 (an entry or the archive over 4 GB is refused).
 *
 * (fflate's streaming ZipDeflate was used first; it wrote a corrupt deflate stream for a small font subset —
 * “invalid distance too far back” — so the container is written here with zlib, whose output is well tested.)
 */
import zlib from 'node:zlib';

export type ZipSink = (chunk: Uint8Array, final: boolean) => void;

interface Entry {
  name: Buffer;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

const LIMIT = 0xffffffff;

function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private entries: Entry[] = [];
  private offset = 0;
  private readonly dos: { time: number; date: number };

  constructor(
    private readonly sink: ZipSink,
    date: Date,
  ) {
    this.dos = dosTime(date);
  }

  private emit(b: Uint8Array, final = false) {
    this.offset += b.length;
    if (this.offset > LIMIT) throw new Error('OFD 文件超过 4 GB，无法写入');
    this.sink(b, final);
  }

  /** Adds an entry, deflated (level 6) or stored. */
  add(name: string, data: Uint8Array, compress: boolean): void {
    const body = compress ? zlib.deflateRawSync(data, { level: 6 }) : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const e: Entry = {
      name: nameBuf,
      method: compress ? 8 : 0,
      crc: zlib.crc32(data) >>> 0,
      csize: body.length,
      usize: data.length,
      offset: this.offset,
    };
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(this.dos.time, 10);
    h.writeUInt16LE(this.dos.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.csize, 18);
    h.writeUInt32LE(e.usize, 22);
    h.writeUInt16LE(nameBuf.length, 26);
    h.writeUInt16LE(0, 28);
    this.emit(Buffer.concat([h, nameBuf]));
    this.emit(body);
    this.entries.push(e);
  }

  /** Writes the central directory and the end record. */
  end(): void {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(e.method, 10);
      c.writeUInt16LE(this.dos.time, 12);
      c.writeUInt16LE(this.dos.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.csize, 20);
      c.writeUInt32LE(e.usize, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      parts.push(c, e.name);
    }
    const dir = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    this.emit(dir);
    this.emit(end, true);
  }
}
