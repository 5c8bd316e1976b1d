/**
 * Which notice's return an import is booked as. The file proposes a period (its title's month or quarter, its
 * 填报时间, or the range of its 发现日期 column) and the notices asking this material of this unit are offered;
 * a return is credited only to the notice (and, for a monthly or quarterly return, the period) the caller names.
 * Nothing is credited by default: an import without a notice books no return against any notice.
 */
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { periodLabel, periodsBetween, RETURN_KIND_LABELS } from '../domain/returns';
import type { ImportKind, ParsedReturn } from './parse/types';
import type { Unit } from '../units/service';

export type CreditKind = 'ledger' | 'worklist' | 'report';
type ReqPeriod = 'once' | 'monthly' | 'quarterly';

/** The return kind an import of this kind is registered as (明白书 count through 签订覆盖, not as a return). */
export function creditKindOf(kind: ImportKind): CreditKind | null {
  return kind === 'hazard' ? 'ledger' : kind === 'worklist' ? 'worklist' : kind === 'report' ? 'report' : null;
}

export interface FilePeriod {
  /** "2024-03" or "2024-Q1"; null when the file names none. */
  period: string | null;
  /**
   * Where it was read: 标题 (a month or quarter in the title lines, or 月份/年月：… above the header), 填报时间
   * (or 报送日期), 发现日期 (all rows in one month).
   */
  source: '标题' | '填报时间' | '发现日期' | null;
  /** The words shown to the clerk: 表中填报时间 2024-03-28 → 2024年3月. */
  text: string;
}

/** The period the file itself names. */
export function filePeriodOf(parsed: ParsedReturn): FilePeriod {
  const meta = parsed.meta;
  if (meta.period) {
    const fromDate = !!meta.reportDate && meta.reportDate.slice(0, 7) === meta.period;
    return {
      period: meta.period,
      source: fromDate ? '填报时间' : '标题',
      text: fromDate
        ? `表中填报时间 ${meta.reportDate} → ${periodLabel(meta.period)}`
        : `表格标题或表头上方写明 ${periodLabel(meta.period)}`,
    };
  }
  if (parsed.kind === 'hazard') {
    let min: string | null = null;
    let max: string | null = null;
    for (const r of parsed.rows) {
      const d = r.values.foundDate;
      if (!d) continue;
      if (min === null || d < min) min = d;
      if (max === null || d > max) max = d;
    }
    if (min && max && min.slice(0, 7) === max.slice(0, 7)) {
      const p = min.slice(0, 7);
      return { period: p, source: '发现日期', text: `发现日期均在 ${periodLabel(p)}（${min} 至 ${max}）` };
    }
    if (min && max) return { period: null, source: null, text: `表中未写填报时间，发现日期为 ${min} 至 ${max}` };
  }
  return { period: null, source: null, text: '表中未写填报时间或月份' };
}

/** A month as its quarter for a quarterly return; a quarter cannot be a month. */
function periodFor(filePeriod: string | null, req: ReqPeriod): string | null {
  if (!filePeriod || req === 'once') return null;
  const q = /^(\d{4})-Q([1-4])$/.exec(filePeriod);
  if (req === 'quarterly') {
    if (q) return filePeriod;
    const [y, m] = filePeriod.split('-').map(Number) as [number, number];
    return `${y}-Q${Math.ceil(m / 3)}`;
  }
  return q ? null : filePeriod;
}

export interface CreditCandidate {
  noticeId: number;
  docNo: string;
  title: string;
  /** once | monthly | quarterly */
  period: ReqPeriod;
  /** The period of this notice the file's period falls in (periodic returns), else null. */
  periodKey: string | null;
  periodLabel: string;
  /** The periods this notice has asked for so far (periodic returns): the choices for the period. */
  periods: string[];
  /** Whether the file's period fits this notice; null when the file names no period. */
  matches: boolean | null;
}

interface ReqRow {
  noticeId: number;
  docNo: string;
  title: string;
  issuedOn: string | null;
  deadline: string | null;
  period: ReqPeriod;
}

function requirementsOf(ctx: AppContext, unitId: number, kind: CreditKind, noticeId?: number): ReqRow[] {
  return ctx.sqlite
    .prepare(
      `select n.id noticeId, n.doc_no docNo, n.title title, n.issued_on issuedOn, coalesce(r.deadline, n.deadline) deadline,
         r.period period
       from notice_requirements r join notices n on n.id = r.notice_id
       where r.unit_id = ? and r.kind = ? and n.deleted_at is null ${noticeId !== undefined ? 'and n.id = ?' : ''}
       order by coalesce(n.issued_on, '') desc, n.id desc`,
    )
    .all(...(noticeId !== undefined ? [unitId, kind, noticeId] : [unitId, kind])) as ReqRow[];
}

/** The periods a periodic requirement has asked for up to today (from its notice's date). */
function periodsOf(r: ReqRow, today: string): string[] {
  if (r.period === 'once') return [];
  return periodsBetween(r.period, r.issuedOn ?? r.deadline ?? today, today);
}

