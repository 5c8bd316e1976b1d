import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv } from '../../core/imports/parse/csv';
import { cellText, isCellError, NO_RESULT, normaliseCell, parseRangeRef } from '../../core/imports/parse/grid';
import { checkZipLimits, IMPORT_LIMITS, readZipDirectory } from '../../core/imports/parse/limits';
import { parseReturn, parseWorkbook } from '../../core/imports/parse/parse';
import { readReturnBuffer, readReturnFile } from '../../core/imports/parse/readers';
import { appError, fixture, tempFile, xlsxBuffer } from './helpers';

describe('normaliseCell: every exceljs value shape', () => {
  it.each([
    ['null', null, null],
    ['undefined', undefined, null],
    ['empty string', '', null],
    ['string', '神垕镇', '神垕镇'],
    ['number', 4.97, 4.97],
    ['boolean', true, true],
    [
      'rich text',
      { richText: [{ font: { bold: true }, text: '危险化学品仓' }, { text: '库未设置防爆电气' }] },
      '危险化学品仓库未设置防爆电气',
    ],
    ['formula with result', { formula: 'SUM(A1:A2)', result: 7 }, 7],
    ['formula with string result', { formula: 'A1&B1', result: '方山镇' }, '方山镇'],
    [
      'formula with error result',
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { error: '#DIV/0!', formula: '1/0' },
    ],
    ['formula without result', { formula: 'A1*2' }, { error: NO_RESULT, formula: 'A1*2' }],
    ['shared formula', { sharedFormula: 'A2', result: 3 }, 3],
    ['hyperlink', { text: '神垕镇中心加油站', hyperlink: 'https://example.org/x' }, '神垕镇中心加油站'],
    [
      'hyperlink with rich text',
      { text: { richText: [{ text: '火龙' }, { text: '镇' }] }, hyperlink: 'mailto:a@b.c' },
      '火龙镇',
    ],
    ['error', { error: '#N/A' }, { error: '#N/A' }],
  ])('%s', (_, value, expected) => {
    expect(normaliseCell(value)).toEqual(expected);
  });

  it('keeps Dates (and rejects invalid ones)', () => {
    const d = new Date('2024-03-05T00:00:00Z');
    expect(normaliseCell(d)).toBe(d);
    expect(isCellError(normaliseCell(new Date(NaN)))).toBe(true);
  });

  it('shows cells as text without float noise', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(new Date('2024-03-05T00:00:00Z'))).toBe('2024-03-05');
    expect(cellText({ error: NO_RESULT, formula: 'A1*2' })).toBe('=A1*2');
    expect(parseRangeRef('B3:C10')).toEqual({ top: 2, left: 1, bottom: 9, right: 2 });
  });
});

describe('xlsx through exceljs', () => {
  it('reads formulas, hyperlinks, errors, merges and hidden sheets into the grid', async () => {
    const buf = await xlsxBuffer((wb) => {
      const hidden = wb.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.getCell('A1').value = 'x';
      const ws = wb.addWorksheet('数据');
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:C1');
      ws.getCell('A2').value = { formula: 'B2*2', result: 10 };
      ws.getCell('B2').value = 5;
      ws.getCell('C2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('A3').value = { text: '神垕镇中心加油站', hyperlink: 'https://example.org' };
      ws.getCell('B3').value = { error: '#N/A' };
      ws.getCell('C3').value = { formula: 'B2+1' };
    });
    const wb = await readReturnBuffer(buf, '合成.xlsx');
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['隐藏', true],
      ['数据', false],
    ]);
    const s = wb.sheets[1]!;
    expect(s.rows[0]).toEqual(['标题']); // slaves B1, C1 stay empty
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(s.rows[1]).toEqual([10, 5, { error: '#DIV/0!', formula: '1/0' }]);
    expect(s.rows[2]).toEqual(['神垕镇中心加油站', { error: '#N/A' }, { error: NO_RESULT, formula: 'B2+1' }]);
  });

  it('reads shared formulas by their cached results', async () => {
    const buf = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('资金');
      [1, 2, 3].forEach((n, i) => (ws.getCell(`B${i + 1}`).value = n));
      ws.getCell('A1').value = {
        formula: 'B1*2',
        result: 2,
        shareType: 'shared',
        ref: 'A1:A3',
      } as ExcelJS.CellFormulaValue;
      ws.getCell('A2').value = { sharedFormula: 'A1', result: 4 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('A3').value = { sharedFormula: 'A1', result: 6 } as ExcelJS.CellSharedFormulaValue;
    });
    const wb = await readReturnBuffer(buf, '共享公式.xlsx');
    expect(wb.sheets[0]!.rows).toEqual([
      [2, 1],
      [4, 2],
      [6, 3],
    ]);
  });

  it('honours the 1904 date system for dates and for serial numbers in date columns', async () => {
    const buf = await xlsxBuffer((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('台账');
      ws.addRow(['企业名称', '隐患描述', '排查时间', '整改完成时间']);
      ws.addRow(['方山镇加油站', '消防设施损坏', new Date(Date.UTC(2024, 2, 5)), 43894]);
    });
    const wb = await readReturnBuffer(buf, '方山镇_1904.xlsx');
    expect(wb.date1904).toBe(true);
    const p = parseWorkbook(wb);
    if (p.kind !== 'hazard') throw new Error('expected hazard');
    expect(p.rows[0]!.values.foundDate).toBe('2024-03-05');
    expect(p.rows[0]!.values.completedDate).toBe('2024-03-05'); // serial 43894 in the 1904 system
  });
});

