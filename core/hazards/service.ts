import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { attachments, hazardAttachments, hazardEvents, hazards, notices, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import {
  fiveImplementations,
  HAZARD_LEVELS,
  HAZARD_STATUSES,
  isOverdue,
  type HazardFields,
  type HazardLevel,
  type HazardStatus,
} from '../domain/hazard';
import { CLOSURE_REPORT_ROLES, closureRefusal, isBackward, type ClosureFacts } from '../domain/closure';
import { cleanText } from '../domain/text';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { getAttachments } from '../attachments/service';
import { refuseDuplicateHazard } from './duplicates';
import { sealedVolumeOf } from '../volumes/sealedIn';
import { indexHazards, unindexHazards } from './searchIndex';
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
    ? ctx.db.all<Record<string, unknown>>(sql`
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
  const byId = new Map(found.map((r) => [r.id as number, r]));
  const rows = ids.map((id) => byId.get(id)!);
  total ??= count();
  return {
    total,
    rows: rows.map((r) => {
      const five = fiveImplementations({
        responsibleUnit: r.responsible_unit as string | null,
        responsiblePerson: r.responsible_person as string | null,
        measures: r.measures as string | null,
        fundsFen: r.funds_fen as number | null,
        deadlineDate: r.deadline_date as string | null,
        deadlineText: r.deadline_text as string | null,
        emergencyPlan: r.emergency_plan as string | null,
      });
      const major = r.level === '重大';
      return {
        id: r.id as number,
        hazardNo: r.hazard_no as string | null,
        enterpriseName: r.enterprise_name as string,
        townshipName: r.township_name as string | null,
        industry: r.industry as string | null,
        category: r.category as string | null,
        description: r.description as string,
        level: r.level as HazardLevel,
        status: r.status as HazardStatus,
        foundDate: r.found_date as string | null,
        deadlineDate: r.deadline_date as string | null,
        deadlineText: r.deadline_text as string | null,
        responsiblePerson: r.responsible_person as string | null,
        supervised: !!r.supervised,
        overdue: !!r.overdue,
        fiveComplete: !major || five.complete,
        fiveMissing: major ? five.missing : [],
      };
    }),
  };
}

function stored(ctx: AppContext, id: number): Stored {
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

const opt = (s: string | null | undefined, max = 2000) => {
  const v = cleanText(s);
  if (v.length > max) throw validation(`内容过长（最多 ${max} 字）：${v.slice(0, 20)}…`);
  return v || null;
};

/** What the closure rules look at, from a hazard's fields and its attachments' roles. */
export function closureFacts(h: Omit<ClosureFacts, 'hasReport'>, roles: readonly string[]): ClosureFacts {
  return {
    level: h.level,
    measures: h.measures,
    completedDate: h.completedDate,
    acceptedBy: h.acceptedBy,
    acceptedDate: h.acceptedDate,
    responsibleUnit: h.responsibleUnit,
    responsiblePerson: h.responsiblePerson,
    fundsFen: h.fundsFen,
    deadlineDate: h.deadlineDate,
    deadlineText: h.deadlineText,
    emergencyPlan: h.emergencyPlan,
    hasReport: roles.some((r) => CLOSURE_REPORT_ROLES.includes(r)),
  };
}

/** The roles of the attachments of stored hazards, by hazard. */
function attachmentRoles(ctx: AppContext, ids: number[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  if (!ids.length) return m;
  const rows = ctx.db
    .select({ hazardId: hazardAttachments.hazardId, role: hazardAttachments.role })
    .from(hazardAttachments)
    .where(inArray(hazardAttachments.hazardId, ids))
    .all();
  for (const r of rows) m.set(r.hazardId, [...(m.get(r.hazardId) ?? []), r.role]);
  return m;
}

function validateHazard(ctx: AppContext, i: HazardInput) {
  const level = i.level ?? '一般';
  const status = i.status ?? '未整改';
  if (!HAZARD_LEVELS.includes(level)) throw validation(`隐患等级只能是“一般”或“重大”，收到的是“${level}”`);
  if (!HAZARD_STATUSES.includes(status))
    throw validation(`整改状态“${status}”不对，应为：${HAZARD_STATUSES.join('、')}`);
  const enterpriseName = cleanText(i.enterpriseName);
  const description = cleanText(i.description);
  if (!enterpriseName) throw validation('隐患单位不能为空');
  if (!description) throw validation('隐患描述不能为空');
  const today = todayIso(ctx.now());
  for (const [label, d] of [
    ['发现日期', i.foundDate],
    ['整改时限', i.deadlineDate],
    ['整改完成日期', i.completedDate],
    ['验收日期', i.acceptedDate],
    ['督办期限', i.supervisionDeadline],
  ] as const) {
    if (d && !isIsoDate(d)) throw validation(`${label}“${d}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  }
  if (i.foundDate && i.foundDate > today) throw validation(`发现日期 ${i.foundDate} 晚于今天，请核对`);
  if (i.completedDate && i.foundDate && i.completedDate < i.foundDate) throw validation('整改完成日期不能早于发现日期');
  if (i.acceptedDate && i.completedDate && i.acceptedDate < i.completedDate)
    throw validation('验收日期不能早于整改完成日期');
  if (i.fundsFen !== null && i.fundsFen !== undefined && (!Number.isSafeInteger(i.fundsFen) || i.fundsFen < 0)) {
    throw validation('整改资金必须是不小于 0 的金额');
  }
  const township = i.townshipUnitId
    ? ctx.db
        .select()
        .from(units)
        .where(and(eq(units.id, i.townshipUnitId), isNull(units.deletedAt)))
        .get()
    : undefined;
  if (i.townshipUnitId && !township) throw notFound(`编号为 ${i.townshipUnitId} 的单位不在单位名录中`);
  const values = {
    hazardNo: opt(i.hazardNo, 50),
    enterpriseName,
    townshipUnitId: i.townshipUnitId ?? null,
    townshipName: township?.name ?? opt(i.townshipName, 100),
    village: opt(i.village, 100),
    industry: opt(i.industry, 50),
    category: opt(i.category, 50),
    description,
    location: opt(i.location, 500),
    source: opt(i.source, 50),
    foundDate: i.foundDate || null,
    foundBy: opt(i.foundBy, 100),
    level,
    responsibleUnit: opt(i.responsibleUnit, 200),
    responsiblePerson: opt(i.responsiblePerson, 100),
    measures: opt(i.measures),
    fundsFen: i.fundsFen ?? null,
    deadlineDate: i.deadlineDate || null,
    deadlineText: i.deadlineDate ? null : opt(i.deadlineText, 100),
    emergencyPlan: opt(i.emergencyPlan, 500),
    interimMeasures: opt(i.interimMeasures),
    status,
    completedDate: i.completedDate || null,
    acceptedBy: opt(i.acceptedBy, 100),
    acceptedDate: i.acceptedDate || null,
    // 重大 hazards are 挂牌督办 (and shown on the 工作台 until 销号).
    supervised: level === '重大' || !!i.supervised,
    supervisingUnit: opt(i.supervisingUnit, 100),
    supervisionDeadline: i.supervisionDeadline || null,
    notes: opt(i.notes),
    noticeId: i.noticeId ?? null,
    reportingUnitId: i.reportingUnitId ?? null,
  };
  for (const uid of [values.townshipUnitId, values.reportingUnitId]) {
    if (
      uid &&
      !ctx.db
        .select()
        .from(units)
        .where(and(eq(units.id, uid), isNull(units.deletedAt)))
        .get()
    ) {
      throw notFound(`编号为 ${uid} 的单位不在单位名录中`);
    }
  }
  if (values.noticeId && !ctx.db.select().from(notices).where(eq(notices.id, values.noticeId)).get()) {
    throw notFound(`找不到编号为 ${values.noticeId} 的通知`);
  }
  const ids = (i.attachments ?? []).map((a) => a.attachmentId);
  if (getAttachments(ctx, ids).length !== new Set(ids).size) throw notFound('所选附件有的已不存在，请重新添加');
  return values;
}

