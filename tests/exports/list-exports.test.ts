/**
 * 导出 on the list pages: the workbook holds exactly the rows the page lists under its filters (cell for cell),
 * its title row names the filter, it is print-ready, and it goes through the save dialog (cancel writes nothing).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { returnBoard } from '../../core/returns/board';
import { fillDemo } from '../../core/demo/service';
import { listHazards } from '../../core/hazards/service';
import { DIGIT_PX, printScale } from '../../core/exports/xlsx';
import { listExportBytes, type ListExport } from '../../core/exports/lists';
import { listPledges } from '../../core/pledges/service';
import { listReturns } from '../../core/returns/service';
import { listUnits, requireUnitByName } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeAll(() => {
  ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') });
  fillDemo(ctx, { hazards: 200 });
});
afterAll(() => ctx.close());

async function load(buf: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof buf === 'string') await wb.xlsx.readFile(buf);
  else await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The body rows of a print sheet (after its repeated header rows), as plain values. */
function body(ws: ExcelJS.Worksheet, footerRows = 0): unknown[][] {
  const last = Number(ws.pageSetup.printTitlesRow!.split(':')[1]);
  const out: unknown[][] = [];
  for (let r = last + 1; r <= ws.rowCount - footerRows; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value));
  }
  return out;
}

const dateCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : '');

