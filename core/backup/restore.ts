import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';
import { dataPaths } from '../dataPaths';
import { validation } from '../errors';
import { createBackup, verifyBackup, type BackupResult } from './backup';
import { readTarEntry } from './tar';

const MARKER = 'pending-restore.json';

interface PendingRestore {
  staging: string;
  from: string;
  safetyBackup: string;
  at: string;
}

function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    /* not supported on every platform (Windows) */
  }
}

/**
 * Step 1 of a restore, with the current data still open: verifies the archive, takes a safety backup of the
 * current data, extracts the archive into a staging folder and leaves a marker. The swap happens the next time
 * the data directory is opened (applyPendingRestore), when nothing holds the database.
 */
export async function stageRestore(ctx: AppContext, file: string): Promise<{ safety: BackupResult; staging: string }> {
  const { manifest, entries } = verifyBackup(file);
  const p = dataPaths(ctx.dataDir);
  const safety = await createBackup(ctx, p.backupsDir, { prefix: '恢复前的安全备份' });
  const staging = path.join(ctx.dataDir, `restore-staging-${Date.now()}`);
  fs.mkdirSync(staging, { recursive: true });
  for (const f of manifest.files) {
    if (f.path.includes('..') || path.isAbsolute(f.path)) throw validation(`备份中的路径不安全：${f.path}`);
    const dest = path.join(staging, f.path);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const fd = fs.openSync(dest, 'w');
    try {
      readTarEntry(file, entries.get(f.path)!, (b) => fs.writeSync(fd, b));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  const marker: PendingRestore = { staging, from: file, safetyBackup: safety.file, at: ctx.now().toISOString() };
  const tmp = path.join(ctx.dataDir, `${MARKER}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(marker, null, 2));
  fs.renameSync(tmp, path.join(ctx.dataDir, MARKER));
  fsyncDir(ctx.dataDir);
  return { safety, staging };
}

/**
 * Step 2, before the database is opened: swaps the staged database in and adds the staged attachments.
 * Idempotent, so a crash half-way is finished by the next start. Returns what was restored, or null.
 */
export function applyPendingRestore(dataDir: string): PendingRestore | null {
  const markerFile = path.join(dataDir, MARKER);
  if (!fs.existsSync(markerFile)) return null;
  const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as PendingRestore;
  const p = dataPaths(dataDir);
  const stagedDb = path.join(marker.staging, 'anwei.db');
  if (fs.existsSync(stagedDb)) {
    fs.mkdirSync(p.backupsDir, { recursive: true });
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${p.dbFile}${suffix}`, { force: true });
    if (fs.existsSync(p.dbFile)) fs.renameSync(p.dbFile, path.join(p.backupsDir, `被恢复替换的数据库-${Date.now()}.db`));
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
  return marker;
}
