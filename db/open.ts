import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

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
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!hasTable) return journal.entries.length;
  const row = sqlite.prepare('SELECT MAX(created_at) AS last FROM __drizzle_migrations').get() as {
    last: number | null;
  };
  return journal.entries.filter((e) => row.last === null || e.when > row.last).length;
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
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Migrations run with foreign keys off (SQLite's procedure for schema changes: a table rebuild must not
    // cascade-delete child rows), then every reference is checked before they are switched on.
    sqlite.pragma('foreign_keys = OFF');
    const db = drizzle(sqlite, { schema });
    const folder = opts.migrationsFolder ?? findMigrationsFolder();
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
    if (broken.length) throw new Error(`数据库升级后发现 ${broken.length} 处无效引用，已停止；升级前的备份：${preMigrationBackup ?? '无'}`);
    sqlite.pragma('foreign_keys = ON');
    return { db, sqlite, file, preMigrationBackup, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
