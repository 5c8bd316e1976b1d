import { sql, type SQL } from 'drizzle-orm';
import { RECTIFIED_STATUSES, type HazardLevel, type HazardStatus } from '../domain/hazard';
import { ftsPhrase } from './hazardIndex';

/** Filters shared by the hazard list, statistics and exports. */
export interface HazardFilter {
  search?: string;
  townshipUnitIds?: number[];
  industries?: string[];
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

/** Terms of 1–2 characters (below the trigram index): each one needs a pass over the hazards' text. */
export function shortTerms(f: HazardFilter): boolean {
  return searchTerms(f).some((t) => [...t].length < 3);
}

function searchTerms(f: HazardFilter): string[] {
  return (f.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
}

/** One search term: FTS5 trigram MATCH for 3+ characters, a substring test for 1–2 characters. */
function termSql(term: string): SQL {
  if ([...term].length >= 3) {
    return sql`h.id in (select rowid from hazards_fts where hazards_fts match ${ftsPhrase(term)})`;
  }
  // Without ASCII letters LIKE's case folding does nothing, and instr() finds the same rows, faster.
  if (!/[A-Za-z]/.test(term)) {
    return sql`(instr(h.description, ${term}) > 0 or instr(h.enterprise_name, ${term}) > 0
      or instr(h.measures, ${term}) > 0 or instr(h.location, ${term}) > 0 or instr(h.hazard_no, ${term}) > 0)`;
  }
  const pat = `%${escapeLike(term)}%`;
  return sql`(h.description like ${pat} escape '\\' or h.enterprise_name like ${pat} escape '\\'
    or h.measures like ${pat} escape '\\' or h.location like ${pat} escape '\\' or h.hazard_no like ${pat} escape '\\')`;
}

/** The WHERE clause (over alias h) for a filter; always excludes deleted hazards. */
export function hazardWhere(f: HazardFilter, today: string): SQL {
  // A 1–2 character search reads every hazard's text: "+" keeps the planner from walking the partial
  // (deleted_at is null) covering index and looking each row up in the table, instead of one table scan.
  const c: SQL[] = [shortTerms(f) ? sql`+h.deleted_at is null` : sql`h.deleted_at is null`];
  const inList = (col: string, vals: (string | number)[]) =>
    sql`${sql.raw(col)} in (${sql.join(
      vals.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  if (f.townshipUnitIds?.length) c.push(inList('h.township_unit_id', f.townshipUnitIds));
  if (f.industries?.length) c.push(inList('h.industry', f.industries));
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
  for (const term of searchTerms(f)) c.push(termSql(term));
  return sql.join(c, sql` and `);
}
