import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/dataPaths';
import { AppError, fileInvalid } from '../platform/errors';
import { listTar, readTarEntry, TarWriter, type TarEntry } from './tar';
import { APP_VERSION } from '../platform/version';
import { crashPoint } from '../platform/crash';
import { storeRelativePath } from '../attachments/service';
import { hasSqliteHeader, sidecars, sqliteCode, withReadOnly } from './sqliteFiles';

/** The database being backed up is damaged: no backup of it is taken (it would not restore). */
const damagedSource = (why: string) =>
  new AppError(
    'DAMAGED',
    `数据库已损坏（完整性检查未通过：${why.slice(0, 200)}），备份已中止，不会生成不能用的备份。请从以前的备份恢复，或在启动时选择“尝试修复”（命令行 recover）`,
  );
import { findMigrationsFolder, schemaState } from '../../db/open';

export const BACKUP_FORMAT = 'anwei-backup';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  appVersion: string;
  createdAt: string;
  /** The last migration applied to the backed-up database. */
  schema: string | null;
  counts: Record<string, number>;
  files: { path: string; sha256: string; size: number }[];
  /** Attachments that were missing or damaged when the backup was taken. */
  problems: string[];
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  bytes: number;
  ms: number;
}

const COUNTED = ['units', 'notices', 'pledges', 'hazards', 'return_submissions', 'attachments', 'audit_log'];

export function countsOf(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) {
    try {
      out[t] = (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
    } catch {
      out[t] = 0; // table not in this (older) schema
    }
  }
  return out;
}

function lastMigration(db: Database.Database): string | null {
  try {
    const r = db.prepare('select hash, created_at from __drizzle_migrations order by created_at desc limit 1').get() as
      { created_at: number } | undefined;
    return r ? String(r.created_at) : null;
  } catch {
    return null;
  }
}

export function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    let pos = 0;
    while ((n = fs.readSync(fd, buf, 0, buf.length, pos)) > 0) {
      h.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * One archive file (.tar) holding a consistent copy of the database (SQLite online backup), every attachment
 * and a manifest of SHA-256 sums. Written to a .partial file, verified by reading it back, then renamed:
 * an interrupted backup never looks like a good one.
 */
export async function createBackup(
  ctx: Pick<AppContext, 'sqlite' | 'dataDir' | 'now'>,
  destDir: string,
  opts: { prefix?: string } = {},
): Promise<BackupResult> {
  const t0 = Date.now();
  fs.mkdirSync(destDir, { recursive: true });
  const stamp = dayjs(ctx.now()).format('YYYYMMDD-HHmmss');
  const final = uniquePath(path.join(destDir, `${opts.prefix ?? '安委台账备份'}_${stamp}.tar`));
  const partial = `${final}.partial`;
  const tmpDb = path.join(dataPaths(ctx.dataDir).tmpDir, `backup-${process.pid}-${Date.now()}.db`);
  fs.mkdirSync(path.dirname(tmpDb), { recursive: true });
  const tar = new TarWriter(partial);
  try {
    try {
      await ctx.sqlite.backup(tmpDb);
    } catch (e) {
      if (sqliteCode(e) === 'SQLITE_CORRUPT' || sqliteCode(e) === 'SQLITE_NOTADB')
        throw damagedSource(String((e as Error).message));
      throw e;
    }
    // The copy keeps the source's WAL mode in its header; a rollback-journal copy opens read-only without
    // creating -wal/-shm files next to it, and restores as one self-contained file.
    const rw = new Database(tmpDb);
    try {
      rw.pragma('journal_mode = DELETE');
    } finally {
      rw.close();
    }
    const copy = new Database(tmpDb, { readonly: true });
    let counts: Record<string, number>;
    let schema: string | null;
    let rows: { sha256: string; mime: string }[];
    try {
      const ok = copy.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw damagedSource(String(ok));
      counts = countsOf(copy);
      schema = lastMigration(copy);
      rows = copy.prepare('select sha256, mime from attachments order by id').all() as {
        sha256: string;
        mime: string;
      }[];
    } finally {
      copy.close();
    }
    const files: BackupManifest['files'] = [];
    const problems: string[] = [];
    const dbHash = crypto.createHash('sha256');
    const dbSize = tar.addFile('anwei.db', tmpDb, ctx.now(), (b) => dbHash.update(b));
    files.push({ path: 'anwei.db', sha256: dbHash.digest('hex'), size: dbSize });
    crashPoint('backup:mid-archive');
    const store = dataPaths(ctx.dataDir).attachmentsDir;
    for (const r of rows) {
      const rel = `attachments/${storeRelativePath(r).split(path.sep).join('/')}`;
      const src = path.join(store, storeRelativePath(r));
      if (!fs.existsSync(src)) {
        problems.push(`附件文件缺失：${rel}`);
        continue;
      }
      const h = crypto.createHash('sha256');
      const size = tar.addFile(rel, src, ctx.now(), (b) => h.update(b));
      const sum = h.digest('hex');
      if (sum !== r.sha256) problems.push(`附件文件内容与登记不符（已损坏）：${rel}`);
      files.push({ path: rel, sha256: sum, size });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      appVersion: APP_VERSION,
      createdAt: ctx.now().toISOString(),
      schema,
      counts,
      files,
      problems,
    };
    tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), ctx.now());
    tar.finish();
    verifyBackup(partial);
    crashPoint('backup:before-rename');
    fs.renameSync(partial, final);
    return { file: final, manifest, bytes: fs.statSync(final).size, ms: Date.now() - t0 };
  } catch (e) {
    tar.abort();
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    for (const f of [tmpDb, ...sidecars(tmpDb), `${tmpDb}-journal`]) fs.rmSync(f, { force: true });
  }
}

