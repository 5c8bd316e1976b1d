/**
 * 隐患 in the 回收站: putting one back (unless the ledger has since imported the same row again; it rejoins the
 * search index) and removing for good those deleted before a cutoff. Called by core/trash inside its transaction.
 */
import type { AppContext } from '../platform/context';
import { removeUnreferenced } from '../platform/purge';
import { validation } from '../platform/errors';
import { indexHazards } from './searchIndex';

export function restoreDeletedHazard(ctx: AppContext, id: number): void {
  const r = ctx.sqlite.prepare('select reporting_unit_id, row_key from hazards where id = ?').get(id) as {
    reporting_unit_id: number | null;
    row_key: string | null;
  };
  if (
    r.row_key &&
    ctx.sqlite
      .prepare('select 1 from hazards where deleted_at is null and reporting_unit_id is ? and row_key = ?')
      .get(r.reporting_unit_id, r.row_key)
  ) {
    throw validation('台账中已有同一条隐患（后来又导入过），不能恢复');
  }
  ctx.sqlite.prepare('update hazards set deleted_at = null where id = ?').run(id);
  indexHazards(ctx, [id]);
}

/** Removes the 隐患 deleted before `cutoff`; one still referenced stays in the 回收站. Returns how many went. */
export function purgeDeletedHazards(ctx: AppContext, cutoff: string): number {
  const ids = ctx.sqlite
    .prepare('select id from hazards where deleted_at is not null and deleted_at < ?')
    .pluck()
    .all(cutoff) as number[];
  return removeUnreferenced(ctx.sqlite.prepare<[number]>('delete from hazards where id = ?'), ids);
}
