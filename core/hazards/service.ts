import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { attachments, hazardAttachments, hazardEvents, hazards, notices, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import {
  fiveImplementations,
  isOverdue,
  type HazardFields,
  type HazardLevel,
  type HazardStatus,
} from '../domain/hazard';
import { notFound } from '../platform/errors';
import {
  hasFilter,
  hazardsFrom,
  hazardWhere,
  overdueSql,
  planSearch,
  scansText,
  searchOnlyIds,
  type HazardFilter,
} from './query';

type Stored = typeof hazards.$inferSelect;
export type HazardAttachmentRole = (typeof hazardAttachments.$inferSelect)['role'];

/** A hazard as the forms send it: the ledger fields with the township as a unit of the directory. */
type RequiredField = 'enterpriseName' | 'description';
export interface HazardInput extends Pick<HazardFields, RequiredField>, Partial<Omit<HazardFields, RequiredField>> {
  /** The township from the directory; when null, townshipName keeps the name as written (an import). */
  townshipUnitId: number | null;
  noticeId?: number | null;
  reportingUnitId?: number | null;
  attachments?: { attachmentId: number; role: HazardAttachmentRole }[];
  /** Why the status changed (kept in the history). */
  statusNote?: string | null;
}

export interface HazardEvent {
  id: number;
  at: string;
  actor: string;
  fromStatus: HazardStatus | null;
  toStatus: HazardStatus;
  note: string | null;
  source: string;
}

export interface HazardView extends HazardFields {
  id: number;
  category: string | null;
  supervisingUnit: string | null;
  supervisionDeadline: string | null;
  townshipUnitId: number | null;
  noticeId: number | null;
  noticeDocNo: string | null;
  reportingUnitId: number | null;
  reportingUnitName: string | null;
  overdue: boolean;
  five: ReturnType<typeof fiveImplementations>;
  version: number;
  createdAt: string;
  updatedAt: string;
  events: HazardEvent[];
  attachments: {
    id: number;
    originalName: string;
    mime: string;
    size: number;
    pageCount: number | null;
    role: HazardAttachmentRole;
  }[];
}

export interface HazardListRow {
  id: number;
  hazardNo: string | null;
  enterpriseName: string;
  townshipName: string | null;
  industry: string | null;
  category: string | null;
  description: string;
  level: HazardLevel;
  status: HazardStatus;
  foundDate: string | null;
  deadlineDate: string | null;
  deadlineText: string | null;
  responsiblePerson: string | null;
  supervised: boolean;
  overdue: boolean;
  fiveComplete: boolean;
  /** For 重大 hazards: which of 责任/措施/资金/时限/预案 are missing. */
  fiveMissing: string[];
}

export const HAZARD_SORT_FIELDS = [
  'foundDate',
  'deadlineDate',
  'level',
  'status',
  'enterpriseName',
  'township',
  'id',
] as const;
export type HazardSortField = (typeof HAZARD_SORT_FIELDS)[number];

export interface HazardQuery extends HazardFilter {
  sortField?: HazardSortField;
  sortOrder?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

const SORT_SQL: Record<HazardSortField, string> = {
  foundDate: 'h.found_date',
  deadlineDate: 'h.deadline_date',
  level: "(h.level = '重大')",
  status: "(case h.status when '未整改' then 0 when '整改中' then 1 when '已整改' then 2 else 3 end)",
  enterpriseName: 'h.enterprise_name',
  township: 'h.township_unit_id',
  id: 'h.id',
};

/** A row of the list query as SQLite returns it: snake_case columns, 0/1 flags. */
interface HazardListSqlRow {
  id: number;
  hazard_no: string | null;
  enterprise_name: string;
  township_name: string | null;
  industry: string | null;
  category: string | null;
  description: string;
  level: HazardLevel;
  status: HazardStatus;
  found_date: string | null;
  deadline_date: string | null;
  deadline_text: string | null;
  responsible_person: string | null;
  supervised: number;
  overdue: number;
  responsible_unit: string | null;
  measures: string | null;
  funds_fen: number | null;
  emergency_plan: string | null;
}

/** A list row for the ledger, with its overdue flag and, for 重大 hazards, the 五落实 check. */
function toHazardListRow(r: HazardListSqlRow): HazardListRow {
  const five = fiveImplementations({
    responsibleUnit: r.responsible_unit,
    responsiblePerson: r.responsible_person,
    measures: r.measures,
    fundsFen: r.funds_fen,
    deadlineDate: r.deadline_date,
    deadlineText: r.deadline_text,
    emergencyPlan: r.emergency_plan,
  });
  const major = r.level === '重大';
  return {
    id: r.id,
    hazardNo: r.hazard_no,
    enterpriseName: r.enterprise_name,
    townshipName: r.township_name,
    industry: r.industry,
    category: r.category,
    description: r.description,
    level: r.level,
    status: r.status,
    foundDate: r.found_date,
    deadlineDate: r.deadline_date,
    deadlineText: r.deadline_text,
    responsiblePerson: r.responsible_person,
    supervised: !!r.supervised,
    overdue: !!r.overdue,
    fiveComplete: !major || five.complete,
    fiveMissing: major ? five.missing : [],
  };
}

/** The hazard list: filter, sort, one window of rows (virtual scrolling) and the total. */
export function listHazards(ctx: AppContext, q: HazardQuery = {}): { rows: HazardListRow[]; total: number } {
  const today = todayIso(ctx.now());
  const search = planSearch(q, ctx);
  const where = hazardWhere(q, today, search);
  const dir = q.sortOrder === 'asc' ? 'asc' : 'desc';
  const order = sql.raw(`${SORT_SQL[q.sortField ?? 'id']} ${dir} nulls last, h.id ${dir}`);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
  const offset = Math.max(q.offset ?? 0, 0);
  // The window's ids first: SQLite sorts (key, id) pairs instead of whole rows with their text, four times faster
  // at 100,000 hazards; then the rows of the window only, put back in that order.
  // Without a filter, the id and date orders walk the rowid or their own index and stop after the window.
  const sortField = q.sortField ?? 'id';
  const walk = !hasFilter(q) && (sortField === 'id' || sortField === 'foundDate' || sortField === 'deadlineDate');
  // A search and nothing else, answered by the index alone: counted, and in id order windowed, from the index.
  const indexIds = searchOnlyIds(q, search);
  const count = () =>
    indexIds
      ? ctx.db.get<{ n: number }>(sql`select count(*) as n from (${indexIds})`)!.n
      : ctx.db.get<{ n: number }>(sql`select count(*) as n from ${hazardsFrom(q)} where ${where}`)!.n;
  let from = walk ? sql.raw('hazards h') : hazardsFrom(q);
  let total: number | null = null;
  let window: number[] | null = null;
  if (indexIds && sortField === 'id') {
    // In id order, every id once (one read of the index): the total and the window.
    const all = ctx.db.values<[number]>(sql`select id from (${indexIds}) order by id ${sql.raw(dir)}`);
    total = all.length;
    window = all.slice(offset, offset + limit).map((r) => r[0]);
  } else if (scansText(search)) {
    // A 1–2 character term is tested on every hazard's text: count first (one pass). Nothing found, no window
    // query; a rare term is found by one more pass, never by walking an index and looking up row after row.
    total = count();
    if (total < 1000) from = sql.raw('hazards h not indexed');
  }
  const ids =
    window ??
    (total === 0
      ? []
      : ctx.db
          .values<[number]>(
            sql`select h.id from ${from} where ${hazardWhere(q, today, search, true)} order by ${order} limit ${limit} offset ${offset}`,
          )
          .map((r) => r[0]));
  const found = ids.length
    ? ctx.db.all<HazardListSqlRow>(sql`
    select h.id, h.hazard_no, h.enterprise_name, coalesce(u.name, h.township_name) as township_name, h.industry, h.category, h.description, h.level, h.status,
      h.found_date, h.deadline_date, h.deadline_text, h.responsible_person, h.supervised,
      ${overdueSql(today)} as overdue,
      h.responsible_unit, h.measures, h.funds_fen, h.emergency_plan
    from hazards h left join units u on u.id = h.township_unit_id
    where h.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`)
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)!);
  total ??= count();
  return {
    total,
    rows: rows.map(toHazardListRow),
  };
}

