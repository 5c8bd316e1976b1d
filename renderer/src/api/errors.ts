import { ApiCallError } from './client';

/** The Chinese message to show for a failed call (server messages are already written for the clerk). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  if (e instanceof Error && e.message) return `操作失败：${e.message}`;
  return '操作失败，请重试';
}
