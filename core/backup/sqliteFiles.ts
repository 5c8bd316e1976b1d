/** Small helpers for looking at SQLite files without leaving anything behind. */
import Database from 'better-sqlite3';
import fs from 'node:fs';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's 16-byte header. */
export function hasSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    const n = fs.readSync(fd, b, 0, 16, 0);
    return n === 16 && b.equals(HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** The -wal/-shm files of a database. */
export const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`];

/**
 * Opens a database read-only for `fn`, then removes the -wal/-shm files the read-only connection created
 * (SQLite leaves them behind for a WAL-mode file): looking at a file changes nothing on disk.
 */
export function withReadOnly<T>(
  file: string,
  fn: (db: Database.Database) => T,
  opts: { nativeBinding?: string } = {},
): T {
  const before = new Set(sidecars(file).filter((f) => fs.existsSync(f)));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    return fn(db);
  } finally {
    try {
      db?.close();
    } catch {
      /* closing a damaged database can fail; nothing to keep */
    }
    for (const f of sidecars(file)) if (!before.has(f)) fs.rmSync(f, { force: true });
  }
}

/** SQLite's error code of an exception (SQLITE_CORRUPT, SQLITE_NOTADB, …), or ''. */
export function sqliteCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

/** fsync of a folder, so renames in it survive a power cut (not supported on Windows: ignored). */
export function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not supported on every platform */
  }
}

/** Flushes a finished file to disk. */
export function fsyncFile(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
