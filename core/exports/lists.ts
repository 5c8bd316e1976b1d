/**
 * 导出 on every list page: the rows the page shows under its current filters, as a print-ready workbook (the
 * writers of core/export: landscape, ≥ 9 pt, header rows repeated, page numbers) whose title row names the
 * filter (筛选：方山镇；重大；未整改). One path for the ledger, 明白书, 报送登记, 单位名录 and the board; the CLI
 * writes the same bytes to a file.
 */
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { levelLabel } from '../domain/pledgeLevels';
import { RETURN_KIND_LABELS } from '../domain/returns';
import { hazardLedgerWorkbook } from './ledgerXlsx';
import { pledgeSummaryWorkbook, returnBoardWorkbook, returnListWorkbook, unitListWorkbook } from './registersXlsx';
import { saveAndOpen } from '../files/saveAs';
import { ledgerRows } from './registers';
import { returnBoard, type BoardQuery } from '../returns/board';
import type { HazardFilter } from '../hazards/query';
import { getNotice } from '../notices/service';
import { allPledges, type PledgeQuery } from '../pledges/service';
import { listReturns, type ReturnQuery } from '../returns/service';
import { getSettings } from '../settings/service';
import { getUnit, listUnits } from '../units/service';
import type { UnitKind } from '../../db/schema';

export type PledgeFilter = Omit<PledgeQuery, 'page' | 'pageSize'>;
export interface UnitFilter {
  search?: string;
  kind?: UnitKind;
  activeOnly?: boolean;
}

export type ListExport =
  | { list: 'hazards'; filter: HazardFilter }
  | { list: 'pledges'; filter: PledgeFilter }
  | { list: 'returns'; filter: ReturnQuery }
  | { list: 'units'; filter: UnitFilter }
  | { list: 'board'; filter: BoardQuery };

const LIST_NAMES: Record<ListExport['list'], string> = {
  hazards: '隐患台账',
  pledges: '明白书签订情况',
  returns: '报送登记',
  units: '单位名录',
  board: '材料报送情况跟踪表',
};

const range = (what: string, from?: string, to?: string) =>
  from || to ? `${what} ${from ?? '…'} 至 ${to ?? '…'}` : '';
const unitName = (ctx: AppContext, id: number | undefined) => (id === undefined ? '' : getUnit(ctx, id).name);
const docNo = (ctx: AppContext, id: number | undefined) => (id === undefined ? '' : getNotice(ctx, id).docNo);

/** The filter in words, parts separated by ；(empty when nothing is filtered). */
export function filterParts(ctx: AppContext, x: ListExport): string[] {
  let parts: (string | false | undefined)[];
  switch (x.list) {
    case 'hazards': {
      const f = x.filter;
      parts = [
        f.townshipUnitIds?.map((id) => unitName(ctx, id)).join('、'),
        f.industries?.join('、'),
        f.categories?.join('、'),
        f.levels?.join('、'),
        f.statuses?.join('、'),
        f.overdue && '逾期',
        f.supervised && '挂牌督办',
        f.fiveIncomplete && '五落实不全',
        range('发现日期', f.foundFrom, f.foundTo),
        range('整改时限', f.deadlineFrom, f.deadlineTo),
        f.noticeId !== undefined && `通知 ${docNo(ctx, f.noticeId)}`,
        f.reportingUnitId !== undefined && `报送单位 ${unitName(ctx, f.reportingUnitId)}`,
        f.search && `含“${f.search}”`,
      ];
      break;
    }
    case 'pledges': {
      const f = x.filter;
      parts = [
        f.noticeId !== undefined && `通知 ${docNo(ctx, f.noticeId)}`,
        unitName(ctx, f.unitId),
        f.level !== undefined && levelLabel(f.level),
        f.signed === 'signed' ? '已签订' : f.signed === 'unsigned' ? '未签订' : '',
        f.hasScan === true ? '有扫描件' : f.hasScan === false ? '无扫描件' : '',
        range('谈话日期', f.dateFrom, f.dateTo),
        f.search && `含“${f.search}”`,
      ];
      break;
    }
    case 'returns': {
      const f = x.filter;
      parts = [
        f.noticeId !== undefined && `通知 ${docNo(ctx, f.noticeId)}`,
        unitName(ctx, f.unitId),
        f.kind && RETURN_KIND_LABELS[f.kind],
        f.status,
        f.latestOnly === false ? '含历次报送' : '',
      ];
      break;
    }
    case 'units': {
      const f = x.filter;
      parts = [f.kind, f.activeOnly && '只列启用的单位', f.search && `含“${f.search}”`];
      break;
    }
    case 'board': {
      const f = x.filter;
      parts = [f.noticeId !== undefined && `通知 ${docNo(ctx, f.noticeId)}`, f.onlyLate && '只看逾期和退回'];
      break;
    }
  }
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

/** 筛选：方山镇；重大；未整改 — or 筛选：无（全部） when the page shows everything. */
export function filterTitle(ctx: AppContext, x: ListExport): string {
  const parts = filterParts(ctx, x);
  return `筛选：${parts.length ? parts.join('；') : '无（全部）'}`;
}

/** The workbook of a list as the page shows it (same rows, same order), its title naming the filter. */
export function listExportBytes(ctx: AppContext, x: ListExport): Promise<Buffer> {
  const office = getSettings(ctx).officeName;
  const today = todayIso(ctx.now());
  const title = filterTitle(ctx, x);
  switch (x.list) {
    case 'hazards':
      return hazardLedgerWorkbook(ledgerRows(ctx, x.filter), {
        office,
        today,
        filterLabel: filterParts(ctx, x).join('，'),
        filterTitle: title,
      });
    case 'pledges':
      return pledgeSummaryWorkbook(allPledges(ctx, x.filter), {
        office,
        today,
        scopeLabel: '',
        filterTitle: title,
      });
    case 'returns':
      return returnListWorkbook(listReturns(ctx, x.filter), { office, today, filterTitle: title });
    case 'units': {
      const names = new Map(listUnits(ctx).map((u) => [u.id, u.name]));
      return unitListWorkbook(listUnits(ctx, x.filter), {
        office,
        today,
        filterTitle: title,
        parentName: (id) => names.get(id) ?? '',
      });
    }
    case 'board':
      return returnBoardWorkbook(returnBoard(ctx, x.filter), { office, filterTitle: title });
  }
}

/** The file name suggested for a list's export: 隐患台账_方山镇_重大_2026-12-02.xlsx. */
export function listExportName(ctx: AppContext, x: ListExport): string {
  const parts = filterParts(ctx, x)
    .slice(0, 3)
    .map((p) => p.replace(/[“”]/g, ''));
  return [LIST_NAMES[x.list], ...parts, todayIso(ctx.now())].join('_').slice(0, 120) + '.xlsx';
}

/** 导出: asks where to save, writes the workbook atomically and opens it; null when cancelled. */
export function exportList(ctx: AppContext, x: ListExport): Promise<{ file: string } | null> {
  return saveAndOpen(
    ctx,
    { title: `导出${LIST_NAMES[x.list]}`, defaultName: listExportName(ctx, x), kind: 'xlsx' },
    () => listExportBytes(ctx, x),
  );
}
