/**
 * Recovery mode: services that work on a data directory whose database will not open (no AppContext needed).
 * diagnose (diagnose.ts), the list of backups to restore from, restore from a chosen .tar; salvage (尝试修复) is in
 * salvage.ts.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { dataPaths } from '../platform/context';
import { createBackup, peekManifest, type BackupResult } from './backup';
import { diagnose, diagnosisError, type Diagnosis } from './diagnose';
import { applyPendingRestore, prepareRestore, writeMarker } from './restore';
import { withReadOnly } from './sqliteFiles';
import type { RecoveryOptions } from './recoveryTypes';

export { diagnose, type Diagnosis };
export { TABLE_LABELS, tableLabel, type RecoveryOptions } from './recoveryTypes';
export { salvage, type SalvageReport, type SalvageTable } from './salvage';

// Backups to restore from

export interface BackupListEntry {
  file: string;
  name: string;
  /** 自动备份, 恢复前的安全备份 or another backup found in the folders. */
  kind: 'auto' | 'safety' | 'other';
  createdAt: string;
  counts: Record<string, number>;
  bytes: number;
}

/** The automatic-backup folder chosen in 设置, read from the (possibly damaged) database when it still can be. */
function chosenAutoDir(dbFile: string): string | null {
  try {
    if (!fs.existsSync(dbFile)) return null;
    return withReadOnly(dbFile, (db) => {
      const r = db.prepare("select value from settings where key = 'autoBackupDir'").get() as
        { value: string } | undefined;
      return r?.value ? r.value : null;
    });
  } catch {
    return null;
  }
}

/**
 * The backups the clerk can restore from without looking for a file: the automatic backups (default folder and
 * the one chosen in 设置) and the safety backups in backups/, newest first, with date and counts from each
 * manifest. Archives whose manifest cannot be read are left out (restoring verifies every byte anyway).
 */
export function listBackups(dataDir: string, extraDirs: string[] = []): BackupListEntry[] {
  const p = dataPaths(dataDir);
  const dirs = [path.join(p.backupsDir, '自动备份'), p.backupsDir, chosenAutoDir(p.dbFile), ...extraDirs].filter(
    (d): d is string => !!d,
  );
  const seen = new Set<string>();
  const out: BackupListEntry[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.tar')) continue;
      const file = path.resolve(dir, name);
      if (seen.has(file)) continue;
      seen.add(file);
      const m = peekManifest(file);
      if (!m || typeof m.createdAt !== 'string') continue;
      out.push({
        file,
        name,
        kind: name.startsWith('自动备份') ? 'auto' : name.startsWith('恢复前的安全备份') ? 'safety' : 'other',
        createdAt: m.createdAt,
        counts: m.counts && typeof m.counts === 'object' ? m.counts : {},
        bytes: fs.statSync(file).size,
      });
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** "2024-06-01 10:00　隐患 1,234 条、明白书 56 份、单位 30 个" */
export function describeBackup(b: Pick<BackupListEntry, 'createdAt' | 'counts'>): string {
  const n = (k: string) => (b.counts[k] ?? 0).toLocaleString('en-US');
  return `${dayjs(b.createdAt).format('YYYY-MM-DD HH:mm')}　隐患 ${n('hazards')} 条、明白书 ${n('pledges')} 份、单位 ${n('units')} 个`;
}

// Restore without an open context

export interface OfflineRestoreResult {
  restoredFrom: string;
  createdAt: string;
  /** A .tar of the data before the restore, when the current database could still be read. */
  safetyBackup: string | null;
  /** Where the replaced database was kept (backups/被恢复替换的数据库_….db). */
  replaced: string | null;
  diagnosisBefore: Diagnosis['kind'];
}

/**
 * Restores a backup over the data directory whatever state its database is in (damaged, not a database,
 * missing). The backup is proven first (prepareRestore); only then is a safety backup taken (when the current
 * database can be read) and the swap done at once (nothing holds the database here). Another program's
 * database is refused: this is not its folder to overwrite.
 */
export async function restoreOffline(
  dataDir: string,
  file: string,
  opts: RecoveryOptions = {},
): Promise<OfflineRestoreResult> {
  const now = opts.now ?? (() => new Date());
  const before = diagnose(dataDir, { migrationsFolder: opts.migrationsFolder, nativeBinding: opts.nativeBinding });
  if (before.kind === 'foreign' || before.kind === 'unreadable-folder') throw diagnosisError(before);
  // A restore staged by the app but not yet applied would otherwise be applied over this one.
  applyPendingRestore(dataDir, now());
  const { staging, manifest } = prepareRestore(dataDir, file, { migrationsFolder: opts.migrationsFolder });
  const p = dataPaths(dataDir);
  let safety: BackupResult | null = null;
  try {
    if (before.kind === 'ok') {
      const db = new Database(p.dbFile, {
        fileMustExist: true,
        ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      });
      try {
        safety = await createBackup({ sqlite: db, dataDir, now }, p.backupsDir, { prefix: '恢复前的安全备份' });
      } finally {
        db.close();
      }
    }
    writeMarker(dataDir, { staging, from: file, safetyBackup: safety?.file ?? null, at: now().toISOString() });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (safety) fs.rmSync(safety.file, { force: true });
    throw e;
  }
  const applied = applyPendingRestore(dataDir, now());
  return {
    restoredFrom: file,
    createdAt: manifest.createdAt,
    safetyBackup: safety?.file ?? null,
    replaced: applied?.replaced ?? null,
    diagnosisBefore: before.kind,
  };
}
