/**
 * The registers as printed: every print sheet (ledger, 明白书汇总, board, 催报清单, 统计表) read back with exceljs —
 * paper, fit, the scale the columns need (text ≥ 9 pt with Calibri metrics and with the wider fallback font
 * LibreOffice uses without Calibri), repeated header rows, page numbers, fonts, row heights that grow with
 * wrapped text, numbers and dates as numbers — and, where LibreOffice is installed, the ledger rendered to PDF
 * with the text sizes measured on the pages.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnPx, DIGIT_PX, estimateLines, printScale } from '../../core/exports/xlsx';
import { fillDemo } from '../../core/demo/service';
import { chaseWorkbookBytes, statsWorkbookBytes } from '../../core/exports/service';
import { createHazard } from '../../core/hazards/editing';
import { requireUnitByName } from '../../core/units/service';
import { hazardLedgerBytes, pledgeSummaryBytes } from '../../core/exports/registers';
import { listExportBytes } from '../../core/exports/lists';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfText } from '../helpers/pdf';

let ctx: TestCtx;
const LONG =
  '厂区东侧液化石油气瓶组间未设置可燃气体浓度报警装置，气瓶与明火作业点间距不足十米，且瓶组间内堆放杂物，通风不良，存在较大火灾爆炸风险';
beforeAll(() => {
  ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') });
  fillDemo(ctx, { hazards: 40 });
  createHazard(ctx, {
    enterpriseName: '禹州市神垕镇鑫源钧瓷有限公司',
    townshipUnitId: requireUnitByName(ctx, '神垕镇').id,
    industry: '工贸',
    description: LONG,
    foundDate: '2024-05-20',
    level: '重大',
    responsibleUnit: '禹州市神垕镇鑫源钧瓷有限公司',
    responsiblePerson: '王强',
    measures: '增设可燃气体浓度报警装置并与紧急切断阀联锁；清理瓶组间杂物，设置机械通风',
    fundsFen: 1_250_000, // 1.25 万元
    deadlineDate: '2024-06-30',
    status: '整改中',
  });
});
afterAll(() => ctx.close());

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const widths = (ws: ExcelJS.Worksheet) =>
  Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 9);
const paperOf = (ws: ExcelJS.Worksheet) => (Number(ws.pageSetup.paperSize) === 8 ? 'A3' : 'A4');

/** The smallest body text size a sheet prints at, for a digit width (px) of the default font. */
function printedPt(ws: ExcelJS.Worksheet, digitPx: number): number {
  const body = ws.getRow(Number(ws.pageSetup.printTitlesRow!.split(':')[1]) + 1).getCell(2).font!.size!;
  const scale = ws.pageSetup.fitToPage
    ? printScale(widths(ws), paperOf(ws), digitPx)
    : (ws.pageSetup.scale ?? 100) / 100;
  return body * scale;
}

/** Print settings every register sheet shares. */
function expectPrintReady(ws: ExcelJS.Worksheet, headerRows: string) {
  expect(ws.pageSetup).toMatchObject({
    orientation: 'landscape',
    printTitlesRow: headerRows,
    horizontalCentered: true,
  });
  expect(ws.pageSetup.margins).toMatchObject({ left: 0.6, right: 0.4, top: 0.7, bottom: 0.7 });
  expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  if (ws.pageSetup.fitToPage) expect(ws.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
  // ≥ 9 pt whether the default font is Calibri (Excel, WPS) or the wider fallback (LibreOffice without Calibri)
  expect(printedPt(ws, DIGIT_PX.calibri)).toBeGreaterThanOrEqual(9);
  expect(printedPt(ws, DIGIT_PX.fallback)).toBeGreaterThanOrEqual(9);
  // body and header fonts: 仿宋 / 黑体 11 pt
  const first = Number(ws.pageSetup.printTitlesRow!.split(':')[1]) + 1;
  expect(ws.getRow(first).getCell(2).font).toMatchObject({ name: '仿宋', size: 11 });
  expect(ws.getRow(first - 1).getCell(2).font).toMatchObject({ name: '黑体', size: 11 });
}

/** Date and number cells fit their columns in Excel (仿宋 11 pt digits half an em, 5 px of cell padding): no ####. */
function expectNumbersFit(ws: ExcelJS.Worksheet, from: number) {
  const w = widths(ws);
  for (let r = from; r <= ws.rowCount; r++) {
    for (let c = 1; c <= w.length; c++) {
      const cell = ws.getRow(r).getCell(c);
      const v = cell.value;
      let shown = '';
      if (v instanceof Date) shown = '2024-03-05';
      else if (typeof v === 'number' && cell.numFmt)
        shown = v.toLocaleString('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: cell.numFmt.includes('##') ? 4 : 2,
        });
      if (!shown) continue;
      const px = shown.length * 0.5 * 11 * (96 / 72);
      expect(px, `row ${r} column ${c}: ${shown}`).toBeLessThanOrEqual(columnPx(w[c - 1]!, DIGIT_PX.calibri) - 5);
    }
  }
}

