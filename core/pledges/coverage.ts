/**
 * 签订覆盖: for each unit a notice addresses, the talks it expects against the 明白书 registered and signed (which
 * notice to show by default, too); and the overall counts the home page shows.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pledgeAttachments, pledges, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { getNotice, listNotices, listRequirements } from '../notices/service';

export interface CoverageRow {
  unitId: number;
  unitName: string;
  unitKind: string;
  expected: number;
  registered: number;
  signed: number;
  withScan: number;
  missing: number;
  deadline: string | null;
}

export interface Coverage {
  noticeId: number;
  docNo: string;
  title: string;
  deadline: string | null;
  rows: CoverageRow[];
  totals: {
    expected: number;
    registered: number;
    signed: number;
    /** Signed 明白书 counted only up to what each unit owes (extra ones do not hide a gap elsewhere). */
    signedRequired: number;
    withScan: number;
    missing: number;
    unitsComplete: number;
    /** Units the notice asks for 明白书 (expected > 0). */
    unitsRequired: number;
    units: number;
  };
}

/** For each unit a notice addresses: talks expected vs 明白书 registered and signed. */
/**
 * The notice 签订覆盖情况 opens on: the newest (in the notice list's order) that asks some unit for 明白书, else
 * the newest notice; null when no notice is registered.
 */
export function defaultCoverageNotice(ctx: AppContext): number | null {
  const all = listNotices(ctx);
  const asking = new Set(
    (
      ctx.sqlite
        .prepare(`select distinct notice_id id from notice_requirements where kind = 'pledge' and expected_count > 0`)
        .all() as { id: number }[]
    ).map((r) => r.id),
  );
  const first = all.find((n) => asking.has(n.id) && pledgeCoverage(ctx, n.id).totals.expected > 0);
  return first?.id ?? all[0]?.id ?? null;
}

export function pledgeCoverage(ctx: AppContext, noticeId: number): Coverage {
  const notice = getNotice(ctx, noticeId);
  const reqs = listRequirements(ctx, noticeId, 'pledge');
  const counted = ctx.db
    .select({
      unitId: sql<number>`coalesce(${pledges.reportingUnitId}, ${pledges.talkeeUnitId})`,
      registered: sql<number>`count(*)`,
      signed: sql<number>`sum(case when ${pledges.status} != '未签订' then 1 else 0 end)`,
      withScan: sql<number>`sum(case when exists (select 1 from ${pledgeAttachments} pa where pa.pledge_id = ${pledges.id}) then 1 else 0 end)`,
    })
    .from(pledges)
    .where(
      and(
        eq(pledges.noticeId, noticeId),
        isNull(pledges.deletedAt),
        sql`coalesce(${pledges.reportingUnitId}, ${pledges.talkeeUnitId}) is not null`,
      ),
    )
    .groupBy(sql`coalesce(${pledges.reportingUnitId}, ${pledges.talkeeUnitId})`)
    .all();
  const byUnit = new Map(counted.map((c) => [c.unitId, c]));
  const unitIds = new Set<number>([...reqs.map((r) => r.unitId), ...counted.map((c) => c.unitId)]);
  const unitRows = unitIds.size
    ? ctx.db
        .select()
        .from(units)
        .where(inArray(units.id, [...unitIds]))
        .all()
    : [];
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const reqByUnit = new Map(reqs.map((r) => [r.unitId, r]));
  const rows: CoverageRow[] = [...unitIds].map((unitId) => {
    const c = byUnit.get(unitId);
    const r = reqByUnit.get(unitId);
    const expected = r?.expectedCount ?? 0;
    const signed = c?.signed ?? 0;
    return {
      unitId,
      unitName: unitById.get(unitId)?.name ?? String(unitId),
      unitKind: unitById.get(unitId)?.kind ?? '其他',
      expected,
      registered: c?.registered ?? 0,
      signed,
      withScan: c?.withScan ?? 0,
      missing: Math.max(0, expected - signed),
      deadline: r?.deadline ?? notice.deadline,
    };
  });
  // Units with something missing first, then by directory order.
  rows.sort((a, b) => (b.missing > 0 ? 1 : 0) - (a.missing > 0 ? 1 : 0) || a.unitId - b.unitId);
  const totals = rows.reduce(
    (t, r) => ({
      expected: t.expected + r.expected,
      registered: t.registered + r.registered,
      signed: t.signed + r.signed,
      signedRequired: t.signedRequired + Math.min(r.signed, r.expected),
      withScan: t.withScan + r.withScan,
      missing: t.missing + r.missing,
      unitsComplete: t.unitsComplete + (r.missing === 0 && r.expected > 0 ? 1 : 0),
      unitsRequired: t.unitsRequired + (r.expected > 0 ? 1 : 0),
      units: t.units + 1,
    }),
    {
      expected: 0,
      registered: 0,
      signed: 0,
      signedRequired: 0,
      withScan: 0,
      missing: 0,
      unitsComplete: 0,
      unitsRequired: 0,
      units: 0,
    },
  );
  return { noticeId, docNo: notice.docNo, title: notice.title, deadline: notice.deadline, rows, totals };
}

export function countPledges(ctx: AppContext) {
  const r = ctx.db
    .select({
      total: sql<number>`count(*)`,
      signed: sql<number>`sum(case when ${pledges.status} != '未签订' then 1 else 0 end)`,
      withScan: sql<number>`sum(case when exists (select 1 from ${pledgeAttachments} pa where pa.pledge_id = ${pledges.id}) then 1 else 0 end)`,
    })
    .from(pledges)
    .where(isNull(pledges.deletedAt))
    .get()!;
  return { total: r.total, signed: r.signed ?? 0, withScan: r.withScan ?? 0 };
}
