/**
 * The one way user files are written (stored scans, exports, templates, printed forms, letters, registers): all
 * bytes or nothing. Writes a temp file in the destination folder, loops until writeSync has taken every byte,
 * fsyncs, renames over the destination and fsyncs the folder; on any failure the temp file is removed and the
 * error is a Chinese AppError naming the folder (disk full: with the space still needed).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { crashPoint } from '../platform/crash';
import { writeFault } from '../platform/errors';

const CHUNK = 1 << 20;

/** Temp name next to `dest` (same folder, so the rename is atomic): “<dest>.<pid>.<random>.tmp”. */
export function tempPathFor(dest: string): string {
  return `${dest}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
}

/** fs.writeSync's shape as used here (replaceable in tests, to simulate short writes). */
export type WriteFn = (fd: number, data: Uint8Array, offset: number, length: number) => number;

/** Writes every byte of `data` at the fd's position; a write that takes nothing is a full disk. */
export function writeAll(fd: number, data: Uint8Array, onHalf?: () => void, write: WriteFn = fs.writeSync): void {
  const half = data.length >> 1;
  let off = 0;
  let halfDone = half === 0;
  if (halfDone) onHalf?.();
  while (off < data.length) {
    const stop = halfDone ? data.length : half; // stop at the half once, for the crash-safety test's kill point
    const n = write(fd, data, off, Math.min(CHUNK, stop - off));
    if (n <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    off += n;
    if (!halfDone && off >= half) {
      halfDone = true;
      onHalf?.();
    }
  }
}

/** fsyncs a folder so a rename in it survives a power cut; not possible on Windows (and harmless to skip). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; some file systems refuse it: the rename is still done.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Writes `data` to `dest` atomically (see above). Throws an AppError (disk full, read-only, …) and leaves nothing. */
export function writeFileAtomic(dest: string, data: Uint8Array, opts: { write?: WriteFn } = {}): void {
  const abs = path.resolve(dest);
  const dir = path.dirname(abs);
  let tmp: string | null = null;
  let fd: number | null = null;
  let made: string | undefined;
  try {
    made = fs.mkdirSync(dir, { recursive: true });
    tmp = tempPathFor(abs);
    fd = fs.openSync(tmp, 'wx');
    writeAll(fd, data, () => crashPoint('attachment:half-written'), opts.write);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    crashPoint('attachment:before-rename');
    fs.renameSync(tmp, abs);
    tmp = null;
    fsyncDir(dir);
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    if (tmp !== null) fs.rmSync(tmp, { force: true });
    if (made !== undefined) removeEmptyDirs(dir, made);
    throw writeFault(e, abs, data.length);
  }
}

/** Removes the folders a failed write created (from `dir` up to `top`, the first one made), if still empty. */
function removeEmptyDirs(dir: string, top: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
    if (path.resolve(d) === path.resolve(top) || path.dirname(d) === d) return;
  }
}

/**
 * Watches a write stream from its creation: its 'error' is recorded (never an unhandled 'error' event that kills
 * the process) and turned into a Chinese AppError by check(). `estimate` gives the file's expected final size,
 * for the disk-full message.
 */
export class StreamGuard {
  private error: unknown = null;

  constructor(
    private readonly stream: Writable,
    private readonly file: string,
    private readonly estimate: () => number | undefined = () => undefined,
  ) {
    stream.on('error', (e) => {
      this.error ??= e;
    });
  }

  get failed(): boolean {
    return this.error !== null;
  }

  /** Throws the stream's error (as an AppError) if it has failed. */
  check(): void {
    if (this.error !== null) throw writeFault(this.error, this.file, this.estimate());
  }

  /** Waits until the stream can take more (or has failed): never hangs on a 'drain' that will not come. */
  async drain(): Promise<void> {
    if (this.error !== null || !this.stream.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }

  /** Waits for the stream to finish or fail, then throws its error (as an AppError) if any. */
  async finish(): Promise<void> {
    await finished(this.stream).catch((e: unknown) => {
      this.error ??= e;
    });
    this.check();
  }
}