/** Every wrapped text cell's row is tall enough for the lines its text needs in its column. */
function expectRowsFitText(ws: ExcelJS.Worksheet, from: number, to: number) {
  const w = widths(ws);
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= w.length; c++) {
      const v = row.getCell(c).value;
      if (typeof v !== 'string' || !v) continue;
      const lines = estimateLines(v, w[c - 1]!, 11);
      expect(row.height, `row ${r} column ${c}: ${v}`).toBeGreaterThanOrEqual(lines * 11 * 1.25);
    }
  }
}

describe('print-ready registers', () => {
  it('hazard ledger: A4 at ≥ 9 pt with the columns that fit, the full set on an A3 sheet, rows grown for long text', async () => {
    const wb = await load(await hazardLedgerBytes(ctx, {}));
    const [ws, full] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expectPrintReady(ws, '3:4');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.columnCount).toBe(14);
    expectPrintReady(full, '3:4');
    expect(full.pageSetup.paperSize).toBe(8);
    expect(full.columnCount).toBe(21);
    expect(full.rowCount).toBe(ws.rowCount);

    // the hazard with the long description: its row is several lines high, well above a one-line row
    let long = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(5).value === LONG) long = n;
    });
    expect(long).toBeGreaterThan(4);
    const row = ws.getRow(long);
    expect(estimateLines(LONG, ws.getColumn(5).width!, 11)).toBeGreaterThanOrEqual(4);
    expect(row.height).toBeGreaterThanOrEqual(4 * 11 * 1.25);
    expect(row.getCell(5).alignment).toMatchObject({ wrapText: true });
    expect(row.getCell(10).value).toBe(1.25);
    expect(row.getCell(10).numFmt).toBe('#,##0.00##');
    expect(row.getCell(11).value).toEqual(new Date(Date.UTC(2024, 5, 30)));
    expect(row.getCell(11).numFmt).toBe('yyyy-mm-dd');
    expect(full.getRow(long).getCell(13).value).toBe(12500);
    // 责任单位 that is the hazard's own unit: 本单位 on the A4 sheet, the name on the full sheet
    expect(row.getCell(8).value).toBe('本单位\n王强');
    expect(full.getRow(long).getCell(11).value).toBe('禹州市神垕镇鑫源钧瓷有限公司　王强');
    expectRowsFitText(ws, 5, ws.rowCount - 1);
    expectRowsFitText(full, 5, full.rowCount - 1);
    expectNumbersFit(ws, 5);
    expectNumbersFit(full, 5);
    // every hazard row: funds are numbers (never text), dates are dates
    for (let r = 5; r < ws.rowCount; r++) {
      const funds = ws.getRow(r).getCell(10).value;
      expect(funds === null || typeof funds === 'number').toBe(true);
      expect(ws.getRow(r).getCell(7).value).toBeInstanceOf(Date);
    }
  });

  it('明白书汇总, board, 催报清单 and the statistics print at ≥ 9 pt with dates and rates as numbers', async () => {
    const pledges = (await load(await pledgeSummaryBytes(ctx, {}))).worksheets[0]!;
    expectPrintReady(pledges, '3:4');
    expectRowsFitText(pledges, 5, pledges.rowCount);
    expectNumbersFit(pledges, 5);
    const talk = pledges.getRow(5).getCell(8);
    expect(talk.value).toBeInstanceOf(Date);
    expect(talk.numFmt).toBe('yyyy-mm-dd');

    const board = (await load(await listExportBytes(ctx, { list: 'board', filter: {} }))).worksheets[0]!;
    expectPrintReady(board, '3:4');
    expectRowsFitText(board, 5, board.rowCount);

    const chase = (await load(await chaseWorkbookBytes(ctx, {}))).worksheets[0]!;
    expectPrintReady(chase, '3:3');
    expectRowsFitText(chase, 4, chase.rowCount);
    expectNumbersFit(chase, 4);
    const deadlines = Array.from({ length: chase.rowCount - 3 }, (_, i) => chase.getRow(i + 4).getCell(6).value).filter(
      Boolean,
    );
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(d).toBeInstanceOf(Date);

    const stats = await load(await statsWorkbookBytes(ctx, { from: '2023-01-01', to: '2024-06-01' }));
    for (const ws of stats.worksheets) {
      expectPrintReady(ws, '3:4');
      const total = ws.getRow(ws.rowCount);
      expect(total.getCell(1).value).toBe('合计');
      expect(typeof total.getCell(7).value).toBe('number');
      expect(total.getCell(7).numFmt).toBe('0.0%');
      expect(total.getCell(7).value as number).toBeLessThanOrEqual(1);
    }
  });

  it('a board wider than a page prints at 100 % across pages with 序号 and 单位 repeated, never shrunk below 9 pt', async () => {
    const { returnBoardWorkbook } = await import('../../core/exports/registersXlsx');
    const columns = Array.from({ length: 12 }, (_, i) => ({
      key: `k${i}`,
      noticeId: i,
      docNo: `禹安办〔2024〕${i + 1}号`,
      noticeTitle: '通知',
      kind: 'report',
      label: '自查报告',
    }));
    const buf = await returnBoardWorkbook(
      {
        today: '2024-06-01',
        columns,
        rows: [{ unitId: 1, unitName: '方山镇', unitKind: '乡镇', contact: null, phone: null, cells: {}, late: 0 }],
        totals: { 未交: 0, 逾期: 0, 退回修改: 0, 已交: 0, 逾期补交: 0 },
      } as never,
      { office: '禹州市安委办' },
    );
    const ws = (await load(buf)).worksheets[0]!;
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.scale).toBe(100);
    expect(ws.pageSetup.printTitlesColumn).toBe('A:B');
    expectPrintReady(ws, '3:4');
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((f) => fs.existsSync(f));

type PdfJs = {
  getDocument(o: object): {
    promise: Promise<{
      numPages: number;
      getPage(
        n: number,
      ): Promise<{ getTextContent(): Promise<{ items: { str: string; transform: number[] }[] }>; view: number[] }>;
    }>;
  };
};

/** Text sizes (pt) of each page of a PDF, as drawn (font size × text matrix scale). */
async function pageTextSizes(pdf: string): Promise<{ width: number; sizes: number[] }[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), verbosity: 0 }).promise;
  const out: { width: number; sizes: number[] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const items = (await page.getTextContent()).items.filter((i) => i.str.trim());
    out.push({ width: page.view[2]!, sizes: items.map((i) => Math.hypot(i.transform[0]!, i.transform[1]!)) });
  }
  return out;
}

