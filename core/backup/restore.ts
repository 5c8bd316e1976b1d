import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/dataPaths';
import { createBackup, proveDatabase, verifyBackup, type BackupManifest, type BackupResult } from './backup';
import { fsyncDir, sidecars } from './sqliteFiles';
import { isAppError } from '../platform/errors';
import { readTarEntry } from './tar';

export const MARKER = 'pending-restore.json';
export const STAGING_PREFIX = 'restore-staging-';

export interface PendingRestore {
  staging: string;
  from: string;
  /** Null when the current database could not be read (it is then kept aside as it is). */
  safetyBackup: string | null;
  at: string;
}

export interface PreparedRestore {
  staging: string;
  manifest: BackupManifest;
}

/**
 * Extracts a backup into a staging folder of the data directory and proves it (archive hashes, then the
 * database: integrity_check and this app's schema). Touches nothing else; on any refusal the staging folder
 * (and the data directory itself, when this made it) is removed, so the data directory is exactly as before.
 */
export function prepareRestore(
  dataDir: string,
  file: string,
  opts: { migrationsFolder?: string } = {},
): PreparedRestore {
  const { manifest, entries } = verifyBackup(file);
  const madeDir = !fs.existsSync(dataDir);
  const staging = path.join(dataDir, `${STAGING_PREFIX}${Date.now()}-${process.pid}`);
  try {
    fs.mkdirSync(staging, { recursive: true });
    const extract = (rel: string) => {
      const dest = path.join(staging, ...rel.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const fd = fs.openSync(dest, 'w');
      try {
        readTarEntry(file, entries.get(rel)!, (b) => {
          let off = 0;
          while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off);
        });
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    };
    extract('anwei.db');
    proveDatabase(path.join(staging, 'anwei.db'), path.basename(file), opts);
    for (const f of manifest.files) if (f.path !== 'anwei.db') extract(f.path);
    return { staging, manifest };
  } catch (e) {
    fs.rmSync(madeDir ? dataDir : staging, { recursive: true, force: true });
    throw e;
  }
}

/** Leaves the marker that makes the next open finish the restore (written to a temp file, then renamed). */
export function writeMarker(dataDir: string, marker: PendingRestore): void {
  const tmp = path.join(dataDir, `${MARKER}.tmp`);
  try {
    fs.writeFileSync(tmp, JSON.stringify(marker, null, 2));
    fs.renameSync(tmp, path.join(dataDir, MARKER));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dataDir);
}

/**
 * Step 1 of a restore, with the current data still open: proves the archive, then (only then) takes a safety
 * backup of the current data and leaves a marker. The swap happens the next time the data directory is opened
 * (applyPendingRestore), when nothing holds the database. On failure nothing is left behind.
 */
export async function stageRestore(
  ctx: AppContext,
  file: string,
): Promise<{ safety: BackupResult | null; staging: string }> {
  const { staging } = prepareRestore(ctx.dataDir, file);
  let safety: BackupResult | null = null;
  try {
    try {
      safety = await createBackup(ctx, dataPaths(ctx.dataDir).backupsDir, { prefix: '恢复前的安全备份' });
    } catch (e) {
      // A damaged database cannot be backed up; it is kept aside as it is when the restore is applied.
      if (!(isAppError(e) && e.code === 'DAMAGED')) throw e;
    }
    writeMarker(ctx.dataDir, { staging, from: file, safetyBackup: safety?.file ?? null, at: ctx.now().toISOString() });
    return { safety, staging };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    const made = safety as BackupResult | null;
    if (made) fs.rmSync(made.file, { force: true });
    throw e;
  }
}

/** Where a database that a restore or a repair replaces is kept: backups/<label>_<time>.db (with its -wal). */
export function keepAside(dataDir: string, label: string, now: Date): string | null {
  const p = dataPaths(dataDir);
  if (!fs.existsSync(p.dbFile)) return null;
  fs.mkdirSync(p.backupsDir, { recursive: true });
  const stamp = dayjs(now).format('YYYYMMDD-HHmmss');
  let kept = path.join(p.backupsDir, `${label}_${stamp}.db`);
  for (let i = 2; fs.existsSync(kept); i++) kept = path.join(p.backupsDir, `${label}_${stamp}_${i}.db`);
  // The -wal may hold the last committed changes: it moves with the file (SQLite reads the pair together).
  if (fs.existsSync(`${p.dbFile}-wal`)) fs.renameSync(`${p.dbFile}-wal`, `${kept}-wal`);
  fs.rmSync(`${p.dbFile}-shm`, { force: true });
  fs.renameSync(p.dbFile, kept);
  return kept;
}

function readMarker(dataDir: string, file: string): PendingRestore | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as PendingRestore;
    const staging = path.resolve(String(m?.staging));
    if (path.dirname(staging) !== path.resolve(dataDir) || !path.basename(staging).startsWith(STAGING_PREFIX))
      return null;
    return { ...m, staging };
  } catch {
    return null;
  }
}

/**
 * Step 2, before the database is opened: swaps the staged database in (the replaced one is kept in backups/)
 * and adds the staged attachments. Idempotent, so a crash half-way is finished by the next start. Returns what
 * was restored, or null.
 */
export function applyPendingRestore(
  dataDir: string,
  now = new Date(),
): (PendingRestore & { replaced: string | null }) | null {
  const markerFile = path.join(dataDir, MARKER);
  if (!fs.existsSync(markerFile)) return null;
  const marker = readMarker(dataDir, markerFile);
  if (!marker) {
    // Unreadable, or pointing outside this data directory: no restore to finish. The current data stays; the
    // staging folder (if any) is a leftover for check --repair.
    fs.renameSync(markerFile, `${markerFile}.invalid`);
    return null;
  }
  const p = dataPaths(dataDir);
  const stagedDb = path.join(marker.staging, 'anwei.db');
  let replaced: string | null = null;
  if (fs.existsSync(stagedDb)) {
    replaced = keepAside(dataDir, '被恢复替换的数据库', now);
    for (const f of sidecars(p.dbFile)) fs.rmSync(f, { force: true });
    fs.renameSync(stagedDb, p.dbFile);
  }
  const stagedAtt = path.join(marker.staging, 'attachments');
  if (fs.existsSync(stagedAtt)) {
    for (const entry of fs.readdirSync(stagedAtt, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const src = path.join(entry.parentPath, entry.name);
      const dest = path.join(p.attachmentsDir, path.relative(stagedAtt, src));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (!fs.existsSync(dest)) fs.renameSync(src, dest);
    }
  }
  fsyncDir(dataDir);
  fs.rmSync(markerFile, { force: true });
  fs.rmSync(marker.staging, { recursive: true, force: true });
  return { ...marker, replaced };
}
