/**
 * Files that interrupted operations leave behind: unfinished backups (*.tar.partial), restore staging folders and
 * marker temp files, the backup's temporary database copy, salvage temp files, half-written attachments (*.tmp)
 * and attachment files no record refers to (e.g. the stored copy of an import that was rolled back). `check`
 * lists them; `check --repair` removes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../platform/context';
import { MARKER, STAGING_PREFIX } from './restore';

export type LeftoverKind =
  | 'partial-backup'
  | 'restore-staging'
  | 'marker-temp'
  | 'backup-temp'
  | 'salvage-temp'
  | 'attachment-temp'
  | 'orphan-attachment';

export interface Leftover {
  kind: LeftoverKind;
  path: string;
}

export const LEFTOVER_LABELS: Record<LeftoverKind, string> = {
  'partial-backup': '未写完的备份文件（.tar.partial）',
  'restore-staging': '中断的恢复留下的临时文件夹（restore-staging-…）',
  'marker-temp': '中断的恢复留下的临时标记（pending-restore.json.tmp 或 .invalid）',
  'backup-temp': '备份时的临时数据库副本（tmp/backup-…）',
  'salvage-temp': '中断的修复留下的临时文件（salvage-…）',
  'attachment-temp': '附件库中未写完的临时文件',
  'orphan-attachment': '附件库中没有登记记录的文件（如撤销或失败的导入留下的原表副本）',
};

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Finds the leftovers. `referenced` is the set of attachment paths (relative to attachments/) the database
 * refers to; without it (the database cannot be read) no attachment is called an orphan.
 */
export function findLeftovers(
  dataDir: string,
  opts: { backupDirs?: string[]; referenced?: Set<string> | null } = {},
): Leftover[] {
  const p = dataPaths(dataDir);
  const out: Leftover[] = [];
  let pendingStaging: string | null = null;
  try {
    pendingStaging = path.resolve(
      (JSON.parse(fs.readFileSync(path.join(dataDir, MARKER), 'utf8')) as { staging: string }).staging,
    );
  } catch {
    pendingStaging = null;
  }
  for (const name of list(dataDir)) {
    const full = path.join(dataDir, name);
    if (name.startsWith(STAGING_PREFIX) && path.resolve(full) !== pendingStaging)
      out.push({ kind: 'restore-staging', path: full });
    else if (name === `${MARKER}.tmp` || name === `${MARKER}.invalid`) out.push({ kind: 'marker-temp', path: full });
    else if (name.startsWith('salvage-')) out.push({ kind: 'salvage-temp', path: full });
  }
  for (const name of list(p.tmpDir))
    if (/^backup-.*\.db(-wal|-shm|-journal)?$/.test(name))
      out.push({ kind: 'backup-temp', path: path.join(p.tmpDir, name) });
  const dirs = new Set(
    [p.backupsDir, path.join(p.backupsDir, '自动备份'), ...(opts.backupDirs ?? [])].map((d) => path.resolve(d)),
  );
  for (const dir of dirs)
    for (const name of list(dir))
      if (name.endsWith('.tar.partial')) out.push({ kind: 'partial-backup', path: path.join(dir, name) });
  if (fs.existsSync(p.attachmentsDir)) {
    for (const e of fs.readdirSync(p.attachmentsDir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const full = path.join(e.parentPath, e.name);
      if (e.name.endsWith('.tmp')) out.push({ kind: 'attachment-temp', path: full });
      else if (opts.referenced && !opts.referenced.has(path.relative(p.attachmentsDir, full)))
        out.push({ kind: 'orphan-attachment', path: full });
    }
  }
  return out;
}

/** Removes the leftovers; returns how many of each kind were removed. */
export function removeLeftovers(items: Leftover[]): Partial<Record<LeftoverKind, number>> {
  const done: Partial<Record<LeftoverKind, number>> = {};
  for (const l of items) {
    fs.rmSync(l.path, { recursive: true, force: true });
    done[l.kind] = (done[l.kind] ?? 0) + 1;
  }
  return done;
}

/** "restore-staging-…：2 个；…" for a report line. */
export function describeLeftovers(items: Leftover[]): string[] {
  const counts = new Map<LeftoverKind, number>();
  for (const l of items) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${LEFTOVER_LABELS[k]} ${n} 个`);
}
