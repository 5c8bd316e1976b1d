/** Error codes that cross the IPC boundary; every AppError carries a Chinese message a clerk can act on. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FILE_INVALID'
  | 'CANCELLED'
  | 'UNKNOWN_CHANNEL'
  | 'INTERNAL'
  /** Recovery (issue 11): the database is damaged, is not a database, is another program's, or is newer. */
  | 'DB_DAMAGED'
  | 'DB_NOT_DATABASE'
  | 'DB_FOREIGN'
  | 'DB_NEWER';

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
