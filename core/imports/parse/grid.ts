/**
 * The one grid model every reader produces (xlsx, xls, csv) and the layout/parse layers consume.
 * Rows and columns are 0-based here; Excel row numbers (1-based) appear only in messages and ParsedRow.
 */

/** An Excel error value (#N/A, #DIV/0! …), or a formula whose result was never calculated. */
export interface CellError {
  error: string;
  formula?: string;
}

export type Cell = string | number | boolean | Date | CellError | null;

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  hidden: boolean;
  /** Merged cells hold their value in the master (top-left) cell only; slaves are null. */
  rows: Cell[][];
  merges: MergeRange[];
  /** What the reader noticed about single cells (e.g. bytes that are not UTF-8), shown as warnings naming them. */
  notes?: CellNote[];
}

/** A reader's remark on one cell (0-based row and column). */
export interface CellNote {
  row: number;
  col: number;
  message: string;
}

export type SourceFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

export interface Workbook {
  /** The file's name as the clerk knows it (basename). */
  file: string;
  format: SourceFormat;
  sheets: Sheet[];
  /** Numbers shown as dates count days from 1904-01-01 (old Mac Excel). */
  date1904: boolean;
  /** CSV only: how the text was decoded. */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/** Code used when a formula cell carries no cached result (saved by a program that does not calculate). */
export const NO_RESULT = '#NO_RESULT';

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && !Array.isArray(v);
}

function richTextToString(v: unknown): string | null {
  if (!isRecord(v) || !Array.isArray(v.richText)) return null;
  return v.richText.map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/**
 * Every shape of an exceljs cell value, in one place: null/undefined, string, number, boolean, Date,
 * rich text {richText}, formula {formula, result} and shared formula {sharedFormula, result} (result may be
 * missing or an error), hyperlink {text, hyperlink} (text may itself be rich text), error {error}.
 * Merged slave cells are handled by the reader (they become null here; layout fills them from the master).
 */
export function normaliseCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { error: '#NUM!' };
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: '#VALUE!' } : value;
  if (!isRecord(value)) return String(value);
  const rich = richTextToString(value);
  if (rich !== null) return rich === '' ? null : rich;
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = String(value.formula ?? value.sharedFormula ?? '');
    if (!('result' in value) || value.result === undefined) return { error: NO_RESULT, formula };
    const result = normaliseCell(value.result);
    return isCellError(result) ? { error: result.error, formula } : result;
  }
  if ('hyperlink' in value || 'text' in value) {
    const text = value.text;
    if (typeof text === 'string') return text === '' ? null : text;
    const inner = richTextToString(text);
    if (inner !== null) return inner === '' ? null : inner;
    return typeof value.hyperlink === 'string' && value.hyperlink !== '' ? value.hyperlink : null;
  }
  if (typeof value.error === 'string') return { error: value.error };
  return null;
}

/** 0 → A, 25 → Z, 26 → AA */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1-style range "B3:C10" → 0-based MergeRange. */
export function parseRangeRef(ref: string): MergeRange | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref.trim().replace(/\$/g, ''));
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]!);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

export function getCell(sheet: Sheet, r: number, c: number): Cell {
  return sheet.rows[r]?.[c] ?? null;
}

export function columnCount(sheet: Sheet): number {
  let n = 0;
  for (const row of sheet.rows) {
    for (let c = row.length - 1; c >= n; c--) {
      if (row[c] !== null && row[c] !== undefined) {
        n = c + 1;
        break;
      }
    }
  }
  for (const m of sheet.merges) n = Math.max(n, m.right + 1);
  return n;
}

/**
 * For each cell covered by a merge, the merge it belongs to: by column, then by row. (One map keyed r*65536+c
 * needs keys beyond the small-integer range from row 32,768 on: each lookup then boxed a number, which at
 * 100,000 rows was the importer's most expensive line.)
 */
