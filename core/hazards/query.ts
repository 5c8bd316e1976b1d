import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { validation } from '../platform/errors';
import { RECTIFIED_STATUSES, type HazardLevel, type HazardStatus } from '../domain/hazard';
import { ftsPhrase, shortTermRange } from './searchIndex';

/** Filters shared by the hazard list, statistics and exports. */
export interface HazardFilter {
  search?: string;
  townshipUnitIds?: number[];
  industries?: string[];
  /** 隐患类别 (高处坠落, 消防安全 …). */
  categories?: string[];
  levels?: HazardLevel[];
  statuses?: HazardStatus[];
  overdue?: boolean;
  supervised?: boolean;
  /** 重大 hazards whose 五落实 is not complete. */
  fiveIncomplete?: boolean;
  foundFrom?: string;
  foundTo?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  noticeId?: number;
  reportingUnitId?: number;
}

const RECTIFIED_SQL = sql.raw(`(${RECTIFIED_STATUSES.map((s) => `'${s}'`).join(',')})`);

/**
 * SQL for "overdue on `today`" over the alias h. The unary + keeps the deadline index from driving this filter:
 * most unfinished hazards are past their deadline, and a range over that index plus a table lookup per row
 * (to check status and deleted_at) is ten times slower at 100,000 hazards than one pass over all of them.
 */
export function overdueSql(today: string): SQL {
  return sql`(h.status not in ${RECTIFIED_SQL} and +h.deadline_date is not null and +h.deadline_date < ${today})`;
}

export const rectifiedSql = sql`(h.status in ${RECTIFIED_SQL})`;

export const fiveIncompleteSql = sql`(h.level = '重大' and (
  (coalesce(trim(h.responsible_unit), '') = '' and coalesce(trim(h.responsible_person), '') = '')
  or coalesce(trim(h.measures), '') = '' or h.funds_fen is null
  or (h.deadline_date is null and coalesce(trim(h.deadline_text), '') = '')
  or coalesce(trim(h.emergency_plan), '') = ''))`;

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * `hazards h`, naming the covering index of the live hazards when everything the filter reads is in it (no
 * search term, no 五落实 test): counts, windows and statistics then never read the wide table, and never take a
 * plan that looks rows up one by one (a non-partial index needs a table lookup per row just to check
 * deleted_at; without statistics SQLite cannot tell how many rows that is).
 */
export function hazardsFrom(f: HazardFilter): SQL {
  return liveIndexCovers(f) ? sql.raw('hazards h indexed by hazards_live_idx') : sql.raw('hazards h');
}

export function liveIndexCovers(f: HazardFilter): boolean {
  return !searchTerms(f).length && !f.fiveIncomplete;
}

/** Whether the filter selects anything narrower than all live hazards. */
export function hasFilter(f: HazardFilter): boolean {
  return (
    !!searchTerms(f).length ||
    !!f.townshipUnitIds?.length ||
    !!f.industries?.length ||
    !!f.categories?.length ||
    !!f.levels?.length ||
    !!f.statuses?.length ||
    f.overdue !== undefined ||
    f.supervised !== undefined ||
    !!f.fiveIncomplete ||
    !!(f.foundFrom || f.foundTo || f.deadlineFrom || f.deadlineTo) ||
    f.noticeId !== undefined ||
    f.reportingUnitId !== undefined
  );
}

/**
 * How each search term is found: "fts" (3+ characters: a trigram phrase), "range" (1–2 characters: the documents
 * of the trigrams that begin with it, see shortTermRange), "scan" (1–2 characters the index cannot answer, or so
 * common that one pass over the hazards is cheaper than collecting their documents: a substring test per row).
 */
export interface SearchPlan {
  /** docs: for a "range" term, how many documents its trigrams have (each row once per trigram, so at least as
   * many as it finds), when counted. */
  terms: { term: string; way: 'fts' | 'range' | 'scan'; docs?: number }[];
}

/** A term finding more rows than this is, in a window query, a test of each row the sort order walks. */
const PROBE_DOCS = 2000;

/**
 * Rows, at most, beyond which a 1–2 character term is tested on every row instead: collecting a term's documents
 * costs about what a pass over this many hazards does (at 100,000 hazards: a fifth of a scan per 10,000 found).
 */
const RANGE_LIMIT_SHARE = 0.5;

/**
 * The plan of a filter's search. With the context, a 1–2 character term's documents are first counted (the
 * trigram index's own per-term counts: about a millisecond) and a term in more than half the hazards is scanned.
 */
export function planSearch(f: HazardFilter, ctx?: AppContext): SearchPlan {
  return {
    terms: searchTerms(f).map((term) => {
      if ([...term].length >= 3) return { term, way: 'fts' as const };
      const r = shortTermRange(term);
      if (!r) return { term, way: 'scan' as const };
      if (!ctx) return { term, way: 'range' as const };
      const docs =
        (ctx.sqlite
          .prepare(`select sum(doc) from hazards_fts_rows where term >= ? and term < ?`)
          .pluck()
          .get(r.lo, r.hi) as number | null) ?? 0;
      const rows = (ctx.sqlite.prepare(`select max(id) from hazards`).pluck().get() as number | null) ?? 0;
      return { term, way: docs > rows * RANGE_LIMIT_SHARE ? ('scan' as const) : ('range' as const), docs };
    }),
  };
}

/** Whether some term is tested on every hazard's text (a 1–2 character term the index does not answer). */
export function scansText(plan: SearchPlan): boolean {
  return plan.terms.some((t) => t.way === 'scan');
}

