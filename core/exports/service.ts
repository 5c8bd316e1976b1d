import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { chasePdf, chaseWorkbook } from '../returns/chase';
import { statsWorkbook } from '../stats/xlsx';
import { validation } from '../platform/errors';
import { chaseList, type BoardQuery, type ChaseItem } from '../returns/board';
import { getNotice } from '../notices/service';
import { getSettings } from '../settings/service';
import { hazardStats, type StatsQuery } from '../stats/service';
import { saveAndOpen } from '../files/saveAs';

/** What to chase; refused (the UI and the CLI alike) when nothing is missing, late or sent back. */
function chaseItems(ctx: AppContext, q: BoardQuery): ChaseItem[] {
  const items = chaseList(ctx, q);
  if (!items.length) {
    const scope = q.noticeId !== undefined ? `通知 ${getNotice(ctx, q.noticeId).docNo} ` : '';
    throw validation(
      `${scope}当前没有${q.onlyLate ? '逾期或退回修改' : '未交、逾期或退回修改'}的材料，无需催报。请换一个通知或取消“只看逾期”后再试`,
    );
  }
  return items;
}

export async function chaseWorkbookBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chaseWorkbook(chaseItems(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export async function chasePdfBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chasePdf(chaseItems(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export async function exportChase(ctx: AppContext, q: BoardQuery & { format: 'xlsx' | 'pdf' }) {
  const name = `催报清单_${todayIso(ctx.now())}.${q.format}`;
  // made before the dialog opens: nothing to chase is refused without asking where to save
  const bytes = await (q.format === 'pdf' ? chasePdfBytes(ctx, q) : chaseWorkbookBytes(ctx, q));
  return saveAndOpen(ctx, { defaultName: name, kind: q.format }, async () => bytes);
}

export function periodLabelOf(q: StatsQuery): string {
  if (q.from && q.to) return `${q.from} 至 ${q.to}`;
  if (q.from) return `${q.from} 以来`;
  if (q.to) return `截至 ${q.to}`;
  return '全部';
}

export function statsWorkbookBytes(ctx: AppContext, q: StatsQuery): Promise<Buffer> {
  return statsWorkbook(hazardStats(ctx, q), { office: getSettings(ctx).officeName, periodLabel: periodLabelOf(q) });
}

export function exportStats(ctx: AppContext, q: StatsQuery) {
  return saveAndOpen(ctx, { defaultName: `隐患统计表_${todayIso(ctx.now())}.xlsx`, kind: 'xlsx' }, () =>
    statsWorkbookBytes(ctx, q),
  );
}
