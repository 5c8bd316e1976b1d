import { and, asc, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import { noticeRequirements, notices, units, REQUIREMENT_PERIODS, type RequirementKind } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate } from '../domain/dates';
import { parseDocNo } from '../domain/docNo';
import { cleanText } from '../domain/text';
import { conflict, notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';

export type Notice = typeof notices.$inferSelect;

export interface NoticeInput {
  docNo: string;
  title: string;
  issuedOn?: string | null;
  deadline?: string | null;
  notes?: string | null;
}

export type RequirementPeriod = (typeof REQUIREMENT_PERIODS)[number];

export interface Requirement {
  unitId: number;
  unitName: string;
  kind: RequirementKind;
  expectedCount: number;
  deadline: string | null;
  period: RequirementPeriod;
  dueDay: number | null;
  lengthLimit: number | null;
}

export interface RequirementItem {
  unitId: number;
  expectedCount: number;
  deadline?: string | null;
  period?: RequirementPeriod;
  dueDay?: number | null;
  lengthLimit?: number | null;
}

function checkDates(i: { issuedOn?: string | null; deadline?: string | null }) {
  if (i.issuedOn && !isIsoDate(i.issuedOn))
    throw validation(`发文日期“${i.issuedOn}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  if (i.deadline && !isIsoDate(i.deadline))
    throw validation(`报送截止日期“${i.deadline}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  if (i.issuedOn && i.deadline && i.deadline < i.issuedOn) throw validation('报送截止日期不能早于发文日期');
}

export function listNotices(ctx: AppContext, q: { search?: string } = {}): Notice[] {
  const conds = [isNull(notices.deletedAt)];
  if (q.search?.trim()) {
    const pat = `%${q.search.trim()}%`;
    conds.push(or(like(notices.docNo, pat), like(notices.title, pat))!);
  }
  return ctx.db
    .select()
    .from(notices)
    .where(and(...conds))
    .orderBy(desc(notices.year), desc(notices.issuedOn), desc(notices.seq))
    .all();
}

export function getNotice(ctx: AppContext, id: number): Notice {
  const n = ctx.db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), isNull(notices.deletedAt)))
    .get();
  if (!n) throw notFound(`找不到编号为 ${id} 的通知`);
  return n;
}

export function findNoticeByDocNo(ctx: AppContext, docNo: string): Notice | null {
  const p = parseDocNo(docNo);
  if (!p.ok) throw validation(p.message);
  return (
    ctx.db
      .select()
      .from(notices)
      .where(and(eq(notices.docNo, p.value.text), isNull(notices.deletedAt)))
      .get() ?? null
  );
}

export function createNotice(ctx: AppContext, input: NoticeInput): Notice {
  const p = parseDocNo(input.docNo);
  if (!p.ok) throw validation(p.message);
  const title = cleanText(input.title);
  if (!title) throw validation('通知标题不能为空');
  checkDates(input);
  return mutate(ctx, (audit) => {
    const dup = ctx.db.select().from(notices).where(eq(notices.docNo, p.value.text)).get();
    if (dup) throw conflict(`文号“${p.value.text}”已登记（${dup.title}），不能重复`);
    const row = ctx.db
      .insert(notices)
      .values({
        docNo: p.value.text,
        issuer: p.value.issuer,
        year: p.value.year,
        seq: p.value.seq,
        title,
        issuedOn: input.issuedOn || null,
        deadline: input.deadline || null,
        notes: cleanText(input.notes) || null,
      })
      .returning()
      .get();
    audit({
      action: 'create',
      entity: 'notice',
      entityId: row.id,
      summary: `登记通知 ${row.docNo}`,
      after: row,
    });
    return row;
  });
}

