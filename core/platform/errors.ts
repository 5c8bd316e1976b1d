import fs from 'node:fs';
import path from 'node:path';

/** Error codes that cross the IPC boundary; every AppError carries a Chinese message a clerk can act on. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FILE_INVALID'
  | 'CANCELLED'
  | 'UNKNOWN_CHANNEL'
  /** The disk (of the data directory or of the chosen save folder) is full: ENOSPC, EDQUOT, SQLITE_FULL. */
  | 'DISK_FULL'
  /** The folder cannot be written: EROFS, EACCES/EPERM on a write, SQLITE_READONLY. */
  | 'READ_ONLY'
  /** Another program (or a second 安委台账 / CLI) holds the database: SQLITE_BUSY, SQLITE_LOCKED, …_SNAPSHOT. */
  | 'BUSY'
  /** anwei.db is not an SQLite database at all (SQLITE_NOTADB). */
  | 'NOT_A_DATABASE'
  /** anwei.db is an SQLite database whose pages are damaged (SQLITE_CORRUPT). */
  | 'DAMAGED'
  /** anwei.db is an SQLite database of another program (detected when opening; see the recovery mode). */
  | 'FOREIGN_DATABASE'
  /** anwei.db was written by a newer version of 安委台账 than this one. */
  | 'NEWER_VERSION'
  /** A true bug: nothing above explains it. */
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validation = (message: string) => new AppError('VALIDATION', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const fileInvalid = (message: string) => new AppError('FILE_INVALID', message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** “12.3 MB”, “36 KB”: a size as the clerk reads it (never “0”). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(n / 1024))} KB`;
}

/** Free bytes for this user on the disk holding `folder` (the nearest existing ancestor); null when unknown. */
export function freeBytes(folder: string): number | null {
  let dir = path.resolve(folder);
  for (;;) {
    try {
      const s = fs.statfsSync(dir);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
  }
}

/**
 * Disk full while writing about `bytes` bytes into `folder`: says how much more is needed (the file's size minus
 * what is free now, after the partial file has been removed).
 */
export function diskFull(folder: string, bytes?: number): AppError {
  const free = freeBytes(folder);
  let need = '';
  if (bytes !== undefined && bytes > 0) {
    const missing = free === null ? bytes : Math.max(bytes - free, 0);
    need = ` 还需要约 ${formatBytes(missing > 0 ? missing : bytes)}`;
  }
  return new AppError(
    'DISK_FULL',
    `磁盘空间不足：${folder}${need}，请清理磁盘或换一个保存位置后重试（未保存任何内容）`,
  );
}

export function readOnlyFolder(folder: string): AppError {
  return new AppError(
    'READ_ONLY',
    `无法写入文件夹：${folder}（只读或没有写入权限，如写保护的 U 盘、光盘或权限不足）。请换一个保存位置，或取消写保护、获得写入权限后重试（未保存任何内容）`,
  );
}

const ERRNO_DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const ERRNO_READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * A failed write of a user file (an export, a stored scan, a volume PDF) as a Chinese AppError naming `file`'s
 * folder; `bytes` is (about) the size the file needs. AppErrors pass through; an unknown error is returned as is.
 */
export function writeFault(e: unknown, file: string, bytes?: number): unknown {
  if (isAppError(e)) return e;
  const code = (e as { code?: unknown })?.code;
  const folder = path.dirname(path.resolve(file));
  if (typeof code !== 'string') return e;
  if (ERRNO_DISK_FULL.has(code)) return diskFull(folder, bytes);
  // Windows refuses to replace a file another program holds open (Excel, WPS, a PDF viewer).
  if (
    (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY') &&
    (e as { syscall?: unknown }).syscall === 'rename' &&
    fs.existsSync(file)
  ) {
    return new AppError(
      'BUSY',
      `文件“${path.resolve(file)}”正被其他程序（如 Excel、WPS、PDF 阅读器）打开，无法替换。请关闭该文件后重试，或另存为其他文件名（未保存任何内容）`,
    );
  }
  if (ERRNO_READ_ONLY.has(code)) return readOnlyFolder(folder);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // Node's recursive mkdir reports a read-only disk as ENOENT: look at the nearest folder that exists.
    let up = folder;
    while (!fs.existsSync(up) && path.dirname(up) !== up) up = path.dirname(up);
    if (fs.existsSync(up) && !writable(up)) return readOnlyFolder(folder);
    return new AppError('VALIDATION', `保存位置不存在：${folder}，请重新选择保存位置`);
  }
  if (code === 'EISDIR') return new AppError('VALIDATION', `“${file}”是一个文件夹，请另选一个文件名`);
  if (code === 'ENAMETOOLONG' || code === 'EINVAL')
    return new AppError('VALIDATION', `文件名或路径无效：${file}，请换一个较短、不含特殊字符的文件名`);
  if (code === 'EBUSY')
    return new AppError('BUSY', `文件“${file}”正被其他程序（如 Excel、PDF 阅读器）打开，请关闭后重试`);
  return toAppError(e);
}

/** anwei.db is an SQLite database of another program (for the open/recovery code that detects it). */
export function foreignDatabase(dataDir: string): AppError {
  return new AppError(
    'FOREIGN_DATABASE',
    `数据目录（${dataDir}）中的 anwei.db 是其他程序的数据库，不是安委台账的台账，为免改动它，程序没有打开。请选择安委台账的数据目录，或从备份恢复`,
  );
}

/** Where the database lives, for the messages below (the CLI and the app know it; tests may not). */
export interface FaultPlace {
  dataDir?: string;
}

/**
 * One taxonomy for every thrown error: maps SQLite and file-system errors to an AppError with a Chinese message
 * and what to do. Returns an AppError('INTERNAL', …) only for what nothing explains (a bug).
 */
export function toAppError(e: unknown, where: FaultPlace = {}): AppError {
  if (isAppError(e)) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? ((e as { code: string }).code as string) : '';
  const dir = where.dataDir ? `（${where.dataDir}）` : '';
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError('CONFLICT', '操作与已有数据冲突（重复或仍被引用），未作任何修改');
  if (
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_LOCKED' ||
    code.startsWith('SQLITE_LOCKED_')
  ) {
    return new AppError(
      'BUSY',
      '数据库正忙：另一个安委台账窗口或命令（如正在进行的导入、备份）正在写入数据。请等它完成后重试；本次操作未改动数据',
    );
  }
  // A file-system error names its file: outside the data directory it is about that file's folder.
  const file = typeof (e as { path?: unknown })?.path === 'string' ? path.resolve((e as { path: string }).path) : null;
  const outside =
    file !== null && (!where.dataDir || path.relative(path.resolve(where.dataDir), file).startsWith('..'));
  if (outside && file && (ERRNO_DISK_FULL.has(code) || ERRNO_READ_ONLY.has(code)))
    return writeFault(e, file) as AppError;
  if (outside && file && (code === 'ENOENT' || code === 'ENOTDIR')) {
    return new AppError('NOT_FOUND', `找不到文件或文件夹“${file}”，可能已被移动、删除，或 U 盘已拔出。请检查后重试`);
  }
  if (code === 'SQLITE_FULL' || ERRNO_DISK_FULL.has(code)) {
    const folder = where.dataDir ?? '';
    return new AppError(
      'DISK_FULL',
      `磁盘空间不足${folder ? `：数据目录 ${folder} 所在磁盘已满` : ''}，操作未完成，数据未改动。请清理磁盘（建议至少腾出 100 MB）后重试`,
    );
  }
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return new AppError(
      'READ_ONLY',
      `数据目录${dir}只读或没有写入权限，无法保存修改（数据未改动）。请确认 U 盘未写保护、文件夹不是只读，或在“设置”中换一个可写的数据目录后重试`,
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return new AppError(
      'NOT_A_DATABASE',
      `数据目录${dir}中的 anwei.db 不是安委台账的数据库文件（可能被其他文件覆盖或已严重损坏）。请从备份恢复，或选择正确的数据目录`,
    );
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return new AppError(
      'DAMAGED',
      `数据库文件已损坏${dir}。请先运行“数据检查”，再从备份恢复或尝试修复；在此之前请勿继续录入`,
    );
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'EIO') {
    return new AppError(
      'DAMAGED',
      `读写磁盘出错${dir}（磁盘或 U 盘可能有故障、已拔出）。请检查磁盘连接后重试，并尽快备份数据`,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) {
    if (where.dataDir && fs.existsSync(where.dataDir) && !writable(where.dataDir)) {
      return new AppError(
        'READ_ONLY',
        `数据目录${dir}只读或没有写入权限，无法打开数据库。请确认 U 盘未写保护、文件夹不是只读（或以有权限的用户运行），或在“设置”中换一个可写的数据目录`,
      );
    }
    return new AppError(
      'READ_ONLY',
      `无法打开数据库文件${dir}：文件夹不存在、没有权限或磁盘未连接。请检查数据目录后重试`,
    );
  }
  const message = String((e as Error)?.message ?? e).slice(0, 300);
  return new AppError('INTERNAL', `程序内部错误，操作未完成，数据未改动。请把以下信息告诉维护人员：${message}`);
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
