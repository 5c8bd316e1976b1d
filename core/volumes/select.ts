/**
 * Chooses the records a volume binds, from a selection (kinds, notice, unit, year, level), in binding order:
 * 明白书 first, then returns, the hazard ledger extract, then the closure files of rectified hazards; within a kind
 * by date, by unit or by talk level.
 */
import type { AppContext } from '../platform/context';
import { RECTIFIED_STATUSES } from '../domain/hazard';
import { allPledges } from '../pledges/service';
import { listReturns } from '../returns/service';
import { getUnit } from '../units/service';
import type { HazardFilter } from '../hazards/query';
import { hazardIds, hazardRows } from './collectHazards';
import { VOLUME_KINDS, type ItemSpec, type Selection, type VolumeOrder } from './types';

interface Candidate {
  spec: ItemSpec;
  date: string;
  unit: string;
  level: number;
  id: number;
}

const cmp = (order: VolumeOrder) => (a: Candidate, b: Candidate) => {
  const byDate = a.date.localeCompare(b.date) || a.id - b.id;
  if (order === 'unit') return a.unit.localeCompare(b.unit, 'zh') || byDate;
  if (order === 'level') return a.level - b.level || byDate;
  return byDate;
};

const inYear = (d: string | null | undefined, year: number | undefined) =>
  year === undefined || (!!d && d.startsWith(`${year}-`));

function pledgeCandidates(ctx: AppContext, s: Selection): Candidate[] {
  const all = allPledges(ctx, {
    noticeId: s.noticeId,
    unitId: s.unitId,
    level: s.level,
    signed: s.includeUnsigned ? undefined : 'signed',
    dateFrom: s.year ? `${s.year}-01-01` : undefined,
    dateTo: s.year ? `${s.year}-12-31` : undefined,
    sortField: 'createdAt',
    sortOrder: 'asc',
  });
  return all.map((p) => ({
    spec: { kind: 'pledge', recordId: p.id },
    date: p.talkDate ?? p.signedDate ?? '',
    unit: p.talkeeUnitName,
    level: p.level,
    id: p.id,
  }));
}

function returnCandidates(ctx: AppContext, s: Selection): Candidate[] {
  return listReturns(ctx, { noticeId: s.noticeId, unitId: s.unitId, latestOnly: true, status: '已接收' })
    .filter((r) => inYear(r.receivedDate, s.year))
    .map((r) => ({
      spec: { kind: 'return', recordId: r.id },
      date: r.receivedDate,
      unit: r.unitName,
      level: 0,
      id: r.id,
    }));
}

export function ledgerFilter(s: Selection): HazardFilter {
  return {
    ...(s.noticeId !== undefined ? { noticeId: s.noticeId } : {}),
    ...(s.unitId !== undefined ? { townshipUnitIds: [s.unitId] } : {}),
    ...(s.year !== undefined ? { foundFrom: `${s.year}-01-01`, foundTo: `${s.year}-12-31` } : {}),
    ...(s.hazardLevel ? { levels: [s.hazardLevel] } : {}),
  };
}

function ledgerCandidates(ctx: AppContext, s: Selection): Candidate[] {
  const filter = ledgerFilter(s);
  if (!hazardIds(ctx, filter).length) return [];
  const unitName = s.unitId !== undefined ? getUnit(ctx, s.unitId).name : undefined;
  const latest = hazardRows(ctx, hazardIds(ctx, filter)).reduce(
    (d, h) => (h.foundDate && h.foundDate > d ? h.foundDate : d),
    '',
  );
  return [
    {
      spec: { kind: 'ledger', recordId: null, params: { filter, ...(unitName ? { unitName } : {}) } },
      date: latest,
      unit: unitName ?? '',
      level: 0,
      id: 0,
    },
  ];
}

function closureCandidates(ctx: AppContext, s: Selection): Candidate[] {
  const { foundFrom: _f, foundTo: _t, ...filter } = ledgerFilter(s);
  const rows = hazardRows(ctx, hazardIds(ctx, { ...filter, statuses: [...RECTIFIED_STATUSES] }));
  return rows
    .filter((h) => inYear(h.acceptedDate ?? h.completedDate, s.year))
    .map((h) => ({
      spec: { kind: 'closure', recordId: h.id },
      date: h.acceptedDate ?? h.completedDate ?? h.foundDate ?? '',
      unit: h.township ?? h.enterpriseName,
      level: h.level === '重大' ? 0 : 1,
      id: h.id,
    }));
}

/** The items a selection gives, in binding order. */
export function selectItems(ctx: AppContext, s: Selection, order: VolumeOrder = 'date'): ItemSpec[] {
  return selectDated(ctx, s, order).map((c) => c.spec);
}

/** The items with their dates (the volume's 年度 defaults to the latest year among them). */
export function selectDated(
  ctx: AppContext,
  s: Selection,
  order: VolumeOrder = 'date',
): { spec: ItemSpec; date: string }[] {
  const out: { spec: ItemSpec; date: string }[] = [];
  const sorter = cmp(order === 'manual' ? 'date' : order);
  for (const kind of VOLUME_KINDS) {
    if (!s.kinds.includes(kind)) continue;
    const list =
      kind === 'pledge'
        ? pledgeCandidates(ctx, s)
        : kind === 'return'
          ? returnCandidates(ctx, s)
          : kind === 'hazard'
            ? ledgerCandidates(ctx, s)
            : closureCandidates(ctx, s);
    out.push(...list.sort(sorter).map((c) => ({ spec: c.spec, date: c.date })));
  }
  return out;
}

/** Key identifying the record an item binds (a ledger extract by its filter). */
export function itemKey(spec: Pick<ItemSpec, 'kind' | 'recordId' | 'params'>): string {
  return spec.kind === 'ledger'
    ? `ledger:${JSON.stringify(spec.params?.filter ?? {})}`
    : `${spec.kind}:${spec.recordId}`;
}