export function updateNotice(ctx: AppContext, id: number, patch: Partial<NoticeInput>): Notice {
  return mutate(ctx, (audit) => {
    const before = getNotice(ctx, id);
    const merged = { ...before, ...patch };
    const p = parseDocNo(merged.docNo);
    if (!p.ok) throw validation(p.message);
    const title = cleanText(merged.title);
    if (!title) throw validation('通知标题不能为空');
    checkDates(merged);
    const dup = ctx.db.select().from(notices).where(eq(notices.docNo, p.value.text)).get();
    if (dup && dup.id !== id) throw conflict(`文号“${p.value.text}”已登记（${dup.title}），不能重复`);
    ctx.db
      .update(notices)
      .set({
        docNo: p.value.text,
        issuer: p.value.issuer,
        year: p.value.year,
        seq: p.value.seq,
        title,
        issuedOn: merged.issuedOn || null,
        deadline: merged.deadline || null,
        notes: cleanText(merged.notes) || null,
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(notices.id, id))
      .run();
    const after = getNotice(ctx, id);
    audit({
      action: 'update',
      entity: 'notice',
      entityId: id,
      summary: `修改通知 ${after.docNo}`,
      before,
      after,
    });
    return after;
  });
}

export function listRequirements(ctx: AppContext, noticeId: number, kind?: RequirementKind): Requirement[] {
  return ctx.db
    .select({
      unitId: noticeRequirements.unitId,
      unitName: units.name,
      kind: noticeRequirements.kind,
      expectedCount: noticeRequirements.expectedCount,
      deadline: noticeRequirements.deadline,
      period: noticeRequirements.period,
      dueDay: noticeRequirements.dueDay,
      lengthLimit: noticeRequirements.lengthLimit,
    })
    .from(noticeRequirements)
    .innerJoin(units, eq(units.id, noticeRequirements.unitId))
    .where(
      kind
        ? and(eq(noticeRequirements.noticeId, noticeId), eq(noticeRequirements.kind, kind))
        : eq(noticeRequirements.noticeId, noticeId),
    )
    .orderBy(asc(units.id))
    .all();
}

/** Replaces what a notice requires of kind `kind`: one entry per unit with the expected count. */
export function setRequirements(
  ctx: AppContext,
  noticeId: number,
  kind: RequirementKind,
  items: RequirementItem[],
): Requirement[] {
  return mutate(ctx, (audit) => {
    const notice = getNotice(ctx, noticeId);
    const seen = new Set<number>();
    for (const it of items) {
      if (seen.has(it.unitId)) throw validation('同一单位只能出现一次');
      seen.add(it.unitId);
      if (!Number.isInteger(it.expectedCount) || it.expectedCount < 0 || it.expectedCount > 10000) {
        throw validation('应签/应报份数必须是 0 到 10000 之间的整数');
      }
      if (it.deadline && !isIsoDate(it.deadline)) throw validation(`截止日期“${it.deadline}”不是有效日期`);
      if (it.period && it.period !== 'once' && !(it.dueDay && it.dueDay >= 1 && it.dueDay <= 31)) {
        throw validation('定期报送需填写每期的报送日（1–31 日）');
      }
      if (
        it.lengthLimit !== undefined &&
        it.lengthLimit !== null &&
        (!Number.isInteger(it.lengthLimit) || it.lengthLimit < 1)
      ) {
        throw validation('字数上限必须是正整数');
      }
      const u = ctx.db
        .select()
        .from(units)
        .where(and(eq(units.id, it.unitId), isNull(units.deletedAt)))
        .get();
      if (!u) throw notFound(`找不到编号为 ${it.unitId} 的单位`);
    }
    const before = listRequirements(ctx, noticeId, kind);
    ctx.db
      .delete(noticeRequirements)
      .where(and(eq(noticeRequirements.noticeId, noticeId), eq(noticeRequirements.kind, kind)))
      .run();
    for (const it of items) {
      ctx.db
        .insert(noticeRequirements)
        .values({
          noticeId,
          unitId: it.unitId,
          kind,
          expectedCount: it.expectedCount,
          deadline: it.deadline ?? null,
          period: it.period ?? 'once',
          dueDay: it.period && it.period !== 'once' ? (it.dueDay ?? null) : null,
          lengthLimit: it.lengthLimit ?? null,
        })
        .run();
    }
    const after = listRequirements(ctx, noticeId, kind);
    audit({
      action: 'update',
      entity: 'notice',
      entityId: noticeId,
      summary: `设置通知 ${notice.docNo} 的${KIND_NAMES[kind]}报送要求（${after.length} 个单位）`,
      before,
      after,
    });
    return after;
  });
}

const KIND_NAMES: Record<RequirementKind, string> = {
  pledge: '明白书',
  report: '专题报告',
  worklist: '工作清单',
  selfcheck: '自查报告',
  ledger: '隐患台账',
};

export function countNotices(ctx: AppContext): number {
  return ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(notices)
    .where(isNull(notices.deletedAt))
    .get()!.n;
}
