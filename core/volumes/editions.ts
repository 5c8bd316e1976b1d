/**
 * 补充卷 and new editions of a sealed volume.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { volumes } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { conflict, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { volumeArchivalNo } from './archivalNo';
import { itemKey, selectItems } from './select';
import { type Selection } from './types';
import { type VolumeRow, type VolumeView, itemRows, nextVolumeNo, specOf, stored } from './rows';
import { validateItems, writeItems } from './drafts';
import { getVolume, volumeStatus } from './views';

export function copyHeader(v: VolumeRow) {
  return {
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryCode: v.categoryCode,
    categoryName: v.categoryName,
    year: v.year,
    retention: v.retention,
    organization: v.organization,
    creator: v.creator,
    checker: v.checker,
    secrecy: v.secrecy,
    selection: v.selection,
    orderBy: v.orderBy,
    pageLimit: v.pageLimit,
    duplex: v.duplex,
    archiveStamp: v.archiveStamp,
    pdfa: v.pdfa,
  };
}

/** A 补充卷 of a sealed volume: only the records changed or added since it was sealed, with the next 卷号. */
export function createSupplement(ctx: AppContext, id: number): VolumeView {
  const base = stored(ctx, id);
  if (base.status !== 'sealed') throw validation('只有已封卷的案卷才能办理补充卷');
  const st = volumeStatus(ctx, id);
  const rows = itemRows(ctx, id);
  const changed = new Set(st.changed.map((c) => c.position));
  const specs = [...rows.filter((r) => changed.has(r.position)).map(specOf), ...st.added.map((a) => a.spec)];
  const items = validateItems(specs.filter((s, i) => specs.findIndex((o) => itemKey(o) === itemKey(s)) === i));
  if (!items.length) throw validation('封卷后没有修改或新增的记录，无需补充');
  return mutate(ctx, (audit) => {
    const h = copyHeader(base);
    const row = ctx.db
      .insert(volumes)
      .values({
        ...h,
        basedOnId: id,
        relation: 'supplement',
        title: `${base.title}（补充）`,
        volumeNo: nextVolumeNo(ctx, h),
        remarks: `本卷为“${base.title}”（档号 ${volumeArchivalNo(base, base.volumeNo)}）的补充卷，收录该卷封卷后修改或新增的 ${items.length} 件。`,
        orderBy: 'manual',
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    audit({
      action: 'create',
      entity: 'volume',
      entityId: row.id,
      summary: `补充卷：${view.title}（${items.length} 件）`,
      after: { ...view, items: items.length },
    });
    return view;
  });
}

/** A new edition of a sealed volume: the same 卷号, its items (still existing) and the records added since. */
export function createEdition(ctx: AppContext, id: number): VolumeView {
  const base = stored(ctx, id);
  if (base.status !== 'sealed') throw validation('只有已封卷的案卷才能重新组卷（新版）');
  const newer = ctx.db
    .select()
    .from(volumes)
    .where(
      and(eq(volumes.basedOnId, id), eq(volumes.relation, 'edition'), isNull(volumes.deletedAt), ne(volumes.id, id)),
    )
    .get();
  if (newer) throw conflict(`该案卷已有新版（案卷编号 ${newer.id}）`);
  const st = volumeStatus(ctx, id);
  const gone = new Set(st.missing.map((m) => m.position));
  const rows = itemRows(ctx, id).filter((r) => !gone.has(r.position));
  // everything the selection finds now, also what a 补充卷 already bound: the new edition replaces them all
  const have = new Set(rows.map((r) => itemKey(specOf(r))));
  const added = selectItems(ctx, JSON.parse(base.selection) as Selection, 'date').filter(
    (spec) => !have.has(itemKey(spec)),
  );
  const items = validateItems([...rows.map(specOf), ...added]);
  return mutate(ctx, (audit) => {
    const row = ctx.db
      .insert(volumes)
      .values({
        ...copyHeader(base),
        basedOnId: id,
        relation: 'edition',
        edition: base.edition + 1,
        title: base.title,
        volumeNo: base.volumeNo,
        remarks: `本卷为“${base.title}”（档号 ${volumeArchivalNo(base, base.volumeNo)}）的第 ${base.edition + 1} 版，替代 ${base.sealedAt?.slice(0, 10) ?? ''} 封卷的上一版。`,
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    audit({
      action: 'create',
      entity: 'volume',
      entityId: row.id,
      summary: `案卷新版：${view.title}（第 ${view.edition} 版，${items.length} 件）`,
      after: { ...view, items: items.length },
    });
    return view;
  });
}
