import { desc, eq } from 'drizzle-orm';
import { importBatches, importChanges, importMappings, notices, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { RETURN_KIND_LABELS } from '../domain/returns';
import { validation } from '../platform/errors';
import { commitScan, prepareFile } from '../attachments/service';
import { mutate, type Audit } from '../platform/mutation';
import {
  insertImportedHazards,
  undoImportedHazards,
  updateImportedHazards,
  withImportPageCache,
} from '../hazards/imported';
import { pledgeImportState, undoImportedPledges } from '../pledges/imported';
import { createPledge, updatePledge } from '../pledges/editing';
import { setImportedReturnContent, undoImportedReturns } from '../returns/imported';
import { registerReturn } from '../returns/service';
import { undoImportedUnits } from '../units/imported';
import { planImport, planSummary, type ImportOptions, type ImportPlan } from './preview';
import type { ImportRun } from './progress';

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
};

export type ImportResult = ReturnType<typeof planSummary> & {
  committed: boolean;
  batch: number | null;
  message: string;
  /** The file was refused (errors, or no row to take): nothing written. Not set for a no-op re-import. */
  refused?: boolean;
};

/**
 * Imports a return: plans it, and unless it has errors (or skipErrors) writes everything in ONE transaction —
 * all or nothing. The same file twice changes nothing the second time.
 */
export async function commitImport(
  ctx: AppContext,
  file: string,
  opts: ImportOptions & { dryRun?: boolean } = {},
  run?: ImportRun,
): Promise<ImportResult> {
  const plan = await planImport(ctx, file, opts, run);
  const summary = planSummary(plan);
  const fileLevelErrors = plan.errors.filter((e) => e.row === null);
  const refuse = (message: string): ImportResult => ({
    ...summary,
    committed: false,
    batch: null,
    message,
    refused: true,
  });
  const noop = (message: string): ImportResult => ({ ...summary, committed: false, batch: null, message });
  if (plan.duplicateOf !== null) return noop(`此文件已于批次 ${plan.duplicateOf} 导入，内容相同，本次不做任何修改`);
  if (fileLevelErrors.length) return refuse(`无法导入：${fileLevelErrors.map((e) => e.message).join('；')}`);
  if (plan.creditError) return refuse(`无法导入：${plan.creditError}`);
  if (plan.errors.length && !opts.skipErrors) {
    return refuse(`发现 ${plan.errors.length} 处错误，未导入任何数据。请修改后重新导入，或选择“跳过有错误的行”`);
  }
  if (plan.rowsTaken === 0) return refuse('没有可导入的数据行');
  const nothingNew =
    (summary.kind === 'hazard' || summary.kind === 'pledge') && summary.new === 0 && summary.changed === 0;
  if (nothingNew) return noop('内容与已登记的完全一致，无需导入，未做任何修改');
  if (opts.dryRun) return { ...summary, committed: false, batch: null, message: '预览完成（未写入数据）' };
  // The last point the clerk can cancel at: the transaction below runs to its end (or rolls back entirely).
  run?.stage('write');
  const batch = mutate(ctx, (audit) => writePlan(ctx, plan, summary, opts, audit));
  return { ...summary, committed: true, batch, message: `已导入（批次 ${batch}）` };
}

