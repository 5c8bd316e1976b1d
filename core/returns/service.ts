import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  attachments,
  noticeRequirements,
  notices,
  returnAttachments,
  returnSubmissions,
  units,
  type ReturnKind,
} from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { countChars, DEFAULT_LENGTH_LIMITS, RETURN_KIND_LABELS } from '../domain/returns';
import { cleanText } from '../domain/text';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { getAttachments } from '../attachments/service';
import { getNotice } from '../notices/service';

export interface ReturnInput {
  noticeId: number | null;
  /** From the directory; null only for an import naming a unit the directory does not know (then unitName). */
  unitId: number | null;
  unitName?: string | null;
  kind: ReturnKind;
  period?: string | null;
  title?: string | null;
  /** The return's own 文号 (e.g. 神政〔2024〕12号), not the notice's. */
  ownDocNo?: string | null;
  receivedDate: string;
  approved?: boolean;
  sealed?: boolean;
  /** Pasted text of the return, for the length check. */
  content?: string | null;
  /** Character count taken from an attached document when there is no pasted text. */
  textLength?: number | null;
  attachmentIds?: number[];
  notes?: string | null;
  batchId?: number | null;
}

export interface ReturnView {
  id: number;
  noticeId: number | null;
  docNo: string;
  unitId: number | null;
  unitName: string;
  kind: ReturnKind;
  kindLabel: string;
  period: string | null;
  title: string | null;
  /** The return's own 文号 (the 卷内目录's 文号 column); docNo above is the notice's. */
  ownDocNo: string | null;
  receivedDate: string;
  approved: boolean;
  sealed: boolean;
  content: string | null;
  textLength: number | null;
  lengthLimit: number | null;
  overLimit: boolean;
  status: '已接收' | '退回修改';
  returnReason: string | null;
  returnedAt: string | null;
  previousId: number | null;
  /** Whether this is the latest submission of its (notice, unit, kind, period). */
  latest: boolean;
  notes: string | null;
  attachments: { id: number; originalName: string; mime: string; size: number; pageCount: number | null }[];
}

function lengthLimit(ctx: AppContext, noticeId: number | null, unitId: number | null, kind: ReturnKind): number | null {
  if (noticeId === null || unitId === null) return DEFAULT_LENGTH_LIMITS[kind] ?? null;
  const r = ctx.db
    .select({ lengthLimit: noticeRequirements.lengthLimit })
    .from(noticeRequirements)
    .where(
      and(
        eq(noticeRequirements.noticeId, noticeId),
        eq(noticeRequirements.unitId, unitId),
        eq(noticeRequirements.kind, kind),
      ),
    )
    .get();
  return r?.lengthLimit ?? DEFAULT_LENGTH_LIMITS[kind] ?? null;
}

type Row = typeof returnSubmissions.$inferSelect;

function latestOf(
  ctx: AppContext,
  r: Pick<Row, 'noticeId' | 'unitId' | 'unitName' | 'kind' | 'period'>,
): Row | undefined {
  return ctx.db
    .select()
    .from(returnSubmissions)
    .where(
      and(
        r.noticeId === null ? isNull(returnSubmissions.noticeId) : eq(returnSubmissions.noticeId, r.noticeId),
        r.unitId === null ? eq(returnSubmissions.unitName, r.unitName ?? '') : eq(returnSubmissions.unitId, r.unitId),
        eq(returnSubmissions.kind, r.kind),
        r.period ? eq(returnSubmissions.period, r.period) : isNull(returnSubmissions.period),
        isNull(returnSubmissions.deletedAt),
      ),
    )
    .orderBy(desc(returnSubmissions.id))
    .get();
}

function toViews(ctx: AppContext, rows: Row[]): ReturnView[] {
  if (!rows.length) return [];
  const unitNames = new Map(
    ctx.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, [...new Set(rows.map((r) => r.unitId ?? 0))]))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const docNos = new Map(
    ctx.db
      .select({ id: notices.id, docNo: notices.docNo })
      .from(notices)
      .where(inArray(notices.id, [...new Set(rows.map((r) => r.noticeId ?? 0))]))
      .all()
      .map((n) => [n.id, n.docNo]),
  );
  const atts = ctx.db
    .select({ sid: returnAttachments.submissionId, a: attachments })
    .from(returnAttachments)
    .innerJoin(attachments, eq(attachments.id, returnAttachments.attachmentId))
    .where(
      inArray(
        returnAttachments.submissionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(returnAttachments.position))
    .all();
  return rows.map((r) => {
    const limit = lengthLimit(ctx, r.noticeId, r.unitId, r.kind);
    return {
      id: r.id,
      noticeId: r.noticeId,
      docNo: r.noticeId === null ? '' : (docNos.get(r.noticeId) ?? ''),
      unitId: r.unitId,
      unitName: (r.unitId !== null ? unitNames.get(r.unitId) : undefined) ?? r.unitName ?? '',
      kind: r.kind,
      kindLabel: RETURN_KIND_LABELS[r.kind],
      period: r.period,
      title: r.title,
      ownDocNo: r.docNo,
      receivedDate: r.receivedDate,
      approved: r.approved,
      sealed: r.sealed,
      content: r.content,
      textLength: r.textLength,
      lengthLimit: limit,
      overLimit: limit !== null && r.textLength !== null && r.textLength > limit,
      status: r.status,
      returnReason: r.returnReason,
      returnedAt: r.returnedAt,
      previousId: r.previousId,
      latest: latestOf(ctx, r)?.id === r.id,
      notes: r.notes,
      attachments: atts
        .filter((x) => x.sid === r.id)
        .map(({ a }) => ({
          id: a.id,
          originalName: a.originalName,
          mime: a.mime,
          size: a.size,
          pageCount: a.pageCount,
        })),
    };
  });
}

