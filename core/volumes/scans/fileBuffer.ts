import fs from 'node:fs';

/**
 * Reads whole files into one reused buffer. Binding hundreds of scans reads each file twice (checked, then drawn);
 * a fresh Buffer per file lives outside the JS heap until a garbage collection happens to notice it, so the
 * export's memory grew by tens of MB with the number of scans. What `read` returns is valid until the next `read`
 * on the same reader: use it for bytes that are consumed (or copied) before then.
 */
export class FileBuffer {
  private buf = Buffer.alloc(0);

  async read(file: string): Promise<Buffer> {
    const fh = await fs.promises.open(file, 'r');
    try {
      const { size } = await fh.stat();
      if (size > this.buf.length)
        this.buf = Buffer.allocUnsafe(Math.max(size, Math.ceil(this.buf.length * 1.5), 1 << 20));
      let off = 0;
      while (off < size) {
        const { bytesRead } = await fh.read(this.buf, off, size - off, off);
        if (!bytesRead) break;
        off += bytesRead;
      }
      return this.buf.subarray(0, off);
    } finally {
      await fh.close();
    }
  }
}
