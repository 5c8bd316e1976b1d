/**
 * Recovery mode at start-up: when the data directory's database is damaged (or not a database, another program's,
 * a newer version's), the clerk gets a Chinese dialog saying what is wrong and what can be done — 从备份恢复
 * (the automatic backups with date and counts, or 选择文件…), 尝试修复, 打开其他数据目录, 退出 — instead of a
 * refusal. Runs before any window exists; Electron's dialog and app are passed in (tests use fakes).
 */
import path from 'node:path';
import type { App, Dialog, MessageBoxOptions } from 'electron';
import { diagnose, type Diagnosis } from '../core/backup/diagnose';
import { describeBackup, listBackups, restoreOffline, salvage } from '../core/backup/recovery';
import { isAppError } from '../core/platform/errors';
import { readConfig, writeConfig } from '../core/platform/userData';

export interface RecoveryDeps {
  dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog'>;
  app: Pick<App, 'relaunch' | 'exit'>;
  userData: string;
  now?: () => Date;
}

/** repaired: the data directory opens now; relaunch: another folder was chosen; quit: the clerk chose 退出. */
export type RecoveryOutcome = 'repaired' | 'relaunch' | 'quit';

export const BUTTONS = {
  restore: '从备份恢复',
  salvage: '尝试修复',
  other: '打开其他数据目录',
  quit: '退出',
  pickFile: '选择文件…',
  back: '返回',
} as const;

/** Which choices make sense: a foreign or newer database is not ours to overwrite or repair. */
function choices(d: Diagnosis): string[] {
  if (d.kind === 'foreign' || d.kind === 'newer') return [BUTTONS.other, BUTTONS.quit];
  if (d.kind === 'not-database') return [BUTTONS.restore, BUTTONS.other, BUTTONS.quit];
  return [BUTTONS.restore, BUTTONS.salvage, BUTTONS.other, BUTTONS.quit];
}

/** The text of the recovery dialog: what is wrong, what each button does, where the damaged file goes. */
export function recoveryDetail(d: Diagnosis, backups: number): string {
  const lines = [d.explanation, '', `数据目录：${d.dataDir}`, ''];
  const c = choices(d);
  if (c.includes(BUTTONS.restore)) {
    lines.push(
      `• ${BUTTONS.restore}：从自动备份（找到 ${backups} 份）或 U 盘上的备份文件（.tar）恢复。恢复前会先校验备份；当前的数据库文件会另存到 backups 文件夹中，不会删除。`,
    );
  }
  if (c.includes(BUTTONS.salvage)) {
    lines.push(
      `• ${BUTTONS.salvage}：把仍能读取的记录复制到新的数据库，并告诉您每类记录丢失了多少条；损坏的文件另存为 backups 文件夹中的“损坏的数据库_日期.db”。`,
    );
  }
  lines.push(`• ${BUTTONS.other}：改用另一个文件夹中的数据（或一个空文件夹）。`);
  lines.push('', '拿不准时请先联系维护人员，并把本提示截图发给他们。');
  return lines.join('\n');
}

export async function runRecoveryMode(dataDir: string, first: Diagnosis, deps: RecoveryDeps): Promise<RecoveryOutcome> {
  const { dialog, app } = deps;
  const now = deps.now ?? (() => new Date());
  const box = async (o: MessageBoxOptions) => (await dialog.showMessageBox({ noLink: true, ...o })).response;
  const info = (message: string, detail: string, type: MessageBoxOptions['type'] = 'info') =>
    box({ type, title: '安委台账', message, detail, buttons: ['确定'] });
  let d = first;
  for (;;) {
    const buttons = choices(d);
    const backups = listBackups(dataDir);
    const pick =
      buttons[
        await box({
          type: 'error',
          title: '安委台账：数据需要恢复',
          message: d.title,
          detail: recoveryDetail(d, backups.length),
          buttons,
          defaultId: 0,
          cancelId: buttons.length - 1,
        })
      ];
    try {
      if (pick === BUTTONS.restore) {
        const shown = backups.slice(0, 6);
        const options = [...shown.map((b) => describeBackup(b)), BUTTONS.pickFile, BUTTONS.back];
        const i = await box({
          type: 'question',
          title: '从备份恢复',
          message: shown.length ? '选择要恢复的备份（最新的在前）' : '没有找到自动备份，请选择备份文件',
          detail: shown.length
            ? shown.map((b, k) => `${k + 1}. ${describeBackup(b)}\n   ${b.file}`).join('\n')
            : '备份文件是 .tar 文件，如“安委台账备份_20240601-100000.tar”（通常在 U 盘或自动备份文件夹中）。',
          buttons: options,
          cancelId: options.length - 1,
        });
        let file: string | null = shown[i]?.file ?? null;
        if (options[i] === BUTTONS.pickFile) {
          const r = await dialog.showOpenDialog({
            title: '选择备份文件',
            filters: [{ name: '安委台账备份', extensions: ['tar'] }],
            properties: ['openFile', 'dontAddToRecent'],
          });
          file = r.canceled ? null : (r.filePaths[0] ?? null);
        }
        if (!file) continue;
        const r = await restoreOffline(dataDir, file, { now });
        await info(
          '已从备份恢复',
          [
            `备份：${path.basename(file)}（备份时间 ${r.createdAt}）`,
            r.replaced ? `原来的数据库文件已另存为：${r.replaced}` : '',
            r.safetyBackup ? `恢复前的数据已另存为：${r.safetyBackup}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
        return 'repaired';
      }
      if (pick === BUTTONS.salvage) {
        const r = await salvage(dataDir, { now });
        await info(
          r.losses.length ? '修复完成，但有记录丢失' : '修复完成，没有发现丢失的记录',
          [
            ...(r.losses.length ? ['丢失的记录：', ...r.losses, ''] : []),
            `损坏的数据库文件已另存为：${r.keptAs}`,
            r.check.ok
              ? '修复后的数据检查通过。'
              : `修复后的数据检查发现问题：${r.check.problems
                  .filter((p) => p.severity === 'error')
                  .map((p) => p.message)
                  .slice(0, 3)
                  .join('；')}`,
            r.losses.length ? '如有较新的备份，可在“数据安全”中比对后决定是否从备份恢复。' : '',
          ]
            .filter(Boolean)
            .join('\n'),
          r.losses.length ? 'warning' : 'info',
        );
        return 'repaired';
      }
      if (pick === BUTTONS.other) {
        const r = await dialog.showOpenDialog({
          title: '选择数据目录',
          properties: ['openDirectory', 'createDirectory'],
        });
        const dir = r.canceled ? null : (r.filePaths[0] ?? null);
        if (!dir) continue;
        const other = diagnose(path.resolve(dir));
        if (!other.ok) {
          await info(
            `不能使用这个文件夹：${other.title}`,
            `${other.explanation}\n处理办法：${other.action}`,
            'warning',
          );
          continue;
        }
        writeConfig(deps.userData, { ...readConfig(deps.userData), dataDir: path.resolve(dir) });
        app.relaunch();
        app.exit(0);
        return 'relaunch';
      }
      return 'quit';
    } catch (e) {
      const message = isAppError(e) ? e.message : `操作失败：${String((e as Error)?.message ?? e).slice(0, 300)}`;
      await info('未能完成', `${message}\n\n数据目录未作改动，可以换一种方式再试。`, 'error');
      d = diagnose(dataDir);
      if (d.ok) return 'repaired';
    }
  }
}
