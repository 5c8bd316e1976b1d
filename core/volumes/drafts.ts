/**
 * Volume drafts: create from a selection or an explicit item list, update while a draft, delete.
 */
import { eq } from 'drizzle-orm';
import { volumeItems, volumes, RETENTIONS } from '../../db/schema';
import type { AppContext } from '../context';
import { isIsoDate, todayIso } from '../domain/dates';
import { validation } from '../errors';
import { recordAudit } from '../services/audit';
import { getNotice } from '../services/notices';
import { getSettings } from '../services/settings';
import { getUnit } from '../services/units';
import { itemKey, selectDated, selectItems } from './select';
import { VOLUME_KIND_LABELS, type ItemSpec, type Selection } from './types';
import { KIND_LABEL, type VolumeInput, type VolumeView, checkSelection, headerOf, nextVolumeNo, stored } from './rows';
import { getVolume } from './views';

export function defaultTitle(ctx: AppContext, sel: Selection, year: number): string {
  const notice = sel.noticeId !== undefined ? getNotice(ctx, sel.noticeId).docNo : '';
  const unit = sel.unitId !== undefined ? getUnit(ctx, sel.unitId).name : '';
  const what = sel.kinds.map((k) => VOLUME_KIND_LABELS[k]).join('、');
  return `${year}年度${unit}${notice ? `落实${notice}` : ''}${what}`;
}

export function validateHeader(v: Partial<VolumeInput>) {
  if (v.title !== undefined && !v.title.trim()) throw validation('案卷题名不能为空');
  if (v.title !== undefined && v.title.length > 200) throw validation('案卷题名太长（最多 200 字）');
  if (v.retention !== undefined && !RETENTIONS.includes(v.retention))
    throw validation('保管期限只能是 永久（Y）、定期30年（D30）或定期10年（D10）');
  if (v.volumeNo !== undefined && (!Number.isInteger(v.volumeNo) || v.volumeNo < 1 || v.volumeNo > 9999))
    throw validation('卷号必须是 1 到 9999 的整数');
  if (v.pageLimit !== undefined && (!Number.isInteger(v.pageLimit) || v.pageLimit < 10 || v.pageLimit > 2000))
    throw validation('每卷页数上限必须在 10 到 2000 之间');
  if (v.year !== undefined && (!Number.isInteger(v.year) || v.year < 1949 || v.year > 2100))
    throw validation(`年度“${v.year}”不对`);
  if (v.compiledDate && !isIsoDate(v.compiledDate))
    throw validation(`立卷时间“${v.compiledDate}”不是有效日期（应为年-月-日，如 2026-11-30）`);
  if (v.categoryCode !== undefined && !/^[A-Za-z0-9]{1,8}$/.test(v.categoryCode))
    throw validation('类别代码只能是 1–8 位字母或数字（如 WS）');
}

export function validateItems(items: ItemSpec[]): ItemSpec[] {
  const seen = new Set<string>();
  return items.map((it) => {
    if (it.kind !== 'ledger' && (!it.recordId || !Number.isInteger(it.recordId)))
      throw validation(`${KIND_LABEL[it.kind] ?? it.kind}缺少记录编号`);
    const key = itemKey(it);
    if (seen.has(key)) throw validation(`同一份${KIND_LABEL[it.kind]}（编号 ${it.recordId ?? ''}）在案卷中出现了两次`);
    seen.add(key);
    return {
      kind: it.kind,
      recordId: it.kind === 'ledger' ? null : it.recordId,
      params: it.kind === 'ledger' ? (it.params ?? { filter: {} }) : null,
      title: it.title?.trim() || null,
      note: it.note?.trim() || null,
    };
  });
}

export function writeItems(ctx: AppContext, volumeId: number, items: ItemSpec[]) {
  ctx.db.delete(volumeItems).where(eq(volumeItems.volumeId, volumeId)).run();
  items.forEach((it, position) =>
    ctx.db
      .insert(volumeItems)
      .values({
        volumeId,
        position,
        kind: it.kind,
        recordId: it.recordId,
        params: it.params ? JSON.stringify(it.params) : null,
        title: it.title ?? null,
        note: it.note ?? null,
      })
      .run(),
  );
}

