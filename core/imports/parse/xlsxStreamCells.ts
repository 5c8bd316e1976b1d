/**
 * The cells of a worksheet part, read from their bytes for the streaming reader: the type a <c t="…"> names, the
 * column of its reference, numbers and dates checked (a date by its style becomes one shared Date per moment,
 * the same Date exceljs would give), ISO dates as written. Used by the sheet builder (xlsxStreamSheet.ts).
 */
import type { Cell } from './grid';

export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_STR = 2;
export const T_INLINE = 3;
export const T_BOOL = 4;
export const T_ERROR = 5;
export const T_DATE = 6;

/** exceljs' conversion of a serial to the milliseconds of a UTC Date (so both readers give the same Date). */
export function excelToMs(v: number, date1904: boolean): number {
  return Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
}

export function checkedNumber(n: number): Cell {
  return Number.isFinite(n) ? n : { error: '#NUM!' };
}

/**
 * A t="d" cell (ISO 8601 text). The grid's Dates carry the calendar day and time as written in their UTC fields,
 * so the date and time are taken as written and a zone suffix is ignored: 2024-03-05T00:00:00+08:00 is
 * 2024-03-05, not the 2024-03-04 16:00 UTC it also denotes.
 */
export function isoDateCell(text: string): Cell {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?$/.exec(t);
  if (m) return checkedDate(new Date(`${m[1]}T${m[2] ?? '00:00:00'}Z`));
  // Time only (T08:30:00) or another form: as the ECMAScript parser reads it.
  return checkedDate(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !/T/.test(t) ? t : `${t}Z`));
}

export function checkedDate(d: Date): Cell {
  return Number.isNaN(d.getTime()) ? { error: '#VALUE!' } : d;
}

/**
 * One Date object per distinct moment: a ledger's 100,000 rows hold a few hundred thousand date cells but a few
 * thousand distinct days, and a Date costs ~90 bytes. Grid cells are read, never changed.
 */
export class DatePool {
  private readonly dates = new Map<number, Date>();

  get(ms: number): Date {
    let d = this.dates.get(ms);
    if (d === undefined) {
      d = new Date(ms);
      if (this.dates.size < 1_000_000) this.dates.set(ms, d);
    }
    return d;
  }
}

/** Whether b[s..e) holds an '&' (a character reference to expand). */
export function hasAmp(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === 0x26) return true;
  return false;
}

/** "</v>" and "</c>" as little-endian 32-bit words. */
export const CLOSE_V = Buffer.from('</v>').readUInt32LE(0);
export const CLOSE_C = Buffer.from('</c>').readUInt32LE(0);

export function cellType(b: Buffer, s: number, e: number): number {
  const n = e - s;
  const c = b[s];
  if (n === 1)
    return c === 0x73 ? T_SHARED : c === 0x62 ? T_BOOL : c === 0x65 ? T_ERROR : c === 0x64 ? T_DATE : T_NUMBER;
  if (n === 3 && c === 0x73) return T_STR; // str
  if (n === 9 && c === 0x69) return T_INLINE; // inlineStr
  return T_NUMBER;
}

/** The column of a cell reference like "AB12" (letters only; the row comes from <row r>). */
export function columnOf(b: Buffer, s: number, e: number, prev: number): number {
  let c = 0;
  let i = s;
  for (; i < e; i++) {
    let x = b[i]!;
    if (x >= 0x61 && x <= 0x7a) x -= 0x20;
    if (x < 0x41 || x > 0x5a) break;
    c = c * 26 + (x - 0x40);
  }
  if (i === s || c > 16_384) return prev + 1;
  return c - 1;
}
