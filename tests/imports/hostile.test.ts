import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { commitImport } from '../../core/imports/commit';
import { FIXTURES, makeCtx, scan, tableCounts, filesUnder, type TestCtx } from '../helpers/ctx';
import { dataPaths } from '../../core/platform/context';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

/** Each hostile input: a clear Chinese error, and the register and the attachment store unchanged. */
async function refused(run: () => Promise<unknown>, message: RegExp) {
  const before = tableCounts(ctx);
  const files = filesUnder(dataPaths(ctx.dataDir).attachmentsDir);
  await expect(run()).rejects.toThrow(message);
  expect(tableCounts(ctx)).toEqual(before);
  expect(filesUnder(dataPaths(ctx.dataDir).attachmentsDir)).toEqual(files);
}

const HEADER = '序号,乡镇,隐患单位,隐患描述,隐患等级,整改状态,发现日期';

describe('hostile workbooks', () => {
  it('1,000,000 rows: refused before parsing', async () => {
    const f = path.join(ctx.tmp, '一百万行.csv');
    const line = '1,神垕镇,某厂,隐患,一般,未整改,2024-01-01\n';
    fs.writeFileSync(f, `${HEADER}\n${line.repeat(1_000_000)}`);
    await refused(() => commitImport(ctx, f), /一百万行\.csv.*1000001 行.*上限/);
  });

  it('20,000 columns: refused', async () => {
    const f = path.join(ctx.tmp, 'wide.csv');
    fs.writeFileSync(
      f,
      `${HEADER},${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n1,神垕镇,某厂,隐患,一般,未整改,2024-01-01\n`,
    );
    await refused(() => commitImport(ctx, f), /wide\.csv.*20007 列/);
  });

  it('1 MB in one cell: that row is an error and nothing is written', async () => {
    const f = path.join(ctx.tmp, 'big-cell.csv');
    fs.writeFileSync(
      f,
      `${HEADER}\n1,神垕镇,某厂,${'隐'.repeat(1_000_000)},一般,未整改,2024-01-01\n2,神垕镇,某厂,配电箱未接地,一般,未整改,2024-01-02\n`,
    );
    const before = tableCounts(ctx);
    const r = await commitImport(ctx, f);
    expect(r.committed).toBe(false);
    expect(r.errors[0]!.message).toMatch(/第2行 D列 内容过长（1000000 字/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(await commitImport(ctx, f, { skipErrors: true })).toMatchObject({ committed: true });
    expect(tableCounts(ctx).hazards).toBe(1);
  });

  it('formulas with errors: the cells are flagged, not crashed on', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(HEADER.split(','));
    ws.addRow([1, '神垕镇', '某厂', '隐患描述', '一般', '未整改', { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.addRow([2, '神垕镇', '某厂', { formula: 'A1&', result: { error: '#NAME?' } }, '一般', '未整改', '2024-01-02']);
    const f = path.join(ctx.tmp, 'formula-errors.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await commitImport(ctx, f);
    expect(r.errors.length + r.warnings.length).toBeGreaterThan(0);
    expect(JSON.stringify([...r.errors, ...r.warnings])).toMatch(/#DIV\/0!|#NAME\?/);
  });

  it('empty file, wrong extension, a path with unusual characters', async () => {
    const empty = path.join(ctx.tmp, '空.xlsx');
    fs.writeFileSync(empty, '');
    await refused(() => commitImport(ctx, empty), /空/);
    const weird = path.join(ctx.tmp, "乡镇 #1 & 'x' (副本)【终版】.txt");
    fs.copyFileSync(path.join(FIXTURES, 'returns', '古城镇_隐患台账_GBK.csv'), weird);
    const r = await commitImport(ctx, weird);
    expect(r).toMatchObject({ committed: true, rows: 12 });
    const pdfAsXlsx = path.join(ctx.tmp, 'scan.xlsx');
    fs.copyFileSync(scan('zicha-baogao-3pages.pdf'), pdfAsXlsx);
    await refused(() => commitImport(ctx, pdfAsXlsx), /scan\.xlsx/);
  });
});

describe('hostile attachments', () => {
  it('an encrypted PDF is refused in Chinese', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.encrypt({ userPassword: 'x', ownerPassword: 'y' });
    const f = path.join(ctx.tmp, '加密.pdf');
    fs.writeFileSync(f, await doc.save());
    await refused(() => storeScan(ctx, f), /加密/);
  });

  it('a 100-megapixel image is refused before anything is stored', async () => {
    // A JPEG whose SOF declares 10000×10000: only the header is needed for the check.
    const buf = fs.readFileSync(scan('mingbaishu-scan.jpg'));
    const i = buf.findIndex((b, k) => b === 0xff && buf[k + 1] === 0xc0);
    const huge = Buffer.from(buf);
    huge.writeUInt16BE(10000, i + 5);
    huge.writeUInt16BE(10000, i + 7);
    const f = path.join(ctx.tmp, 'huge.jpg');
    fs.writeFileSync(f, huge);
    await refused(() => storeScan(ctx, f), /过大.*10000×10000/);
  });

  it.each([
    ['damaged-scan.pdf', /已损坏/],
    ['empty.pdf', /空文件/],
  ])('%s is refused', async (name, msg) => {
    await refused(() => storeScan(ctx, scan(name)), msg);
  });

  it('a CMYK JPEG and a sideways scan are accepted', async () => {
    expect((await storeScan(ctx, scan('mingbaishu-scan-cmyk.jpg'))).mime).toBe('image/jpeg');
    expect((await storeScan(ctx, scan('mingbaishu-scan-sideways.jpg'))).mime).toBe('image/jpeg');
  });
});
