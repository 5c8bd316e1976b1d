/**
 * The package folder as one .zip (fflate, streamed: one file chunk in memory at a time): entries under “<包名>/”,
 * UTF-8 names, PDFs stored as they are (already compressed), the text files deflated. Written to a temp file,
 * fsynced and renamed; nothing is left on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { fsyncDir, tempPathFor, writeAll } from '../files/atomicWrite';
import { writeFault } from '../platform/errors';
import { yieldToEventLoop } from '../platform/jobs';
import { cancelled } from '../volumes/render/render';

const CHUNK = 1 << 20;

export async function writeZip(
  dir: string,
  root: string,
  zipFile: string,
  o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
  const tmp = tempPathFor(zipFile);
  let fd: number | null = null;
  let failed: unknown = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    const out = fd;
    const zip = new Zip((err, chunk) => {
      if (failed) return;
      if (err) failed = err;
      else if (chunk.length) {
        try {
          writeAll(out, chunk);
        } catch (e) {
          failed = e;
        }
      }
    });
    const buf = Buffer.alloc(CHUNK);
    for (const [i, f] of files.entries()) {
      if (o.signal?.aborted) throw cancelled();
      const entry = f.endsWith('.pdf')
        ? new ZipPassThrough(`${root}/${f}`)
        : new ZipDeflate(`${root}/${f}`, { level: 6 });
      zip.add(entry);
      const src = fs.openSync(path.join(dir, ...f.split('/')), 'r');
      try {
        for (;;) {
          const n = fs.readSync(src, buf, 0, CHUNK, null);
          entry.push(buf.subarray(0, n), n < CHUNK);
          if (failed) throw failed;
          if (n < CHUNK) break;
        }
      } finally {
        fs.closeSync(src);
      }
      o.onProgress?.(i + 1, files.length);
      if (i % 10 === 9) await yieldToEventLoop();
    }
    zip.end();
    if (failed) throw failed;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, zipFile);
    fsyncDir(path.dirname(zipFile));
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw writeFault(e, zipFile);
  }
}