/** The notices asking this material of this unit, newest first, each saying whether the file's period fits it. */
export function creditCandidates(
  ctx: AppContext,
  kind: CreditKind | null,
  unit: Unit | null,
  filePeriod: string | null,
): CreditCandidate[] {
  if (!kind || !unit) return [];
  const today = todayIso(ctx.now());
  return requirementsOf(ctx, unit.id, kind).map((r) => {
    const periods = periodsOf(r, today);
    const key = periodFor(filePeriod, r.period);
    const fileMonth = filePeriod
      ? /Q/.test(filePeriod)
        ? `${filePeriod.slice(0, 4)}-${String(Number(filePeriod.slice(-1)) * 3).padStart(2, '0')}`
        : filePeriod
      : null;
    const matches =
      filePeriod === null
        ? null
        : r.period === 'once'
          ? !r.issuedOn || fileMonth! >= r.issuedOn.slice(0, 7)
          : key !== null && periods.includes(key);
    return {
      noticeId: r.noticeId,
      docNo: r.docNo,
      title: r.title,
      period: r.period,
      periodKey: matches ? key : null,
      periodLabel: matches && key ? periodLabel(key) : '',
      periods,
      matches,
    };
  });
}

export interface ReturnCredit {
  noticeId: number;
  docNo: string;
  kind: CreditKind;
  /** The period credited (monthly/quarterly returns), else null. */
  period: string | null;
}

export interface CreditResolution {
  credit: ReturnCredit | null;
  /** What the summary says before the commit: 计入 … or 不计入任何通知的报送. */
  text: string;
  /** Why the named notice/period cannot be credited (the import is refused until it is changed). */
  error: string | null;
  warning: string | null;
}

export const NO_CREDIT = '不计入任何通知的报送';

/**
 * The return this import is credited as: only the notice the caller named, and for a periodic return only the
 * period the caller named, checked against what the notice asks of the unit.
 */
export function resolveCredit(
  ctx: AppContext,
  kind: CreditKind | null,
  unit: Unit | null,
  noticeId: number | undefined,
  period: string | undefined,
  filePeriod: FilePeriod,
): CreditResolution {
  const none: CreditResolution = { credit: null, text: NO_CREDIT, error: null, warning: null };
  if (!kind || noticeId === undefined) return none;
  const label = RETURN_KIND_LABELS[kind];
  const notice = ctx.sqlite
    .prepare('select doc_no docNo from notices where id = ? and deleted_at is null')
    .get(noticeId) as { docNo: string } | undefined;
  if (!notice) return { ...none, error: `找不到编号为 ${noticeId} 的通知，请重新选择所属通知` };
  if (!unit && kind === 'ledger') {
    const error = `要计入 ${notice.docNo} 的${label}报送，请先指定报送单位`;
    return { ...none, text: `${NO_CREDIT}（${error}）`, error };
  }
  const req = unit ? requirementsOf(ctx, unit.id, kind, noticeId)[0] : undefined;
  const onceCredit = (warning: string | null): CreditResolution => ({
    credit: { noticeId, docNo: notice.docNo, kind, period: null },
    text: `计入 ${notice.docNo} 的${label}报送`,
    error: null,
    warning,
  });
  if (!req) {
    return onceCredit(
      `通知 ${notice.docNo} 未要求${unit ? `“${unit.name}”` : '该单位'}报送${label}：将登记为该通知的报送，但报送跟踪表中不显示`,
    );
  }
  if (req.period === 'once') return onceCredit(null);
  const every = req.period === 'monthly' ? '按月' : '按季度';
  const example = req.period === 'monthly' ? 'YYYY-MM，如 2024-03' : 'YYYY-Qn，如 2024-Q1';
  const seen = filePeriod.period ? `（${filePeriod.text}）` : '';
  const fail = (error: string): CreditResolution => ({ ...none, text: `${NO_CREDIT}（${error}）`, error });
  if (!period) return fail(`通知 ${notice.docNo} 的${label}${every}报送，请选择本次报送的期次${seen}`);
  const ok = req.period === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}-Q[1-4]$/;
  if (!ok.test(period))
    return fail(`报送期次“${period}”格式不对：通知 ${notice.docNo} 的${label}${every}报送（${example}）`);
  const periods = periodsOf(req, todayIso(ctx.now()));
  if (!periods.includes(period)) {
    const span = periods.length
      ? `${periodLabel(periods[0]!)}至${periodLabel(periods[periods.length - 1]!)}`
      : '尚无到期的期次';
    return fail(`报送期次 ${periodLabel(period)} 不在通知 ${notice.docNo} 的报送期内（${span}），请核对${seen}`);
  }
  return {
    credit: { noticeId, docNo: notice.docNo, kind, period },
    text: `计入 ${notice.docNo} 的${label}报送（${periodLabel(period)}）`,
    error: null,
    warning:
      filePeriod.period && periodFor(filePeriod.period, req.period) !== period
        ? `所选期次 ${periodLabel(period)} 与表中的不一致（${filePeriod.text}），请核对`
        : null,
  };
}
