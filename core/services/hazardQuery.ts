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

/** SQL for "overdue on `today`" over the alias h. */
export function overdueSql(today: string): SQL {
  return sql`(h.status not in ${RECTIFIED_SQL} and h.deadline_date is not null and h.deadline_date < ${today})`;
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

/** One search term: FTS5 trigram MATCH for 3+ characters, LIKE for 1–2 characters. */
function termSql(term: string): SQL {
  if ([...term].length >= 3) {
    return sql`h.id in (select rowid from hazards_fts where hazards_fts match ${ftsPhrase(term)})`;
  }
  const pat = `%${escapeLike(term)}%`;
  return sql`(h.description like ${pat} escape '\\' or h.enterprise_name like ${pat} escape '\\'
    or h.measures like ${pat} escape '\\' or h.location like ${pat} escape '\\' or h.hazard_no like ${pat} escape '\\')`;
}

/** The WHERE clause (over alias h) for a filter; always excludes deleted hazards. */
export function hazardWhere(f: HazardFilter, today: string): SQL {
  const c: SQL[] = [sql`h.deleted_at is null`];
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
  for (const term of (f.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5)) c.push(termSql(term));
  return sql.join(c, sql` and `);
}
