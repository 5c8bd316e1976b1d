/**
 * Which records of a selection are already bound into a volume (draft or sealed), and where: the volume's 档号
 * and the 件's. A record is archived once: exporting the same selection again re-opens the volume that holds it;
 * a second volume holding it is made only when the clerk asks for one, after being shown this list.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { volumeItems, volumes } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { itemArchivalNo, volumeArchivalNo } from './archivalNo';
import { collectItem } from './collect';
import { itemKey } from './select';
import type { ItemSpec } from './types';
import { KIND_LABEL, type ArchivedRecord, type VolumeRow } from './rows';

/** The part (卷号) and 件号 within it of an item at `position`, from the parts of the volume's last export. */
function whereInVolume(ctx: AppContext, v: VolumeRow, position: number): { volumeNo: number; itemNo: number } {
  const json =
    v.partsJson ??
    (
      ctx.sqlite
        .prepare('select parts_json from volume_exports where volume_id = ? order by id desc limit 1')
        .get(v.id) as { parts_json: string } | undefined
    )?.parts_json;
  const parts = json ? (JSON.parse(json) as { volumeNo: number; items: number }[]) : [];
  let before = 0;
  for (const p of parts) {
    if (position < before + p.items) return { volumeNo: p.volumeNo, itemNo: position - before + 1 };
    before += p.items;
  }
  return { volumeNo: v.volumeNo, itemNo: position + 1 };
}

/** Records of `specs` bound in volumes other than `except` (not deleted), in the order of `specs`. */
export function archivedRecords(ctx: AppContext, specs: ItemSpec[], except?: number): ArchivedRecord[] {
  if (!specs.length) return [];
  const keys = new Map(specs.map((s, i) => [itemKey(s), i]));
  const ids = [...new Set(specs.filter((s) => s.recordId !== null).map((s) => s.recordId!))];
  const hasLedger = specs.some((s) => s.kind === 'ledger');
  const rows: { item: typeof volumeItems.$inferSelect; v: VolumeRow }[] = [];
  const select = (where: ReturnType<typeof eq>) =>
    ctx.db
      .select({ item: volumeItems, v: volumes })
      .from(volumeItems)
      .innerJoin(volumes, and(isNull(volumes.deletedAt), eq(volumes.id, volumeItems.volumeId)))
      .where(where)
      .all();
  for (let i = 0; i < ids.length; i += 500) rows.push(...select(inArray(volumeItems.recordId, ids.slice(i, i + 500))));
  if (hasLedger) rows.push(...select(eq(volumeItems.kind, 'ledger')));
  const out: (ArchivedRecord & { order: number })[] = [];
  const seen = new Set<string>();
  for (const { item, v } of rows) {
    if (v.id === except) continue;
    const spec: ItemSpec = {
      kind: item.kind,
      recordId: item.recordId,
      params: item.params ? JSON.parse(item.params) : null,
    };
    const key = itemKey(spec);
    const order = keys.get(key);
    if (order === undefined || seen.has(`${v.id}:${key}`)) continue;
    seen.add(`${v.id}:${key}`);
    const at = whereInVolume(ctx, v, item.position);
    let title = item.title ?? '';
    if (!title && out.length < 100) {
      try {
        title = collectItem(ctx, spec).entry.title;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        title = '';
      }
    }
    title ||= `${KIND_LABEL[item.kind]}（编号 ${item.recordId ?? ''}）`;
    out.push({
      order,
      kind: item.kind,
      recordId: item.recordId,
      title,
      volumeId: v.id,
      volumeTitle: v.title,
      status: v.status,
      archivalNo: volumeArchivalNo(v, at.volumeNo),
      itemArchivalNo: itemArchivalNo(v, at.volumeNo, at.itemNo),
    });
  }
  return out.sort((a, b) => a.order - b.order || a.volumeId - b.volumeId).map(({ order: _o, ...r }) => r);
}

/** “title（已在案卷“…”，档号 …，已封卷）” lines, at most `max` of them. */
export function describeArchived(list: ArchivedRecord[], max = 10): string {
  const lines = list
    .slice(0, max)
    .map(
      (a) =>
        `“${a.title}”（已在${a.status === 'sealed' ? '已封卷的' : '草稿'}案卷“${a.volumeTitle}”，档号 ${a.itemArchivalNo}）`,
    );
  return `${lines.join('；')}${list.length > max ? `；……共 ${list.length} 件` : ''}`;
}