function writeAttachments(ctx: AppContext, hazardId: number, list: HazardInput['attachments']) {
  ctx.db.delete(hazardAttachments).where(eq(hazardAttachments.hazardId, hazardId)).run();
  (list ?? []).forEach((a, position) =>
    ctx.db.insert(hazardAttachments).values({ hazardId, attachmentId: a.attachmentId, role: a.role, position }).run(),
  );
}

export function addStatusEvent(
  ctx: AppContext,
  e: {
    hazardId: number;
    from: HazardStatus | null;
    to: HazardStatus;
    note?: string | null;
    source?: 'manual' | 'bulk' | 'import' | 'undo';
    batchId?: number | null;
  },
) {
  ctx.db
    .insert(hazardEvents)
    .values({
      hazardId: e.hazardId,
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note ?? null,
      source: e.source ?? 'manual',
      batchId: e.batchId ?? null,
    })
    .run();
}

const label = (h: { hazardNo?: string | null; enterpriseName: string; description: string }) =>
  `${h.hazardNo ? `${h.hazardNo} ` : ''}${h.enterpriseName}：${h.description.slice(0, 30)}`;

export function createHazard(ctx: AppContext, input: HazardInput): HazardView {
  return mutate(ctx, (audit) => {
    const values = validateHazard(ctx, input);
    const refusal = closureRefusal({
      from: null,
      to: values.status,
      after: closureFacts(
        values,
        (input.attachments ?? []).map((a) => a.role),
      ),
    });
    if (refusal) throw validation(refusal);
    // Duplicate check (issue 16, h/records): same unit + description + 发现日期 unless confirmed.
    refuseDuplicateHazard(ctx, values, input as { confirmDuplicate?: boolean });
    const row = ctx.db.insert(hazards).values(values).returning().get();
    writeAttachments(ctx, row.id, input.attachments);
    addStatusEvent(ctx, { hazardId: row.id, from: null, to: row.status, note: input.statusNote ?? '登记隐患' });
    indexHazards(ctx, [row.id]);
    const view = getHazard(ctx, row.id);
    audit({
      action: 'create',
      entity: 'hazard',
      entityId: row.id,
      summary: `登记隐患 ${label(view)}`,
      after: strip(view),
    });
    return view;
  });
}

