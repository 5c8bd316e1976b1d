import type { AppContext } from '../platform/context';

/**
 * The sealed volume (or box) a record is bound into, as the clerk reads it: “题名（卷号 N）”, or null. A record in a
 * sealed volume is part of the archive: it can be neither corrected nor deleted. `kinds` are volume item kinds
 * ('pledge', 'return', 'closure', …).
 */
export function sealedVolumeOf(ctx: AppContext, kinds: readonly string[], recordId: number): string | null {
  const r = ctx.sqlite
    .prepare(
      `select v.title, v.volume_no from volume_items i join volumes v on v.id = i.volume_id
       where i.record_id = ? and i.kind in (${kinds.map(() => '?').join(',')}) and v.status = 'sealed' and v.deleted_at is null limit 1`,
    )
    .get(recordId, ...kinds) as { title: string; volume_no: number } | undefined;
  return r ? `${r.title}（卷号 ${r.volume_no}）` : null;
}
