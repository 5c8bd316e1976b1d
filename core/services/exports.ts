import type { AppContext } from '../context';
import { todayIso } from '../domain/dates';
import { chasePdf, chaseWorkbook } from '../export/chase';
import { statsWorkbook } from '../export/statsXlsx';
import { writeFileAtomic } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { chaseList, type BoardQuery } from './board';
import { getSettings } from './settings';
import { hazardStats, type StatsQuery } from './stats';

const XLSX_FILTER = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
const PDF_FILTER = [{ name: 'PDF 文件', extensions: ['pdf'] }];

/** Asks where to save, writes the bytes atomically, opens the file; null when the clerk cancels. */
async function saveAndOpen(ctx: AppContext, defaultName: string, ext: 'xlsx' | 'pdf', make: () => Promise<Buffer>): Promise<{ file: string } | null> {
  const picked = await ctx.ports.pickSavePath({ title: '保存', defaultName: safeFileName(defaultName), filters: ext === 'pdf' ? PDF_FILTER : XLSX_FILTER });
  if (!picked) return null;
  const file = picked.toLowerCase().endsWith(`.${ext}`) ? picked : `${picked}.${ext}`;
  writeFileAtomic(file, await make());
  await ctx.ports.openPath(file);
  return { file };
}

export function chaseWorkbookBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chaseWorkbook(chaseList(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export function chasePdfBytes(ctx: AppContext, q: BoardQuery): Promise<Buffer> {
  return chasePdf(chaseList(ctx, q), { office: getSettings(ctx).officeName, today: todayIso(ctx.now()) });
}

export function exportChase(ctx: AppContext, q: BoardQuery & { format: 'xlsx' | 'pdf' }) {
  const name = `催报清单_${todayIso(ctx.now())}.${q.format}`;
  return saveAndOpen(ctx, name, q.format, () => (q.format === 'pdf' ? chasePdfBytes(ctx, q) : chaseWorkbookBytes(ctx, q)));
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
  return saveAndOpen(ctx, `隐患统计表_${todayIso(ctx.now())}.xlsx`, 'xlsx', () => statsWorkbookBytes(ctx, q));
}
