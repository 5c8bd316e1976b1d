import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { notices, pledgeAttachments, pledges, units, attachments } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';

export interface PledgeInput {
  noticeId?: number | null;
  level: number;
  talkerName: string;
  talkerTitle: string;
  talkeeName: string;
  /** From the directory; null only for imports naming a unit the directory does not know (then talkeeUnitName). */
  talkeeUnitId: number | null;
  talkeeUnitName?: string | null;
  talkeeTitle: string;
  reportingUnitId?: number | null;
  talkDate?: string | null;
  signed: boolean;
  signedDate?: string | null;
  custody?: string | null;
  notes?: string | null;
  /** Scans in display order; replaces the current list on update. */
  attachmentIds?: number[];
  /** The clerk saw the 疑似重复 message and saves anyway (仍然保存). */
  confirmDuplicate?: boolean;
}

export interface PledgeAttachmentView {
  id: number;
  originalName: string;
  mime: string;
  size: number;
  pageCount: number | null;
}

export interface PledgeView {
  id: number;
  noticeId: number | null;
  noticeDocNo: string | null;
  level: number;
  talkerName: string;
  talkerTitle: string;
  talkeeName: string;
  talkeeUnitId: number | null;
  talkeeUnitName: string;
  talkeeTitle: string;
  reportingUnitId: number | null;
  reportingUnitName: string | null;
  talkDate: string | null;
  signedDate: string | null;
  custody: string | null;
  status: (typeof pledges.$inferSelect)['status'];
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  attachments: PledgeAttachmentView[];
}

export const PLEDGE_SORT_FIELDS = ['talkDate', 'signedDate', 'level', 'talkeeName', 'talkeeUnit', 'createdAt'] as const;
export type PledgeSortField = (typeof PLEDGE_SORT_FIELDS)[number];

