/**
 * 明白书 in the 回收站: putting one back, and removing for good those deleted before a cutoff. An archived 明白书
 * (bound into a sealed volume) is never removed. Called by core/trash inside its transaction.
 */
import type { AppContext } from '../platform/context';
import { removeUnreferenced } from '../platform/purge';

export function restoreDeletedPledge(ctx: AppContext, id: number): void {
  ctx.sqlite.prepare('update pledges set deleted_at = null where id = ?').run(id);
}

/** Removes the 明白书 deleted before `cutoff`; one still referenced stays in the 回收站. Returns how many went. */
export function purgeDeletedPledges(ctx: AppContext, cutoff: string): number {
  const ids = ctx.sqlite
    .prepare('select id from pledges where deleted_at is not null and deleted_at < ?')
    .pluck()
    .all(cutoff) as number[];
  const archived = ctx.sqlite.prepare("select 1 from pledges where id = ? and status = '已归档'");
  return removeUnreferenced(
    ctx.sqlite.prepare<[number]>('delete from pledges where id = ?'),
    ids.filter((id) => !archived.get(id)),
  );
}
