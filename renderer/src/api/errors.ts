import { ApiCallError } from './client';

/** The clerk stopped it (jobs:cancel): not a failure to report. */
export function isCancelled(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError && e.code === 'CANCELLED';
}

/** The Chinese message to show for a failed call (server messages are already written for the clerk). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  if (e instanceof Error && e.message) return `操作失败：${e.message}`;
  return '操作失败，请重试';
}
