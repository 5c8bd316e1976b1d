import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { returnBoard } from '../returns/board';
import { listHazards } from '../hazards/service';
import { countPledges } from '../pledges/coverage';
import { listReturns } from '../returns/service';
import { hazardStats } from './service';
import { recheckState } from '../archivePackage/checkRecheck';

/** 工作台: what is due this week, what is late, open 重大 hazards, the latest returns received. */
export function homeSummary(ctx: AppContext) {
  const today = todayIso(ctx.now());
  const weekEnd = dayjs(today).add(7, 'day').format('YYYY-MM-DD');
  const board = returnBoard(ctx);
  const cols = new Map(board.columns.map((c) => [c.key, c]));
  const items = board.rows.flatMap((r) =>
    Object.values(r.cells).map((c) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      docNo: cols.get(c.columnKey)!.docNo,
      what: `${cols.get(c.columnKey)!.label}${c.periodLabel ? `（${c.periodLabel}）` : ''}`,
      deadline: c.deadline,
      status: c.status,
      detail: c.detail,
    })),
  );
  const dueThisWeek = items
    .filter((i) => i.status === '未交' && i.deadline && i.deadline >= today && i.deadline <= weekEnd)
    .sort((a, b) => a.deadline!.localeCompare(b.deadline!));
  const late = items
    .filter((i) => i.status === '逾期' || i.status === '退回修改')
    .sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''));
  // 重大 hazards are 挂牌督办 and stay on the 工作台 until 销号 (已整改 still awaits its 验收).
  const notClosed = ['未整改', '整改中', '已整改'] as const;
  const openMajor = listHazards(ctx, {
    levels: ['重大'],
    statuses: [...notClosed],
    sortField: 'deadlineDate',
    sortOrder: 'asc',
    limit: 10,
  });
  const openMajorOverdueCount = listHazards(ctx, {
    levels: ['重大'],
    statuses: [...notClosed],
    overdue: true,
    limit: 1,
  }).total;
  const supervision = new Map(
    openMajor.rows.length
      ? (
          ctx.sqlite
            .prepare(
              `select id, supervising_unit, supervision_deadline from hazards where id in (${openMajor.rows.map(() => '?').join(',')})`,
            )
            .all(...openMajor.rows.map((r) => r.id)) as {
            id: number;
            supervising_unit: string | null;
            supervision_deadline: string | null;
          }[]
        ).map((r) => [r.id, r])
      : [],
  );
  const stats = hazardStats(ctx, { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` }).hazards;
  return {
    today,
    dueThisWeek: dueThisWeek.slice(0, 20),
    dueThisWeekCount: dueThisWeek.length,
    late: late.slice(0, 20),
    lateCount: late.length,
    openMajor: openMajor.rows.map((r) => ({
      ...r,
      supervisingUnit: supervision.get(r.id)?.supervising_unit ?? null,
      supervisionDeadline: supervision.get(r.id)?.supervision_deadline ?? null,
    })),
    openMajorCount: openMajor.total,
    openMajorOverdueCount,
    latestReturns: listReturns(ctx).slice(0, 8),
    /** The last re-check of sealed volumes and exported packages (start-up, digests; or on demand). */
    archives: recheckState(ctx),
    pledges: countPledges(ctx),
    yearStats: {
      total: stats.total,
      major: stats.major,
      rectified: stats.rectified,
      rate: stats.rate,
      overdue: stats.overdue,
    },
  };
}