/** Creates a volume draft from a selection (or an explicit ordered item list), with cover defaults from the settings. */
export function createVolume(ctx: AppContext, input: VolumeInput = {}): VolumeView {
  validateHeader(input);
  return ctx.db.transaction(() => {
    const s = getSettings(ctx);
    const selection = checkSelection(ctx, input.selection);
    const orderBy = input.orderBy ?? (input.items ? 'manual' : 'date');
    const dated = input.items ? null : selectDated(ctx, selection, orderBy);
    const items = validateItems(input.items ?? dated!.map((d) => d.spec));
    const latest = dated?.reduce((y, d) => (d.date && d.date.slice(0, 4) > y ? d.date.slice(0, 4) : y), '');
    const year = input.year ?? selection.year ?? (latest ? Number(latest) : Number(todayIso(ctx.now()).slice(0, 4)));
    const series = {
      fondsCode: (input.fondsCode ?? s.fondsCode).trim(),
      categoryCode: input.categoryCode ?? 'WS',
      year,
      retention: input.retention ?? 'D30',
    };
    const row = ctx.db
      .insert(volumes)
      .values({
        title: (input.title ?? defaultTitle(ctx, selection, year)).trim(),
        fondsName: (input.fondsName ?? s.fondsName).trim(),
        ...series,
        volumeNo: input.volumeNo ?? nextVolumeNo(ctx, series),
        organization: input.organization ?? '安委办',
        creator: input.creator ?? s.clerkName,
        checker: input.checker ?? '',
        compiledDate: input.compiledDate ?? null,
        remarks: input.remarks ?? '',
        secrecy: input.secrecy ?? null,
        selection: JSON.stringify(selection),
        orderBy,
        pageLimit: input.pageLimit ?? 200,
        duplex: input.duplex ?? true,
        archiveStamp: input.archiveStamp ?? true,
        pdfa: input.pdfa ?? false,
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    recordAudit(ctx, {
      action: 'create',
      entity: 'volume',
      entityId: row.id,
      summary: `组卷：${view.title}（${items.length} 件）`,
      after: { ...view, items: items.length },
    });
    return view;
  });
}

/** Updates a draft: cover data, selection, order, or the explicit ordered item list. A sealed volume cannot change. */
export function updateVolume(ctx: AppContext, id: number, patch: VolumeInput & { reselect?: boolean }): VolumeView {
  validateHeader(patch);
  return ctx.db.transaction(() => {
    const before = stored(ctx, id);
    if (before.status === 'sealed') throw validation('该案卷已封卷，不能修改；如需调整，请办理补充卷或新版');
    const selection = patch.selection
      ? checkSelection(ctx, patch.selection)
      : (JSON.parse(before.selection) as Selection);
    const orderBy = patch.orderBy ?? (patch.items ? 'manual' : before.orderBy);
    const { items: _i, selection: _s, reselect: _r, ...fields } = patch;
    ctx.db
      .update(volumes)
      .set({
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        ...(fields.title !== undefined ? { title: fields.title.trim() } : {}),
        selection: JSON.stringify(selection),
        orderBy,
        version: before.version + 1,
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(volumes.id, id))
      .run();
    if (patch.items) writeItems(ctx, id, validateItems(patch.items));
    else if (patch.reselect || patch.selection || (patch.orderBy && patch.orderBy !== 'manual'))
      writeItems(ctx, id, validateItems(selectItems(ctx, selection, orderBy)));
    const after = getVolume(ctx, id);
    recordAudit(ctx, {
      action: 'update',
      entity: 'volume',
      entityId: id,
      summary: `修改案卷：${after.title}（${after.items.length} 件）`,
      before: headerOf(before),
      after: { ...after, items: after.items.length },
    });
    return after;
  });
}

export function deleteVolume(ctx: AppContext, id: number): void {
  ctx.db.transaction(() => {
    const v = stored(ctx, id);
    if (v.status === 'sealed') throw validation('已封卷的案卷不能删除');
    ctx.db.update(volumes).set({ deletedAt: ctx.now().toISOString() }).where(eq(volumes.id, id)).run();
    recordAudit(ctx, {
      action: 'delete',
      entity: 'volume',
      entityId: id,
      summary: `删除案卷草稿：${v.title}`,
      before: headerOf(v),
    });
  });
}
