import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { AppError } from '../core/platform/errors';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  file: string;
  /** Path of the copy taken before migrating, if migrations ran on an existing database. */
  preMigrationBackup: string | null;
  close(): void;
}

export interface OpenDbOptions {
  migrationsFolder?: string;
  /** Where the pre-migration copy goes; default: <dir of file>/backups. */
  backupDir?: string;
  /** Path to a better_sqlite3.node built for the running runtime (Electron). */
  nativeBinding?: string;
  now?: () => Date;
}

/** Finds db/migrations next to the source (tests, CLI from source) or next to the bundle (dist, packaged app). */
export function findMigrationsFolder(): string {
  const candidates = [
    process.env.ANWEI_MIGRATIONS,
    path.join(__dirname, 'migrations'),
    path.join(__dirname, '..', 'db', 'migrations'),
    path.join(__dirname, '..', '..', 'db', 'migrations'),
    (process as { resourcesPath?: string }).resourcesPath
      ? path.join((process as { resourcesPath?: string }).resourcesPath!, 'migrations')
      : undefined,
  ].filter((p): p is string => !!p);
  for (const c of candidates) {
    if (fs.existsSync(path.join(c, 'meta', '_journal.json'))) return c;
  }
  throw new Error(`找不到数据库迁移文件（已查找：${candidates.join('；')}）`);
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

function pendingMigrations(sqlite: Database.Database, folder: string): number {
  const journal = readJournal(folder);
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!hasTable) return journal.entries.length;
  const row = sqlite.prepare('SELECT MAX(created_at) AS last FROM __drizzle_migrations').get() as {
    last: number | null;
  };
  return journal.entries.filter((e) => row.last === null || e.when > row.last).length;
}

export type SchemaState =
  /** No tables yet: a new register (migrations create everything). */
  | { kind: 'fresh' }
  /** This app's schema, possibly older (pending migrations). */
  | { kind: 'ours'; applied: number; pending: number }
  /** Migrated by a later version of this app. */
  | { kind: 'newer'; unknown: number }
  /** Tables of some other program. */
  | { kind: 'foreign'; tables: string[] };

/** Tables every version of this app has had since the first migration. */
export const CORE_TABLES = ['units', 'notices', 'pledges', 'attachments', 'hazards', 'settings', 'audit_log'];

export function readJournal(folder: string): Journal {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/**
 * Whose database this is, from its tables and its record of migrations: this app's (known migrations, core
 * tables present), a later version's (migrations newer than any this app knows), or another program's.
 * Reads sqlite_master and __drizzle_migrations only; throws SqliteError when those cannot be read.
 */
export function schemaState(sqlite: Database.Database, folder: string): SchemaState {
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  if (tables.length === 0) return { kind: 'fresh' };
  if (!tables.includes('__drizzle_migrations')) return { kind: 'foreign', tables };
  const journal = readJournal(folder);
  const known = new Set(journal.entries.map((e) => e.when));
  const last = Math.max(...journal.entries.map((e) => e.when));
  const rows = (
    sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number | string }[]
  ).map((r) => Number(r.at));
  const unknown = rows.filter((w) => !known.has(w));
  if (unknown.length && unknown.some((w) => w > last) && CORE_TABLES.every((t) => tables.includes(t)))
    return { kind: 'newer', unknown: unknown.length };
  if (unknown.length || rows.length === 0 || !CORE_TABLES.every((t) => tables.includes(t)))
    return { kind: 'foreign', tables };
  const applied = new Set(rows);
  return { kind: 'ours', applied: applied.size, pending: journal.entries.filter((e) => !applied.has(e.when)).length };
}

function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    .get() as { n: number };
  return row.n > 0;
}

/**
 * Opens (creating if needed) the database: WAL, foreign keys on, full sync; copies the database aside
 * before applying pending migrations to an existing database, then migrates.
 */
export function openDb(file: string, opts: OpenDbOptions = {}): OpenedDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    const folder = opts.migrationsFolder ?? findMigrationsFolder();
    // Never add this app's tables to another program's database, nor migrate a later version's backwards;
    // checked before anything is written (switching to WAL rewrites the file's header).
    const state = schemaState(sqlite, folder);
    if (state.kind === 'foreign') throw foreignDatabase(file);
    if (state.kind === 'newer') throw newerDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Migrations run with foreign keys off (SQLite's procedure for schema changes: a table rebuild must not
    // cascade-delete child rows), then every reference is checked before they are switched on.
    sqlite.pragma('foreign_keys = OFF');
    const db = drizzle(sqlite, { schema });
    let preMigrationBackup: string | null = null;
    if (pendingMigrations(sqlite, folder) > 0 && hasUserTables(sqlite)) {
      const dir = opts.backupDir ?? path.join(path.dirname(file), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      preMigrationBackup = path.join(dir, `迁移前备份-${stamp}.db`);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      fs.copyFileSync(file, preMigrationBackup);
    }
    migrate(db, { migrationsFolder: folder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length)
      throw new Error(
        `数据库升级后发现 ${broken.length} 处无效引用，已停止；升级前的备份：${preMigrationBackup ?? '无'}`,
      );
    sqlite.pragma('foreign_keys = ON');
    return { db, sqlite, file, preMigrationBackup, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

export const foreignDatabase = (file: string) =>
  new AppError(
    'FOREIGN_DATABASE',
    `“${file}”是其他程序的数据库，不是安委台账的数据，未作任何修改。请选择安委台账自己的数据目录（或一个空文件夹）`,
  );

export const newerDatabase = (file: string) =>
  new AppError(
    'NEWER_VERSION',
    `数据库“${file}”由更新版本的安委台账创建，本程序无法打开，未作任何修改。请安装最新版本的安委台账后再打开`,
  );
