import type { AppContext } from '../context';

/**
 * Keeps hazards_fts (FTS5 trigram, contentless) in step with hazards. Every write to hazards goes through the
 * hazard services, which call these in the same transaction.
 */
/** The measures column of the index also carries the hazard's own number, so a number finds its hazard. */
const COLS = `description, enterprise_name, coalesce(measures, '') || ' ' || coalesce(hazard_no, ''), coalesce(location, '')`;

export function indexHazards(ctx: AppContext, ids: number[]): void {
  if (!ids.length) return;
  const del = ctx.sqlite.prepare('DELETE FROM hazards_fts WHERE rowid = ?');
  for (const id of ids) del.run(id);
  // Set-based insert in chunks (SQLite's variable limit).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    ctx.sqlite
      .prepare(
        `INSERT INTO hazards_fts(rowid, description, enterprise_name, measures, location)
         SELECT id, ${COLS} FROM hazards WHERE deleted_at IS NULL AND id IN (${chunk.map(() => '?').join(',')})`,
      )
      .run(...chunk);
  }
}

/**
 * Indexes every hazard with id > afterId in one statement (bulk import of new rows). FTS5's incremental merging
 * of index segments (automerge, default 4) is put off while the statement runs — a fifth less time at 100,000
 * rows — and resumes with the next writes; what a search finds does not depend on how segments are merged.
 */
export function indexHazardsAfter(ctx: AppContext, afterId: number): void {
  ctx.sqlite.prepare(`INSERT INTO hazards_fts(hazards_fts, rank) VALUES ('automerge', 0)`).run();
  ctx.sqlite
    .prepare(
      `INSERT INTO hazards_fts(rowid, description, enterprise_name, measures, location)
       SELECT id, ${COLS} FROM hazards WHERE deleted_at IS NULL AND id > ?`,
    )
    .run(afterId);
  ctx.sqlite.prepare(`INSERT INTO hazards_fts(hazards_fts, rank) VALUES ('automerge', 4)`).run();
}

export function unindexHazards(ctx: AppContext, ids: number[]): void {
  const del = ctx.sqlite.prepare('DELETE FROM hazards_fts WHERE rowid = ?');
  for (const id of ids) del.run(id);
}

/** Rebuilds the whole index (after a restore, or from the integrity check). */
export function rebuildHazardIndex(ctx: AppContext): void {
  ctx.sqlite.exec('DELETE FROM hazards_fts');
  ctx.sqlite.exec(
    `INSERT INTO hazards_fts(rowid, description, enterprise_name, measures, location)
     SELECT id, ${COLS} FROM hazards WHERE deleted_at IS NULL`,
  );
}

/** Escapes a user's term as an FTS5 phrase. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