function writePlan(
  ctx: AppContext,
  plan: ImportPlan,
  summary: ReturnType<typeof planSummary>,
  opts: ImportOptions,
  audit: Audit,
): number {
  const now = ctx.now().toISOString();
  const source = commitScan(
    ctx,
    prepareFile(plan.bytes, plan.fileName, MIME[plan.parsed.format] ?? 'application/octet-stream'),
  );
  const batch = ctx.db
    .insert(importBatches)
    .values({
      kind: plan.parsed.kind,
      fileName: plan.fileName,
      fileSha256: plan.sha256,
      sourceAttachmentId: source.id,
      unitId: plan.unit?.id ?? null,
      noticeId: plan.noticeId,
      sheet: plan.parsed.sheet,
      fingerprint: plan.parsed.fingerprint,
      mapping: JSON.stringify(Object.fromEntries(plan.parsed.columns.map((c) => [c.index, c.field]))),
      options: JSON.stringify({
        skipErrors: !!opts.skipErrors,
        year: opts.year ?? null,
        mappingSource: plan.mappingSource,
        unitName: plan.parsed.meta.unitName ?? plan.parsed.meta.township ?? null,
      }),
      counts: JSON.stringify({
        rows: summary.rows,
        new: summary.new,
        changed: summary.changed,
        unchanged: summary.unchanged,
        disappeared: summary.disappeared,
        errors: plan.errors.length,
        warnings: plan.warnings.length,
      }),
      actor: ctx.actor,
      createdAt: now,
    })
    .returning()
    .get();
  const change = (
    entity: 'hazard' | 'pledge' | 'return' | 'unit',
    entityId: number,
    action: 'create' | 'update',
    before?: unknown,
  ) =>
    ctx.db
      .insert(importChanges)
      .values({
        batchId: batch.id,
        entity,
        entityId,
        action,
        before: before === undefined ? null : JSON.stringify(before),
      })
      .run();

  if (plan.hazard) writeHazards(ctx, plan, batch.id, change);
  if (plan.pledge) {
    for (const p of plan.pledge.create) {
      const v = p.values;
      const signed = v.signed ?? !!v.signedDate;
      const rec = createPledge(ctx, {
        noticeId: plan.noticeId,
        level: p.level,
        talkerName: v.talkerName,
        talkerTitle: v.talkerTitle ?? '（未填写）',
        talkeeName: v.talkeeName,
        talkeeUnitId: p.talkeeUnitId,
        talkeeUnitName: p.talkeeUnitName || null,
        talkeeTitle: v.talkeeTitle ?? '（未填写）',
        reportingUnitId: plan.unit?.id ?? null,
        talkDate: v.talkDate,
        signed,
        signedDate: signed ? (v.signedDate ?? v.talkDate) : null,
        notes: [v.notes, `导入自 ${plan.fileName} 第${p.rowNumber}行`].filter(Boolean).join('；'),
      });
      change('pledge', rec.id, 'create');
    }
    for (const p of plan.pledge.update) {
      const v = p.values;
      const signed = v.signed ?? !!v.signedDate;
      const before = pledgeImportState(ctx, p.existingId!);
      updatePledge(ctx, p.existingId!, { signed, signedDate: signed ? (v.signedDate ?? v.talkDate) : null });
      change('pledge', p.existingId!, 'update', before);
    }
  }
  const returnUnitName = plan.unit?.name ?? plan.parsed.meta.unitName;
  if ((plan.parsed.kind === 'worklist' || plan.parsed.kind === 'report') && returnUnitName) {
    const rows = plan.parsed.rows.filter((r) => r.importable);
    const kind = plan.parsed.kind === 'worklist' ? 'worklist' : 'report';
    const content =
      plan.parsed.kind === 'worklist'
        ? (rows as { values: { measure: string; progress: string | null } }[])
            .map((r, i) => `${i + 1}. ${r.values.measure}\n工作进展情况：${r.values.progress ?? ''}`)
            .join('\n\n')
        : (rows as { values: { title: string | null; content: string | null } }[])
            .map((r) => [r.values.title, r.values.content].filter(Boolean).join('\n'))
            .join('\n\n');
    const longest =
      plan.parsed.kind === 'worklist'
        ? Math.max(0, ...(rows as { values: { progressLength: number } }[]).map((r) => r.values.progressLength))
        : null;
    const over = plan.parsed.summary.overLimitRows ?? [];
    const ret = registerReturn(ctx, {
      noticeId: plan.credit?.noticeId ?? null,
      unitId: plan.unit?.id ?? null,
      unitName: returnUnitName,
      kind,
      period: plan.credit?.period ?? null,
      title: plan.parsed.title ?? `${returnUnitName}${RETURN_KIND_LABELS[kind]}`,
      ownDocNo: plan.parsed.meta.docNo ?? null,
      receivedDate: todayIso(ctx.now()),
      textLength: longest,
      batchId: batch.id,
      notes: over.length ? `第 ${over.join('、')} 条工作进展情况超过字数限制` : null,
    });
    // the pasted text keeps the items; the length checked is the longest item (每条 ≤ 300 字)
    setImportedReturnContent(ctx, ret.id, content);
    change('return', ret.id, 'create');
  }
  // The ledger's return: only to the notice (and period) the caller named — nothing is credited by default.
  if (plan.parsed.kind === 'hazard' && plan.credit && plan.unit) {
    const ret = registerReturn(ctx, {
      noticeId: plan.credit.noticeId,
      unitId: plan.unit.id,
      kind: 'ledger',
      period: plan.credit.period,
      title: plan.parsed.title,
      ownDocNo: plan.parsed.meta.docNo ?? null,
      receivedDate: todayIso(ctx.now()),
      batchId: batch.id,
    });
    change('return', ret.id, 'create');
  }
  if (plan.mappingSource === 'user' && opts.mapping) {
    ctx.db
      .insert(importMappings)
      .values({
        unitId: plan.unit?.id ?? null,
        kind: plan.parsed.kind,
        fingerprint: plan.parsed.fingerprint,
        mapping: JSON.stringify(opts.mapping),
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [importMappings.unitId, importMappings.kind, importMappings.fingerprint],
        set: { mapping: JSON.stringify(opts.mapping), updatedAt: now },
      })
      .run();
  }
  audit({
    action: 'import',
    entity: 'import',
    entityId: batch.id,
    summary: `导入 ${plan.fileName}：新增 ${summary.new}，变更 ${summary.changed}，未变 ${summary.unchanged}${plan.errors.length ? `，跳过有错误的行 ${plan.errors.length} 处` : ''}`,
    after: { batch: batch.id, unit: plan.unit?.name ?? null, counts: JSON.parse(batch.counts) },
  });
  return batch.id;
}

