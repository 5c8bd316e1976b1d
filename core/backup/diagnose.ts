/**
 * What is wrong with a data directory, found without opening it the normal way (which would migrate it): the
 * folder, the file's header, SQLite's own checks and whose schema it holds. Used by `check`, `restore`,
 * `recover` and the app's start-up, so each can act on a database that will not open.
 */
import fs from 'node:fs';
import { findMigrationsFolder, schemaState } from '../../db/open';
import { dataPaths } from '../platform/dataPaths';
import { AppError, type ErrorCode } from '../platform/errors';
import { hasSqliteHeader, sqliteCode, withReadOnly } from './sqliteFiles';

export type DiagnosisKind =
  /** The database opens, is this app's and passes SQLite's check. */
  | 'ok'
  /** No database yet: the app creates one. */
  | 'new'
  | 'damaged'
  | 'not-database'
  | 'foreign'
  | 'newer'
  | 'unreadable-folder';

export interface Diagnosis {
  kind: DiagnosisKind;
  ok: boolean;
  dataDir: string;
  dbFile: string;
  /** One line: what is wrong. */
  title: string;
  /** What it means and what to do, in Chinese. */
  explanation: string;
  action: string;
  /** SQLite's own findings (integrity_check lines), for IT staff. */
  details: string[];
}

export interface DiagnoseOptions {
  /** integrity_check (every page) instead of quick_check. */
  full?: boolean;
  migrationsFolder?: string;
  nativeBinding?: string;
}

const RESTORE = '请从备份恢复（自动备份或 U 盘上的备份），或“尝试修复”抢救仍可读取的记录';

function result(
  dataDir: string,
  kind: DiagnosisKind,
  title: string,
  explanation: string,
  action: string,
  details: string[] = [],
): Diagnosis {
  return {
    kind,
    ok: kind === 'ok' || kind === 'new',
    dataDir,
    dbFile: dataPaths(dataDir).dbFile,
    title,
    explanation,
    action,
    details,
  };
}

export function diagnose(dataDir: string, opts: DiagnoseOptions = {}): Diagnosis {
  const { dbFile } = dataPaths(dataDir);
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(dataDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      return result(
        dataDir,
        'unreadable-folder',
        '无法访问数据目录',
        `数据目录“${dataDir}”无法访问（${code}）。`,
        '请确认该文件夹所在的磁盘（或 U 盘）已连接、当前用户有读写权限，或打开其他数据目录',
      );
    }
  }
  if (st && !st.isDirectory()) {
    return result(
      dataDir,
      'unreadable-folder',
      '数据目录不是文件夹',
      `“${dataDir}”是一个文件，不是文件夹。`,
      '请打开其他数据目录',
    );
  }
  if (!st || !fs.existsSync(dbFile))
    return result(dataDir, 'new', '尚无数据库', '数据目录中还没有数据库，启动时会新建。', '无需处理');
  try {
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
    fs.accessSync(dbFile, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    return result(
      dataDir,
      'unreadable-folder',
      '数据目录无法读写',
      `数据目录“${dataDir}”（或其中的 anwei.db）只读或没有写入权限。`,
      '请确认 U 盘未写保护、当前用户有该文件夹的读写权限（可请维护人员开放），或打开其他数据目录',
    );
  }
  const size = fs.statSync(dbFile).size;
  if (size === 0) return result(dataDir, 'new', '尚无数据库', '数据库文件是空的，启动时会新建。', '无需处理');
  if (!hasSqliteHeader(dbFile)) {
    return result(
      dataDir,
      'not-database',
      '数据库文件不是数据库',
      `数据库文件“${dbFile}”的内容不是数据库（文件开头已被覆盖或换成了别的文件），程序无法读取其中的任何记录。`,
      '请从备份恢复；损坏的文件会另存到 backups 文件夹中',
    );
  }
  const folder = opts.migrationsFolder ?? findMigrationsFolder();
  try {
    return withReadOnly(
      dbFile,
      (db) => {
        const state = schemaState(db, folder);
        if (state.kind === 'foreign') {
          return result(
            dataDir,
            'foreign',
            '这是其他程序的数据库',
            `“${dbFile}”是其他程序的 SQLite 数据库（其中的表：${state.tables.slice(0, 5).join('、')}${state.tables.length > 5 ? ' 等' : ''}），不是安委台账的数据。程序不会修改它。`,
            '请打开安委台账自己的数据目录，或选择一个空文件夹',
          );
        }
        if (state.kind === 'newer') {
          return result(
            dataDir,
            'newer',
            '数据库来自更新版本的安委台账',
            `数据库“${dbFile}”已被更新版本的安委台账升级，本程序无法打开。`,
            '请安装最新版本的安委台账后再打开；不要用旧版本修改它',
          );
        }
        const rows = db.pragma(opts.full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
        const msgs = rows.map((r) => String(Object.values(r)[0] ?? '')).filter((m) => m !== 'ok');
        if (msgs.length) {
          return result(
            dataDir,
            'damaged',
            '数据库已损坏',
            `数据库“${dbFile}”已损坏：SQLite 检查发现 ${msgs.length} 处问题。部分记录可能已无法读取。`,
            RESTORE,
            msgs.slice(0, 20),
          );
        }
        return result(dataDir, 'ok', '数据库完好', '数据库可以正常打开，SQLite 检查未发现问题。', '无需处理');
      },
      { nativeBinding: opts.nativeBinding },
    );
  } catch (e) {
    const code = sqliteCode(e);
    if (code === 'SQLITE_NOTADB') {
      return result(
        dataDir,
        'not-database',
        '数据库文件不是数据库',
        `数据库文件“${dbFile}”无法作为数据库读取（文件头已损坏）。`,
        '请从备份恢复；损坏的文件会另存到 backups 文件夹中',
        [String((e as Error).message)],
      );
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') {
      return result(
        dataDir,
        'unreadable-folder',
        '无法打开数据库文件',
        `数据库文件“${dbFile}”无法打开（${code}）。`,
        '请确认当前用户对数据目录有读写权限，或打开其他数据目录',
        [String((e as Error).message)],
      );
    }
    return result(
      dataDir,
      'damaged',
      '数据库已损坏',
      `数据库“${dbFile}”已损坏：SQLite 读取时报告错误（${code || '读取失败'}），部分记录可能已无法读取。`,
      RESTORE,
      [String((e as Error).message)],
    );
  }
}

const CODES: Partial<Record<DiagnosisKind, ErrorCode>> = {
  damaged: 'DAMAGED',
  'not-database': 'NOT_A_DATABASE',
  foreign: 'FOREIGN_DATABASE',
  newer: 'NEWER_VERSION',
  'unreadable-folder': 'VALIDATION',
};

/** The diagnosis as an error the CLI and the IPC layer show: what is wrong, then what to do. */
export function diagnosisError(d: Diagnosis, cli = false): AppError {
  const how =
    cli && (d.kind === 'damaged' || d.kind === 'not-database')
      ? '。命令行：restore 备份文件.tar 从备份恢复，或 recover 抢救仍可读取的记录'
      : '';
  return new AppError(CODES[d.kind] ?? 'INTERNAL', `${d.title}：${d.explanation}处理办法：${d.action}${how}`);
}
