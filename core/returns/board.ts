import { and, eq, isNull } from 'drizzle-orm';
import { noticeRequirements, notices, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { periodDueDate, periodLabel, periodsBetween, RETURN_KIND_LABELS, type AnyReturnKind } from '../domain/returns';
import { listReturns, type ReturnView } from './service';
import { pledgeCoverage, type Coverage } from '../pledges/coverage';

export const BOARD_STATUSES = ['未交', '已交', '逾期', '逾期补交', '退回修改'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export interface BoardColumn {
  key: string;
  noticeId: number;
  docNo: string;
  noticeTitle: string;
  kind: AnyReturnKind;
  label: string;
}

export interface BoardCell {
  columnKey: string;
  status: BoardStatus;
  deadline: string | null;
  period: string | null;
  periodLabel: string;
  submittedDate: string | null;
  submissionId: number | null;
  /** e.g. 已签 3/5 for 明白书; 超字数 for an over-long report. */
  detail: string | null;
  reason: string | null;
  /** Periodic returns: how many earlier periods were never sent. */
  missedPeriods: number;
}

export interface BoardRow {
  unitId: number;
  unitName: string;
  unitKind: string;
  contact: string | null;
  phone: string | null;
  cells: Record<string, BoardCell>;
  late: number;
}

export interface Board {
  today: string;
  columns: BoardColumn[];
  rows: BoardRow[];
  totals: Record<BoardStatus, number>;
}

export interface BoardQuery {
  noticeId?: number;
  /** Keep only units with something 逾期 or 退回修改 (and only those cells count). */
  onlyLate?: boolean;
}

type ReqRow = typeof noticeRequirements.$inferSelect;

function onceCell(key: string, deadline: string | null, subs: ReturnView[], today: string): BoardCell {
  const latest = subs[0]; // listReturns orders newest first
  const base = { columnKey: key, deadline, period: null, periodLabel: '', missedPeriods: 0 };
  if (!latest) {
    return {
      ...base,
      status: deadline && today > deadline ? '逾期' : '未交',
      submittedDate: null,
      submissionId: null,
      detail: null,
      reason: null,
    };
  }
  if (latest.status === '退回修改') {
    return {
      ...base,
      status: '退回修改',
      submittedDate: latest.receivedDate,
      submissionId: latest.id,
      detail: null,
      reason: latest.returnReason,
    };
  }
  const late = !!deadline && latest.receivedDate > deadline;
  return {
    ...base,
    status: late ? '逾期补交' : '已交',
    submittedDate: latest.receivedDate,
    submissionId: latest.id,
    detail: latest.overLimit ? `超字数（${latest.textLength}/${latest.lengthLimit}）` : null,
    reason: null,
  };
}

function periodicCell(key: string, req: ReqRow, start: string, subs: ReturnView[], today: string): BoardCell {
  const periods = periodsBetween(req.period as 'monthly' | 'quarterly', start, today);
  const dueDay = req.dueDay ?? 25;
  const byPeriod = new Map<string, ReturnView>();
  for (const s of subs) if (s.period && !byPeriod.has(s.period)) byPeriod.set(s.period, s);
  const passed = periods.filter((p) => periodDueDate(p, dueDay) < today);
  const missed = passed.filter((p) => !byPeriod.has(p));
  const lastPassed = passed[passed.length - 1];
  // Show the latest period already due if it was not sent; otherwise the period now open.
  const shown = lastPassed && !byPeriod.has(lastPassed) ? lastPassed : (periods[periods.length - 1] ?? lastPassed);
  if (!shown) {
    return {
      columnKey: key,
      status: '未交',
      deadline: null,
      period: null,
      periodLabel: '',
      submittedDate: null,
      submissionId: null,
      detail: null,
      reason: null,
      missedPeriods: 0,
    };
  }
  const cell = onceCell(key, periodDueDate(shown, dueDay), byPeriod.has(shown) ? [byPeriod.get(shown)!] : [], today);
  return {
    ...cell,
    period: shown,
    periodLabel: periodLabel(shown),
    missedPeriods: missed.length,
    detail: missed.length > 1 ? `累计漏报 ${missed.length} 期` : cell.detail,
  };
}

function pledgeCell(
  ctx: AppContext,
  coverage: (noticeId: number) => Coverage,
  key: string,
  noticeId: number,
  unitId: number,
  deadline: string | null,
  today: string,
): BoardCell {
  const cov = coverage(noticeId).rows.find((r) => r.unitId === unitId);
  const expected = cov?.expected ?? 0;
  const signed = cov?.signed ?? 0;
  const done = expected > 0 ? signed >= expected : signed > 0;
  const lastSigned = ctx.sqlite
    .prepare(
      `select max(coalesce(signed_date, talk_date)) d from pledges where notice_id = ? and coalesce(reporting_unit_id, talkee_unit_id) = ?
       and status != '未签订' and deleted_at is null`,
    )
    .get(noticeId, unitId) as { d: string | null };
  const status: BoardStatus = done
    ? deadline && lastSigned.d && lastSigned.d > deadline
      ? '逾期补交'
      : '已交'
    : deadline && today > deadline
      ? '逾期'
      : '未交';
  return {
    columnKey: key,
    status,
    deadline,
    period: null,
    periodLabel: '',
    submittedDate: done ? lastSigned.d : null,
    submissionId: null,
    detail: `已签 ${signed}/${expected}`,
    reason: null,
    missedPeriods: 0,
  };
}

/** Units × required returns for one notice or all, each cell computed from the register and today's date. */
export function returnBoard(ctx: AppContext, q: BoardQuery = {}): Board {
  const today = todayIso(ctx.now());
  const reqs = ctx.db
    .select({ r: noticeRequirements, n: notices })
    .from(noticeRequirements)
    .innerJoin(notices, eq(notices.id, noticeRequirements.noticeId))
    .where(
      q.noticeId !== undefined
        ? and(eq(noticeRequirements.noticeId, q.noticeId), isNull(notices.deletedAt))
        : isNull(notices.deletedAt),
    )
    .all();
  const columns = new Map<string, BoardColumn>();
  const rows = new Map<number, BoardRow>();
  const unitRows = new Map(
    ctx.db
      .select()
      .from(units)
      .all()
      .map((u) => [u.id, u]),
  );
  const coverages = new Map<number, Coverage>();
  const coverage = (noticeId: number) => {
    let c = coverages.get(noticeId);
    if (!c) coverages.set(noticeId, (c = pledgeCoverage(ctx, noticeId)));
    return c;
  };
  const subsByKey = new Map<string, ReturnView[]>();
  for (const s of listReturns(ctx, { noticeId: q.noticeId })) {
    if (s.noticeId === null || s.unitId === null) continue;
    const k = `${s.noticeId}|${s.kind}|${s.unitId}`;
    subsByKey.set(k, [...(subsByKey.get(k) ?? []), s]);
  }
  for (const { r, n } of reqs) {
    const key = `${n.id}:${r.kind}`;
    if (!columns.has(key)) {
      columns.set(key, {
        key,
        noticeId: n.id,
        docNo: n.docNo,
        noticeTitle: n.title,
        kind: r.kind,
        label: RETURN_KIND_LABELS[r.kind],
      });
    }
    const u = unitRows.get(r.unitId);
    if (!u || u.deletedAt || u.disabledAt) continue;
    let row = rows.get(u.id);
    if (!row)
      rows.set(
        u.id,
        (row = {
          unitId: u.id,
          unitName: u.name,
          unitKind: u.kind,
          contact: u.contact,
          phone: u.phone,
          cells: {},
          late: 0,
        }),
      );
    const deadline = r.deadline ?? n.deadline;
    const subs = subsByKey.get(`${n.id}|${r.kind}|${u.id}`) ?? [];
    row.cells[key] =
      r.kind === 'pledge'
        ? pledgeCell(ctx, coverage, key, n.id, u.id, deadline, today)
        : r.period === 'once'
          ? onceCell(key, deadline, subs, today)
          : periodicCell(key, r, n.issuedOn ?? deadline ?? today, subs, today);
  }
  let list = [...rows.values()];
  for (const row of list)
    row.late = Object.values(row.cells).filter((c) => c.status === '逾期' || c.status === '退回修改').length;
  if (q.onlyLate) list = list.filter((r) => r.late > 0);
  list.sort((a, b) => b.late - a.late || a.unitId - b.unitId);
  const totals = Object.fromEntries(BOARD_STATUSES.map((s) => [s, 0])) as Record<BoardStatus, number>;
  for (const row of list) for (const c of Object.values(row.cells)) totals[c.status]++;
  return { today, columns: [...columns.values()], rows: list, totals };
}

export interface ChaseItem {
  unitName: string;
  contact: string | null;
  phone: string | null;
  docNo: string;
  noticeTitle: string;
  what: string;
  deadline: string | null;
  status: BoardStatus;
  note: string | null;
}

/** 催报清单: everything not (yet) received, latest first by deadline. */
export function chaseList(ctx: AppContext, q: BoardQuery = {}): ChaseItem[] {
  const board = returnBoard(ctx, { noticeId: q.noticeId });
  const cols = new Map(board.columns.map((c) => [c.key, c]));
  const out: ChaseItem[] = [];
  for (const row of board.rows) {
    for (const cell of Object.values(row.cells)) {
      if (cell.status !== '未交' && cell.status !== '逾期' && cell.status !== '退回修改') continue;
      if (q.onlyLate && cell.status === '未交') continue;
      const col = cols.get(cell.columnKey)!;
      out.push({
        unitName: row.unitName,
        contact: row.contact,
        phone: row.phone,
        docNo: col.docNo,
        noticeTitle: col.noticeTitle,
        what: `${col.label}${cell.periodLabel ? `（${cell.periodLabel}）` : ''}${cell.detail && col.kind === 'pledge' ? `，${cell.detail}` : ''}`,
        deadline: cell.deadline,
        status: cell.status,
        note:
          cell.status === '退回修改'
            ? `退回原因：${cell.reason ?? ''}`
            : cell.missedPeriods > 1
              ? `累计漏报 ${cell.missedPeriods} 期`
              : null,
      });
    }
  }
  const rank = { 退回修改: 0, 逾期: 1, 未交: 2 } as Record<string, number>;
  return out.sort(
    (a, b) =>
      rank[a.status]! - rank[b.status]! ||
      (a.deadline ?? '').localeCompare(b.deadline ?? '') ||
      a.unitName.localeCompare(b.unitName, 'zh'),
  );
}
