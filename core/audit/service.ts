import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import dayjs from 'dayjs';
import { auditLog } from '../../db/schema';
import type { AppContext } from '../platform/context';

export type AuditAction =
  'create' | 'update' | 'delete' | 'restore' | 'attach' | 'detach' | 'settings' | 'import' | 'undo' | 'seal';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry; services call it through `mutate` (core/platform/mutation.ts), in the change's transaction. */
export function recordAudit(ctx: AppContext, entry: AuditEntry): void {
  ctx.db
    .insert(auditLog)
    .values({
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      summary: entry.summary,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}

export interface AuditQuery {
  entity?: string;
  entityId?: number;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export function listAudit(ctx: AppContext, q: AuditQuery = {}) {
  const where: SQL[] = [];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId !== undefined) where.push(eq(auditLog.entityId, q.entityId));
  // from/to are the clerk's local days; the log stores UTC instants
  if (q.from) where.push(gte(auditLog.at, dayjs(q.from).startOf('day').toISOString()));
  if (q.to) where.push(lte(auditLog.at, dayjs(q.to).endOf('day').toISOString()));
  const cond = where.length ? and(...where) : undefined;
  const rows = ctx.db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .all();
  const total = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(cond)
    .get()!.n;
  return { rows, total };
}
