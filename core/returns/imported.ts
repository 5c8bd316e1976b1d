/**
 * 报送记录 written by an import: the pasted text of an imported 工作清单 or 报告 (kept item by item, while the
 * registered length is the longest item's), and the undo of a batch's returns (they go to the 回收站). Called by
 * core/imports inside its transaction.
 */
import type { AppContext } from '../platform/context';

export function setImportedReturnContent(ctx: AppContext, id: number, content: string): void {
  ctx.sqlite.prepare('update return_submissions set content = ? where id = ?').run(content, id);
}

/** Undoes an import batch's 报送记录 (each goes to the 回收站). */
export function undoImportedReturns(ctx: AppContext, ids: number[], now: string): void {
  const remove = ctx.sqlite.prepare('update return_submissions set deleted_at = ? where id = ?');
  for (const id of ids) remove.run(now, id);
}
