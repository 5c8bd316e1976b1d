import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { todayIso } from '../domain/dates';
import { hazardWhere, overdueSql, rectifiedSql, type HazardFilter } from './hazardQuery';

export interface StatsRow {
  key: string;
  /** 检查单位家次: distinct (enterprise, date found) pairs. */
  checked: number;
  total: number;
  major: number;
  rectified: number;
  majorRectified: number;
  overdue: number;
  /** Rectification rate in percent, one decimal. */
  rate: number;
}

export interface HazardStats {
  period: { from: string | null; to: string | null };
  hazards: StatsRow & {
    byTownship: StatsRow[];
    byIndustry: StatsRow[];
    byMonth: StatsRow[];
  };
}

export interface StatsQuery extends HazardFilter {
  from?: string;
  to?: string;
}

const rate = (r: number, t: number) => (t ? Math.round((r / t) * 1000) / 10 : 0);

function aggregate(ctx: AppContext, q: StatsQuery, groupExpr: string | null): StatsRow[] {
  const today = todayIso(ctx.now());
  const where = hazardWhere({ ...q, foundFrom: q.from ?? q.foundFrom, foundTo: q.to ?? q.foundTo }, today);
  const key = groupExpr ? sql.raw(groupExpr) : sql`'合计'`;
  const rows = ctx.db.all<Record<string, number | string | null>>(sql`
    select ${key} as key,
      count(distinct h.enterprise_name || '|' || coalesce(h.found_date, '')) as checked,
      count(*) as total,
      sum(h.level = '重大') as major,
      sum(${rectifiedSql}) as rectified,
      sum(h.level = '重大' and ${rectifiedSql}) as majorRectified,
      sum(${overdueSql(today)}) as overdue
    from hazards h left join units u on u.id = h.township_unit_id
    where ${where}
    ${groupExpr ? sql`group by 1 order by total desc, key` : sql``}`);
  return rows.map((r) => {
    const total = Number(r.total ?? 0);
    const rectified = Number(r.rectified ?? 0);
    return {
      key: String(r.key ?? '未填写'),
      checked: Number(r.checked ?? 0),
      total,
      major: Number(r.major ?? 0),
      rectified,
      majorRectified: Number(r.majorRectified ?? 0),
      overdue: Number(r.overdue ?? 0),
      rate: rate(rectified, total),
    };
  });
}

/** The figures that go into 通报 and 简报, for any period and filter, with breakdowns. */
export function hazardStats(ctx: AppContext, q: StatsQuery = {}): HazardStats {
  const total = aggregate(ctx, q, null)[0]!;
  const byMonth = aggregate(ctx, q, "coalesce(substr(h.found_date, 1, 7), '未填写')").sort((a, b) => a.key.localeCompare(b.key));
  return {
    period: { from: q.from ?? null, to: q.to ?? null },
    hazards: {
      ...total,
      byTownship: aggregate(ctx, q, "coalesce(u.name, h.township_name, '未填写')"),
      byIndustry: aggregate(ctx, q, "coalesce(h.industry, '未填写')"),
      byMonth,
    },
  };
}

/** A draft paragraph in the style of the county briefings (seeds/003): figures filled in. */
export function statsParagraph(s: HazardStats, opts: { periodLabel?: string } = {}): string {
  const h = s.hazards;
  const period =
    opts.periodLabel ??
    (s.period.from && s.period.to ? `${fmt(s.period.from)}至${fmt(s.period.to)}` : s.period.from ? `${fmt(s.period.from)}以来` : '截至目前');
  const majorPart =
    h.major === 0
      ? ''
      : h.majorRectified === h.major
        ? `（其中重大事故隐患${h.major}处，全部整改完毕）`
        : `（其中重大事故隐患${h.major}处，已整改${h.majorRectified}处）`;
  const overdue = h.overdue ? `，逾期未整改${h.overdue}处，已督促相关单位限期整改` : '';
  return `${period}，全市共检查生产经营单位${h.checked}家次，排查发现安全隐患${h.total}处${majorPart}，已整改${h.rectified}处，整改率${h.rate}%${overdue}。`;
}

function fmt(d: string) {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
