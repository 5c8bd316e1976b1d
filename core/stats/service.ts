import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { hazardsFrom, hazardWhere, overdueSql, planSearch, rectifiedSql, type HazardFilter } from '../hazards/query';

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
  /** What the figures are of, in words for the 简报: the townships, industries, categories and levels filtered. */
  scope: StatsScope;
  hazards: StatsRow & {
    byTownship: StatsRow[];
    byIndustry: StatsRow[];
    /** By 隐患类别 (高处坠落, 消防安全 …); 未填写 when the ledger had none. */
    byCategory: StatsRow[];
    byMonth: StatsRow[];
  };
}

export interface StatsScope {
  /** The townships' names (in the order chosen); empty: the whole county (全市). */
  townships: string[];
  industries: string[];
  categories: string[];
  levels: string[];
}

export interface StatsQuery extends HazardFilter {
  from?: string;
  to?: string;
}

const rate = (r: number, t: number) => (t ? Math.round((r / t) * 1000) / 10 : 0);

/** SQLite's BINARY order of two texts (UTF-8 bytes), for ties in the group order as SQL gave it. */
function binaryCompare(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** First 7 characters (substr counts characters, not UTF-16 units). */
function substr7(s: string): string {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s).slice(0, 7).join('') : s.slice(0, 7);
}

class Group {
  /** 检查单位家次: the distinct enterprise|date found pairs, marked by number (pair numbers are dense). */
  private readonly seen: Uint8Array;
  private checked = 0;
  total = 0;
  major = 0;
  rectified = 0;
  majorRectified = 0;
  overdue = 0;

  constructor(
    readonly key: string,
    pairs: number,
  ) {
    this.seen = new Uint8Array(pairs);
  }

  add(pair: number, flags: number): void {
    if (!this.seen[pair]) {
      this.seen[pair] = 1;
      this.checked++;
    }
    this.total++;
    const major = flags & 1;
    const rectified = (flags >> 1) & 1;
    this.major += major;
    this.rectified += rectified;
    this.majorRectified += major & rectified;
    this.overdue += (flags >> 2) & 1;
  }

  row(): StatsRow {
    return {
      key: this.key,
      checked: this.checked,
      total: this.total,
      major: this.major,
      rectified: this.rectified,
      majorRectified: this.majorRectified,
      overdue: this.overdue,
      rate: rate(this.rectified, this.total),
    };
  }
}

/** Groups in the order SQL's "order by total desc, key" gave them. */
function ordered(groups: Map<string, Group>): StatsRow[] {
  return [...groups.values()].sort((a, b) => b.total - a.total || binaryCompare(a.key, b.key)).map((g) => g.row());
}

function groupOf(groups: Map<string, Group>, key: string, pairs: number): Group {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = new Group(key, pairs)));
  return g;
}

/**
 * The figures that go into 通报 and 简报, for any period and filter, with breakdowns. One pass over the matching
 * hazards (the period's range of the covering index) instead of one aggregate query per breakdown; the figures
 * are those the four GROUP BY queries gave.
 */
