/**
 * 明白书 bound into a sealed volume become 已归档: one UPDATE for all of them, inside the sealing transaction. Their
 * version is left as it is: archiving is not an edit of the record, and updatePledge refuses to change an archived
 * 明白书. Only signed, live ones change.
 */
import type { AppContext } from '../platform/context';

export function markPledgesArchived(ctx: AppContext, ids: number[]): number {
  return ctx.sqlite
    .prepare(
      `update pledges set status = '已归档', updated_at = ? where id in (select value from json_each(?)) and status = '已签订' and deleted_at is null`,
    )
    .run(ctx.now().toISOString(), JSON.stringify(ids)).changes;
}
