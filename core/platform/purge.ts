/**
 * Removing records for good from the 回收站: each feature selects its own rows deleted before the cutoff and
 * hands the delete statement here, which runs it row by row. A row another record still points to (a foreign
 * key, e.g. an import batch's history) stays in the 回收站; any other failure is a real fault and is thrown.
 */
import type { Statement } from 'better-sqlite3';

/** Runs `remove` for each id; returns how many rows went. */
export function removeUnreferenced(remove: Statement<[number]>, ids: readonly number[]): number {
  let n = 0;
  for (const id of ids) {
    try {
      remove.run(id);
      n++;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
    }
  }
  return n;
}