type Change = (entity: 'hazard', id: number, action: 'create' | 'update', before?: unknown) => void;

/** The plan's hazards, through core/hazards' bulk import path; the batch records each created and changed one. */
function writeHazards(ctx: AppContext, plan: ImportPlan, batchId: number, change: Change) {
  const h = plan.hazard!;
  const w = {
    noticeId: plan.noticeId,
    reportingUnitId: plan.unit?.id ?? null,
    batchId,
    note: `导入 ${plan.fileName}`,
    at: ctx.now().toISOString(),
  };
  withImportPageCache(ctx, h.create.length + h.update.length, () => {
    const createdAfter = insertImportedHazards(ctx, h.create, w);
    if (h.create.length) {
      // The batch's change records of the new hazards: one statement, in creation order.
      ctx.sqlite
        .prepare(
          `insert into import_changes (batch_id, entity, entity_id, action, before)
           select ?, 'hazard', id, 'create', null from hazards where id > ? and batch_id = ? order by id`,
        )
        .run(batchId, createdAfter, batchId);
    }
    updateImportedHazards(ctx, h.update, w, (id, before) => change('hazard', id, 'update', before));
  });
}

export function listBatches(ctx: AppContext) {
  const unitNames = new Map(
    ctx.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .all()
      .map((u) => [u.id, u.name]),
  );
  const docNos = new Map(
    ctx.db
      .select({ id: notices.id, docNo: notices.docNo })
      .from(notices)
      .all()
      .map((n) => [n.id, n.docNo]),
  );
  return ctx.db
    .select()
    .from(importBatches)
    .orderBy(desc(importBatches.id))
    .all()
    .map((b) => {
      const options = JSON.parse(b.options ?? '{}') as { unitName?: string | null };
      return {
        ...b,
        counts: JSON.parse(b.counts) as Record<string, number>,
        unitName: (b.unitId !== null ? unitNames.get(b.unitId) : undefined) ?? options.unitName ?? null,
        noticeDocNo: b.noticeId !== null ? (docNos.get(b.noticeId) ?? null) : null,
      };
    });
}

/** Undoes a batch: removes what it created and restores what it changed (status updates included). */
export function undoImport(ctx: AppContext, batchId: number) {
  return mutate(ctx, (audit) => {
    const batch = ctx.db.select().from(importBatches).where(eq(importBatches.id, batchId)).get();
    if (!batch) throw validation(`找不到导入批次 ${batchId}`);
    if (batch.status === 'undone') throw validation(`批次 ${batchId} 已撤销过`);
    const later = ctx.sqlite
      .prepare(
        `select b.id from import_batches b join import_changes c on c.batch_id = b.id
         where b.id > ? and b.status = 'committed' and c.entity = 'hazard'
           and c.entity_id in (select entity_id from import_changes where batch_id = ? and entity = 'hazard') limit 1`,
      )
      .get(batchId, batchId) as { id: number } | undefined;
    if (later) throw validation(`批次 ${later.id} 在本批次之后又修改了同样的隐患，请先撤销批次 ${later.id}`);
    const changes = ctx.db
      .select()
      .from(importChanges)
      .where(eq(importChanges.batchId, batchId))
      .orderBy(desc(importChanges.id))
      .all();
    const now = ctx.now().toISOString();
    // Each entity undoes its own records, newest first; 明白书 before units (a unit still named stays).
    const of = (entity: string) => changes.filter((c) => c.entity === entity);
    undoImportedHazards(ctx, batchId, of('hazard'), now);
    undoImportedPledges(ctx, of('pledge'), now);
    undoImportedReturns(
      ctx,
      of('return').map((c) => c.entityId),
      now,
    );
    undoImportedUnits(
      ctx,
      of('unit').map((c) => c.entityId),
      now,
    );
    ctx.db.update(importBatches).set({ status: 'undone', undoneAt: now }).where(eq(importBatches.id, batchId)).run();
    audit({
      action: 'undo',
      entity: 'import',
      entityId: batchId,
      summary: `撤销导入批次 ${batchId}（${batch.fileName}）：还原 ${changes.length} 项修改`,
    });
    return { batch: batchId, reverted: changes.length };
  });
}