export function getReturn(ctx: AppContext, id: number): ReturnView {
  const r = ctx.db
    .select()
    .from(returnSubmissions)
    .where(and(eq(returnSubmissions.id, id), isNull(returnSubmissions.deletedAt)))
    .get();
  if (!r) throw notFound(`找不到编号为 ${id} 的报送记录`);
  return toViews(ctx, [r])[0]!;
}

/** Registers a received return; a second submission of the same return becomes its re-submission. */
export function registerReturn(ctx: AppContext, i: ReturnInput): ReturnView {
  if (!isIsoDate(i.receivedDate))
    throw validation(`收到日期“${i.receivedDate}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  if (i.receivedDate > todayIso(ctx.now())) throw validation(`收到日期 ${i.receivedDate} 晚于今天，请核对`);
  if (i.period && !/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(i.period))
    throw validation(`报送期次“${i.period}”格式不对（如 2024-03 或 2024-Q1）`);
  return mutate(ctx, (audit) => {
    if (i.noticeId !== null) getNotice(ctx, i.noticeId);
    const unit =
      i.unitId !== null
        ? ctx.db
            .select()
            .from(units)
            .where(and(eq(units.id, i.unitId), isNull(units.deletedAt)))
            .get()
        : undefined;
    if (i.unitId !== null && !unit) throw notFound(`编号为 ${i.unitId} 的单位不在单位名录中`);
    const unitName = unit?.name ?? cleanText(i.unitName);
    if (!unitName) throw validation('请选择报送单位');
    const ids = i.attachmentIds ?? [];
    if (getAttachments(ctx, ids).length !== new Set(ids).size) throw notFound('所选附件有的已不存在，请重新添加');
    const content = i.content?.trim() ? i.content.trim() : null;
    const previous = latestOf(ctx, {
      noticeId: i.noticeId,
      unitId: i.unitId,
      unitName,
      kind: i.kind,
      period: i.period ?? null,
    });
    const row = ctx.db
      .insert(returnSubmissions)
      .values({
        noticeId: i.noticeId,
        unitId: i.unitId,
        unitName,
        kind: i.kind,
        period: i.period ?? null,
        title: cleanText(i.title) || null,
        docNo: cleanText(i.ownDocNo) || null,
        receivedDate: i.receivedDate,
        approved: !!i.approved,
        sealed: !!i.sealed,
        content,
        textLength: content ? countChars(content) : (i.textLength ?? null),
        previousId: previous?.id ?? null,
        batchId: i.batchId ?? null,
        notes: cleanText(i.notes) || null,
      })
      .returning()
      .get();
    ids.forEach((attachmentId, position) =>
      ctx.db.insert(returnAttachments).values({ submissionId: row.id, attachmentId, position }).run(),
    );
    const view = getReturn(ctx, row.id);
    audit({
      action: 'create',
      entity: 'return',
      entityId: row.id,
      summary: `${previous ? '收到重新报送' : '收到报送'}：${view.unitName} ${view.kindLabel}${view.docNo ? `（${view.docNo}）` : ''}`,
      after: view,
    });
    return view;
  });
}

export interface ReturnQuery {
  noticeId?: number;
  unitId?: number;
  kind?: ReturnKind;
  status?: '已接收' | '退回修改';
  latestOnly?: boolean;
}

export function listReturns(ctx: AppContext, q: ReturnQuery = {}): ReturnView[] {
  const c: SQL[] = [isNull(returnSubmissions.deletedAt)];
  if (q.noticeId !== undefined) c.push(eq(returnSubmissions.noticeId, q.noticeId));
  if (q.unitId !== undefined) c.push(eq(returnSubmissions.unitId, q.unitId));
  if (q.kind) c.push(eq(returnSubmissions.kind, q.kind));
  if (q.status) c.push(eq(returnSubmissions.status, q.status));
  if (q.latestOnly) {
    c.push(sql`${returnSubmissions.id} = (select max(r2.id) from return_submissions r2 where r2.notice_id is ${returnSubmissions.noticeId}
      and r2.unit_id is ${returnSubmissions.unitId} and coalesce(r2.unit_name, '') = coalesce(${returnSubmissions.unitName}, '') and r2.kind = ${returnSubmissions.kind}
      and coalesce(r2.period, '') = coalesce(${returnSubmissions.period}, '') and r2.deleted_at is null)`);
  }
  const rows = ctx.db
    .select()
    .from(returnSubmissions)
    .where(and(...c))
    .orderBy(desc(returnSubmissions.receivedDate), desc(returnSubmissions.id))
    .all();
  return toViews(ctx, rows);
}

/** All submissions of one return, oldest first: the re-submission history. */
export function returnHistory(ctx: AppContext, id: number): ReturnView[] {
  const r = getReturn(ctx, id);
  return listReturns(ctx, { noticeId: r.noticeId ?? undefined, unitId: r.unitId ?? undefined, kind: r.kind })
    .filter((x) => x.period === r.period && x.noticeId === r.noticeId && x.unitName === r.unitName)
    .reverse();
}