export class MergeIndex {
  private readonly byColumn: (Map<number, MergeRange> | undefined)[] = [];

  set(r: number, c: number, m: MergeRange): void {
    (this.byColumn[c] ??= new Map()).set(r, m);
  }

  get(r: number, c: number): MergeRange | undefined {
    return this.byColumn[c]?.get(r);
  }
}

/**
 * The merges a sheet really has, in the order given: Excel never saves two merges that overlap, but other tools do
 * (and repeat a merge, or merge a cell with itself). As Excel does when it repairs such a file, the first merge
 * declared keeps its cells and a later one that overlaps it is dropped — so a value written in a cell of a dropped
 * merge stays the cell's own.
 */
export function acceptMerges(declared: Iterable<MergeRange>, maxRow = 1_048_575): MergeRange[] {
  const accepted: MergeRange[] = [];
  // Per row, the column spans already merged.
  const claimed = new Map<number, [number, number][]>();
  for (const m of declared) {
    if (m.top === m.bottom && m.left === m.right) continue;
    let overlaps = false;
    // Rows past the data (a merge claiming a whole column) cannot hold a value: not looked at.
    const bottom = Math.min(m.bottom, maxRow);
    for (let r = m.top; r <= bottom && !overlaps; r++) {
      for (const [l, rt] of claimed.get(r) ?? []) {
        if (l <= m.right && m.left <= rt) {
          overlaps = true;
          break;
        }
      }
    }
    if (overlaps) continue;
    accepted.push(m);
    for (let r = m.top; r <= bottom; r++) {
      const spans = claimed.get(r);
      if (spans) spans.push([m.left, m.right]);
      else claimed.set(r, [[m.left, m.right]]);
    }
  }
  return accepted;
}

export function mergeIndex(sheet: Sheet): MergeIndex {
  const index = new MergeIndex();
  for (const m of sheet.merges) {
    // Guard against absurd merges (whole columns) so the index stays small.
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 200_000) continue;
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) index.set(r, c, m);
  }
  return index;
}

/**
 * The value a reader sees at (r, c) with merges filled from their master cell.
 * `vertical` only: fill a slave only from a master in the same column (data rows: an enterprise merged down
 * over its hazards); horizontal merges in data rows stay empty so a value is not copied into another field.
 */
export function filledCell(sheet: Sheet, merges: MergeIndex, r: number, c: number, mode: 'all' | 'vertical'): Cell {
  const own = getCell(sheet, r, c);
  if (own !== null) return own;
  const m = merges.get(r, c);
  if (!m || (m.top === r && m.left === c)) return own;
  if (mode === 'vertical' && m.left !== c) return null;
  return getCell(sheet, m.top, m.left);
}

/** Numbers as Excel shows them in General format: 15 significant digits, no float noise (0.1+0.2 → "0.3"). */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // The shortest form already has at most 15 significant digits (4.97): toPrecision(15) would give it back.
  const s = String(n);
  return s.length <= 15 ? s : String(Number(n.toPrecision(15)));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A Date from a reader is a calendar date/time in UTC (exceljs convention): YYYY-MM-DD[ HH:mm]. */
export function dateText(d: Date): string {
  // One string per moment (a 100,000-row ledger writes the same few thousand days over and over).
  const ms = d.getTime();
  let text = DATE_TEXTS.get(ms);
  if (text === undefined) {
    const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const h = d.getUTCHours();
    const mi = d.getUTCMinutes();
    text = h || mi ? `${day} ${pad(h)}:${pad(mi)}` : day;
    if (DATE_TEXTS.size >= 20_000) DATE_TEXTS.clear();
    DATE_TEXTS.set(ms, text);
  }
  return text;
}
const DATE_TEXTS = new Map<number, string>();

/** A cell as display text (the "raw" strings of a parsed row). Errors show as their code. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return dateText(cell);
  return cell.error === NO_RESULT ? `=${cell.formula ?? ''}` : cell.error;
}
