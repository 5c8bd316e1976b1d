/**
 * What every CLI command gets and how it answers: the parsed options (Values), the I/O (CliIO), the option
 * readers (str, need, list), the notice a 文号 names, the hazard filter several commands share, and print (JSON
 * with --json, Chinese lines otherwise).
 */
import type { AppContext } from '../platform/context';
import { validation } from '../platform/errors';
import { findNoticeByDocNo } from '../notices/service';
import { requireUnitByName } from '../units/service';
import { isIsoDate } from '../domain/dates';
import type { HazardLevel, HazardStatus } from '../domain/hazard';
import type { HazardFilter } from '../hazards/query';
import { UsageError } from './usage';

export interface CliIO {
  out(s: string): void;
  err(s: string): void;
  /** A progress line that replaces the previous one (a terminal only); null ends it. */
  progress?(s: string | null): void;
}

export type Values = Record<string, string | boolean | string[] | undefined>;
/** A command that works on the opened data directory. */
export type Command = (ctx: AppContext, args: { values: Values; rest: string[] }, io: CliIO) => Promise<void>;
/** A command that gets the data directory only (it must work when the database will not open). */
export type RawCommand = (dataDir: string, args: { values: Values; rest: string[] }, io: CliIO) => Promise<void>;

export const str = (v: Values, k: string): string | undefined =>
  typeof v[k] === 'string' ? (v[k] as string) : undefined;
export const need = (v: Values, k: string, label: string): string => {
  const s = str(v, k);
  if (s === undefined || s.trim() === '') throw new UsageError(`缺少参数 --${k}（${label}）`);
  return s;
};
export const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : []);

export function noticeId(ctx: AppContext, docNo: string | undefined): number | undefined {
  if (!docNo) return undefined;
  const n = findNoticeByDocNo(ctx, docNo);
  if (!n) throw validation(`文号“${docNo}”的通知未登记，请先用 notices add 登记`);
  return n.id;
}

export function print(io: CliIO, json: boolean, data: unknown, human: () => string) {
  io.out(json ? JSON.stringify(data, null, 2) : human());
}

export const LEVELS = ['一般', '重大'];
export const STATUSES = ['未整改', '整改中', '已整改', '已验收销号'];

export function hazardFilter(ctx: AppContext, values: Values): HazardFilter {
  const level = str(values, 'level');
  if (level && !LEVELS.includes(level)) throw validation(`隐患等级只能是“一般”或“重大”，收到的是“${level}”`);
  const status = str(values, 'status');
  if (status && !STATUSES.includes(status)) throw validation(`整改状态“${status}”不对，应为：${STATUSES.join('、')}`);
  const township = str(values, 'township');
  for (const k of ['from', 'to'] as const) {
    const d = str(values, k);
    if (d && !isIsoDate(d)) throw validation(`日期“${d}”不是有效日期（格式 YYYY-MM-DD）`);
  }
  return {
    search: str(values, 'search'),
    townshipUnitIds: township ? [requireUnitByName(ctx, township).id] : undefined,
    industries: str(values, 'industry') ? [str(values, 'industry')!] : undefined,
    categories: str(values, 'category') ? [str(values, 'category')!] : undefined,
    levels: level ? [level as HazardLevel] : undefined,
    statuses: status ? [status as HazardStatus] : undefined,
    overdue: values.overdue ? true : undefined,
    foundFrom: str(values, 'from'),
    foundTo: str(values, 'to'),
    noticeId: noticeId(ctx, str(values, 'notice')),
  };
}
