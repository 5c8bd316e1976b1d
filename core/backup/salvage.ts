/**
 * Salvage (尝试修复): copy every row SQLite can still read from a damaged database into a new one, keep the damaged
 * file in backups/, check the result, and say per table what was lost.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { findMigrationsFolder, openDb, readJournal } from '../../db/open';
import { dataPaths, openContext } from '../platform/context';
import { AppError, validation } from '../platform/errors';
import { rebuildHazardIndex } from '../hazards/searchIndex';
import { checkData, type CheckReport } from './check';
import { diagnose, diagnosisError } from './diagnose';
import { applyPendingRestore, keepAside } from './restore';
import { fsyncDir, fsyncFile, sidecars, withReadOnly } from './sqliteFiles';
import { tableLabel, type RecoveryOptions } from './recoveryTypes';

export interface SalvageTable {
  table: string;
  label: string;
  /** Rows the damaged file says it holds (count(*)), when it could still count them. */
  claimed: number | null;
  copied: number;
  /** Rows lost: claimed − copied when known. */
  lost: number | null;
  /** When the count could not be read: at most this many rows lost (row numbers skipped over damaged pages). */
  lostAtMost: number | null;
  /** Rows copied but removed again because what they point to was lost (e.g. a scan link to a lost attachment). */
  unlinked: number;
}

export interface SalvageReport {
  dataDir: string;
  /** The damaged database, kept as it was: backups/损坏的数据库_<time>.db */
  keptAs: string;
  tables: SalvageTable[];
  /** Tables with rows lost, in one Chinese sentence each. */
  losses: string[];
  check: CheckReport;
  ms: number;
}

const SALVAGE_PREFIX = 'salvage-';

