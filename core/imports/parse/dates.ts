/**
 * Dates as the units write them: Excel dates (exceljs gives UTC Dates), serial numbers (1900 or 1904
 * system), and text — 2024.3.5, 2024年3月5日, 2024/3/5, 2024-03-05, 20240305, ２０２４年３月５日,
 * 二〇二四年三月五日, and 3月5日 / 3.5 whose year comes from the sheet's title. Words that are not dates
 * (立即整改, 3月底前, 长期) are returned as text, never turned into a wrong date.
 */
import { cellText, dateText, isCellError, type Cell } from './grid';
import { excelSerialToIso } from './serial';
import { halfWidth } from './text';

export interface DateContext {
  date1904: boolean;
  /** Year for dates written without one; null when the sheet does not say. */
  year: number | null;
}

export type DateResult =
  | { kind: 'empty' }
  /** `note` is a warning to show (年份取自表头 …). */
  | { kind: 'date'; iso: string; note?: string }
  /** Looks like a date but is not one (2024.13.5, 2024-02-30): an error. */
  | { kind: 'invalid'; reason: string }
  /** Not a date at all (立即整改, 3月底前). */
  | { kind: 'text'; text: string };

export const MIN_YEAR = 1950;
export const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when y-m-d is a real calendar day in the plausible range, else null. */
export function isoFromParts(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null;
  const days =
    m === 2
      ? (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
        ? 29
        : 28
      : m === 4 || m === 6 || m === 9 || m === 11
        ? 30
        : 31;
  if (d > days) return null;
  // One string per day (a ledger repeats the same days over 100,000 rows).
  const key = y * 10_000 + m * 100 + d;
  let iso = ISO_DAYS.get(key);
  if (iso === undefined) {
    iso = `${y}-${pad(m)}-${pad(d)}`;
    if (ISO_DAYS.size >= 20_000) ISO_DAYS.clear();
    ISO_DAYS.set(key, iso);
  }
  return iso;
}
const ISO_DAYS = new Map<number, string>();

const INVALID = '不是有效日期';
const MAX_SERIAL = 2_958_465;

function monthDay(m: number, d: number, ctx: DateContext, written: string): DateResult {
  if (ctx.year === null) return { kind: 'invalid', reason: '没有写年份，表头中也找不到年份，请在导入向导中指定年份' };
  const iso = isoFromParts(ctx.year, m, d);
  if (!iso) return { kind: 'invalid', reason: INVALID };
  return { kind: 'date', iso, note: `“${written}”没有写年份，年份取自表头（${ctx.year}年）` };
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二〇二四 → 2024; 十二 → 12; 二十五 → 25. */
function chineseNumber(s: string): number | null {
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && m[3] ? null : (CN_DIGITS[m[1] || m[3] || ''] ?? null);
  const tens = m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1;
  return tens * 10 + (m[3] ? (CN_DIGITS[m[3]] ?? 0) : 0);
}

/** A date written as text. */
export function parseDateText(input: string, ctx: DateContext): DateResult {
  const written = input.trim();
  let s = halfWidth(written)
    .replace(/\s*(?:T|\s)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '')
    .replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  let before = false;
  const b = /^(.*\d[日号]?)(之前|以前|前)$/.exec(s);
  if (b) {
    s = b[1]!;
    before = true;
  }
  const withNote = (r: DateResult): DateResult =>
    before && r.kind === 'date'
      ? { ...r, note: [r.note, `“${written}”按 ${r.iso} 导入`].filter(Boolean).join('；') }
      : r;

  let m = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})[日号]?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? withNote({ kind: 'date', iso }) : { kind: 'invalid', reason: INVALID };
  }
  m = /^(\d{2})[.\-/年](\d{1,2})[.\-/月](\d{1,2})[日号]?$/.exec(s);
  if (m) {
    const iso = isoFromParts(2000 + Number(m[1]), Number(m[2]), Number(m[3]));
    return iso
      ? withNote({ kind: 'date', iso, note: `“${written}”的年份只写了两位，按 ${iso.slice(0, 4)} 年导入` })
      : { kind: 'invalid', reason: INVALID };
  }
  m = /^(\d{1,2})(?:月(\d{1,2})[日号]?|[.\-/](\d{1,2}))$/.exec(s);
  if (m) return withNote(monthDay(Number(m[1]), Number(m[2] ?? m[3]), ctx, written));
  m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]$/.exec(s);
  if (m) {
    const iso = isoFromParts(chineseNumber(m[1]!) ?? NaN, chineseNumber(m[2]!) ?? NaN, chineseNumber(m[3]!) ?? NaN);
    return iso ? withNote({ kind: 'date', iso }) : { kind: 'invalid', reason: INVALID };
  }
  // Three or more numbers with date separators but no valid shape (2024.3.5.6): a mistyped date. 2024年3月 stays text.
  if (/^[\d.\-/年月日号]+$/.test(s) && (s.match(/\d+/g)?.length ?? 0) >= 3) return { kind: 'invalid', reason: INVALID };
  return { kind: 'text', text: written };
}

/** Any cell in a date column. */
export function parseDateCell(cell: Cell, ctx: DateContext): DateResult {
  if (cell === null) return { kind: 'empty' };
  if (isCellError(cell)) return { kind: 'invalid', reason: INVALID };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'invalid', reason: INVALID };
    const iso = isoFromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return iso ? { kind: 'date', iso } : { kind: 'invalid', reason: `${INVALID}（${dateText(cell)}）` };
  }
  if (typeof cell === 'number') return parseDateNumber(cell, ctx);
  if (typeof cell === 'boolean') return { kind: 'invalid', reason: INVALID };
  return parseDateText(cellText(cell), ctx);
}

function parseDateNumber(n: number, ctx: DateContext): DateResult {
  if (Number.isInteger(n) && n >= 19500101 && n <= 21001231) {
    const iso = isoFromParts(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
    return iso ? { kind: 'date', iso } : { kind: 'invalid', reason: INVALID };
  }
  // Beyond 9999-12-31 (serial 2958465) a number is no date at all: a phone number (13800138000) typed in a date column.
  if (!Number.isFinite(n) || n > MAX_SERIAL)
    return { kind: 'invalid', reason: /^1[3-9]\d{9}$/.test(String(n)) ? `${INVALID}（像是手机号码）` : INVALID };
  const serialIso = n >= 1 ? excelSerialToIso(n, ctx.date1904) : null;
  const year = serialIso ? Number(serialIso.slice(0, 4)) : 0;
  if (serialIso && year >= MIN_YEAR && year <= MAX_YEAR) return { kind: 'date', iso: serialIso };
  // 3.5 typed as a number: March 5 (the year from the title).
  const md = /^(\d{1,2})\.(\d{1,2})$/.exec(String(n));
  if (md) return monthDay(Number(md[1]), Number(md[2]), ctx, String(n));
  return { kind: 'invalid', reason: INVALID };
}
