/** Making damaged databases and hostile backups for the recovery tests, and snapshots of a data directory. */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TarWriter } from '../../core/backup/tar';

export const PAGE = 4096;

/** Zeroes `count` pages starting at page `first` (1-based page numbers as SQLite counts them). */
export function zeroPages(file: string, first: number, count: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(count * PAGE, 0), 0, count * PAGE, (first - 1) * PAGE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Overwrites a few bytes at several offsets with fixed "random" bytes. */
export function scribble(file: string, offsets: number[]): void {
  const fd = fs.openSync(file, 'r+');
  try {
    for (const o of offsets) fs.writeSync(fd, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x13, 0x37, 0x42, 0x99]), 0, 8, o);
  } finally {
    fs.closeSync(fd);
  }
}

/** Pages that hold a table's rows (its b-tree), from SQLite's dbstat view when available, else null. */
export function pagesOf(file: string, table: string): number[] | null {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare("select pageno from dbstat where name = ? and pagetype = 'leaf' order by pageno").all(table) as {
        pageno: number;
      }[]
    ).map((r) => r.pageno);
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Another program's SQLite database: a table of its own, some rows. */
export function foreignDb(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.exec(
    'create table customers (id integer primary key, name text); create table orders (id integer primary key, customer_id int, total real)',
  );
  const ins = db.prepare('insert into customers (name) values (?)');
  for (let i = 0; i < 50; i++) ins.run(`客户${i}`);
  db.close();
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * A backup archive with the given files and a manifest whose hashes match them (so only the deeper checks can
 * refuse it). `manifest` replaces the manifest's JSON text entirely when given.
 */
export function craftBackup(
  out: string,
  files: { path: string; data: Buffer }[],
  opts: { manifest?: string } = {},
): string {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tar = new TarWriter(out);
  for (const f of files) tar.addBuffer(f.path, f.data);
  const manifest =
    opts.manifest ??
    JSON.stringify({
      format: 'anwei-backup',
      formatVersion: 1,
      appVersion: '0.1.0',
      createdAt: '2024-06-01T02:00:00.000Z',
      schema: null,
      counts: {},
      files: files.map((f) => ({ path: f.path, sha256: sha256(f.data), size: f.data.length })),
      problems: [],
    });
  tar.addBuffer('manifest.json', Buffer.from(manifest, 'utf8'));
  tar.finish();
  return out;
}

/** Every file and folder under `dir` with its SHA-256 (folders as "dir"): equal snapshots = nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full);
    out[rel] = e.isDirectory() ? 'dir' : sha256(fs.readFileSync(full));
  }
  return out;
}
