/**
 * 隐患 written by an import (core/imports calls these inside its one transaction): the fast bulk path that inserts
 * a county ledger's new rows with one prepared statement (rebuilding the secondary indexes once after a first
 * load), writes their first history entries in one statement, updates changed rows with one statement per set
 * of changed fields, and undoes a batch's hazards (created ones go to the 回收站, changed ones get their stored
 * values back). The search index follows every change.
 */
import type { AppContext } from '../platform/context';
import { crashPoint } from '../platform/crash';
import type { HazardStatus } from '../domain/hazard';
import { columnOf, type PlannedHazard } from './columns';
import { IMPORTED_FIELDS } from '../domain/hazard';
import { addStatusEvent } from './closure';
import { indexHazards, indexHazardsAfter } from './searchIndex';

/** What every hazard written by one import shares. */
export interface HazardImportWrite {
  noticeId: number | null;
  reportingUnitId: number | null;
  batchId: number;
  /** The history entries' note (导入 <file>). */
  note: string;
  /** The batch's time (ISO). */
  at: string;
}

/**
 * Runs a large import's hazard writes with a small page cache. better-sqlite3 builds SQLite with a 16 MB page
 * cache; a large import writes with 2 MB — no slower here, and the index sorts size their memory from it — so the
 * import's peak memory is the rows', not SQLite's.
 */
