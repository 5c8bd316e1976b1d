/**
 * CLI: 报送 records (reports list) and the 催报 they lead to (reminders export: a PDF notice or an Excel list).
 */
import path from 'node:path';
import { todayIso } from '../../domain/dates';
import { listReturns } from '../../returns/service';
import { chaseList } from '../../returns/board';
import { chasePdfBytes, chaseWorkbookBytes } from '../../exports/service';
import { writeFileAtomic } from '../../files/atomicWrite';
import { requireUnitByName } from '../../units/service';
import { UsageError } from '../usage';
import { noticeId, print, str, type Command } from '../args';

export const returnCommands: Record<string, Command> = {
  async 'reports list'(ctx, { values }, io) {
    const unit = str(values, 'unit');
    const rows = listReturns(ctx, {
      noticeId: noticeId(ctx, str(values, 'notice')),
      unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
    });
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (r) =>
              `${r.id}\t${r.docNo}\t${r.unitName}\t${r.kindLabel}${r.period ? `（${r.period}）` : ''}\t${r.receivedDate}\t${r.status}${r.overLimit ? '\t超字数' : ''}`,
          )
          .join('\n') || '（没有报送记录）',
    );
  },

  async 'reminders export'(ctx, { values }, io) {
    const out = str(values, 'out');
    const fmt = str(values, 'format') ?? (out && /\.xlsx$/i.test(out) ? 'xlsx' : 'pdf');
    if (fmt !== 'pdf' && fmt !== 'xlsx')
      throw new UsageError(`--format 只能是 pdf（催报通知）或 xlsx（催报清单），收到的是“${fmt}”`);
    const q = { noticeId: noticeId(ctx, str(values, 'notice')), onlyLate: values['only-late'] ? true : undefined };
    const items = chaseList(ctx, q);
    const bytes = await (fmt === 'pdf' ? chasePdfBytes(ctx, q) : chaseWorkbookBytes(ctx, q)); // refused when empty
    const target = path.resolve(
      out
        ? out.toLowerCase().endsWith(`.${fmt}`)
          ? out
          : `${out}.${fmt}`
        : `${fmt === 'pdf' ? '催报通知' : '催报清单'}_${todayIso(ctx.now())}.${fmt}`,
    );
    writeFileAtomic(target, bytes);
    print(
      io,
      !!values.json,
      { file: target, format: fmt, items: items.length, units: new Set(items.map((i) => i.unitName)).size },
      () => `已生成${fmt === 'pdf' ? '催报通知' : '催报清单'}（${items.length} 项）：${target}`,
    );
  },
};
