/**
 * The one way a service changes data. `fn` runs in a single transaction (a nested `mutate` becomes a savepoint) and
 * reports what it did through `audit`; the entries are written in that same transaction once `fn` has succeeded, so a
 * refused or failed change leaves neither data nor a log line behind, and a change that succeeded is always logged.
 * tests/architecture/transactions.test.ts keeps new code from opening transactions or writing the log by hand.
 */
import type { AppContext } from './context';
import { recordAudit, type AuditEntry } from '../audit/service';

export type Audit = (entry: AuditEntry) => void;

export function mutate<T>(ctx: AppContext, fn: (audit: Audit) => T): T {
  return ctx.db.transaction(() => {
    const entries: AuditEntry[] = [];
    const result = fn((entry) => entries.push(entry));
    for (const entry of entries) recordAudit(ctx, entry);
    return result;
  });
}
