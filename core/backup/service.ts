import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { backupInfo, createBackup } from './backup';
import { checkData, cleanLeftovers } from './check';
import { stageRestore } from './restore';
import { dataPaths, type AppContext } from '../platform/context';
import { validation } from '../platform/errors';
import { rebuildHazardIndex } from '../hazards/searchIndex';
import { getSettings, updateSettings } from '../settings/service';
import { mutate } from '../platform/mutation';

/** Where the automatic backups go: the folder chosen in 设置, else <data>/backups/自动备份. */
export function autoBackupDir(ctx: AppContext): string {
  return getSettings(ctx).autoBackupDir || path.join(dataPaths(ctx.dataDir).backupsDir, '自动备份');
}

/** 备份到…: the clerk picks a folder (e.g. a USB drive). */
export async function backupTo(ctx: AppContext) {
  const dir = await ctx.ports.pickFolder({ title: '选择备份保存位置（如 U 盘）' });
  if (!dir) return null;
  const r = await createBackup(ctx, dir);
  mutate(ctx, (audit) =>
    audit({
      action: 'create',
      entity: 'backup',
      // The file's name in the sentence (the full path is in the entry's details, under 文件).
      summary: `备份为“${path.basename(r.file)}”（${(r.bytes / 1048576).toFixed(1)} MB）`,
      after: { file: r.file, counts: r.manifest.counts },
    }),
  );
  return { file: r.file, bytes: r.bytes, ms: r.ms, counts: r.manifest.counts, problems: r.manifest.problems };
}

/** Backups the renderer has seen through the dialog; restore takes only these, never a path from the page. */
const inspected = new Map<string, string>();

/** 从备份恢复… step 1: pick the archive, verify it, show what it holds. */
export async function inspectBackup(ctx: AppContext) {
  const [file] = await ctx.ports.pickFiles({
    title: '选择备份文件',
    filters: [{ name: '安委台账备份', extensions: ['tar'] }],
    multiple: false,
  });
  if (!file) return null;
  const info = backupInfo(file);
  const token = crypto.randomBytes(16).toString('hex');
  inspected.set(token, file);
  return { token, ...info };
}

/** Step 2: safety backup of the current data, stage the restore, restart to finish it. */
export async function restoreBackup(ctx: AppContext, token: string) {
  const file = inspected.get(token);
  if (!file || !fs.existsSync(file)) throw validation('请重新选择备份文件');
  const { safety } = await stageRestore(ctx, file);
  inspected.delete(token);
  const kept = safety
    ? `恢复前的数据另存为“${path.basename(safety.file)}”`
    : '当前数据库已损坏，无法另存安全备份，原文件将保留在数据目录的备份文件夹中';
  mutate(ctx, (audit) =>
    audit({
      action: 'restore',
      entity: 'backup',
      summary: `从备份“${path.basename(file)}”恢复（${kept}），重新启动后生效`,
      after: { file, safetyFile: safety?.file ?? null },
    }),
  );
  await ctx.ports.relaunch();
  return { safetyBackup: safety?.file ?? null, restarting: true };
}

export async function chooseAutoBackupDir(ctx: AppContext) {
  const dir = await ctx.ports.pickFolder({ title: '选择自动备份文件夹' });
  if (!dir) return null;
  return updateSettings(ctx, { autoBackupDir: dir });
}

export function runCheck(ctx: AppContext, repair = false) {
  let repaired: { tempFilesRemoved: number; leftoversRemoved: number; indexRebuilt: boolean } | null = null;
  if (repair) {
    rebuildHazardIndex(ctx);
    const removed = cleanLeftovers(ctx);
    const total = Object.values(removed).reduce((a, b) => a + (b ?? 0), 0);
    repaired = { tempFilesRemoved: removed['attachment-temp'] ?? 0, leftoversRemoved: total, indexRebuilt: true };
    mutate(ctx, (audit) =>
      audit({
        action: 'update',
        entity: 'check',
        summary: `数据检查修复：重建隐患索引，清理中断操作留下的文件 ${total} 个`,
        after: repaired,
      }),
    );
  }
  return { ...checkData(ctx), repaired };
}
