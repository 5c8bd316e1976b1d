/**
 * The hazard ledger's filters: the values the filter bar edits, how they become a `hazards:list` query, and how
 * other pages link here with filters in the address (#/hazards?level=重大&status=未整改,整改中&overdue=1).
 */
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../../../core/domain/hazard';
import type { HazardLevel, HazardListQuery, HazardSortField, HazardStatus } from './types';

export interface HazardFilterValues {
  search?: string;
  townshipUnitIds?: number[];
  industries?: string[];
  /** 隐患类别 */
  categories?: string[];
  level?: HazardLevel;
  statuses?: HazardStatus[];
  overdue?: boolean;
  supervised?: boolean;
  fiveIncomplete?: boolean;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  foundRange?: [string, string];
  deadlineRange?: [string, string];
  noticeId?: number;
}

export type HazardFilterQuery = Omit<HazardListQuery, 'sortField' | 'sortOrder' | 'offset' | 'limit'>;

export function toHazardQuery(f: HazardFilterValues): HazardFilterQuery {
  const q: HazardFilterQuery = {};
  if (f.search?.trim()) q.search = f.search.trim();
  if (f.townshipUnitIds?.length) q.townshipUnitIds = f.townshipUnitIds;
  if (f.industries?.length) q.industries = f.industries;
  if (f.categories?.length) q.categories = f.categories;
  if (f.level) q.levels = [f.level];
  if (f.statuses?.length) q.statuses = f.statuses;
  if (f.overdue) q.overdue = true;
  if (f.supervised) q.supervised = true;
  if (f.fiveIncomplete) q.fiveIncomplete = true;
  if (f.foundRange) [q.foundFrom, q.foundTo] = f.foundRange;
  if (f.deadlineRange) [q.deadlineFrom, q.deadlineTo] = f.deadlineRange;
  if (f.noticeId) q.noticeId = f.noticeId;
  return q;
}

export type LedgerSort = { field?: HazardSortField; order?: 'asc' | 'desc' };

/** The list query of the ledger page: the filters and the sort (newest first by default). */
export function ledgerQuery(f: HazardFilterValues, sort: LedgerSort): Omit<HazardListQuery, 'offset' | 'limit'> {
  return { ...toHazardQuery(f), sortField: sort.field ?? 'id', sortOrder: sort.order ?? 'desc' };
}

export function hasFilters(f: HazardFilterValues): boolean {
  return Object.keys(toHazardQuery(f)).length > 0;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function ids(s: string | null): number[] | undefined {
  const xs = (s ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return xs.length ? xs : undefined;
}

function range(from: string | null, to: string | null): [string, string] | undefined {
  return from && to && ISO.test(from) && ISO.test(to) ? [from, to] : undefined;
}

/** Filters from the address (links from 工作台 and 统计分析). */
export function hazardFiltersFromQuery(q: URLSearchParams): HazardFilterValues {
  const level = q.get('level');
  const statuses = (q.get('status') ?? '')
    .split(',')
    .filter((s): s is HazardStatus => (HAZARD_STATUSES as readonly string[]).includes(s));
  const industries = (q.get('industry') ?? '').split(',').filter(Boolean);
  const categories = (q.get('category') ?? '').split(',').filter(Boolean);
  const notice = Number(q.get('notice'));
  return {
    search: q.get('q') ?? undefined,
    townshipUnitIds: ids(q.get('township')),
    industries: industries.length ? industries : undefined,
    categories: categories.length ? categories : undefined,
    level: level && (HAZARD_LEVELS as readonly string[]).includes(level) ? (level as HazardLevel) : undefined,
    statuses: statuses.length ? statuses : undefined,
    overdue: q.get('overdue') === '1' || undefined,
    supervised: q.get('supervised') === '1' || undefined,
    fiveIncomplete: q.get('five') === '1' || undefined,
    foundRange: range(q.get('foundFrom'), q.get('foundTo')),
    noticeId: Number.isInteger(notice) && notice > 0 ? notice : undefined,
  };
}

/** The address query for a link to the ledger with these filters. */
export function hazardLink(f: HazardFilterValues): Record<string, string | undefined> {
  return {
    q: f.search,
    township: f.townshipUnitIds?.join(','),
    industry: f.industries?.join(','),
    category: f.categories?.join(','),
    level: f.level,
    status: f.statuses?.join(','),
    overdue: f.overdue ? '1' : undefined,
    supervised: f.supervised ? '1' : undefined,
    five: f.fiveIncomplete ? '1' : undefined,
    foundFrom: f.foundRange?.[0],
    foundTo: f.foundRange?.[1],
    notice: f.noticeId ? String(f.noticeId) : undefined,
  };
}
