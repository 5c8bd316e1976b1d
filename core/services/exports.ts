import type { AppContext } from '../context';
import { todayIso } from '../domain/dates';
import { chasePdf, chaseWorkbook } from '../export/chase';
import { statsWorkbook } from '../export/statsXlsx';
import { chaseList, type BoardQuery } from './board';
import { getSettings } from './settings';
import { hazardStats, type StatsQuery } from './stats';
import { saveAndOpen } from '../files/saveAs';

export function chaseWorkbookBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chaseWorkbook(chaseList(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export function chasePdfBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chasePdf(chaseList(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export function exportChase(ctx: AppContext, q: BoardQuery & { format: 'xlsx' | 'pdf' }) {
  const name = `催报清单_${todayIso(ctx.now())}.${q.format}`;
  return saveAndOpen(ctx, { defaultName: name, kind: q.format }, () =>
    q.format === 'pdf' ? chasePdfBytes(ctx, q) : chaseWorkbookBytes(ctx, q),
  );
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