/**
 * Registers a hazard already further along (demo data, fixtures, records kept elsewhere): created at 未整改 or
 * 整改中, then moved one step at a time to its status, each step checked by the closure rules and kept in the
 * history. Refused, with nothing written, when a step is.
 */
export function createHazardThrough(ctx: AppContext, input: HazardInput): HazardView {
  const target = input.status ?? '未整改';
  return mutate(ctx, () => {
    const start = HAZARD_STATUSES.indexOf(target) > 1 ? '整改中' : target;
    let view = createHazard(ctx, { ...input, status: start });
    for (const s of HAZARD_STATUSES.slice(HAZARD_STATUSES.indexOf(start) + 1, HAZARD_STATUSES.indexOf(target) + 1)) {
      view = updateHazard(ctx, view.id, { status: s, statusNote: input.statusNote ?? null });
    }
    return view;
  });
}

/** The record without its history, for the audit log. */
function strip(v: HazardView) {
  const { events: _e, five: _f, overdue: _o, ...rest } = v;
  return rest;
}

export function updateHazard(ctx: AppContext, id: number, patch: Partial<HazardInput>): HazardView {
  return mutate(ctx, (audit) => {
    const before = getHazard(ctx, id);
    const merged: HazardInput = {
      ...before,
      attachments: before.attachments.map((a) => ({ attachmentId: a.id, role: a.role })),
      ...patch,
    };
    const values = validateHazard(ctx, merged);
    const refusal = closureRefusal({
      from: before.status,
      to: values.status,
      before: closureFacts(
        before,
        before.attachments.map((a) => a.role),
      ),
      after: closureFacts(
        values,
        (merged.attachments ?? []).map((a) => a.role),
      ),
      note: patch.statusNote,
    });
    if (refusal) throw validation(refusal);
    ctx.db
      .update(hazards)
      .set({ ...values, version: before.version + 1, updatedAt: ctx.now().toISOString() })
      .where(eq(hazards.id, id))
      .run();
    if (patch.attachments) writeAttachments(ctx, id, patch.attachments);
    if (values.status !== before.status) {
      addStatusEvent(ctx, { hazardId: id, from: before.status, to: values.status, note: patch.statusNote ?? null });
    }
    indexHazards(ctx, [id]);
    const after = getHazard(ctx, id);
    audit({
      action: 'update',
      entity: 'hazard',
      entityId: id,
      summary: `修改隐患 ${label(after)}`,
      before: strip(before),
      after: strip(after),
    });
    return after;
  });
}