describe.skipIf(!soffice)('the registers rendered by LibreOffice (package libreoffice-calc-nogui)', () => {
  it('print every page at ≥ 9 pt, with the header rows and page numbers on each page', async () => {
    const dir = path.join(ctx.tmp, 'render');
    fs.mkdirSync(dir);
    const files = {
      ledger: await hazardLedgerBytes(ctx, {}),
      pledges: await pledgeSummaryBytes(ctx, {}),
      board: await listExportBytes(ctx, { list: 'board', filter: {} }),
    };
    for (const [name, buf] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.xlsx`), buf);
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(files).map((n) => path.join(dir, `${n}.xlsx`)),
      ],
      { timeout: 500_000, stdio: 'ignore' },
    );
    const heading = { ledger: '隐患描述', pledges: '谈话对象', board: '单位' };
    for (const name of Object.keys(files) as (keyof typeof files)[]) {
      const pdf = path.join(dir, `${name}.pdf`);
      const pages = await pageTextSizes(pdf);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((p, i) => {
        expect(Math.min(...p.sizes), `${name} page ${i + 1}`).toBeGreaterThanOrEqual(9);
        const text = pdfText(pdf, i + 1);
        expect(text).toContain(heading[name]); // header rows repeated
        expect(text).toMatch(/第\s*\d+\s*页\s*共\s*\d+\s*页/);
        expect(text).not.toContain('###'); // dates and numbers fit their columns
      });
      if (name === 'ledger') {
        // the A4 sheet, then the full sheet on A3
        const a4 = pages.filter((p) => Math.round(p.width) === 842).length;
        expect(a4).toBeGreaterThan(0);
        expect(pages.slice(a4).every((p) => Math.round(p.width) === 1191)).toBe(true);
        expect(pdfText(pdf, 1)).toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
  }, 600_000);
});