describe('what a file really is, and clear refusals', () => {
  it('an empty file', async () => {
    const err = await appError(() => readReturnFile(tempFile('空表.xlsx', Buffer.alloc(0))));
    expect(err.code).toBe('FILE_INVALID');
    expect(err.message).toContain('文件“空表.xlsx”是空文件');
  });

  it('a missing file', async () => {
    const err = await appError(() => readReturnFile(tempFile('x.txt', 'a') + '.nope'));
    expect(err.code).toBe('FILE_INVALID');
    expect(err.message).toContain('无法打开文件');
  });

  it('an encrypted workbook (OLE container with EncryptionInfo)', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(100),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(1000),
    ]);
    const err = await appError(() => readReturnFile(tempFile('加密的台账.xlsx', ole)));
    expect(err.code).toBe('FILE_INVALID');
    expect(err.message).toBe('文件“加密的台账.xlsx”设置了打开密码，请在 Excel/WPS 中取消密码后另存再导入');
  });

  it('a zip bomb: a sheet XML declared huge in the central directory is refused before inflating', async () => {
    const buf = await xlsxBuffer((wb) => {
      wb.addWorksheet('台账').addRow(['企业名称', '隐患描述']);
    });
    const entries = readZipDirectory(buf)!;
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    // Patch the central directory record of the sheet: uncompressed size = 3 GB (ZIP64 marker avoided).
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let at = -1;
    for (
      let i = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      i >= 0;
      i = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)
    ) {
      const len = buf.readUInt16LE(i + 28);
      if (buf.subarray(i + 46, i + 46 + len).equals(name)) at = i;
    }
    expect(at).toBeGreaterThan(0);
    buf.writeUInt32LE(3 * 1024 * 1024 * 1024, at + 24);
    const err = await appError(() => readReturnBuffer(buf, '炸弹.xlsx'));
    expect(err.code).toBe('FILE_INVALID');
    expect(err.message).toContain('文件“炸弹.xlsx”中的“xl/worksheets/sheet1.xml”解压后有 3072 MB');
    expect(err.message).toContain('已拒绝导入');
  });

  it('checks the total declared size and the number of parts', () => {
    const entries = [
      { name: 'xl/worksheets/sheet1.xml', compressedSize: 1000, uncompressedSize: 400 * 1024 * 1024 },
      { name: 'xl/worksheets/sheet2.xml', compressedSize: 1000, uncompressedSize: 400 * 1024 * 1024 },
      { name: 'xl/sharedStrings.xml', compressedSize: 1000, uncompressedSize: 400 * 1024 * 1024 },
    ];
    expect(() => checkZipLimits('a.xlsx', entries.slice(0, 2))).not.toThrow();
    expect(() => checkZipLimits('a.xlsx', entries)).toThrow('解压后共 1200 MB');
    expect(() => checkZipLimits('a.xlsx', entries, { ...IMPORT_LIMITS, maxZipEntries: 2 })).toThrow(
      '包含 3 个内部文件',
    );
  });

  it('a workbook whose compressed data is corrupted', async () => {
    const buf = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('台账');
      for (let i = 0; i < 200; i++) ws.addRow(['方山镇加油站', `隐患${i}`, '一般']);
    });
    const at = buf.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
    for (let i = at; i < at + 200; i++) buf[i] = buf[i]! ^ 0x5a;
    const err = await appError(() => readReturnBuffer(buf, '坏了.xlsx'));
    expect(err.message).toContain('文件“坏了.xlsx”已损坏或不完整');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const err = await appError(() =>
      readReturnBuffer(Buffer.alloc(2048, 0x41), '大文件.csv', { ...IMPORT_LIMITS, maxFileBytes: 1024 }),
    );
    expect(err.message).toContain('超过');
    expect(err.message).toContain('“大文件.csv”');
  });

  it('an .xlsx that is really a GBK CSV is read as CSV', async () => {
    const csv = iconv.encode(
      '序号,单位名称,隐患描述,隐患等级\r\n1,方山镇加油站,"消防设施损坏，灭火器过期",重大\r\n',
      'gbk',
    );
    const p = await parseReturn(tempFile('方山镇_台账.xlsx', csv));
    expect(p.format).toBe('csv');
    if (p.kind !== 'hazard') throw new Error('expected hazard');
    expect(p.rows[0]!.values).toMatchObject({
      enterpriseName: '方山镇加油站',
      description: '消防设施损坏，灭火器过期',
      level: '重大',
    });
  });

  it('an .xls saved with an .xlsx name is read as .xls', async () => {
    const p = await parseReturn(
      tempFile('火龙镇_改名.xlsx', readFileSync(fixture('火龙镇_隐患排查治理台账_一季度.xls'))),
    );
    expect(p.format).toBe('xls');
    expect(p.rows.length).toBe(30);
  });

  it('a web page saved as .xls', async () => {
    const err = await appError(() =>
      readReturnFile(tempFile('导出.xls', '<html><body><table><tr><td>企业名称</td></tr></table></body></html>')),
    );
    expect(err.message).toContain('网页（HTML）');
  });

  it('a PDF named .xlsx', async () => {
    const err = await appError(() =>
      readReturnFile(tempFile('扫描件.xlsx', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'))),
    );
    expect(err.message).toBe(
      '文件“扫描件.xlsx”不是 Excel（.xlsx/.xls）或 CSV 文件，无法导入。请在 Excel/WPS 中打开后“另存为” .xlsx 再导入',
    );
  });

  it('a Word document (zip without a workbook)', async () => {
    const buf = await xlsxBuffer((wb) => wb.addWorksheet('a'));
    // Rename xl/workbook.xml in the central directory so the zip no longer holds a workbook.
    const i = buf.lastIndexOf(Buffer.from('xl/workbook.xml'));
    buf.write('xl/workbook.xmz', i);
    const err = await appError(() => readReturnBuffer(buf, '通知.docx'));
    expect(err.code).toBe('FILE_INVALID');
  });
});

