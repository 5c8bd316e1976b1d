/**
 * 明白书 written by an import: the state an import's update replaces (kept in the batch's change record), and the
 * undo of a batch's 明白书 (created ones go to the 回收站, updated ones get their status and 签订日期 back). Called
 * by core/imports inside its transaction.
 */
import type { AppContext } from '../platform/context';

/** What an import may change on a 明白书, as stored (the batch keeps it to undo the change). */
export interface PledgeImportState {
  status: string;
  signed_date: string | null;
}

export function pledgeImportState(ctx: AppContext, id: number): PledgeImportState | undefined {
  return ctx.sqlite.prepare('select status, signed_date from pledges where id = ?').get(id) as
    PledgeImportState | undefined;
}

/** Undoes an import batch's 明白书, given its change records newest first. */
export function undoImportedPledges(
  ctx: AppContext,
  changes: { entityId: number; action: string; before: string | null }[],
  now: string,
): void {
  for (const c of changes) {
    if (c.action === 'create') {
      ctx.sqlite.prepare('update pledges set deleted_at = ? where id = ?').run(now, c.entityId);
    } else if (c.action === 'update') {
      const b = JSON.parse(c.before ?? '{}') as PledgeImportState;
      ctx.sqlite
        .prepare('update pledges set status = ?, signed_date = ?, version = version + 1 where id = ?')
        .run(b.status, b.signed_date, c.entityId);
    }
  }
}
