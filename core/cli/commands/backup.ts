/**
 * CLI: backup, and the recovery commands that must work when the database will not open (check, restore,
 * recover, backups list): those get the data directory, diagnose it first, and open it the normal way only when
 * it is sound.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openContext, type AppContext } from '../../platform/context';
import { countsOf, createBackup } from '../../backup/backup';
import { checkData, cleanLeftovers } from '../../backup/check';
import { describeBackup, diagnose, listBackups, restoreOffline, salvage } from '../../backup/recovery';
import { findLeftovers, removeLeftovers } from '../../backup/leftovers';
import { applyPendingRestore } from '../../backup/restore';
import { rebuildHazardIndex } from '../../hazards/searchIndex';
import { SilentExit, UsageError } from '../usage';
import { print, type Command, type RawCommand } from '../args';

/** Runs `fn` with the data directory opened the normal way (migrated), then closes it. */
async function withContext<T>(dataDir: string, fn: (ctx: AppContext) => T | Promise<T>): Promise<T> {
  const ctx = openContext(dataDir, { actor: '命令行', cli: true });
  try {
    return await fn(ctx);
  } finally {
    ctx.opened.close();
  }
}

const RECOVERY_HINT =
  '命令行：restore 备份文件.tar 从备份恢复，或 recover 抢救仍可读取的记录（backups list 列出可用的备份）';

export const backupCommands: Record<string, Command> = {
  async backup(ctx, { values, rest }, io) {
    const dir = rest[0];
    if (!dir) throw new UsageError('缺少备份文件夹，例如：backup E:\\安委台账备份');
    const r = await createBackup(ctx, path.resolve(dir));
    print(
      io,
      !!values.json,
      { file: r.file, bytes: r.bytes, ms: r.ms, counts: r.manifest.counts, problems: r.manifest.problems },
      () =>
        [
          `已备份到：${r.file}（${(r.bytes / 1048576).toFixed(1)} MB，用时 ${(r.ms / 1000).toFixed(1)} 秒）`,
          ...r.manifest.problems.map((p) => `注意：${p}`),
        ].join('\n'),
    );
  },
};

export const recoveryCommands: Record<string, RawCommand> = {
  async check(dataDir, { values }, io) {
    if (fs.existsSync(dataDir)) applyPendingRestore(dataDir); // as opening does: finish a restore staged before
    const d = diagnose(dataDir, { full: true });
    if (!d.ok) {
      // Leftovers can go even now; orphaned attachments cannot be told without the database.
      const repaired = values.repair ? removeLeftovers(findLeftovers(dataDir)) : null;
      print(io, !!values.json, { ok: false, diagnosis: d, repaired }, () =>
        [
          `【错误】${d.title}：${d.explanation}`,
          `处理办法：${d.action}。${d.kind === 'damaged' || d.kind === 'not-database' ? RECOVERY_HINT : ''}`,
          ...d.details.slice(0, 5).map((x) => `  SQLite：${x}`),
        ].join('\n'),
      );
      throw new SilentExit(1);
    }
    const r = await withContext(dataDir, (ctx) => {
      const repaired = values.repair ? (rebuildHazardIndex(ctx), cleanLeftovers(ctx)) : null;
      return { ...checkData(ctx), repaired };
    });
    print(io, !!values.json, r, () =>
      r.problems.length
        ? [
            `数据检查发现 ${r.problems.length} 个问题：`,
            ...r.problems.map(
              (p) => `${p.severity === 'error' ? '【错误】' : '【提示】'}${p.message}。处理办法：${p.action}`,
            ),
          ].join('\n')
        : `数据检查通过：数据库完好，${r.stats.attachments} 个附件齐全且校验一致。`,
    );
    if (!r.ok) throw new SilentExit(1);
  },

  async restore(dataDir, { values, rest }, io) {
    const file = rest[0];
    if (!file) throw new UsageError('缺少备份文件，例如：restore 安委台账备份_20240601-100000.tar');
    const r = await restoreOffline(dataDir, path.resolve(file));
    // Opening migrates a backup of an older version.
    const counts = await withContext(dataDir, (ctx) => countsOf(ctx.sqlite));
    print(io, !!values.json, { ...r, counts }, () =>
      [
        `已从备份恢复（备份时间 ${r.createdAt}）。`,
        r.safetyBackup ? `恢复前的数据已另存为：${r.safetyBackup}` : '',
        r.replaced ? `被替换的数据库文件保存在：${r.replaced}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },

  async recover(dataDir, { values }, io) {
    const r = await salvage(dataDir);
    print(io, !!values.json, r, () =>
      [
        `已修复：仍可读取的记录已复制到新的数据库（用时 ${(r.ms / 1000).toFixed(1)} 秒）。`,
        `损坏的数据库文件保存在：${r.keptAs}`,
        ...(r.losses.length ? ['丢失的记录：', ...r.losses.map((l) => `  ${l}`)] : ['没有发现丢失的记录。']),
        r.check.ok ? '数据检查通过。' : '数据检查发现问题：',
        ...r.check.problems.map(
          (p) => `${p.severity === 'error' ? '【错误】' : '【提示】'}${p.message}。处理办法：${p.action}`,
        ),
      ].join('\n'),
    );
    if (!r.check.ok) throw new SilentExit(1);
  },

  async 'backups list'(dataDir, { values }, io) {
    const list = listBackups(dataDir);
    print(
      io,
      !!values.json,
      list,
      () => list.map((b) => `${describeBackup(b)}\t${b.file}`).join('\n') || '（没有找到备份）',
    );
  },
};
