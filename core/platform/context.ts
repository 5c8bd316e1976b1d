import { dataPaths } from './dataPaths';
import type { Db, OpenedDb } from '../../db/open';
import { openDb, type OpenDbOptions } from '../../db/open';
import { applyPendingRestore } from '../backup/restore';
import { diagnose, diagnosisError } from '../backup/diagnose';
import { AppError, isAppError } from './errors';
import type Database from 'better-sqlite3';

/** File dialogs and the system shell, provided by Electron in the app and replaced in tests and the CLI. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Ports {
  /** Asks the user for files to open; returns absolute paths, empty when cancelled. */
  pickFiles(opts: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** Asks where to save; returns the chosen path or null when cancelled. */
  pickSavePath(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Opens a file in the system's default viewer. */
  openPath(file: string): Promise<void>;
  /** Shows a file in the system file manager. */
  showInFolder(file: string): Promise<void>;
  /** Asks for a folder; returns its path or null when cancelled. */
  pickFolder(opts: { title: string }): Promise<string | null>;
  /** Restarts the app (after the data directory changed); a no-op outside Electron. */
  relaunch(): Promise<void>;
  /**
   * Prints a PDF file through the system print dialog: true when printed, false when the clerk cancelled.
   * Refused outside Electron (the CLI saves the PDF instead).
   */
  printPdf(file: string, opts: { title: string }): Promise<boolean>;
}

export interface AppContext {
  db: Db;
  sqlite: Database.Database;
  dataDir: string;
  /** Who is acting, for the audit log (the clerk's Windows user name, or "命令行"). */
  actor: string;
  now: () => Date;
  ports: Ports;
  /** Electron's userData folder, where config.json records the chosen data directory (null in the CLI). */
  userDataDir: string | null;
}

export { dataPaths };

/** Ports that refuse interactive use (CLI, background jobs). */
export const headlessPorts: Ports = {
  async pickFiles() {
    return [];
  },
  async pickSavePath() {
    return null;
  },
  async openPath() {},
  async showInFolder() {},
  async pickFolder() {
    return null;
  },
  async relaunch() {},
  async printPdf() {
    throw new AppError(
      'VALIDATION',
      '没有图形界面，无法打印：请先保存为 PDF 文件（命令行用 --out 指定），再用 PDF 阅读器打印',
    );
  },
};

export interface OpenContextOptions extends OpenDbOptions {
  actor?: string;
  now?: () => Date;
  ports?: Ports;
  userDataDir?: string | null;
  /** Name the CLI's recovery commands in the error a damaged database raises. */
  cli?: boolean;
}

export function openContext(dataDir: string, opts: OpenContextOptions = {}): AppContext & { opened: OpenedDb } {
  const p = dataPaths(dataDir);
  applyPendingRestore(dataDir); // finish a restore staged before the last exit
  let opened: OpenedDb;
  try {
    opened = openDb(p.dbFile, { ...opts, backupDir: opts.backupDir ?? p.backupsDir });
  } catch (e) {
    if (isAppError(e)) throw e;
    // SQLite's own words ("database disk image is malformed") become a diagnosis with what to do.
    const d = diagnose(dataDir, { migrationsFolder: opts.migrationsFolder, nativeBinding: opts.nativeBinding });
    if (!d.ok) throw diagnosisError(d, opts.cli);
    throw e;
  }
  return {
    opened,
    db: opened.db,
    sqlite: opened.sqlite,
    dataDir,
    actor: opts.actor ?? '操作员',
    now: opts.now ?? (() => new Date()),
    ports: opts.ports ?? headlessPorts,
    userDataDir: opts.userDataDir ?? null,
  };
}
