/**
 * The 整改闭环 status changes: changing the status of one or many hazards at once (filling the completion and
 * acceptance data the new status needs, checked by the closure rules, all or nothing), and the status history
 * entry every status change writes (addStatusEvent).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { hazardEvents, hazards } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { HAZARD_STATUSES, type HazardStatus } from '../domain/hazard';
import { closureRefusal, isBackward } from '../domain/closure';
import { cleanText } from '../domain/text';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { closureFacts, attachmentRoles } from './validate';
import { label } from './service';

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
