/**
 * CLI: importing a unit's spreadsheet (import, with a progress line on a terminal) and the import batches
 * (imports list, imports undo).
 */
import path from 'node:path';
import { trackImport } from '../../imports/progress';
import { commitImport, listBatches, undoImport } from '../../imports/commit';
import { requireUnitByName } from '../../units/service';
import { SilentExit, UsageError } from '../usage';
import { noticeId, print, str, type Command } from '../args';

export const importCommands: Record<string, Command> = {
  async import(ctx, { values, rest }, io) {
    const file = rest[0];
    if (!file) throw new UsageError('缺少要导入的文件，例如：import 神垕镇隐患台账.xlsx');
    const unit = str(values, 'unit');
    const period = str(values, 'period');
    if (period && !str(values, 'notice'))
      throw new UsageError(
        '--period 须与 --notice 一起使用：期次是所属通知的报送期次，例如 --notice 禹安办〔2024〕6号 --period 2024-03',
      );
    let shown = 0;
    const run = io.progress
      ? trackImport(
          {
            report(done, total, message) {
              if (Date.now() - shown < 200) return;
              shown = Date.now();
              io.progress!(`${Math.round((done / total) * 100)}% ${message}`);
            },
            finish: () => io.progress!(null),
          },
          values['dry-run'] ? 'preview' : 'commit',
        )
      : undefined;
    let r;
    try {
      r = await commitImport(
        ctx,
        path.resolve(file),
        {
          unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
          noticeId: noticeId(ctx, str(values, 'notice')),
          period,
          sheet: str(values, 'sheet'),
          dryRun: !!values['dry-run'],
          skipErrors: !!values['skip-errors'],
        },
        run,
      );
    } finally {
      run?.finish();
    }
    const json = {
      file: r.file,
      kind: r.kind,
      sheet: r.sheet,
      unit: r.unit?.name ?? null,
      rows: r.rows,
      new: r.new,
      changed: r.changed,
      unchanged: r.unchanged,
      disappeared: r.disappeared,
      major: r.summary.major,
      done: r.summary.done,
      signed: r.summary.signed,
      overLimitRows: r.summary.overLimitRows,
      errors: r.errors,
      warnings: r.warnings,
      changes: r.changes,
      duplicateOf: r.duplicateOf,
      filePeriod: r.filePeriod.period,
      credit: r.credit ? { notice: r.credit.docNo, period: r.credit.period } : null,
      creditText: r.creditText,
      committed: r.committed,
      batch: r.batch,
      message: r.message,
    };
    print(io, !!values.json, json, () =>
      [
        `${r.file}（${r.sheet}）：数据 ${r.rows} 行；新增 ${r.new}，变更 ${r.changed}，未变 ${r.unchanged}${r.disappeared ? `，本次未出现 ${r.disappeared}` : ''}`,
        `报送登记：${r.creditText}`,
        ...r.errors.slice(0, 50).map((e) => `【错误】${e.message}`),
        ...r.warnings.slice(0, 50).map((w) => `【提示】${w.message}`),
        r.message,
      ].join('\n'),
    );
    // Refused (errors without --skip-errors, or nothing left to import even with it): exit 1, nothing was written.
    if (r.refused) throw new SilentExit(1);
  },

  async 'imports list'(ctx, { values }, io) {
    const rows = listBatches(ctx);
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (b) =>
              `${b.id}\t${b.createdAt.slice(0, 16)}\t${b.fileName}\t新增 ${b.counts.new ?? 0} 变更 ${b.counts.changed ?? 0}\t${b.status === 'undone' ? '已撤销' : ''}`,
          )
          .join('\n') || '（没有导入记录）',
    );
  },

  async 'imports undo'(ctx, { values, rest }, io) {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少批次编号，例如：imports undo 3');
    const r = undoImport(ctx, id);
    print(io, !!values.json, r, () => `已撤销导入批次 ${r.batch}（还原 ${r.reverted} 项修改）`);
  },
};