function uniquePath(p: string): string {
  if (!fs.existsSync(p)) return p;
  const ext = path.extname(p);
  for (let i = 2; ; i++) {
    const q = `${p.slice(0, -ext.length)}_${i}${ext}`;
    if (!fs.existsSync(q)) return q;
  }
}

export interface VerifiedBackup {
  manifest: BackupManifest;
  entries: Map<string, TarEntry>;
}

/** Reads a backup archive and checks every file against the manifest; a damaged archive is refused in Chinese. */
export function verifyBackup(file: string): VerifiedBackup {
  const name = path.basename(file);
  const bad = (why: string) => fileInvalid(`备份文件“${name}”${why}，不能用于恢复。请换用其他备份文件`);
  if (!fs.existsSync(file)) throw fileInvalid(`找不到备份文件“${name}”`);
  let entries: TarEntry[];
  try {
    entries = listTar(file);
  } catch {
    throw bad('已损坏或不完整（不是有效的备份归档）');
  }
  const map = new Map(entries.map((e) => [e.name, e]));
  const m = map.get('manifest.json');
  if (!m) throw bad('缺少清单（manifest.json）');
  const manifest = readManifest(file, m, bad);
  if (manifest.format !== BACKUP_FORMAT) throw bad('不是安委台账的备份');
  if (typeof manifest.formatVersion !== 'number') throw bad('的清单不完整');
  if (manifest.formatVersion > 1) throw fileInvalid(`备份文件“${name}”由更新版本的程序生成，请先升级本程序`);
  if (!Array.isArray(manifest.files) || !manifest.files.every(isFileEntry)) throw bad('的清单不完整');
  for (const f of manifest.files) if (!isSafeEntryPath(f.path)) throw bad(`中有不安全的路径“${f.path.slice(0, 100)}”`);
  if (!manifest.files.some((f) => f.path === 'anwei.db')) throw bad('中没有数据库');
  for (const f of manifest.files) {
    const e = map.get(f.path);
    if (!e) throw bad(`缺少文件 ${f.path}`);
    if (e.size !== f.size) throw bad(`中的 ${f.path} 大小不符`);
    const h = crypto.createHash('sha256');
    readTarEntry(file, e, (b) => h.update(b));
    if (h.digest('hex') !== f.sha256) throw bad(`中的 ${f.path} 校验和不符（已损坏）`);
  }
  return { manifest, entries: map };
}

const isFileEntry = (f: unknown): f is BackupManifest['files'][number] =>
  typeof f === 'object' &&
  f !== null &&
  typeof (f as { path?: unknown }).path === 'string' &&
  typeof (f as { sha256?: unknown }).sha256 === 'string' &&
  Number.isSafeInteger((f as { size?: unknown }).size);

/** Only the database and content-addressed attachments, as written by createBackup: nothing lands elsewhere. */
export function isSafeEntryPath(p: string): boolean {
  return p === 'anwei.db' || /^attachments\/[0-9a-f]{2}\/[0-9a-f]{64}(\.[a-z0-9]{1,8})?$/.test(p);
}

function readManifest(file: string, m: TarEntry, bad: (why: string) => AppError): BackupManifest {
  if (m.size > 64 << 20) throw bad('的清单过大');
  let parsed: unknown;
  try {
    const chunks: Buffer[] = [];
    readTarEntry(file, m, (b) => chunks.push(Buffer.from(b)));
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw bad('的清单无法读取');
  }
  // JSON `null`, a number or an array is not a manifest.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('的清单无法读取');
  return parsed as BackupManifest;
}

/** Reads only the manifest (no hashing): for listing backups with their date and counts. Null when unreadable. */
export function peekManifest(file: string): BackupManifest | null {
  try {
    const m = listTar(file).find((e) => e.name === 'manifest.json');
    if (!m) return null;
    const manifest = readManifest(file, m, () => fileInvalid(''));
    return manifest.format === BACKUP_FORMAT ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * The staged database of a backup proves itself before anything is replaced: it is an SQLite file, passes
 * integrity_check, and holds this app's schema at a version this app can migrate. Leaves no file behind.
 */
export function proveDatabase(dbFile: string, backupName: string, opts: { migrationsFolder?: string } = {}): void {
  const bad = (why: string) =>
    fileInvalid(`备份文件“${backupName}”中的数据库${why}，不能用于恢复，当前数据未作任何改动。请换用其他备份文件`);
  if (!hasSqliteHeader(dbFile)) throw bad('不是有效的数据库文件');
  const folder = opts.migrationsFolder ?? findMigrationsFolder();
  let verdict: AppError | null = null;
  try {
    verdict = withReadOnly(dbFile, (db) => {
      const ok = db.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') return bad('已损坏（完整性检查未通过）');
      const state = schemaState(db, folder);
      if (state.kind === 'newer')
        return fileInvalid(
          `备份文件“${backupName}”来自更新版本的安委台账，本程序无法恢复，当前数据未作任何改动。请先升级本程序`,
        );
      if (state.kind !== 'ours') return bad('不是安委台账的数据');
      return null;
    });
  } catch {
    throw bad('已损坏，无法读取');
  }
  if (verdict) throw verdict;
}

/** What a backup holds, for the clerk to confirm before restoring. */
export function backupInfo(file: string) {
  const { manifest } = verifyBackup(file);
  return {
    file,
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    counts: manifest.counts,
    attachments: manifest.files.length - 1,
    bytes: fs.statSync(file).size,
    problems: manifest.problems,
  };
}
