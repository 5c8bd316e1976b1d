/**
 * The CLI's async write transaction: a one-shot command that awaits (writing a PDF, checking a scan) and must
 * leave nothing behind when it fails. Besides core/platform/mutation.ts and core/backup/, the only code that
 * opens a transaction itself (tests/architecture/transactions.test.ts names it).
 */
import type { AppContext } from '../platform/context';

/**
 * Runs `fn` (which may await) inside one write transaction of the context's connection: committed when it resolves,
 * rolled back when it throws. Nested ctx.db.transaction calls become savepoints. For one-shot CLI commands only (it
 * holds the write lock while it runs).
 */
export async function inTransaction<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  ctx.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const r = await fn();
    ctx.sqlite.exec('COMMIT');
    return r;
  } catch (e) {
    if (ctx.sqlite.inTransaction) ctx.sqlite.exec('ROLLBACK');
    throw e;
  }
}