export interface StatusChange {
  ids: number[];
  to: HazardStatus;
  note?: string | null;
  /** Completion / acceptance date to fill where missing (default today). */
  date?: string | null;
  acceptedBy?: string | null;
}

/**
 * Changes the status of one or many hazards in one transaction, filling the completion/acceptance data the new
 * status needs; all or nothing, with a Chinese message listing what blocks it.
 */
export function changeHazardStatus(ctx: AppContext, c: StatusChange): { changed: number; unchanged: number } {
  if (!HAZARD_STATUSES.includes(c.to)) throw validation(`整改状态“${c.to}”不对`);
  if (!c.ids.length) throw validation('请先选择要修改的隐患');
  if (c.date && !isIsoDate(c.date)) throw validation(`日期“${c.date}”不是有效日期`);
  const date = c.date || todayIso(ctx.now());
  const note = cleanText(c.note) || null;
  return mutate(ctx, (audit) => {
    const rows = ctx.db
      .select()
      .from(hazards)
      .where(and(inArray(hazards.id, c.ids), isNull(hazards.deletedAt)))
      .all();
    if (rows.length !== new Set(c.ids).size) throw notFound('所选隐患有的已被删除，请刷新后重试');
    const roles = attachmentRoles(
      ctx,
      rows.map((h) => h.id),
    );
    const blocked: string[] = [];
    let changed = 0;
    for (const h of rows) {
      if (h.status === c.to) continue;
      const back = isBackward(h.status, c.to);
      const closing = c.to === '已验收销号';
      const next = {
        status: c.to,
        completedDate: c.to === '已整改' || closing ? (h.completedDate ?? date) : back ? null : h.completedDate,
        acceptedDate: closing ? (h.acceptedDate ?? date) : back ? null : h.acceptedDate,
        acceptedBy: closing ? (h.acceptedBy ?? (cleanText(c.acceptedBy) || null)) : back ? null : h.acceptedBy,
      };
      const refusal = closureRefusal({
        from: h.status,
        to: c.to,
        after: closureFacts({ ...h, ...next }, roles.get(h.id) ?? []),
        note,
      });
      if (refusal) {
        blocked.push(`${label(h)}（${refusal}）`);
        continue;
      }
      if (next.completedDate && h.foundDate && next.completedDate < h.foundDate) {
        blocked.push(`${label(h)}（完成日期早于发现日期 ${h.foundDate}）`);
        continue;
      }
      if (next.acceptedDate && next.completedDate && next.acceptedDate < next.completedDate) {
        blocked.push(`${label(h)}（验收日期早于整改完成日期 ${next.completedDate}）`);
        continue;
      }
      ctx.db
        .update(hazards)
        .set({ ...next, version: h.version + 1, updatedAt: ctx.now().toISOString() })
        .where(eq(hazards.id, h.id))
        .run();
      addStatusEvent(ctx, {
        hazardId: h.id,
        from: h.status,
        to: c.to,
        note,
        source: c.ids.length > 1 ? 'bulk' : 'manual',
      });
      audit({
        action: 'update',
        entity: 'hazard',
        entityId: h.id,
        summary: `隐患状态 ${h.status} → ${c.to}：${label(h)}`,
        before: {
          status: h.status,
          completedDate: h.completedDate,
          acceptedDate: h.acceptedDate,
          acceptedBy: h.acceptedBy,
        },
        after: next,
      });
      changed++;
    }
    if (blocked.length) {
      throw validation(
        `有 ${blocked.length} 条隐患不能改为“${c.to}”，全部未修改：${blocked.slice(0, 5).join('；')}${blocked.length > 5 ? ' 等' : ''}`,
      );
    }
    return { changed, unchanged: rows.length - changed };
  });
}

export function deleteHazard(ctx: AppContext, id: number): void {
  mutate(ctx, (audit) => {
    const before = getHazard(ctx, id);
    const sealed = sealedVolumeOf(ctx, ['closure'], id);
    if (sealed) throw validation(`这条隐患已装订在已封卷的案卷“${sealed}”中，不能删除`);
    ctx.db.update(hazards).set({ deletedAt: ctx.now().toISOString() }).where(eq(hazards.id, id)).run();
    unindexHazards(ctx, [id]);
    audit({
      action: 'delete',
      entity: 'hazard',
      entityId: id,
      summary: `删除隐患 ${label(before)}（移入回收站）`,
      before: strip(before),
    });
  });
}