/** Control characters (NUL, …) a search term cannot hold: the full-text index cannot search for them. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

function searchTerms(f: HazardFilter): string[] {
  const s = f.search ?? '';
  if (CONTROL.test(s)) {
    throw validation('搜索词中含有不可见的控制字符（可能是从其他程序复制时带入的），请清空搜索框后重新输入');
  }
  return s.trim().split(/\s+/).filter(Boolean).slice(0, 5);
}

/** The ids (live hazards) a term's index finds, as a select of one column "id"; null for a scanned term. */
function termIds(t: SearchPlan['terms'][number]): SQL | null {
  if (t.way === 'fts') return sql`select rowid as id from hazards_fts where hazards_fts match ${ftsPhrase(t.term)}`;
  if (t.way === 'range') {
    const r = shortTermRange(t.term)!;
    return sql`select doc as id from hazards_fts_terms where term >= ${r.lo} and term < ${r.hi}`;
  }
  return null;
}

/**
 * When the filter is a search and nothing else, and the index answers every term exactly: the matching ids as
 * one select (column "id", each id once), read from the index alone — the index holds the live hazards only, so
 * neither counting nor the id order needs the hazards table. Otherwise null.
 */
export function searchOnlyIds(f: HazardFilter, plan: SearchPlan): SQL | null {
  if (!plan.terms.length || hasFilter({ ...f, search: undefined })) return null;
  const parts: SQL[] = [];
  for (const t of plan.terms) {
    const ids = termIds(t);
    if (!ids || (t.way === 'range' && shortTermRange(t.term)!.verify)) return null;
    parts.push(ids);
  }
  return parts.length === 1 ? sql`select distinct id from (${parts[0]})` : sql.join(parts, sql` intersect `);
}

/**
 * One search term: its index (see SearchPlan), or a substring test of the row. For a window (probe), a common
 * 1–2 character term is a test of each row ("+": the ids are not looked up one by one, then sorted): the sort
 * order's own index is walked until the window is full.
 */
function termSql(t: SearchPlan['terms'][number], probe: boolean): SQL {
  const ids = termIds(t);
  const range = t.way === 'range' ? shortTermRange(t.term)! : null;
  const plus = sql.raw(probe && range && (t.docs ?? 0) > PROBE_DOCS ? '+' : '');
  if (ids && !range?.verify) return sql`${plus}h.id in (${ids})`;
  const { term } = t;
  let test: SQL;
  // Without ASCII letters LIKE's case folding does nothing, and instr() finds the same rows, faster.
  if (!/[A-Za-z]/.test(term)) {
    test = sql`(instr(h.description, ${term}) > 0 or instr(h.enterprise_name, ${term}) > 0
      or instr(h.measures, ${term}) > 0 or instr(h.location, ${term}) > 0 or instr(h.hazard_no, ${term}) > 0)`;
  } else {
    const pat = `%${escapeLike(term)}%`;
    test = sql`(h.description like ${pat} escape '\\' or h.enterprise_name like ${pat} escape '\\'
    or h.measures like ${pat} escape '\\' or h.location like ${pat} escape '\\' or h.hazard_no like ${pat} escape '\\')`;
  }
  return ids ? sql`(${plus}h.id in (${ids}) and ${test})` : test;
}

/**
 * The WHERE clause (over alias h) for a filter; always excludes deleted hazards. The search's plan (planSearch)
 * may be given; without it every term the index can answer is answered by the index. window: the clause of a
 * query that sorts and stops after a window (see termSql).
 */
export function hazardWhere(f: HazardFilter, today: string, plan: SearchPlan = planSearch(f), window = false): SQL {
  // A scanned 1–2 character term reads every hazard's text: "+" keeps the planner from walking the partial
  // (deleted_at is null) covering index and looking each row up in the table, instead of one table scan.
  const c: SQL[] = [scansText(plan) ? sql`+h.deleted_at is null` : sql`h.deleted_at is null`];
  const inList = (col: string, vals: (string | number)[]) =>
    sql`${sql.raw(col)} in (${sql.join(
      vals.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  if (f.townshipUnitIds?.length) c.push(inList('h.township_unit_id', f.townshipUnitIds));
  if (f.industries?.length) c.push(inList('h.industry', f.industries));
  if (f.categories?.length) c.push(inList('h.category', f.categories));
  if (f.levels?.length) c.push(inList('h.level', f.levels));
  if (f.statuses?.length) c.push(inList('h.status', f.statuses));
  if (f.overdue === true) c.push(overdueSql(today));
  if (f.overdue === false) c.push(sql`not ${overdueSql(today)}`);
  if (f.supervised !== undefined) c.push(sql`h.supervised = ${f.supervised ? 1 : 0}`);
  if (f.fiveIncomplete) c.push(fiveIncompleteSql);
  if (f.foundFrom) c.push(sql`h.found_date >= ${f.foundFrom}`);
  if (f.foundTo) c.push(sql`h.found_date <= ${f.foundTo}`);
  if (f.deadlineFrom) c.push(sql`h.deadline_date >= ${f.deadlineFrom}`);
  if (f.deadlineTo) c.push(sql`h.deadline_date <= ${f.deadlineTo}`);
  if (f.noticeId !== undefined) c.push(sql`h.notice_id = ${f.noticeId}`);
  if (f.reportingUnitId !== undefined) c.push(sql`h.reporting_unit_id = ${f.reportingUnitId}`);
  for (const t of plan.terms) c.push(termSql(t, window));
  return sql.join(c, sql` and `);
}
