import type ExcelJS from 'exceljs';
import { exceljs } from '../lazyLibs';

/** Shared print-ready sheet setup: title, A4 landscape, fit to width, header rows repeated, frozen panes. */
export interface SheetSpec {
  title: string;
  subtitle?: string;
  /** Header rows (one or two); a null in the first row continues the previous group (merged). */
  header: (string | null)[][];
  widths: number[];
  rows: (string | number | null)[][];
  footer?: string;
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export function addPrintSheet(wb: ExcelJS.Workbook, name: string, spec: SheetSpec): ExcelJS.Worksheet {
  const ncol = spec.widths.length;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = spec.widths.map((w) => ({ width: w }));
  const titleRow = ws.addRow([spec.title]);
  ws.mergeCells(1, 1, 1, ncol);
  titleRow.height = 30;
  titleRow.getCell(1).font = { name: '黑体', size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  let r = 2;
  if (spec.subtitle) {
    ws.addRow([spec.subtitle]);
    ws.mergeCells(r, 1, r, ncol);
    ws.getRow(r).getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    ws.getRow(r).getCell(1).font = { name: '仿宋', size: 11 };
    r++;
  }
  const headerStart = r;
  for (const h of spec.header) {
    const row = ws.addRow(h.map((x) => x ?? ''));
    row.height = 24;
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = { name: '黑体', size: 11 };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
    r++;
  }
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
    const row = ws.addRow(values);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = { name: '仿宋', size: 11 };
      c.alignment = { vertical: 'middle', wrapText: true };
      c.border = border;
    });
  }
  if (spec.footer) {
    const row = ws.addRow([spec.footer]);
    ws.mergeCells(row.number, 1, row.number, ncol);
    row.getCell(1).font = { name: '仿宋', size: 10 };
  }
  const lastHeader = headerStart + spec.header.length - 1;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: lastHeader }];
  ws.pageSetup.printTitlesRow = `${headerStart}:${lastHeader}`;
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
