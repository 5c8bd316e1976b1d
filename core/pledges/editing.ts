/**
 * Registering, editing and deleting a 明白书 through the forms: each checked (validate.ts), written with its
 * scans, and logged; an archived 明白书 (bound into a sealed volume) is not changed, and deleting moves one to the
 * 回收站.
 */
import { eq } from 'drizzle-orm';
import { pledgeAttachments, pledges } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { levelLabel } from '../domain/pledgeLevels';
import { validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { crashPoint } from '../platform/crash';
import { validatePledge, refuseDuplicate } from './validate';
import { getPledge } from './service';
import type { PledgeInput, PledgeView } from './service';

function writeAttachments(ctx: AppContext, pledgeId: number, ids: number[]) {
  ctx.db.delete(pledgeAttachments).where(eq(pledgeAttachments.pledgeId, pledgeId)).run();
  ids.forEach((attachmentId, position) => {
    ctx.db.insert(pledgeAttachments).values({ pledgeId, attachmentId, position, role: 'scan' }).run();
  });
}

function describe(p: { talkerName: string; talkeeName: string; level: number }) {
  return `${levelLabel(p.level)} ${p.talkerName}→${p.talkeeName}`;
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
