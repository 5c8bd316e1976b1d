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

/** What a typed date came to: a day, nothing, or a reason to show under the field. */
export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; reason: string };

const pad2 = (n: number) => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * A date as a clerk types it: 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日, 20261130 (full-width digits
 * too). `notAfter` (YYYY-MM-DD, usually today) refuses later days; `label` names the field in the reason.
 */
export function parseTypedDate(input: string, opts: { notAfter?: string; label?: string } = {}): TypedDate {
  const s = input
    .replace(/[\uFF10-\uFF19\uFF0E\uFF0F\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { kind: 'invalid', reason: `“${input.trim()}”不是日期，请按 2026-11-30、2026/11/30 或 20261130 填写` };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1950 || y > 2100) return { kind: 'invalid', reason: `年份 ${y} 不对，请检查` };
  if (mo < 1 || mo > 12) return { kind: 'invalid', reason: `没有 ${mo} 月，请检查月份` };
  const max = daysInMonth(y, mo);
  if (d < 1 || d > max) return { kind: 'invalid', reason: `${y}年${mo}月没有 ${d} 日（该月只有 ${max} 天）` };
  const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (opts.notAfter && iso > opts.notAfter) {
    return { kind: 'invalid', reason: `${opts.label ?? '日期'}不能晚于今天（${opts.notAfter}），填的是 ${iso}` };
  }
  return { kind: 'date', iso };
}