export function withImportPageCache<T>(ctx: AppContext, rows: number, fn: () => T): T {
  const cacheSize = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  if (rows > 5000) ctx.sqlite.pragma('cache_size = -2000');
  try {
    return fn();
  } finally {
    ctx.sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * Inserts the new hazards of an import, with their first history entries, and indexes them for search. Returns
 * the largest hazard id before the inserts: the new rows are those above it with this batch id, in creation order.
 */
export function insertImportedHazards(ctx: AppContext, rows: PlannedHazard[], w: HazardImportWrite): number {
  const maxBefore = (ctx.sqlite.prepare('select coalesce(max(id), 0) m from hazards').get() as { m: number }).m;
  if (!rows.length) return maxBefore;
  const cols = [
    'township_unit_id',
    'township_name',
    ...IMPORTED_FIELDS.map(columnOf),
    'notice_id',
    'reporting_unit_id',
    'row_key',
    'batch_id',
  ];
  const insert = ctx.sqlite.prepare(
    `insert into hazards (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
  );
  // One array of parameters, refilled for each row (run() reads it at once): no two arrays per row.
  const params: unknown[] = new Array(cols.length);
  const bind = (p: PlannedHazard) => {
    let i = 0;
    params[i++] = p.townshipUnitId;
    params[i++] = p.values.townshipName;
    for (const f of IMPORTED_FIELDS) {
      const v = p.values[f];
      params[i++] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
    }
    params[i++] = w.noticeId;
    params[i++] = w.reportingUnitId;
    params[i++] = p.rowKey;
    params[i] = w.batchId;
    return params;
  };
  // A first load of a county ledger (at least as many new rows as the register holds): the secondary indexes are
  // built once after the inserts (one sort of 100,000 keys each) instead of updated 100,000 times at random places
  // — a third of the insert time. In the same transaction: a failure leaves them as they were. The unique row-key
  // index stays, so a duplicate key is still refused as it is written.
  const rebuilt = rows.length >= 20_000 && rows.length >= hazardCount(ctx) ? secondaryIndexes(ctx) : [];
  for (const i of rebuilt) ctx.sqlite.exec(`drop index "${i.name.replace(/"/g, '""')}"`);
  let written = 0;
  for (const p of rows) {
    insert.run(bind(p));
    if (++written === Math.ceil(rows.length / 2)) crashPoint('import:mid-commit');
  }
  for (const i of rebuilt) ctx.sqlite.exec(i.sql);
  // The new hazards' first history entries: one statement, in creation order (as row by row).
  ctx.sqlite
    .prepare(
      `insert into hazard_events (hazard_id, at, actor, from_status, to_status, note, source, batch_id)
       select id, ?, ?, null, status, ?, 'import', ? from hazards where id > ? and batch_id = ? order by id`,
    )
    .run(w.at, ctx.actor, w.note, w.batchId, maxBefore, w.batchId);
  indexHazardsAfter(ctx, maxBefore);
  return maxBefore;
}

/**
 * Writes the changed fields of hazards an import updates (a history entry when the status changes) and reindexes
 * them. `updated` hears of each, with the stored values the update replaced (by column), for the batch's record.
 */
export function updateImportedHazards(
  ctx: AppContext,
  rows: PlannedHazard[],
  w: HazardImportWrite,
  updated: (id: number, before: Record<string, unknown>) => void,
): void {
  const ev = ctx.sqlite.prepare(
    `insert into hazard_events (hazard_id, at, actor, from_status, to_status, note, source, batch_id) values (?, ?, ?, ?, ?, ?, 'import', ?)`,
  );
  const changedIds: number[] = [];
  const select = ctx.sqlite.prepare('select * from hazards where id = ?');
  // One prepared statement per set of changed fields, not one per row.
  const updates = new Map<string, ReturnType<typeof ctx.sqlite.prepare>>();
  for (const p of rows) {
    const old = select.get(p.existingId!) as Record<string, unknown>;
    const fields = p.diffs.map((d) => d.field);
    const before = Object.fromEntries(fields.map((f) => [columnOf(f), old[columnOf(f)]]));
    const sets = fields.map((f) => `${columnOf(f)} = ?`).join(', ');
    let update = updates.get(sets);
    if (!update) {
      update = ctx.sqlite.prepare(
        `update hazards set ${sets}, version = version + 1, updated_at = ?, batch_id = ? where id = ?`,
      );
      updates.set(sets, update);
    }
    const vals = fields.map((f) => {
      const v = p.values[f];
      return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
    });
    update.run([...vals, w.at, w.batchId, p.existingId!]);
    if (fields.includes('status'))
      ev.run(p.existingId!, w.at, ctx.actor, old.status, p.values.status, w.note, w.batchId);
    updated(p.existingId!, before);
    changedIds.push(p.existingId!);
  }
  indexHazards(ctx, changedIds);
}

/**
 * Undoes an import batch's hazards, given its change records newest first: a created hazard goes to the 回收站
 * (and leaves the search index), a changed one gets back the values it had (`before`, by column) with a history
 * entry when its status returns.
 */
export function undoImportedHazards(
  ctx: AppContext,
  batchId: number,
  changes: { entityId: number; action: string; before: string | null }[],
  now: string,
): void {
  const reindex: number[] = [];
  for (const c of changes) {
    if (c.action === 'create') {
      ctx.sqlite.prepare('update hazards set deleted_at = ? where id = ?').run(now, c.entityId);
      ctx.sqlite.prepare('delete from hazards_fts where rowid = ?').run(c.entityId);
    } else if (c.action === 'update') {
      const before = JSON.parse(c.before ?? '{}') as Record<string, unknown>;
      const cur = ctx.sqlite.prepare('select status from hazards where id = ?').get(c.entityId) as {
        status: HazardStatus;
      };
      const cols = Object.keys(before);
      if (cols.length) {
        ctx.sqlite
          .prepare(
            `update hazards set ${cols.map((k) => `${k} = ?`).join(', ')}, version = version + 1, updated_at = ? where id = ?`,
          )
          .run(...cols.map((k) => before[k] as string | number | null), now, c.entityId);
      }
      if ('status' in before && before.status !== cur.status) {
        addStatusEvent(ctx, {
          hazardId: c.entityId,
          from: cur.status,
          to: before.status as HazardStatus,
          note: `撤销导入批次 ${batchId}`,
          source: 'undo',
          batchId,
        });
      }
      reindex.push(c.entityId);
    }
  }
  indexHazards(ctx, reindex);
}

function hazardCount(ctx: AppContext): number {
  return (ctx.sqlite.prepare('select count(*) n from hazards').get() as { n: number }).n;
}

/** The hazards table's non-unique indexes, as created (the migrations' definitions). */
function secondaryIndexes(ctx: AppContext): { name: string; sql: string }[] {
  return ctx.sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and tbl_name = 'hazards' and sql is not null and sql not like 'create unique%'`,
    )
    .all() as { name: string; sql: string }[];
}
