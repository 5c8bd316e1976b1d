import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/** Strict YYYY-MM-DD check (rejects 2024-02-30). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, 'YYYY-MM-DD', true).isValid();
}

export function todayIso(now: Date): string {
  return dayjs(now).format('YYYY-MM-DD');
}