export function hazardStats(ctx: AppContext, q: StatsQuery = {}): HazardStats {
  const today = todayIso(ctx.now());
  const filter = { ...q, foundFrom: q.from ?? q.foundFrom, foundTo: q.to ?? q.foundTo };
  const where = hazardWhere(filter, today, planSearch(filter, ctx));
  // As few and as small values per row as will do: the township's written name only when there is no unit (units'
  // names come from one query), flags as one number. The rows come as one JSON text, parsed at once: handing
  // 100,000 rows to JavaScript one by one costs about 1 µs a row before any value is made, most of the time here.
  const [[json]] = ctx.db.values<[string]>(sql`
    select json_group_array(json_array(h.township_unit_id, case when h.township_unit_id is null then h.township_name end,
      coalesce(h.industry, '未填写'), h.enterprise_name, h.found_date, (h.level = '重大') + 2 * ${rectifiedSql} + 4 * ${overdueSql(today)},
      coalesce(h.category, '未填写')))
    from ${hazardsFrom(filter)}
    where ${where}`) as [[string]];
  const rows = JSON.parse(json) as [number | null, string | null, string, string, string | null, number, string][];
  // coalesce(u.name, h.township_name, '未填写') of "left join units u": every unit's name, once.
  const unitNames = new Map(ctx.db.values<[number, string]>(sql`select id, name from units`));
  // There are at most as many pairs as rows.
  const all = new Group('合计', rows.length);
  const towns = new Map<string, Group>();
  const industries = new Map<string, Group>();
  const categories = new Map<string, Group>();
  const months = new Map<string, Group>();
  // The distinct enterprise|date pairs as small integers (by date, then enterprise: no key string per row), and
  // each date's month once.
  const byDate = new Map<string | null, { month: string; enterprises: Map<string, number> }>();
  let pairs = 0;
  for (const [unitId, townshipName, industry, enterprise, found, flags, category] of rows) {
    const town = (unitId !== null ? unitNames.get(unitId) : undefined) ?? townshipName ?? '未填写';
    let day = byDate.get(found);
    if (!day) byDate.set(found, (day = { month: found === null ? '未填写' : substr7(found), enterprises: new Map() }));
    let pair = day.enterprises.get(enterprise);
    if (pair === undefined) day.enterprises.set(enterprise, (pair = pairs++));
    all.add(pair, flags);
    groupOf(towns, town, rows.length).add(pair, flags);
    groupOf(industries, industry, rows.length).add(pair, flags);
    groupOf(categories, category, rows.length).add(pair, flags);
    groupOf(months, day.month, rows.length).add(pair, flags);
  }
  const byMonth = ordered(months).sort((a, b) => a.key.localeCompare(b.key));
  const scope: StatsScope = {
    townships: (q.townshipUnitIds ?? []).map((id) => unitNames.get(id)).filter((n): n is string => !!n),
    industries: [...(q.industries ?? [])],
    categories: [...(q.categories ?? [])],
    levels: [...(q.levels ?? [])],
  };
  return {
    // The figures stop at today, and so does the period the 简报 names (a filter to year's end says 至今天).
    period: {
      from: q.from ? (q.from > today ? today : q.from) : null,
      to: q.to ? (q.to > today ? today : q.to) : null,
    },
    scope,
    hazards: {
      ...all.row(),
      byTownship: ordered(towns),
      byIndustry: ordered(industries),
      byCategory: ordered(categories),
      byMonth,
    },
  };
}

/**
 * A draft paragraph in the style of the county briefings (seeds/003), figures filled in, speaking of what was
 * counted: 全市 or the townships chosen, the industries (燃气行业领域), the level (重大事故隐患) and categories.
 */
export function statsParagraph(s: HazardStats, opts: { periodLabel?: string } = {}): string {
  const h = s.hazards;
  const sc = s.scope ?? { townships: [], industries: [], categories: [], levels: [] };
  const period =
    opts.periodLabel ??
    (s.period.from && s.period.to
      ? `${fmt(s.period.from)}至${fmt(s.period.to)}`
      : s.period.from
        ? `${fmt(s.period.from)}以来`
        : s.period.to
          ? `截至${fmt(s.period.to)}`
          : '截至目前');
  const where = sc.townships.length ? sc.townships.join('、') : '全市';
  const field = sc.industries.length ? `${sc.industries.join('、')}行业领域` : '';
  const level = sc.levels.length === 1 ? sc.levels[0]! : null;
  const noun = sc.categories.length
    ? `${level ?? ''}${sc.categories.join('、')}类隐患`
    : level
      ? `${level}事故隐患`
      : '安全隐患';
  // Of one level only, "其中重大事故隐患…" says nothing more.
  const majorPart =
    h.major === 0 || level
      ? ''
      : h.majorRectified === h.major
        ? `（其中重大事故隐患${h.major}处，全部整改完毕）`
        : `（其中重大事故隐患${h.major}处，已整改${h.majorRectified}处）`;
  const overdue = h.overdue ? `，逾期未整改${h.overdue}处，已督促相关单位限期整改` : '';
  return `${period}，${where}${field}共检查生产经营单位${h.checked}家次，排查发现${noun}${h.total}处${majorPart}，已整改${h.rectified}处，整改率${h.rate}%${overdue}。`;
}

function fmt(d: string) {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