export interface PledgeQuery {
  search?: string;
  noticeId?: number;
  level?: number;
  unitId?: number;
  signed?: 'signed' | 'unsigned';
  hasScan?: boolean;
  dateFrom?: string;
  dateTo?: string;
  sortField?: PledgeSortField;
  sortOrder?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const talkeeUnit = alias(units, 'talkee_unit');
const reportingUnit = alias(units, 'reporting_unit');

function baseSelect(ctx: AppContext) {
  return ctx.db
    .select({
      p: pledges,
      noticeDocNo: notices.docNo,
      talkeeUnitName: sql<string>`coalesce(${talkeeUnit.name}, ${pledges.talkeeUnitName}, '')`,
      reportingUnitName: reportingUnit.name,
    })
    .from(pledges)
    .leftJoin(notices, eq(notices.id, pledges.noticeId))
    .leftJoin(talkeeUnit, eq(talkeeUnit.id, pledges.talkeeUnitId))
    .leftJoin(reportingUnit, eq(reportingUnit.id, pledges.reportingUnitId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseSelect>['all']>>[number];

function attachmentsByPledge(ctx: AppContext, ids: number[]): Map<number, PledgeAttachmentView[]> {
  const map = new Map<number, PledgeAttachmentView[]>();
  if (!ids.length) return map;
  const rows = ctx.db
    .select({
      pledgeId: pledgeAttachments.pledgeId,
      id: attachments.id,
      originalName: attachments.originalName,
      mime: attachments.mime,
      size: attachments.size,
      pageCount: attachments.pageCount,
    })
    .from(pledgeAttachments)
    .innerJoin(attachments, eq(attachments.id, pledgeAttachments.attachmentId))
    .where(inArray(pledgeAttachments.pledgeId, ids))
    .orderBy(asc(pledgeAttachments.position))
    .all();
  for (const { pledgeId, ...a } of rows) map.set(pledgeId, [...(map.get(pledgeId) ?? []), a]);
  return map;
}

function toView(r: Row, atts: PledgeAttachmentView[]): PledgeView {
  const p = r.p;
  return {
    id: p.id,
    noticeId: p.noticeId,
    noticeDocNo: r.noticeDocNo,
    level: p.level,
    talkerName: p.talkerName,
    talkerTitle: p.talkerTitle,
    talkeeName: p.talkeeName,
    talkeeUnitId: p.talkeeUnitId,
    talkeeUnitName: r.talkeeUnitName,
    talkeeTitle: p.talkeeTitle,
    reportingUnitId: p.reportingUnitId,
    reportingUnitName: r.reportingUnitName,
    talkDate: p.talkDate,
    signedDate: p.signedDate,
    custody: p.custody,
    status: p.status,
    notes: p.notes,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    attachments: atts,
  };
}

function conditions(q: PledgeQuery): SQL[] {
  const c: SQL[] = [isNull(pledges.deletedAt)];
  if (q.noticeId !== undefined) c.push(eq(pledges.noticeId, q.noticeId));
  if (q.level !== undefined) c.push(eq(pledges.level, q.level));
  if (q.unitId !== undefined) {
    c.push(or(eq(pledges.talkeeUnitId, q.unitId), eq(pledges.reportingUnitId, q.unitId))!);
  }
  if (q.signed === 'signed') c.push(inArray(pledges.status, ['已签订', '已归档']));
  if (q.signed === 'unsigned') c.push(eq(pledges.status, '未签订'));
  const hasScan = sql`exists (select 1 from ${pledgeAttachments} pa where pa.pledge_id = ${pledges.id})`;
  if (q.hasScan === true) c.push(hasScan);
  if (q.hasScan === false) c.push(sql`not ${hasScan}`);
  if (q.dateFrom) c.push(gte(sql`coalesce(${pledges.talkDate}, ${pledges.signedDate})`, q.dateFrom));
  if (q.dateTo) c.push(lte(sql`coalesce(${pledges.talkDate}, ${pledges.signedDate})`, q.dateTo));
  const s = q.search?.trim();
  if (s) {
    const pat = `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const likes = [
      pledges.talkerName,
      pledges.talkerTitle,
      pledges.talkeeName,
      pledges.talkeeTitle,
      pledges.notes,
      pledges.custody,
      talkeeUnit.name,
      pledges.talkeeUnitName,
      notices.docNo,
    ].map((col) => sql`${col} like ${pat} escape '\\'`);
    c.push(or(...likes)!);
  }
  return c;
}

export function listPledges(ctx: AppContext, q: PledgeQuery = {}): { rows: PledgeView[]; total: number } {
  const where = and(...conditions(q));
  const dir = q.sortOrder === 'asc' ? asc : desc;
  const sortCol = {
    talkDate: sql`coalesce(${pledges.talkDate}, ${pledges.signedDate})`,
    signedDate: pledges.signedDate,
    level: pledges.level,
    talkeeName: pledges.talkeeName,
    talkeeUnit: sql`coalesce(${talkeeUnit.name}, ${pledges.talkeeUnitName})`,
    createdAt: pledges.id,
  }[q.sortField ?? 'createdAt'];
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const rows = baseSelect(ctx)
    .where(where)
    .orderBy(dir(sortCol), dir(pledges.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(pledges)
    .leftJoin(notices, eq(notices.id, pledges.noticeId))
    .leftJoin(talkeeUnit, eq(talkeeUnit.id, pledges.talkeeUnitId))
    .where(where)
    .get()!.n;
  const atts = attachmentsByPledge(
    ctx,
    rows.map((r) => r.p.id),
  );
  return { rows: rows.map((r) => toView(r, atts.get(r.p.id) ?? [])), total };
}

/** Every 明白书 of a query, page by page. */
export function allPledges(ctx: AppContext, q: Omit<PledgeQuery, 'page' | 'pageSize'>): PledgeView[] {
  const all: PledgeView[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = listPledges(ctx, { ...q, page, pageSize: 500 });
    all.push(...rows);
    if (all.length >= total || rows.length === 0) return all;
  }
}

/** Several 明白书 by id, as getPledge gives them (deleted ones left out), read 500 at a time. */
export function getPledges(ctx: AppContext, ids: readonly number[]): Map<number, PledgeView> {
  const out = new Map<number, PledgeView>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = baseSelect(ctx)
      .where(and(inArray(pledges.id, chunk), isNull(pledges.deletedAt)))
      .all();
    const atts = attachmentsByPledge(ctx, chunk);
    for (const r of rows) out.set(r.p.id, toView(r, atts.get(r.p.id) ?? []));
  }
  return out;
}

export function getPledge(ctx: AppContext, id: number): PledgeView {
  const r = baseSelect(ctx)
    .where(and(eq(pledges.id, id), isNull(pledges.deletedAt)))
    .get();
  if (!r) throw notFound(`找不到编号为 ${id} 的明白书，可能已被删除`);
  return toView(r, attachmentsByPledge(ctx, [id]).get(id) ?? []);
}
