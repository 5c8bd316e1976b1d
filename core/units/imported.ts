/**
 * Units an import batch recorded as created: undoing the batch puts such a unit in the 回收站 unless a live 明白书
 * still names it. Called by core/imports inside its transaction, after the batch's 明白书 are undone.
 */
import type { AppContext } from '../platform/context';

export function undoImportedUnits(ctx: AppContext, ids: number[], now: string): void {
  const used = ctx.sqlite.prepare(
    'select 1 from pledges where deleted_at is null and (talkee_unit_id = ? or reporting_unit_id = ?) limit 1',
  );
  const remove = ctx.sqlite.prepare('update units set deleted_at = ? where id = ?');
  for (const id of ids) if (!used.get(id, id)) remove.run(now, id);
}
