/**
 * 报送记录 in the 回收站: putting one back, and removing for good those deleted before a cutoff. Called by
 * core/trash inside its transaction.
 */
import type { AppContext } from '../platform/context';
import { removeUnreferenced } from '../platform/purge';

export function restoreDeletedReturn(ctx: AppContext, id: number): void {
  ctx.sqlite.prepare('update return_submissions set deleted_at = null where id = ?').run(id);
}

/** Removes the 报送记录 deleted before `cutoff`; one still referenced stays in the 回收站. Returns how many went. */
export function purgeDeletedReturns(ctx: AppContext, cutoff: string): number {
  const ids = ctx.sqlite
    .prepare('select id from return_submissions where deleted_at is not null and deleted_at < ?')
    .pluck()
    .all(cutoff) as number[];
  return removeUnreferenced(ctx.sqlite.prepare<[number]>('delete from return_submissions where id = ?'), ids);
}