/** Every hazard of a query, page by page (listHazards returns at most 1000 at a time). */
export function allHazards(ctx: AppContext, q: Omit<HazardQuery, 'offset' | 'limit'>): HazardListRow[] {
  const all: HazardListRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { rows, total } = listHazards(ctx, { ...q, offset, limit: 1000 });
    all.push(...rows);
    if (all.length >= total || rows.length === 0) return all;
  }
}

export function stored(ctx: AppContext, id: number): Stored {
  const h = ctx.db
    .select()
    .from(hazards)
    .where(and(eq(hazards.id, id), isNull(hazards.deletedAt)))
    .get();
  if (!h) throw notFound(`找不到编号为 ${id} 的隐患，可能已被删除`);
  return h;
}

export function getHazard(ctx: AppContext, id: number): HazardView {
  const h = stored(ctx, id);
  const unitName = (uid: number | null) =>
    uid ? (ctx.db.select().from(units).where(eq(units.id, uid)).get()?.name ?? null) : null;
  const events = ctx.db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, id))
    .orderBy(asc(hazardEvents.id))
    .all();
  const atts = ctx.db
    .select({ a: attachments, role: hazardAttachments.role })
    .from(hazardAttachments)
    .innerJoin(attachments, eq(attachments.id, hazardAttachments.attachmentId))
    .where(eq(hazardAttachments.hazardId, id))
    .orderBy(asc(hazardAttachments.position))
    .all();
  const notice = h.noticeId ? ctx.db.select().from(notices).where(eq(notices.id, h.noticeId)).get() : undefined;
  return {
    id: h.id,
    hazardNo: h.hazardNo,
    enterpriseName: h.enterpriseName,
    townshipUnitId: h.townshipUnitId,
    townshipName: unitName(h.townshipUnitId) ?? h.townshipName,
    village: h.village,
    industry: h.industry,
    category: h.category,
    description: h.description,
    location: h.location,
    source: h.source,
    foundDate: h.foundDate,
    foundBy: h.foundBy,
    level: h.level,
    responsibleUnit: h.responsibleUnit,
    responsiblePerson: h.responsiblePerson,
    measures: h.measures,
    fundsFen: h.fundsFen,
    deadlineDate: h.deadlineDate,
    deadlineText: h.deadlineText,
    emergencyPlan: h.emergencyPlan,
    interimMeasures: h.interimMeasures,
    status: h.status,
    completedDate: h.completedDate,
    acceptedBy: h.acceptedBy,
    acceptedDate: h.acceptedDate,
    supervised: h.supervised,
    supervisingUnit: h.supervisingUnit,
    supervisionDeadline: h.supervisionDeadline,
    notes: h.notes,
    noticeId: h.noticeId,
    noticeDocNo: notice?.docNo ?? null,
    reportingUnitId: h.reportingUnitId,
    reportingUnitName: unitName(h.reportingUnitId),
    overdue: isOverdue(h, todayIso(ctx.now())),
    five: fiveImplementations(h),
    version: h.version,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      source: e.source,
    })),
    attachments: atts.map(({ a, role }) => ({
      id: a.id,
      originalName: a.originalName,
      mime: a.mime,
      size: a.size,
      pageCount: a.pageCount,
      role,
    })),
  };
}

export const label = (h: { hazardNo?: string | null; enterpriseName: string; description: string }) =>
  `${h.hazardNo ? `${h.hazardNo} ` : ''}${h.enterpriseName}：${h.description.slice(0, 30)}`;

/** The record without its history, for the audit log. */
export function strip(v: HazardView) {
  const { events: _e, five: _f, overdue: _o, ...rest } = v;
  return rest;
}
