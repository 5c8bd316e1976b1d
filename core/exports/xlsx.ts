import type ExcelJS from 'exceljs';
import { exceljs } from '../platform/lazyLibs';

/**
 * Print-ready sheets. Every sheet is laid out for a real page: the columns are sized in Excel width units and
 * the sheet is fitted to the page width only when the resulting scale keeps the body text at ≥ 9 pt
 * (otherwise it prints at 100 % and the columns continue on further pages with the first columns repeated);
 * wrapped cells get row heights computed from their text (CJK characters one em, others about half), so
 * printed rows never overprint; numbers and dates are real Excel numbers with formats; header rows repeat
 * on every page and the footer carries 第 &P 页 共 &N 页.
 */

/** How one column's values are written. */
export interface ColumnFormat {
  /** Excel number format of number and date cells (dates default to yyyy-mm-dd). */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

export type CellValue = string | number | Date | null;

export interface SheetSpec {
  title: string;
  subtitle?: string;
  /** Header rows (one or two); a null in the first row continues the previous group (merged). */
  header: (string | null)[][];
  /** Column widths in Excel units (one unit ≈ the width of a digit of the default 11 pt font, 7 px). */
  widths: number[];
  columns?: ColumnFormat[];
  rows: CellValue[][];
  footer?: string;
  /** Paper (default A4); always landscape. */
  paper?: 'A4' | 'A3';
  /** Body font size in pt (default 11). */
  fontSize?: number;
  /** Leading columns repeated on every page when the sheet is too wide for one page (e.g. 序号 and 单位). */
  repeatColumns?: number;
}

/** Smallest printed text size the sheets allow, in pt. */
export const MIN_PRINTED_PT = 9;

const PAPER = {
  A4: { code: 9, widthIn: 297 / 25.4, heightIn: 210 / 25.4 },
  A3: { code: 8, widthIn: 420 / 25.4, heightIn: 297 / 25.4 },
} as const;
/** Page margins in inches (landscape): a little wider on the left for binding. */
export const PRINT_MARGINS = { left: 0.6, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 };
/**
 * Pixels per column-width unit: a width unit is the width of a digit of the workbook's default font (Calibri
 * 11: 7 px in Excel and WPS). Where Calibri is missing (LibreOffice on Linux without Carlito) the fallback
 * DejaVu Sans has 9.33 px digits, so the same columns come out a third wider. The sheets are fitted so that the
 * text stays ≥ 9 pt with either.
 */
export const DIGIT_PX = { calibri: 7, fallback: 9.33 } as const;
/** A column's width in px (Excel: trunc(((256·w + trunc(128/mdw)) / 256) · mdw)). */
export const columnPx = (width: number, digitPx: number = DIGIT_PX.calibri): number =>
  Math.trunc(((256 * width + Math.trunc(128 / digitPx)) / 256) * digitPx);
/** Printable width of the paper in px (96 per inch) between the margins. */
export const printablePx = (paper: 'A4' | 'A3'): number =>
  Math.floor((PAPER[paper].widthIn - PRINT_MARGINS.left - PRINT_MARGINS.right) * 96);
/** Date format used in the registers. */
export const DATE_FMT = 'yyyy-mm-dd';
/** Money in 万元: at least two decimals, up to four (1.2万元 → 1.20; 1234.56元 → 0.1235). */
export const WAN_FMT = '#,##0.00##';
/** Money in 元. */
export const YUAN_FMT = '#,##0.00';
/** The footer page numbers. */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** The scale at which columns of these widths fit the paper's width (1 when they fit at 100 %). */
export function printScale(widths: number[], paper: 'A4' | 'A3', digitPx: number): number {
  return Math.min(1, printablePx(paper) / widths.reduce((a, w) => a + columnPx(w, digitPx), 0));
}

/** Width of a text in ems: CJK and full-width characters one em, the rest (digits, Latin) about half an em. */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += charEms(ch);
  return ems;
}

function charEms(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x201f) || cp === 0x2026 || cp === 0x2014) return 1;
  return 0.55;
}

/** Lines a text takes in a column of the given width at the given font size (wrapping by character). */
export function estimateLines(text: string, width: number, fontSize: number): number {
  // usable width in ems: the column in px (the narrower Calibri metric) less the cell padding, 0.75 pt per px,
  // 3 % slack for font metrics
  const avail = ((columnPx(width) - 5) * 0.75 * 0.97) / fontSize;
  let lines = 0;
  for (const para of text.split('\n')) {
    lines++;
    let used = 0;
    for (const ch of para) {
      const w = charEms(ch);
      if (used + w > avail && used > 0) {
        lines++;
        used = 0;
      }
      used += w;
    }
  }
  return lines;
}

/** Row height in points for a number of lines of the given font size (line spacing 1.3 em plus padding). */
export const rowHeightFor = (lines: number, fontSize: number): number =>
  Math.min(409, Math.ceil(lines * fontSize * 1.3 + 4));

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** A YYYY-MM-DD string as an Excel date (UTC midnight, the way exceljs writes serials); anything else stays as it is. */
export function asDate(iso: string | null | undefined): Date | string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

