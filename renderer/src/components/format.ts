/** Display and conversion helpers shared by the pages. */
import dayjs, { type Dayjs } from 'dayjs';

/** 2024-03-05 → 2024-03-05 (kept ISO: clerks compare dates in columns); empty → em dash. */
export function showDate(d: string | null | undefined): string {
  return d ? d : '—';
}

/** The one date-time format of the app (2026-12-02 16:06), in local time; timestamps are stored as UTC ISO. */
export function showDateTime(iso: string | Date | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function toIso(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}

export function fromIso(s: string | null | undefined): Dayjs | null {
  return s ? dayjs(s, 'YYYY-MM-DD') : null;
}

/** DatePicker disabledDate: nothing after today. */
export function isFuture(d: Dayjs): boolean {
  return d.isAfter(dayjs(), 'day');
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function isOverdue(deadline: string | null | undefined): boolean {
  return !!deadline && deadline < dayjs().format('YYYY-MM-DD');
}
