/**
 * Registering, editing and deleting a 隐患 through the forms: each checked (validate.ts, the closure rules, the
 * duplicate check), written with its attachments, status history and search index, and logged; a hazard bound in
 * a sealed volume is not deleted. createHazardThrough registers one already further along, step by step.
 */
import { eq } from 'drizzle-orm';
import { hazardAttachments, hazards } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { HAZARD_STATUSES } from '../domain/hazard';
import { closureRefusal } from '../domain/closure';
import { validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { refuseDuplicateHazard } from './duplicates';
import { sealedVolumeOf } from '../volumes/sealedIn';
import { indexHazards, unindexHazards } from './searchIndex';
import { closureFacts, validateHazard } from './validate';
import { addStatusEvent } from './closure';
import { getHazard, label, strip } from './service';
import type { HazardInput, HazardView } from './service';

function writeAttachments(ctx: AppContext, hazardId: number, list: HazardInput['attachments']) {
  ctx.db.delete(hazardAttachments).where(eq(hazardAttachments.hazardId, hazardId)).run();
  (list ?? []).forEach((a, position) =>
    ctx.db.insert(hazardAttachments).values({ hazardId, attachmentId: a.attachmentId, role: a.role, position }).run(),
  );
}

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
