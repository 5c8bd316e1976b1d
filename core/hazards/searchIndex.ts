import type { AppContext } from '../platform/context';

/**
 * Keeps hazards_fts (FTS5 trigram, contentless) in step with hazards. Every write to hazards goes through the
 * hazard services, which call these in the same transaction.
 */
/**
 * The measures column of the index also carries the hazard's own number, so a number finds its hazard. Every
 * column ends in two spaces: each occurrence of a 1–2 character string then begins some trigram of its column, so
 * the rows holding it are the documents of the trigrams that begin with it (hazards_fts_terms, shortTermRange).
 * A search term never contains white space, so the padding changes nothing a 3+ character term finds.
 */
const COLS = `description || '  ', enterprise_name || '  ', coalesce(measures, '') || ' ' || coalesce(hazard_no, '') || '  ', coalesce(location || '  ', '')`;

/** FTS5's in-memory table of pending index entries while a bulk statement indexes (default 1 MB). */
const BULK_HASH_SIZE = 8 << 20;

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
 * The pending entries are flushed to a segment every 8 MB instead of every 1 MB: fewer segments to merge when
 * too many pile up (crisismerge), which pays for the padding's extra trigrams (COLS) at 100,000 rows.
 */
export function indexHazardsAfter(ctx: AppContext, afterId: number): void {
  bulk(ctx, () =>
    ctx.sqlite
      .prepare(
        `INSERT INTO hazards_fts(rowid, description, enterprise_name, measures, location)
         SELECT id, ${COLS} FROM hazards WHERE deleted_at IS NULL AND id > ?`,
      )
      .run(afterId),
  );
}

function bulk(ctx: AppContext, fill: () => void): void {
  const config = (key: string, value: number) =>
    ctx.sqlite.exec(`INSERT INTO hazards_fts(hazards_fts, rank) VALUES ('${key}', ${value})`);
  config('automerge', 0);
  config('hashsize', BULK_HASH_SIZE);
  try {
    fill();
  } finally {
    config('hashsize', 1 << 20);
    config('automerge', 4);
  }
}

export function unindexHazards(ctx: AppContext, ids: number[]): void {
  const del = ctx.sqlite.prepare('DELETE FROM hazards_fts WHERE rowid = ?');
  for (const id of ids) del.run(id);
}

/**
 * Rebuilds the whole index (after a restore, or from the integrity check). 'delete-all' empties it at once (a
 * DELETE of every row of a contentless-delete table writes a tombstone per row: seconds at 100,000 hazards).
 */
export function rebuildHazardIndex(ctx: AppContext): void {
  ctx.sqlite.exec(`INSERT INTO hazards_fts(hazards_fts) VALUES ('delete-all')`);
  bulk(ctx, () =>
    ctx.sqlite.exec(
      `INSERT INTO hazards_fts(rowid, description, enterprise_name, measures, location)
       SELECT id, ${COLS} FROM hazards WHERE deleted_at IS NULL`,
    ),
  );
}

/** Escapes a user's term as an FTS5 phrase. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * A 1–2 character term as a range of the trigram index's terms (hazards_fts_terms: term >= lo and term < hi), or
 * null when the index cannot answer it exactly. The trigram tokenizer folds case (Unicode's simple folding), the
 * substring test it stands for does not (instr) or folds ASCII letters only (LIKE):
 * - Han characters, digits, punctuation (ASCII, CJK, full-width) are indexed as they are and nothing else folds
 *   to them: the range's rows are exactly those holding the term (verify false);
 * - with ASCII letters, the range of the lower-cased term holds every row LIKE finds, and a few more (a letter
 *   written K as the Kelvin sign folds to k): those rows are tested with LIKE again (verify true);
 * - anything else (other letters, symbols with case) is left to the substring test over every row.
 */
export function shortTermRange(term: string): { lo: string; hi: string; verify: boolean } | null {
  const chars = [...term];
  if (chars.length < 1 || chars.length > 2 || !EXACT_OR_ASCII.test(term)) return null;
  const lo = term.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const last = lo.codePointAt(lo.length - chars[chars.length - 1]!.length)!;
  const hi = lo.slice(0, lo.length - chars[chars.length - 1]!.length) + String.fromCodePoint(last + 1);
  return { lo, hi, verify: /[A-Za-z]/.test(term) };
}

/** Han characters; ASCII digits, letters and punctuation; CJK punctuation; full-width digits and punctuation. */
const EXACT_OR_ASCII = /^[\p{Script=Han}\u0021-\u007e\u3001-\u303f\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]+$/u;