/** Copies a table row by row in rowid order; on a read error skips forward past the unreadable rowids. */
function copyTable(
  src: Database.Database,
  dest: Database.Database,
  table: string,
  cols: string[],
): { copied: number; skippedAtMost: number; failed: number; damaged: boolean } {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const list = cols.map(q).join(', ');
  const read = src.prepare(`SELECT rowid AS __rid, ${list} FROM ${q(table)} WHERE rowid > ? ORDER BY rowid`);
  const first = src.prepare(`SELECT rowid AS __rid, ${list} FROM ${q(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`);
  const insert = dest.prepare(`INSERT OR IGNORE INTO ${q(table)} (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
  let maxRowid: number | null = null;
  try {
    maxRowid = (src.prepare(`SELECT max(rowid) AS m FROM ${q(table)}`).get() as { m: number | null }).m;
  } catch {
    maxRowid = null;
  }
  /** undefined = past the end; null = unreadable at s. */
  const probe = (s: number): { __rid: number } | undefined | null => {
    try {
      return first.get(s) as { __rid: number } | undefined;
    } catch {
      return null;
    }
  };
  let after = Number.MIN_SAFE_INTEGER;
  let copied = 0;
  let failed = 0;
  let skipped = 0;
  let damaged = false;
  let stuckAt: number | null = null;
  for (;;) {
    try {
      for (const row of read.iterate(after) as IterableIterator<Record<string, unknown> & { __rid: number }>) {
        after = row.__rid;
        const r = insert.run(...cols.map((c) => row[c] as never));
        if (r.changes) copied++;
        else failed++;
      }
      break;
    } catch {
      damaged = true;
      // Find the first rowid past `after` where reading works again: doubling steps, then halving back.
      const start = after === Number.MIN_SAFE_INTEGER ? 1 : after + 1;
      if (start === stuckAt) {
        // Reading fails again where the last probe said it works: give up on this one row and go on.
        after = start;
        skipped++;
        continue;
      }
      stuckAt = start;
      let lo = start - 1;
      let hi: number | null = null;
      for (let s = start, step = 1; ; s = start + step, step *= 2) {
        if (maxRowid !== null && s > maxRowid) {
          hi = maxRowid + 1;
          break;
        }
        if (s - start > 2 ** 40) break;
        if (probe(s) !== null) {
          hi = s;
          break;
        }
        lo = s;
      }
      if (hi === null) break; // nothing readable after this point
      let top: number = hi;
      while (top - lo > 1) {
        const mid: number = lo + Math.floor((top - lo) / 2);
        if (probe(mid) !== null) top = mid;
        else lo = mid;
      }
      const next = probe(top);
      if (!next) {
        // Past the end (or unreadable to the end): what lies between is lost.
        if (maxRowid !== null && maxRowid > after) skipped += maxRowid - Math.max(after, start - 1);
        break;
      }
      skipped += Math.max(0, next.__rid - start);
      after = next.__rid - 1;
    }
  }
  return { copied, skippedAtMost: skipped, failed, damaged };
}

/** Removes (or unlinks, when the column may be empty) rows whose references point at lost rows. */
function fixReferences(db: Database.Database): Map<string, number> {
  const removed = new Map<string, number>();
  for (let round = 0; round < 20; round++) {
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
    if (!broken.length) break;
    for (const b of broken) {
      const fk = (db.pragma(`foreign_key_list("${b.table}")`) as { id: number; from: string }[]).find(
        (f) => f.id === b.fkid,
      );
      const col = fk
        ? (db.pragma(`table_info("${b.table}")`) as { name: string; notnull: number }[]).find((c) => c.name === fk.from)
        : undefined;
      if (col && !col.notnull) {
        db.prepare(`UPDATE "${b.table}" SET "${col.name}" = NULL WHERE rowid = ?`).run(b.rowid);
      } else {
        db.prepare(`DELETE FROM "${b.table}" WHERE rowid = ?`).run(b.rowid);
        removed.set(b.table, (removed.get(b.table) ?? 0) + 1);
      }
    }
  }
  return removed;
}

/**
 * The migrations the damaged file had applied, as a folder to build the new database at the same version
 * (the rows then fit its tables; later migrations run when the repaired database is opened).
 */
function migrationsAsOf(src: Database.Database, folder: string, tmp: string): string {
  let applied: Set<number>;
  try {
    applied = new Set(
      (src.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((r) =>
        Number(r.at),
      ),
    );
  } catch {
    return folder;
  }
  const journal = readJournal(folder);
  const prefix: typeof journal.entries = [];
  for (const e of journal.entries) {
    if (!applied.has(e.when)) break;
    prefix.push(e);
  }
  if (prefix.length === journal.entries.length || prefix.length === 0) return folder;
  fs.mkdirSync(path.join(tmp, 'meta'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: prefix }));
  for (const e of prefix) fs.copyFileSync(path.join(folder, `${e.tag}.sql`), path.join(tmp, `${e.tag}.sql`));
  return tmp;
}

/**
 * 尝试修复: copies every row SQLite can still read from the damaged database into a new database of the same
 * version, drops links to rows that were lost, keeps the damaged file (with its -wal) in
 * backups/损坏的数据库_<time>.db, puts the new database in its place, migrates it, rebuilds the search index and
 * runs the full check. Reports per table how many rows were lost. On failure the data directory is as before.
 */
export async function salvage(dataDir: string, opts: RecoveryOptions = {}): Promise<SalvageReport> {
  const t0 = Date.now();
  const now = opts.now ?? (() => new Date());
  // A restore staged before would otherwise replace the repaired database at the next open.
  applyPendingRestore(dataDir, now());
  const d = diagnose(dataDir, { migrationsFolder: opts.migrationsFolder, nativeBinding: opts.nativeBinding });
  if (d.kind === 'new') throw validation(`数据目录“${dataDir}”中没有数据库，无需修复`);
  if (d.kind === 'not-database') throw new AppError('NOT_A_DATABASE', `无法修复：${d.explanation}请从备份恢复`);
  if (d.kind !== 'ok' && d.kind !== 'damaged') throw diagnosisError(d);
  const p = dataPaths(dataDir);
  const folder = opts.migrationsFolder ?? findMigrationsFolder();
  const stamp = `${dayjs(now()).format('YYYYMMDD-HHmmss')}-${process.pid}`;
  const destFile = path.join(dataDir, `${SALVAGE_PREFIX}${stamp}.db`);
  const migTmp = path.join(dataDir, `${SALVAGE_PREFIX}${stamp}-migrations`);
  const cleanup = () => {
    for (const f of [destFile, ...sidecars(destFile)]) fs.rmSync(f, { force: true });
    fs.rmSync(migTmp, { recursive: true, force: true });
  };
  const tables: SalvageTable[] = [];
  try {
    withReadOnly(
      p.dbFile,
      (src) => {
        const migrations = migrationsAsOf(src, folder, migTmp);
        const dest = openDb(destFile, {
          migrationsFolder: migrations,
          backupDir: migTmp,
          nativeBinding: opts.nativeBinding,
        });
        try {
          const s = dest.sqlite;
          s.pragma('foreign_keys = OFF');
          // A scratch file until the swap: no WAL (every page would be written twice) and no fsync per
          // transaction; it is fsynced once when complete, and thrown away if anything fails.
          s.pragma('journal_mode = MEMORY');
          s.pragma('synchronous = OFF');
          const all = s
            .prepare(
              "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
            )
            .all() as { name: string; sql: string }[];
          const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
          const plain = all.filter(
            (t) => !virtual.includes(t.name) && !virtual.some((v) => t.name.startsWith(`${v}_`)),
          );
          for (const { name } of plain) {
            const destCols = (s.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name);
            let srcCols: string[] = [];
            let claimed: number | null = null;
            try {
              srcCols = (src.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name);
            } catch {
              srcCols = [];
            }
            try {
              claimed = (src.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
            } catch {
              claimed = null;
            }
            const cols = destCols.filter((c) => srcCols.includes(c));
            let copied = 0;
            let skippedAtMost = 0;
            let failed = 0;
            if (cols.length) {
              const r = s.transaction(() => copyTable(src, s, name, cols))();
              copied = r.copied;
              skippedAtMost = r.skippedAtMost;
              failed = r.failed;
            }
            tables.push({
              table: name,
              label: tableLabel(name),
              claimed,
              copied,
              lost: claimed !== null ? Math.max(0, claimed - copied) : null,
              lostAtMost: claimed === null ? skippedAtMost + failed : null,
              unlinked: 0,
            });
          }
          const removed = s.transaction(() => fixReferences(s))();
          for (const t of tables) {
            const n = removed.get(t.table) ?? 0;
            t.unlinked = n;
            t.copied -= n;
            if (t.lost !== null) t.lost += n;
            else if (t.lostAtMost !== null) t.lostAtMost += n;
          }
          const ok = s.pragma('quick_check', { simple: true });
          if (ok !== 'ok')
            throw new AppError(
              'DAMAGED',
              `修复后的数据库未通过完整性检查（${String(ok)}），已放弃修复，数据目录未作改动。请从备份恢复`,
            );
        } finally {
          dest.close();
        }
      },
      { nativeBinding: opts.nativeBinding },
    );
  } catch (e) {
    cleanup();
    if (e instanceof AppError) throw e;
    throw new AppError(
      'DAMAGED',
      `数据库损坏严重，无法读取其中的记录（${String((e as Error)?.message ?? e).slice(0, 200)}），数据目录未作改动。请从备份恢复`,
    );
  }
  fsyncFile(destFile);
  // The swap: the damaged file (and its -wal) to backups/, the new one in its place.
  const keptAs = keepAside(dataDir, '损坏的数据库', now())!;
  fs.renameSync(destFile, p.dbFile);
  for (const f of sidecars(destFile)) fs.rmSync(f, { force: true });
  fs.rmSync(migTmp, { recursive: true, force: true });
  fsyncDir(dataDir);
  const ctx = openContext(dataDir, {
    actor: '数据修复',
    now,
    migrationsFolder: opts.migrationsFolder,
    nativeBinding: opts.nativeBinding,
  });
  let check: CheckReport;
  try {
    rebuildHazardIndex(ctx);
    check = checkData(ctx);
  } finally {
    ctx.opened.close();
  }
  const losses = tables
    .filter((t) => (t.lost ?? t.lostAtMost ?? 0) > 0)
    .map((t) =>
      t.lost !== null
        ? `${t.label}：原有 ${t.claimed} 条，抢救出 ${t.copied} 条，丢失 ${t.lost} 条`
        : `${t.label}：抢救出 ${t.copied} 条，原数目已无法读取，最多丢失 ${t.lostAtMost} 条`,
    );
  return { dataDir, keptAs, tables, losses, check, ms: Date.now() - t0 };
}
