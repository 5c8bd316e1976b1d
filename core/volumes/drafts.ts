/**
 * Volume drafts: create from a selection or an explicit item list, update while a draft, delete.
 */
import { eq } from 'drizzle-orm';
import { volumeItems, volumes, RETENTIONS } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { isIsoDate, todayIso } from '../domain/dates';
import { SPINE_WIDTHS, type SpineWidth } from '../domain/archiveMode';
import { conflict, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { getNotice } from '../notices/service';
import { getSettings } from '../settings/service';
import { getUnit } from '../units/service';
import { itemKey, selectDated, selectItems } from './select';
import { VOLUME_KIND_LABELS, type ItemSpec, type Selection } from './types';
import { archivedRecords, describeArchived } from './archived';
import { collectItem } from './collect';
import {
  KIND_LABEL,
  type ArchivedRecord,
  type VolumeInput,
  type VolumeView,
  checkSelection,
  headerOf,
  nextVolumeNo,
  stored,
} from './rows';
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
  if (v.categoryName !== undefined && v.categoryName.length > 50) throw validation('类目名称太长（最多 50 字）');
  if (v.spineWidth !== undefined && v.spineWidth !== null && !SPINE_WIDTHS.includes(v.spineWidth as SpineWidth))
    throw validation('盒脊厚度只能是 20、30、40 或 50 毫米');
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

/**
 * The 年度 of the records: the year each was formed (its date), never the export year. One year, or refused: a
 * volume holds one 年度 (GB/T 9705), so a selection spanning years is to be made into one volume per year (组卷;
 * 按件归档 splits the boxes by 年度 itself).
 */
export function recordsYear(ctx: AppContext, dated: { date: string }[], given: number | undefined): number {
  const byYear = new Map<number, number>();
  for (const d of dated) {
    const y = /^(\d{4})-/.exec(d.date)?.[1];
    if (y) byYear.set(Number(y), (byYear.get(Number(y)) ?? 0) + 1);
  }
  const years = [...byYear.keys()].sort();
  // 按件归档 (DA/T 22): a 档案盒 holds one 年度 too, but the export packs each 年度's 件 into boxes of their own
  // (core/volumes/piece/plan.ts), so records of several years are not refused here
  if (getSettings(ctx).archiveMode === 'piece')
    return given ?? years[years.length - 1] ?? Number(todayIso(ctx.now()).slice(0, 4));
  const counts = years.map((y) => `${y} 年 ${byYear.get(y)} 件`).join('、');
  if (given !== undefined) {
    const other = years.filter((y) => y !== given);
    if (other.length)
      throw validation(
        `所选材料中有 ${other.reduce((n, y) => n + byYear.get(y)!, 0)} 件不是 ${given} 年度形成的（${counts}）。案卷的年度是文件形成的年度：请按年度选择材料（命令行 --year ${other[0]}），分别组卷`,
      );
    return given;
  }
  if (years.length > 1)
    throw validation(
      `所选材料分属 ${years.join('、')} 共 ${years.length} 个年度（${counts}）。一个案卷只收一个年度形成的文件：请选择年度（命令行 --year ${years[years.length - 1]}）后分别组卷`,
    );
  return years[0] ?? Number(todayIso(ctx.now()).slice(0, 4));
}

/**
 * Creates a volume draft from a selection (or an explicit ordered item list), with cover defaults from the settings.
 * Its 年度 comes from the records' dates. When records of the selection are already in another volume, the same
 * selection re-opens that volume (returned with `reopened`), anything else is refused listing them (档号), unless
 * `newVolume` asks for a new 卷号 anyway (then `alreadyArchived` lists them).
 */
export function createVolume(ctx: AppContext, input: VolumeInput = {}): VolumeView {
  validateHeader(input);
  return mutate(ctx, (audit) => {
    const s = getSettings(ctx);
    const selection = checkSelection(ctx, input.selection);
    const orderBy = input.orderBy ?? (input.items ? 'manual' : 'date');
    const dated = input.items ? null : selectDated(ctx, selection, orderBy);
    const items = validateItems(input.items ?? dated!.map((d) => d.spec));
    const archived = archivedRecords(ctx, items);
    if (archived.length && !input.newVolume) {
      const reopen = reopenable(ctx, items, archived, selection, dated);
      if (reopen) return reopen;
      throw conflict(
        `所选材料中有 ${new Set(archived.map((a) => `${a.kind}:${a.recordId}`)).size} 件已归入其他案卷：${describeArchived(archived)}。同一份文件只归档一次：请打开该案卷重新导出（或办理补充卷）；确需另组新卷时，请确认后再组卷（命令行加 --new-volume）`,
      );
    }
    const dates =
      dated ??
      items.map((spec) => {
        try {
          return { date: collectItem(ctx, spec).entry.date ?? '' };
        } catch {
          return { date: '' };
        }
      });
    const year = recordsYear(ctx, dates, input.year ?? selection.year);
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
        categoryName: (input.categoryName ?? s.categoryName).trim(),
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
        spineWidth: input.spineWidth ?? null,
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    audit({
      action: 'create',
      entity: 'volume',
      entityId: row.id,
      summary: `组卷：${view.title}（${items.length} 件${archived.length ? `，其中 ${archived.length} 件已在其他案卷中，经确认另组新卷` : ''}）`,
      after: { ...view, items: items.length },
    });
    return archived.length ? { ...view, alreadyArchived: archived } : view;
  });
}

/**
 * The volume a repeated selection belongs to: one holding every record of it, or a draft made from the same
 * selection (brought up to date with the records added since). Null when the records are spread otherwise.
 */
function reopenable(
  ctx: AppContext,
  items: ItemSpec[],
  archived: ArchivedRecord[],
  selection: Selection,
  dated: { date: string }[] | null,
): VolumeView | null {
  const byVolume = new Map<number, Set<string>>();
  for (const a of archived) {
    const set = byVolume.get(a.volumeId) ?? new Set<string>();
    set.add(`${a.kind}:${a.recordId}`);
    byVolume.set(a.volumeId, set);
  }
  const want = JSON.stringify(selection);
  // newest first: a new edition holds what its base held
  for (const id of [...byVolume.keys()].sort((a, b) => b - a)) {
    const v = stored(ctx, id);
    if (byVolume.get(id)!.size === items.length) return { ...getVolume(ctx, id), reopened: true };
    if (dated && v.status === 'draft' && v.orderBy !== 'manual' && v.selection === want) {
      recordsYear(ctx, dated, v.year); // the records added since are of the volume's 年度, or refused
      return { ...updateVolume(ctx, id, { reselect: true }), reopened: true };
    }
  }
  return null;
}

/** Updates a draft: cover data, selection, order, or the explicit ordered item list. A sealed volume cannot change. */
export function updateVolume(ctx: AppContext, id: number, patch: VolumeInput & { reselect?: boolean }): VolumeView {
  validateHeader(patch);
  return mutate(ctx, (audit) => {
    const before = stored(ctx, id);
    if (before.status === 'sealed') throw validation('该案卷已封卷，不能修改；如需调整，请办理补充卷或新版');
    const selection = patch.selection
      ? checkSelection(ctx, patch.selection)
      : (JSON.parse(before.selection) as Selection);
    const orderBy = patch.orderBy ?? (patch.items ? 'manual' : before.orderBy);
    const { items: _i, selection: _s, reselect: _r, newVolume: _n, ...fields } = patch;
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
    audit({
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
  mutate(ctx, (audit) => {
    const v = stored(ctx, id);
    if (v.status === 'sealed') throw validation('已封卷的案卷不能删除');
    ctx.db.update(volumes).set({ deletedAt: ctx.now().toISOString() }).where(eq(volumes.id, id)).run();
    audit({
      action: 'delete',
      entity: 'volume',
      entityId: id,
      summary: `删除案卷草稿：${v.title}`,
      before: headerOf(v),
    });
  });
}
