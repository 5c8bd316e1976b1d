import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { notices, pledgeAttachments, pledges, units, attachments } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { levelLabel, pledgeLevel } from '../domain/pledgeLevels';
import { cleanText } from '../domain/text';
import { conflict, notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { crashPoint } from '../platform/crash';
import { getAttachments } from '../attachments/service';
import { getNotice, listNotices, listRequirements } from '../notices/service';

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

function requireLiveUnit(ctx: AppContext, id: number, what: string) {
  const u = ctx.db
    .select()
    .from(units)
    .where(and(eq(units.id, id), isNull(units.deletedAt)))
    .get();
  if (!u) throw notFound(`${what}（编号 ${id}）不在单位名录中，请先添加该单位`);
  return u;
}

/** Checks a 明白书 and returns the row values to store. */
function validatePledge(ctx: AppContext, i: PledgeInput) {
  const level = pledgeLevel(i.level);
  if (!level) throw validation(`谈话层级必须是 1 到 4（附件2 的四个层级），收到的是“${i.level}”`);
  const fields = {
    talkerName: ['谈话人', cleanText(i.talkerName)],
    talkerTitle: ['谈话人职务', cleanText(i.talkerTitle)],
    talkeeName: ['谈话对象', cleanText(i.talkeeName)],
    talkeeTitle: ['谈话对象职务', cleanText(i.talkeeTitle)],
  } as const;
  for (const [label, v] of Object.values(fields)) {
    if (!v) throw validation(`${label}不能为空`);
    if (v.length > 100) throw validation(`${label}太长（最多 100 字）`);
  }
  for (const [label, d] of [
    ['谈话日期', i.talkDate],
    ['签订日期', i.signedDate],
  ] as const) {
    if (d && !isIsoDate(d)) throw validation(`${label}“${d}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  }
  const today = todayIso(ctx.now());
  if (i.talkDate && i.talkDate > today) throw validation(`谈话日期 ${i.talkDate} 晚于今天，请核对`);
  if (i.signedDate && i.signedDate > today) throw validation(`签订日期 ${i.signedDate} 晚于今天，请核对`);
  if (i.talkDate && i.signedDate && i.signedDate < i.talkDate) throw validation('签订日期不能早于谈话日期');
  if (!i.signed && i.signedDate) throw validation('填写了签订日期，请同时勾选“已签订”');
  if (i.signed && !i.signedDate)
    throw validation('标为“已签订”的明白书必须填写签订日期，请填写签订日期，或取消“已签订”');
  const talkee = i.talkeeUnitId ? requireLiveUnit(ctx, i.talkeeUnitId, '谈话对象单位') : null;
  const talkeeUnitName = talkee?.name ?? cleanText(i.talkeeUnitName);
  if (!talkeeUnitName) throw validation('请选择谈话对象单位');
  if (i.reportingUnitId) requireLiveUnit(ctx, i.reportingUnitId, '报送单位');
  if (i.noticeId) getNotice(ctx, i.noticeId);
  const ids = i.attachmentIds ?? [];
  if (new Set(ids).size !== ids.length) throw validation('同一扫描件不能重复添加');
  const found = getAttachments(ctx, ids);
  if (found.length !== ids.length) throw notFound('所选扫描件有的已不存在，请重新添加扫描件');
  return {
    noticeId: i.noticeId ?? null,
    level: level.level,
    talkerName: fields.talkerName[1],
    talkerTitle: fields.talkerTitle[1],
    talkeeName: fields.talkeeName[1],
    talkeeUnitId: i.talkeeUnitId ?? null,
    talkeeUnitName,
    talkeeTitle: fields.talkeeTitle[1],
    reportingUnitId: i.reportingUnitId && i.reportingUnitId !== i.talkeeUnitId ? i.reportingUnitId : null,
    talkDate: i.talkDate || null,
    signedDate: i.signedDate || null,
    custody: cleanText(i.custody) || level.defaultCustody,
    status: i.signed ? ('已签订' as const) : ('未签订' as const),
    notes: cleanText(i.notes) || null,
  };
}

function writeAttachments(ctx: AppContext, pledgeId: number, ids: number[]) {
  ctx.db.delete(pledgeAttachments).where(eq(pledgeAttachments.pledgeId, pledgeId)).run();
  ids.forEach((attachmentId, position) => {
    ctx.db.insert(pledgeAttachments).values({ pledgeId, attachmentId, position, role: 'scan' }).run();
  });
}

function describe(p: { talkerName: string; talkeeName: string; level: number }) {
  return `${levelLabel(p.level)} ${p.talkerName}→${p.talkeeName}`;
}

type PledgeValues = ReturnType<typeof validatePledge>;

/**
 * A live 明白书 that says the same as `v` (same 谈话人, 谈话对象, 谈话对象单位, 谈话日期 and 通知), other than `selfId`:
 * saving a second one would count the talk twice in 签订覆盖 and bind it twice into the volume.
 */
export function findDuplicatePledge(ctx: AppContext, v: PledgeValues, selfId: number | null): PledgeView | null {
  const conds: SQL[] = [
    isNull(pledges.deletedAt),
    eq(pledges.talkerName, v.talkerName),
    eq(pledges.talkeeName, v.talkeeName),
    v.noticeId === null ? isNull(pledges.noticeId) : eq(pledges.noticeId, v.noticeId),
    v.talkDate === null ? isNull(pledges.talkDate) : eq(pledges.talkDate, v.talkDate),
    v.talkeeUnitId !== null
      ? eq(pledges.talkeeUnitId, v.talkeeUnitId)
      : and(isNull(pledges.talkeeUnitId), eq(pledges.talkeeUnitName, v.talkeeUnitName))!,
  ];
  if (selfId !== null) conds.push(sql`${pledges.id} != ${selfId}`);
  const hit = ctx.db
    .select({ id: pledges.id })
    .from(pledges)
    .where(and(...conds))
    .orderBy(asc(pledges.id))
    .get();
  return hit ? getPledge(ctx, hit.id) : null;
}

function refuseDuplicate(ctx: AppContext, v: PledgeValues, selfId: number | null, confirmed: boolean | undefined) {
  if (confirmed) return;
  const dup = findDuplicatePledge(ctx, v, selfId);
  if (!dup) return;
  const when = dup.talkDate ? `${dup.talkDate} ` : '';
  const notice = dup.noticeDocNo ? `（${dup.noticeDocNo}）` : '';
  throw conflict(
    `疑似重复：已有一份相同的明白书（编号 ${dup.id}，${when}${dup.talkerName}→${dup.talkeeName}，${dup.talkeeUnitName}${notice}，${dup.status}）。` +
      '请打开该记录核对；确属另一份时点“仍然保存”（命令行加 --confirm-duplicate）。',
  );
}

export function createPledge(ctx: AppContext, input: PledgeInput): PledgeView {
  return mutate(ctx, (audit) => {
    const values = validatePledge(ctx, input);
    refuseDuplicate(ctx, values, null, input.confirmDuplicate);
    const row = ctx.db.insert(pledges).values(values).returning().get();
    crashPoint('pledge:in-transaction');
    writeAttachments(ctx, row.id, input.attachmentIds ?? []);
    const view = getPledge(ctx, row.id);
    audit({
      action: 'create',
      entity: 'pledge',
      entityId: row.id,
      summary: `登记明白书 ${describe(view)}`,
      after: view,
    });
    return view;
  });
}

export function updatePledge(ctx: AppContext, id: number, patch: Partial<PledgeInput>): PledgeView {
  return mutate(ctx, (audit) => {
    const before = getPledge(ctx, id);
    if (before.status === '已归档') throw validation('该明白书已归档封存，不能修改；如需更正，请在案卷中办理补充');
    const merged: PledgeInput = {
      noticeId: before.noticeId,
      level: before.level,
      talkerName: before.talkerName,
      talkerTitle: before.talkerTitle,
      talkeeName: before.talkeeName,
      talkeeUnitId: before.talkeeUnitId,
      talkeeUnitName: before.talkeeUnitName,
      talkeeTitle: before.talkeeTitle,
      reportingUnitId: before.reportingUnitId,
      talkDate: before.talkDate,
      signed: before.status !== '未签订',
      signedDate: before.signedDate,
      custody: before.custody,
      notes: before.notes,
      attachmentIds: before.attachments.map((a) => a.id),
      ...patch,
    };
    const values = validatePledge(ctx, merged);
    // Only a change of what identifies the talk can make a duplicate (old look-alikes stay editable).
    const identity = (x: {
      talkerName: string;
      talkeeName: string;
      noticeId: number | null;
      talkDate: string | null;
      talkeeUnitId: number | null;
    }) => JSON.stringify([x.talkerName, x.talkeeName, x.noticeId, x.talkDate, x.talkeeUnitId]);
    if (identity(values) !== identity(before)) refuseDuplicate(ctx, values, id, patch.confirmDuplicate);
    ctx.db
      .update(pledges)
      .set({ ...values, version: before.version + 1, updatedAt: ctx.now().toISOString() })
      .where(eq(pledges.id, id))
      .run();
    writeAttachments(ctx, id, merged.attachmentIds ?? []);
    const after = getPledge(ctx, id);
    audit({
      action: 'update',
      entity: 'pledge',
      entityId: id,
      summary: `修改明白书 ${describe(after)}`,
      before,
      after,
    });
    return after;
  });
}

/** Moves a 明白书 to the 回收站 (soft delete). */
export function deletePledge(ctx: AppContext, id: number): void {
  mutate(ctx, (audit) => {
    const before = getPledge(ctx, id);
    if (before.status === '已归档') throw validation('该明白书已归档封存，不能删除');
    ctx.db.update(pledges).set({ deletedAt: ctx.now().toISOString() }).where(eq(pledges.id, id)).run();
    audit({
      action: 'delete',
      entity: 'pledge',
      entityId: id,
      summary: `删除明白书 ${describe(before)}（移入回收站）`,
      before,
    });
  });
}

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