describe('list exports', () => {
  it('隐患台账: the filtered rows only, the filter in the title row; print-ready', async () => {
    const township = requireUnitByName(ctx, '方山镇');
    const filter = { townshipUnitIds: [township.id], levels: ['一般' as const], statuses: ['未整改' as const] };
    const listed = listHazards(ctx, { ...filter, limit: 1000 });
    expect(listed.total).toBeGreaterThan(0);
    const all = listHazards(ctx, { limit: 1 }).total;
    expect(listed.total).toBeLessThan(all);

    ctx.ports.savePath = path.join(ctx.tmp, '台账');
    const r = await dispatch(ctx, 'hazards:export', filter);
    expect(r.ok).toBe(true);
    const file = (r as { data: { file: string } }).data.file;
    expect(file).toBe(path.join(ctx.tmp, '台账.xlsx'));
    expect(ctx.ports.opened).toContain(file);
    const ws = (await load(file)).getWorksheet('隐患台账')!;
    expect(ws.getCell('A1').value).toBe('隐患排查治理台账（筛选：方山镇；一般；未整改）');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:4' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
    const rows = body(ws, 1);
    expect(rows).toHaveLength(listed.total);
    // the same hazards as the page: 隐患单位 + 隐患描述 + 发现日期 of every listed row, nothing else
    const key = (a: unknown, b: unknown, c: unknown) => `${String(a)}|${String(b)}|${String(c)}`;
    expect(rows.map((x) => key(x[2], x[4], (x[6] as Date).toISOString().slice(0, 10))).sort()).toEqual(
      listed.rows.map((h) => key(h.enterpriseName, h.description, h.foundDate)).sort(),
    );
    expect(new Set(rows.map((x) => x[1]))).toEqual(new Set(['方山镇']));
    expect(new Set(rows.map((x) => x[5]))).toEqual(new Set(['一般']));
    expect(rows.every((x) => String(x[12]).startsWith('未整改'))).toBe(true);
  });

  it('no filter: the title says so and every hazard is there', async () => {
    const wb = await load(await listExportBytes(ctx, { list: 'hazards', filter: {} }));
    const ws = wb.getWorksheet('隐患台账')!;
    expect(ws.getCell('A1').value).toBe('隐患排查治理台账（筛选：无（全部））');
    expect(body(ws, 1)).toHaveLength(listHazards(ctx, { limit: 1 }).total);
  });

  it('明白书: the page’s filter and order, cell for cell', async () => {
    const unsigned = { signed: 'unsigned' as const, sortField: 'talkeeName' as const, sortOrder: 'asc' as const };
    const page = listPledges(ctx, { ...unsigned, pageSize: 500 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.total).toBeLessThan(listPledges(ctx, {}).total);
    const ws = (await load(await listExportBytes(ctx, { list: 'pledges', filter: unsigned }))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('安全生产责任明白书签订情况汇总表（筛选：未签订）');
    const rows = body(ws);
    expect(rows.map((x) => [x[4], x[5], x[6], x[9]])).toEqual(
      page.rows.map((p) => [p.talkeeName, p.talkeeUnitName, p.talkeeTitle, '未签订']),
    );
  });

  it('报送登记: the listed returns, the filter (notice, kind, status) in the title', async () => {
    const all = listReturns(ctx, { latestOnly: true });
    expect(all.length).toBeGreaterThan(1);
    const first = all[0]!;
    const filter = { noticeId: first.noticeId!, kind: first.kind, latestOnly: true };
    const listed = listReturns(ctx, filter);
    ctx.ports.savePath = path.join(ctx.tmp, '报送登记.xlsx');
    const r = await dispatch(ctx, 'returns:export', filter);
    expect(r.ok).toBe(true);
    const ws = (await load(path.join(ctx.tmp, '报送登记.xlsx'))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(`材料报送登记表（筛选：通知 ${first.docNo}；${first.kindLabel}）`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:3' });
    expect(body(ws).map((x) => [x[1], x[2], x[3], x[6], x[7]])).toEqual(
      listed.map((x) => [x.unitName, x.docNo, x.kindLabel, dateCell(x.receivedDate), x.status]),
    );
  });

  it('单位名录: kind and search applied; the board: a notice and 只看逾期', async () => {
    const units = listUnits(ctx, { kind: '乡镇', search: '镇' });
    expect(units.length).toBeGreaterThan(1);
    const ws = (await load(await listExportBytes(ctx, { list: 'units', filter: { kind: '乡镇', search: '镇' } })))
      .worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('单位名录（筛选：乡镇；含“镇”）');
    expect(body(ws).map((x) => [x[1], x[2]])).toEqual(units.map((u) => [u.name, '乡镇']));

    const board = returnBoard(ctx, { onlyLate: true });
    expect(board.rows.length).toBeGreaterThan(0);
    const bs = (await load(await listExportBytes(ctx, { list: 'board', filter: { onlyLate: true } }))).worksheets[0]!;
    expect(bs.getCell('A1').value).toBe('材料报送情况跟踪表（筛选：只看逾期和退回）');
    expect(body(bs).map((x) => x[1])).toEqual(board.rows.map((u) => u.unitName));
  });

  it('cancelled save dialog: nothing written, null; a bad filter is refused in Chinese', async () => {
    const before = fs.readdirSync(ctx.tmp).length;
    ctx.ports.savePath = null;
    const r = await dispatch(ctx, 'units:export', {});
    expect(r).toEqual({ ok: true, data: null });
    expect(fs.readdirSync(ctx.tmp).length).toBe(before);
    const bad = await dispatch(ctx, 'hazards:export', { levels: ['特大'] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/^输入有误：/);
    expect(fs.readdirSync(ctx.tmp).length).toBe(before);
  });

  it('every list prints A4 landscape at ≥ 9 pt, header rows repeated, page numbers', async () => {
    const all: ListExport[] = [
      { list: 'hazards', filter: {} },
      { list: 'pledges', filter: {} },
      { list: 'returns', filter: { latestOnly: true } },
      { list: 'units', filter: {} },
      { list: 'board', filter: {} },
    ];
    for (const x of all) {
      const ws = (await load(await listExportBytes(ctx, x))).worksheets[0]!;
      expect(ws.pageSetup, x.list).toMatchObject({ orientation: 'landscape', paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow, x.list).toMatch(/^3:[34]$/);
      expect(ws.headerFooter.oddFooter, x.list).toBe('&C第 &P 页 共 &N 页');
      const first = Number(ws.pageSetup.printTitlesRow!.split(':')[1]) + 1;
      const size = ws.getRow(first).getCell(2).font!.size!;
      const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 9);
      for (const digit of [DIGIT_PX.calibri, DIGIT_PX.fallback]) {
        const scale = ws.pageSetup.fitToPage ? printScale(widths, 'A4', digit) : (ws.pageSetup.scale ?? 100) / 100;
        expect(size * scale, `${x.list} at ${digit} px digits`).toBeGreaterThanOrEqual(9);
      }
    }
  });

  it('the 案卷归档 register export keeps its plain title (whole county)', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, '全县台账.xlsx');
    const r = await dispatch(ctx, 'exports:ledger', {});
    expect(r.ok).toBe(true);
    const ws = (await load(path.join(ctx.tmp, '全县台账.xlsx'))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('隐患排查治理台账');
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((f) => fs.existsSync(f));

describe.skipIf(!soffice)('the new list sheets rendered by LibreOffice', () => {
  it('报送登记 and 单位名录 print at ≥ 9 pt with the header row and page numbers on every page', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = path.join(ctx.tmp, 'render');
    fs.mkdirSync(dir);
    const files = {
      returns: await listExportBytes(ctx, { list: 'returns', filter: { latestOnly: false } }),
      units: await listExportBytes(ctx, { list: 'units', filter: {} }),
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
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const heading = { returns: '材料题名', units: '单位名称' };
    for (const name of Object.keys(files) as (keyof typeof files)[]) {
      const pdf = path.join(dir, `${name}.pdf`);
      const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), verbosity: 0 }).promise;
      expect(doc.numPages).toBeGreaterThanOrEqual(1);
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const items = (await page.getTextContent()).items.filter(
          (i): i is typeof i & { str: string; transform: number[] } => 'str' in i && i.str.trim() !== '',
        );
        const sizes = items.map((i) => Math.hypot(i.transform[0]!, i.transform[1]!));
        expect(Math.min(...sizes), `${name} page ${p}`).toBeGreaterThanOrEqual(9);
        expect(page.view[2]!, `${name} page ${p} landscape`).toBeGreaterThan(page.view[3]!);
        const text = items.map((i) => i.str).join('');
        expect(text, `${name} page ${p}`).toContain(heading[name]);
        expect(text.replace(/\s+/g, '')).toMatch(/第\d+页共\d+页/);
        expect(text).not.toContain('###');
      }
    }
  });
});