describe('CSV', () => {
  it('decodes UTF-8 with and without BOM, GBK, and UTF-16', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('神垕镇')]))).toEqual({
      text: '神垕镇',
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from('神垕镇'))).toEqual({ text: '神垕镇', encoding: 'utf-8' });
    expect(decodeText(iconv.encode('神垕镇,火龙镇', 'gbk'))).toEqual({ text: '神垕镇,火龙镇', encoding: 'gb18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('方山镇', 'utf16le')]))).toEqual({
      text: '方山镇',
      encoding: 'utf-16le',
    });
  });

  it('parses quoted fields with commas, quotes and line breaks; CRLF', () => {
    const text =
      '序号,隐患描述,备注\r\n1,"疏散通道堆放杂物,安全出口被锁闭","他说""立即整改"""\r\n2,"第一行\r\n第二行",\r\n';
    expect(parseCsv(text)).toEqual([
      ['序号', '隐患描述', '备注'],
      ['1', '疏散通道堆放杂物,安全出口被锁闭', '他说"立即整改"'],
      ['2', '第一行\r\n第二行', ''],
    ]);
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a,b;c\n1,2;3\n')).toBe(',');
  });

  it('reads a UTF-16 tab-separated “Unicode 文本” export', async () => {
    const body = Buffer.from('单位名称\t隐患描述\t隐患等级\r\n浅井镇砖厂\t有限空间作业无审批\t一般\r\n', 'utf16le');
    const p = await parseReturn(tempFile('浅井镇.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(p.encoding).toBe('utf-16le');
    if (p.kind !== 'hazard') throw new Error('expected hazard');
    expect(p.rows[0]!.values).toMatchObject({ enterpriseName: '浅井镇砖厂', townshipName: '浅井镇' });
  });
});
