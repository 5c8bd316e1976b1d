/**
 * 报送记录 in the 回收站: putting one back, and removing for good those deleted before a cutoff. Called by
 * core/trash inside its transaction.
 */
import type { AppContext } from '../platform/context';

export function restoreDeletedReturn(ctx: AppContext, id: number): void {
  ctx.sqlite.prepare('update return_submissions set deleted_at = null where id = ?').run(id);
}

/** Removes the 报送记录 deleted before `cutoff`; one still referenced stays in the 回收站. Returns how many went. */
export function purgeDeletedReturns(ctx: AppContext, cutoff: string): number {
  const ids = ctx.sqlite
    .prepare('select id from return_submissions where deleted_at is not null and deleted_at < ?')
    .pluck()
    .all(cutoff) as number[];
  const remove = ctx.sqlite.prepare('delete from return_submissions where id = ?');
  let n = 0;
  for (const id of ids) {
    try {
      remove.run(id);
      n++;
    } catch {
      // still referenced (e.g. by an import batch's history): keep it in the 回收站
    }
  }
  return n;
}