export function addPrintSheet(wb: ExcelJS.Workbook, name: string, spec: SheetSpec): ExcelJS.Worksheet {
  const ncol = spec.widths.length;
  const paper = spec.paper ?? 'A4';
  const size = spec.fontSize ?? 11;
  const headSize = size;
  const totalWidth = spec.widths.reduce((a, w) => a + w, 0);
  const fitScale = printScale(spec.widths, paper, DIGIT_PX.fallback);
  // Fit to one page wide only when the text still prints at ≥ 9 pt; otherwise 100 % and further pages across.
  const fit = fitScale * size >= MIN_PRINTED_PT;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: PAPER[paper].code as number as ExcelJS.PaperSize, // 9 = A4, 8 = A3 (exceljs lists no A3)
      orientation: 'landscape',
      fitToPage: fit,
      ...(fit ? { fitToWidth: 1, fitToHeight: 0 } : { scale: 100 }),
      horizontalCentered: true,
      margins: { ...PRINT_MARGINS },
    },
    headerFooter: { oddFooter: PAGE_FOOTER },
  });
  ws.columns = spec.widths.map((w) => ({ width: w }));
  // A merged line across the whole sheet (title, subtitle, footer): its height follows its wrapped text.
  const merged = (
    text: string,
    font: Partial<ExcelJS.Font>,
    fsize: number,
    align: 'center' | 'left',
    minHeight: number,
  ) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, ncol);
    const cell = row.getCell(1);
    cell.font = { ...font, size: fsize };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    row.height = Math.max(minHeight, rowHeightFor(estimateLines(text, totalWidth, fsize), fsize));
    return row;
  };
  merged(spec.title, { name: '黑体', bold: true }, 16, 'center', 30);
  if (spec.subtitle) merged(spec.subtitle, { name: '仿宋' }, size, 'left', 20);
  const headerStart = ws.rowCount + 1;
  // Header cells: a cell that spans a group (upper row, null to its right) is as wide as the group.
  const spanWidth = (r: number, c: number) => {
    let w = spec.widths[c]!;
    if (spec.header.length === 2 && r === 0)
      for (let e = c + 1; e < ncol && spec.header[0]![e] === null; e++) w += spec.widths[e]!;
    return w;
  };
  spec.header.forEach((h, r) => {
    const row = ws.addRow(h.map((x) => x ?? ''));
    const lines = Math.max(1, ...h.map((x, c) => (x ? estimateLines(x, spanWidth(r, c), headSize) : 1)));
    row.height = Math.max(22, rowHeightFor(lines, headSize));
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = { name: '黑体', size: headSize };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
  });
  // Merge header groups: with two header rows, a cell whose lower cell is null spans both rows; a null in the
  // upper row continues the group to its left.
  if (spec.header.length === 2) {
    const [top, bottom] = spec.header as [(string | null)[], (string | null)[]];
    for (let c = 0; c < ncol; c++) {
      if (top[c] !== null && bottom[c] === null) ws.mergeCells(headerStart, c + 1, headerStart + 1, c + 1);
      if (top[c] !== null) {
        let end = c;
        while (end + 1 < ncol && top[end + 1] === null) end++;
        if (end > c) ws.mergeCells(headerStart, c + 1, headerStart, end + 1);
      }
    }
  }
  for (const values of spec.rows) {
    const row = ws.addRow(values); // null: an empty cell (not an empty string in a number column)
    let lines = 1;
    for (let c = 0; c < ncol; c++) {
      const v = values[c] ?? null;
      const fmt = spec.columns?.[c];
      const cell = row.getCell(c + 1);
      const isNum = typeof v === 'number' || v instanceof Date;
      cell.font = { name: '仿宋', size };
      cell.alignment = {
        vertical: 'middle',
        wrapText: !isNum,
        horizontal: fmt?.align ?? (v instanceof Date ? 'center' : typeof v === 'number' ? 'right' : undefined),
      };
      cell.border = border;
      if (v instanceof Date) cell.numFmt = fmt?.numFmt ?? DATE_FMT;
      else if (typeof v === 'number' && fmt?.numFmt) cell.numFmt = fmt.numFmt;
      if (typeof v === 'string') lines = Math.max(lines, estimateLines(v, spec.widths[c]!, size));
    }
    row.height = Math.max(18, rowHeightFor(lines, size));
  }
  if (spec.footer) merged(spec.footer, { name: '仿宋' }, size, 'left', 22);
  const lastHeader = headerStart + spec.header.length - 1;
  const repeat = spec.repeatColumns ?? 0;
  ws.views = [{ state: 'frozen', xSplit: fit ? 0 : repeat, ySplit: lastHeader }];
  ws.pageSetup.printTitlesRow = `${headerStart}:${lastHeader}`;
  if (!fit && repeat > 0) ws.pageSetup.printTitlesColumn = `A:${String.fromCharCode(64 + repeat)}`;
  return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(creator: string): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = creator;
  wb.created = new Date();
  return wb;
}
