/**
 * The Excel registers for printing or handing over, read from the database: the 隐患排查治理台账 and the 明白书签订情况
 * 汇总表 (exports:ledger, exports:pledgeSummary, the CLI's export-ledger), and the ledger's rows that the list
 * export (lists.ts) shares. The workbooks themselves are written by ledgerXlsx.ts and registersXlsx.ts.
 */
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { hazardLedgerWorkbook, type LedgerRowData } from './ledgerXlsx';
import { pledgeSummaryWorkbook } from './registersXlsx';
import { writeFileAtomic } from '../files/atomicWrite';
import { allHazards } from '../hazards/service';
import type { HazardFilter } from '../hazards/query';
import { getNotice } from '../notices/service';
import { allPledges, type PledgeQuery } from '../pledges/service';
import { getSettings } from '../settings/service';
import { getUnit } from '../units/service';
import { hazardRows } from '../volumes/collectHazards';
import { saveAndOpen } from '../files/saveAs';

/** Every hazard of a filter, in ledger order (乡镇, 发现日期), with all the ledger's columns. */
export function ledgerRows(ctx: AppContext, filter: HazardFilter): LedgerRowData[] {
  const list = allHazards(ctx, { ...filter, sortField: 'township', sortOrder: 'asc' });
  const overdue = new Map(list.map((r) => [r.id, r.overdue]));
  return hazardRows(
    ctx,
    list.map((r) => r.id),
  )
    .sort(
      (a, b) =>
        (a.township ?? '').localeCompare(b.township ?? '', 'zh') ||
        (a.foundDate ?? '9999').localeCompare(b.foundDate ?? '9999') ||
        a.id - b.id,
    )
    .map((h) => ({ ...h, townshipName: h.township, overdue: overdue.get(h.id) ?? false }));
}

function filterLabel(ctx: AppContext, f: HazardFilter): string {
  const parts: string[] = [];
  if (f.noticeId !== undefined) parts.push(getNotice(ctx, f.noticeId).docNo);
  if (f.townshipUnitIds?.length) parts.push(f.townshipUnitIds.map((id) => getUnit(ctx, id).name).join('、'));
  if (f.industries?.length) parts.push(f.industries.join('、'));
  if (f.levels?.length) parts.push(`${f.levels.join('、')}隐患`);
  if (f.statuses?.length) parts.push(f.statuses.join('、'));
  if (f.overdue) parts.push('逾期');
  if (f.foundFrom || f.foundTo) parts.push(`发现日期 ${f.foundFrom ?? '…'} 至 ${f.foundTo ?? '…'}`);
  if (f.search) parts.push(`含“${f.search}”`);
  return parts.join('，');
}

export function hazardLedgerBytes(ctx: AppContext, filter: HazardFilter): Promise<Buffer> {
  const s = getSettings(ctx);
  return hazardLedgerWorkbook(ledgerRows(ctx, filter), {
    office: s.officeName,
    today: todayIso(ctx.now()),
    filterLabel: filterLabel(ctx, filter),
  });
}

export function pledgeSummaryBytes(ctx: AppContext, q: Omit<PledgeQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const all = allPledges(ctx, { sortField: 'talkeeUnit', sortOrder: 'asc', ...q });
  const scope = [
    q.noticeId !== undefined ? getNotice(ctx, q.noticeId).docNo : '',
    q.unitId !== undefined ? getUnit(ctx, q.unitId).name : '',
  ]
    .filter(Boolean)
    .join('，');
  return pledgeSummaryWorkbook(all, {
    office: getSettings(ctx).officeName,
    today: todayIso(ctx.now()),
    scopeLabel: scope,
  });
}

/** Writes a workbook (temp file + rename). */
export async function writeWorkbook(file: string, bytes: Promise<Buffer>): Promise<string> {
  const abs = path.resolve(file.toLowerCase().endsWith('.xlsx') ? file : `${file}.xlsx`);
  writeFileAtomic(abs, await bytes);
  return abs;
}

/** Through the save dialog; opens the file; null when cancelled. */
export async function saveWorkbookInteractive(
  ctx: AppContext,
  defaultName: string,
  make: () => Promise<Buffer>,
): Promise<{ file: string } | null> {
  return saveAndOpen(ctx, { defaultName, kind: 'xlsx' }, make);
}
