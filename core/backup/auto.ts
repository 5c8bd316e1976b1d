import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { createBackup, type BackupResult } from './backup';

const PREFIX = '自动备份';

function listAuto(dir: string): { file: string; at: dayjs.Dayjs }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => ({ f, m: /^自动备份_(\d{8})-(\d{6})(?:_\d+)?\.tar$/.exec(f) }))
    .filter((x) => x.m)
    .map((x) => ({ file: path.join(dir, x.f), at: dayjs(`${x.m![1]}T${x.m![2]}`, 'YYYYMMDDTHHmmss') }))
    .sort((a, b) => b.at.valueOf() - a.at.valueOf());
}

/** Which automatic backups to keep: the newest `keep`, plus the newest of each month for the last 12 months. */
export function backupsToPrune(files: { file: string; at: dayjs.Dayjs }[], now: Date, keep = 10): string[] {
  const keepSet = new Set(files.slice(0, keep).map((f) => f.file));
  const yearAgo = dayjs(now).subtract(12, 'month');
  const months = new Set<string>();
  for (const f of files) {
    const m = f.at.format('YYYY-MM');
    if (f.at.isAfter(yearAgo) && !months.has(m)) {
      months.add(m);
      keepSet.add(f.file);
    }
  }
  return files.filter((f) => !keepSet.has(f.file)).map((f) => f.file);
}

/**
 * The rolling automatic backup (on exit, at most once a day): writes one when the last is older than
 * `minHours`, then prunes.
 */
export async function autoBackup(
  ctx: AppContext,
  dir: string,
  opts: { minHours?: number; keep?: number } = {},
): Promise<BackupResult | null> {
  const existing = listAuto(dir);
  const last = existing[0];
  if (last && dayjs(ctx.now()).diff(last.at, 'hour', true) < (opts.minHours ?? 24)) return null;
  // Leftovers of a backup interrupted by a crash are never finished backups: remove them.
  if (fs.existsSync(dir))
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.tar.partial')) fs.rmSync(path.join(dir, f), { force: true });
  const r = await createBackup(ctx, dir, { prefix: PREFIX });
  for (const f of backupsToPrune(listAuto(dir), ctx.now(), opts.keep)) fs.rmSync(f, { force: true });
  return r;
}
