/**
 * What the readers must not refuse, and what they must refuse with the real reason (issues #11 and #13): each
 * file is made here (new names, new values) and goes through the import service.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/platform/errors';
import { parseCsvChecked } from '../../core/imports/parse/csv';
import { listHazards } from '../../core/hazards/service';
import { commitImport } from '../../core/imports/commit';
import { planImport } from '../../core/imports/preview';
import { makeCtx, tableCounts, type TestCtx, FIXTURES } from '../helpers/ctx';
import { rawPackage, rowXml, sheetXml } from '../helpers/packages';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

const HEADER = ['序号', '乡镇', '隐患单位', '隐患描述', '隐患等级', '整改状态', '发现日期'];
const HAZARDS = [
  [1, '浅井镇', '鸿泰耐材厂', '除尘器未设泄爆装置', '一般', '未整改', '2024-04-02'],
  [2, '浅井镇', '鸿泰耐材厂', '叉车司机无证驾驶', '一般', '已整改', '2024-04-03'],
  [3, '浅井镇', '金鼎物流园', '冷库氨制冷机房无报警装置', '重大', '整改中', '2024-04-08'],
];

function write(name: string, bytes: Buffer | string): string {
  const f = path.join(ctx.tmp, name);
  fs.writeFileSync(f, bytes);
  return f;
}

async function refusal(file: string): Promise<AppError> {
  const before = tableCounts(ctx);
  const err = await commitImport(ctx, file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(tableCounts(ctx)).toEqual(before);
  return err as AppError;
}

async function imports(file: string, rows = HAZARDS.length) {
  const r = await commitImport(ctx, file);
  expect(r.errors).toEqual([]);
  expect(r).toMatchObject({ committed: true, rows });
  expect(tableCounts(ctx).hazards).toBe(rows);
  return r;
}

const csvLine = (cells: (string | number)[]) => cells.join(',');

describe('CSV: a quote that never closes', () => {
  it('is refused naming its line, and nothing is stored', async () => {
    const text = [
      csvLine(HEADER),
      csvLine(HAZARDS[0]!),
      '2,浅井镇,鸿泰耐材厂,"叉车司机无证驾驶,一般,已整改,2024-04-03',
      csvLine(HAZARDS[2]!),
      '4,浅井镇,金鼎物流园,消防通道堵塞,一般,未整改,2024-04-09',
    ].join('\r\n');
    const f = write('浅井镇_隐患台账_引号.csv', `${text}\r\n`);
    const err = await refusal(f);
    expect(err.message).toMatch(/^文件“浅井镇_隐患台账_引号\.csv”第3行有一个引号（"）没有配对.*在第3行补上缺少的引号/);
    expect(parseCsvChecked(text).unclosedLine).toBe(3);
    // Closed properly, with a line break inside the quotes, it imports.
    const good = text.replace('"叉车司机无证驾驶,', '"叉车司机\r\n无证驾驶",');
    expect(parseCsvChecked(good).unclosedLine).toBeNull();
    await imports(write('浅井镇_隐患台账_引号已补.csv', good), 4);
  });
});

describe('row limits count rows with values', () => {
  it('an .xlsx with empty cells down to row 1,048,576 imports its rows', async () => {
    const rows = [rowXml(1, HEADER), ...HAZARDS.map((h, i) => rowXml(i + 2, h))];
    // Empty cells without a style (a row exists for exceljs' reader) and styled ones, to the last row.
    for (let r = 5; r <= 1_048_576; r++)
      rows.push(
        r % 2 ? `<row r="${r}"><c r="A${r}"/><c r="G${r}"/></row>` : `<row r="${r}"><c r="B${r}" s="1"/></row>`,
      );
    await imports(
      write(
        '浅井镇_格式到底.xlsx',
        rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(rows.join(''))] }),
      ),
    );
  }, 120_000);

  it('a CSV with 400,000 empty separator lines after its rows imports them', async () => {
    const text = [csvLine(HEADER), ...HAZARDS.map(csvLine), ...Array.from({ length: 400_000 }, () => ',,,,,,')].join(
      '\r\n',
    );
    await imports(write('浅井镇_空行.csv', text));
  }, 120_000);
});

describe('packages found through their relationships', () => {
  it('a valid package whose workbook is not at xl/workbook.xml', async () => {
    const f = write(
      '浅井镇_其他软件导出.xlsx',
      rawPackage({
        dir: 'book/',
        sheets: [{ name: '隐患台账', part: 0 }],
        parts: [sheetXml([rowXml(1, HEADER), ...HAZARDS.map((h, i) => rowXml(i + 2, h))].join(''))],
      }),
    );
    await imports(f);
  });
});

describe('.xls, .et and .ods', () => {
  const xlsFixture = () => fs.readFileSync(path.join(FIXTURES, 'returns', '火龙镇_隐患排查治理台账_一季度.xls'));

  it('a BIFF8 file whose stream is named WORKBOOK (any case) is read', async () => {
    const xls = Buffer.from(xlsFixture());
    const at = xls.indexOf(Buffer.from('Workbook', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    Buffer.from('WORKBOOK', 'utf16le').copy(xls, at);
    expect(xls.indexOf(Buffer.from('Workbook', 'utf16le'))).toBe(-1);
    await imports(write('火龙镇_二季度_大写流名.xls', xls), 30);
  });

  it('a WPS .et file (BIFF in an OLE file, stream WorkBook) is read', async () => {
    const et = Buffer.from(xlsFixture());
    Buffer.from('WorkBook', 'utf16le').copy(et, et.indexOf(Buffer.from('Workbook', 'utf16le')));
    await imports(write('火龙镇_隐患台账.et', et), 30);
  });

  it('an OpenDocument spreadsheet (.ods) is read through SheetJS', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['浅井镇隐患排查台账'], HEADER, ...HAZARDS]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '台账');
    const ods = XLSX.write(wb, { bookType: 'ods', type: 'buffer' }) as Buffer;
    await imports(write('浅井镇_隐患台账.ods', ods));
    const stored = listHazards(ctx, {}).rows.map((h) => [h.enterpriseName, h.description, h.level, h.foundDate]);
    expect(stored).toContainEqual(['金鼎物流园', '冷库氨制冷机房无报警装置', '重大', '2024-04-08']);
  });

  it('a small text file named .xls is “not a spreadsheet”, not “找不到表头”', async () => {
    const f = write('六月报表.xls', '这是一个测试文件，请勿导入。\r\n联系人：王科员 13800000000\r\n');
    const err = await refusal(f);
    expect(err.message).toMatch(/^文件“六月报表\.xls”不是电子表格文件/);
    expect(err.message).not.toMatch(/表头/);
    // A real CSV export under an .xls name is still read.
    await imports(write('浅井镇_导出.xls', [csvLine(HEADER), ...HAZARDS.map(csvLine)].join('\r\n')));
  });
});

describe('cell values', () => {
  it('a t="d" date with a zone keeps the calendar day written', async () => {
    const date = (iso: string) => ({ xml: `<c r="$REF" t="d"><v>${iso}</v></c>` });
    const rows = [
      rowXml(1, HEADER),
      rowXml(2, [1, '浅井镇', '鸿泰耐材厂', '除尘器未设泄爆装置', '一般', '未整改', date('2024-03-05T00:00:00+08:00')]),
      rowXml(3, [2, '浅井镇', '金鼎物流园', '消防通道堵塞', '一般', '未整改', date('2024-03-06T23:30:00-05:00')]),
      rowXml(4, [3, '浅井镇', '金鼎物流园', '配电室无挡鼠板', '一般', '未整改', date('2024-03-07')]),
    ];
    const f = write(
      '浅井镇_日期类型.xlsx',
      rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(rows.join(''))] }),
    );
    await imports(f);
    const days = listHazards(ctx, {})
      .rows.map((h) => h.foundDate)
      .sort();
    expect(days).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
  });
});

describe('bytes that are not UTF-8 in a shared string', () => {
  it('give a warning naming the cell, and the row is still imported', async () => {
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const texts = ['浅井镇', '鸿泰耐材厂', '除尘器未设泄爆装置', '一般', '未整改'];
    // String 5: "叉车" + two bytes that cannot start a UTF-8 character + "无证驾驶".
    const bad = Buffer.concat([
      Buffer.from('<si><t>叉车'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('无证驾驶</t></si>'),
    ]);
    const sst = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`),
      ...texts.map((t) => Buffer.from(`<si><t>${t}</t></si>`)),
      bad,
      Buffer.from('</sst>'),
    ]);
    const s = (i: number) => ({ xml: `<c r="$REF" t="s"><v>${i}</v></c>` });
    const rows = [
      rowXml(1, HEADER),
      rowXml(2, [1, s(0), s(1), s(2), s(3), s(4), '2024-04-02']),
      rowXml(3, [2, s(0), s(1), s(5), s(3), s(4), '2024-04-03']),
    ];
    const f = write(
      '浅井镇_乱码.xlsx',
      rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(rows.join(''))], sharedStrings: sst }),
    );
    const r = await commitImport(ctx, f);
    expect(r).toMatchObject({ committed: true, rows: 2 });
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^第3行 D列 的文字含有无法识别的字节/),
    );
    expect(r.warnings.filter((w) => /无法识别的字节/.test(w.message))).toHaveLength(1);
  });
});

describe('preview', () => {
  it('plans without writing', async () => {
    const before = tableCounts(ctx);
    const plan = await planImport(ctx, write('浅井镇.csv', [csvLine(HEADER), ...HAZARDS.map(csvLine)].join('\n')));
    expect(plan.rowsTaken).toBe(3);
    expect(tableCounts(ctx)).toEqual(before);
  });
});
