/**
 * Changing a registered 报送: sending it back for revision (退回修改), correcting what the clerk may correct (题名,
 * 收到日期, 审定/盖章, 备注, files) and moving it to the 回收站; each logged, and a return bound in a sealed volume is
 * not changed.
 */
import { eq } from 'drizzle-orm';
import { returnAttachments, returnSubmissions } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { sealedVolumeOf } from '../volumes/sealedIn';
import { isIsoDate, todayIso } from '../domain/dates';
import { cleanText } from '../domain/text';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { getAttachments } from '../attachments/service';
import { getReturn, type ReturnView } from './service';

/** 退回修改: the unit must send the return again. */
export function sendBackReturn(ctx: AppContext, id: number, reason: string): ReturnView {
  const why = cleanText(reason);
  if (!why) throw validation('请填写退回修改的原因');
  return mutate(ctx, (audit) => {
    const before = getReturn(ctx, id);
    if (!before.latest) throw validation('只能退回最新一次报送');
    ctx.db
      .update(returnSubmissions)
      .set({
        status: '退回修改',
        returnReason: why,
        returnedAt: ctx.now().toISOString(),
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(returnSubmissions.id, id))
      .run();
    const after = getReturn(ctx, id);
    audit({
      action: 'update',
      entity: 'return',
      entityId: id,
      summary: `退回修改：${after.unitName} ${after.kindLabel}（${why}）`,
      before,
      after,
    });
    return after;
  });
}

/** What the clerk may correct on a registered return (the notice, unit and kind identify it and stay). */
export interface ReturnPatch {
  title?: string | null;
  ownDocNo?: string | null;
  receivedDate?: string;
  approved?: boolean;
  sealed?: boolean;
  notes?: string | null;
  /** The files in display order; replaces the current list. */
  attachmentIds?: number[];
}

/** Corrects a registered return (题名, 收到日期, 审定/盖章, 备注, files), with an audit entry. */
export function updateReturn(ctx: AppContext, id: number, patch: ReturnPatch): ReturnView {
  return mutate(ctx, (audit) => {
    const before = getReturn(ctx, id);
    const sealedIn = sealedVolumeOf(ctx, ['return'], id);
    if (sealedIn) throw validation(`该报送已装订进已封卷的案卷“${sealedIn}”，不能修改；如需更正，请在案卷中办理补充`);
    const receivedDate = patch.receivedDate ?? before.receivedDate;
    if (!isIsoDate(receivedDate))
      throw validation(`收到日期“${receivedDate}”不是有效日期（应为年-月-日，如 2026-11-30）`);
    if (receivedDate > todayIso(ctx.now())) throw validation(`收到日期 ${receivedDate} 晚于今天，请核对`);
    const ids = patch.attachmentIds ?? before.attachments.map((a) => a.id);
    if (new Set(ids).size !== ids.length) throw validation('同一文件不能重复添加');
    if (getAttachments(ctx, ids).length !== ids.length) throw notFound('所选文件有的已不存在，请重新添加');
    const row = ctx.db
      .select({ version: returnSubmissions.version })
      .from(returnSubmissions)
      .where(eq(returnSubmissions.id, id))
      .get()!;
    ctx.db
      .update(returnSubmissions)
      .set({
        title: patch.title !== undefined ? cleanText(patch.title) || null : before.title,
        docNo: patch.ownDocNo !== undefined ? cleanText(patch.ownDocNo) || null : before.ownDocNo,
        receivedDate,
        approved: patch.approved ?? before.approved,
        sealed: patch.sealed ?? before.sealed,
        notes: patch.notes !== undefined ? cleanText(patch.notes) || null : before.notes,
        version: row.version + 1,
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(returnSubmissions.id, id))
      .run();
    if (patch.attachmentIds) {
      ctx.db.delete(returnAttachments).where(eq(returnAttachments.submissionId, id)).run();
      ids.forEach((attachmentId, position) =>
        ctx.db.insert(returnAttachments).values({ submissionId: id, attachmentId, position }).run(),
      );
    }
    const after = getReturn(ctx, id);
    audit({
      action: 'update',
      entity: 'return',
      entityId: id,
      summary: `修改报送：${after.unitName} ${after.kindLabel}${after.docNo ? `（${after.docNo}）` : ''}`,
      before,
      after,
    });
    return after;
  });
}

/** Moves a registered return to the 回收站 (kept 30 days, can be put back). */
export function deleteReturn(ctx: AppContext, id: number): void {
  mutate(ctx, (audit) => {
    const before = getReturn(ctx, id);
    const sealedIn = sealedVolumeOf(ctx, ['return'], id);
    if (sealedIn) throw validation(`该报送已装订进已封卷的案卷“${sealedIn}”，不能删除`);
    ctx.db
      .update(returnSubmissions)
      .set({ deletedAt: ctx.now().toISOString() })
      .where(eq(returnSubmissions.id, id))
      .run();
    audit({
      action: 'delete',
      entity: 'return',
      entityId: id,
      summary: `删除报送：${before.unitName} ${before.kindLabel}${before.docNo ? `（${before.docNo}）` : ''}（移入回收站）`,
      before,
    });
  });
}
