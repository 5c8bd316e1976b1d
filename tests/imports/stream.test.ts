/**
 * The streaming .xlsx reader (core/imports/parse/xlsxStream.ts): the same grid as exceljs' full reader, without the
 * U+FFFD that exceljs 4.4.0's streaming reader leaves where a chunk boundary cuts a Chinese character, with the
 * merges the sheet declares; the fallback to exceljs; zip parts that lie about their size.
 * No timings here: the figures are in `npm run bench`.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerSheets, TOWNSHIPS, writeLedger } from '../../bench/generate';
import { xlsxBytes, type WCell, type WSheet } from '../../bench/xlsxWrite';
import { NO_RESULT, parseRangeRef, type Cell, type Workbook } from '../../core/imports/parse/grid';
import { fileErrors } from '../../core/imports/parse/messages';
import { parseWorkbook } from '../../core/imports/parse/parse';
import { readReturnBuffer } from '../../core/imports/parse/readers';
import { readXlsxBuffer, readXlsxFull } from '../../core/imports/parse/xlsxReader';
import { readXlsxStream, XlsxUnsupported } from '../../core/imports/parse/xlsxStream';
import { ZipReader } from '../../core/imports/parse/xlsxStreamZip';
import { commitImport } from '../../core/imports/commit';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { appError, tempFile } from './helpers';
import { importedStatus, type ClosureFacts } from '../../core/domain/closure';
import type { HazardStatus } from '../../core/domain/hazard';

const FFFD = '\ufffd';

function stringsWithFFFD(wb: Workbook): number {
  let n = 0;
  for (const s of wb.sheets)
    for (const r of s.rows) for (const c of r) if (typeof c === 'string' && c.includes(FFFD)) n++;
  return n;
}

/** Positions where a 16 KiB chunk (exceljs' read size) ends inside a multi-byte UTF-8 character. */
function cutCharacters(xml: Buffer): number {
  let n = 0;
  for (let at = 16384; at < xml.length; at += 16384) if ((xml[at]! & 0xc0) === 0x80) n++;
  return n;
}

describe('a generated 20,000-row ledger with Chinese text across chunk boundaries', () => {
  // Enterprises of 5–12 hazards: ~4,500 merges (exceljs' full reader, the reference here, is quadratic in merges).
  const opts = { rows: 20_000, seed: 7, groupSizes: [5, 6, 8, 10, 12] };
  let file: string;
  let buf: Buffer;
  let stream: Workbook;
  let full: Workbook;

  beforeAll(async () => {
    file = tempFile('全市隐患台账_20k.xlsx', Buffer.alloc(0));
    writeLedger(file, opts);
    buf = fs.readFileSync(file);
    stream = await readXlsxStream(buf, '全市隐患台账_20k.xlsx');
    full = await readXlsxFull(buf, '全市隐患台账_20k.xlsx');
  }, 300_000);

  it('has characters cut by 16 KiB chunks, which exceljs’ streaming reader turns into U+FFFD', async () => {
    const zip = new ZipReader(buf, 'x.xlsx');
    expect(cutCharacters(zip.read(zip.get('xl/sharedStrings.xml')!))).toBeGreaterThan(20);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
    } as never);
    let garbled = 0;
    for await (const ws of reader) {
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>)
        if (JSON.stringify(row.values).includes(FFFD)) garbled++;
    }
    expect(garbled).toBeGreaterThan(0);
  });

  it('reads the same grid as exceljs’ full reader, without a single U+FFFD', () => {
    expect(stringsWithFFFD(stream)).toBe(0);
    expect(stream.date1904).toBe(full.date1904);
    expect(stream.sheets.map((s) => [s.name, s.hidden, s.rows.length])).toEqual(
      full.sheets.map((s) => [s.name, s.hidden, s.rows.length]),
    );
    expect(stream.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['说明', true],
      ['隐患台账', false],
      ['填表说明', false],
    ]);
    for (let i = 0; i < full.sheets.length; i++) {
      const a = stream.sheets[i]!;
      const b = full.sheets[i]!;
      expect(a.merges).toEqual(b.merges);
      // Row by row, so a difference names its row.
      for (let r = 0; r < b.rows.length; r++)
        if (JSON.stringify(a.rows[r]) !== JSON.stringify(b.rows[r])) expect([r, a.rows[r]]).toEqual([r, b.rows[r]]);
      expect(a.rows).toStrictEqual(b.rows);
    }
  });

  it('finds exactly the merges the sheet declares', () => {
    const declared = ledgerSheets(opts).sheets[1]!.merges!.map((m) => parseRangeRef(m)!);
    const key = (m: { top: number; left: number; bottom: number; right: number }) =>
      `${m.top},${m.left},${m.bottom},${m.right}`;
    expect(stream.sheets[1]!.merges.map(key).sort()).toEqual(declared.map(key).sort());
    // The enterprise merged down over its hazards: the name in the master cell only.
    const m = stream.sheets[1]!.merges.find((x) => x.left === 3 && x.bottom > x.top)!;
    expect(typeof stream.sheets[1]!.rows[m.top]![3]).toBe('string');
    expect(stream.sheets[1]!.rows[m.top + 1]![3] ?? null).toBeNull();
  });

  describe('imported', () => {
    let ctx: TestCtx;
    beforeAll(() => {
      // The generated ledger's 发现日期 run into 2025: a clock after them (a future 发现日期 is refused).
      ctx = makeCtx({ now: new Date('2026-06-01T02:00:00Z') });
      createUnit(ctx, { name: '应急管理局', kind: '部门', aliases: ['禹州市应急管理局'] });
      for (const t of TOWNSHIPS) createUnit(ctx, { name: t, kind: t.endsWith('街道') ? '街道' : '乡镇' });
    });
    afterAll(() => ctx.close());

    it('stores every row with no U+FFFD and the values parsed from exceljs’ full reader', async () => {
      const r = await commitImport(ctx, file, { unitName: '应急管理局' });
      expect(r.committed).toBe(true);
      expect(r.new).toBe(20_000);
      const text = ['description', 'enterprise_name', 'measures', 'township_name', 'notes', 'responsible_person']
        .map((c) => `coalesce(${c}, '')`)
        .join(" || '|' || ");
      expect(ctx.sqlite.prepare(`select count(*) n from hazards where instr(${text}, char(65533)) > 0`).get()).toEqual({
        n: 0,
      });
      const expected = parseWorkbook(full);
      if (expected.kind !== 'hazard') throw new Error('expected a hazard ledger');
      const stored = ctx.sqlite
        .prepare(
          `select hazard_no, enterprise_name, township_name, industry, description, level, found_date, responsible_person, measures, funds_fen,
             deadline_date, deadline_text, emergency_plan, status, completed_date, supervised, notes from hazards order by id`,
        )
        .raw(true)
        .all();
      expect(stored.length).toBe(expected.rows.length);
      expected.rows.forEach((row, i) => {
        const v = row.values;
        const want = [
          v.hazardNo,
          v.enterpriseName,
          v.townshipName,
          v.industry,
          v.description,
          v.level,
          v.foundDate,
          v.responsiblePerson,
          v.measures,
          v.fundsFen,
        ];
        // Stored under the closure rules: a 销号 row without what 销号 needs (here: no 验收人) is stored as 已整改.
        const facts = { ...(v as unknown as ClosureFacts), hasReport: false };
        const status = v.status ? importedStatus(v.status as HazardStatus, facts).status : v.status;
        const more = [
          v.deadlineDate,
          v.deadlineText,
          v.emergencyPlan,
          status,
          v.completedDate,
          v.supervised ? 1 : 0,
          v.notes,
        ];
        if (JSON.stringify(stored[i]) !== JSON.stringify([...want, ...more]))
          expect([i, stored[i]]).toEqual([i, [...want, ...more]]);
      });
    });
  });
});

/** A small workbook with every kind of cell, in sheets of their own. */
function kindsWorkbook(): WSheet[] {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  const rows: WCell[][] = [
    ['文本', '神垕镇 & <钧瓷> “引号”', '第一行\n第二行', ' 前后空格 ', 'A_x000D_B', '𠮷𡈼 四字节'],
    ['数字', 4.97, -0.5, 1e-7, 123456789012345, 0.1 + 0.2],
    ['布尔与错误', true, false, { error: '#N/A' }, { error: '#DIV/0!' }],
    [
      '日期',
      { date: d('2024-03-05'), style: 'builtin14' },
      { date: d('2024-12-31'), style: 'cn' },
      { date: d('2023-01-09'), style: 'iso' },
      { date: new Date('2024-03-05T08:30:00Z'), style: 'datetime' },
      45356,
    ],
    [
      '公式',
      { formula: 'B2*2', result: 9.94 },
      { formula: 'A1&"镇"', result: '神垕镇' },
      { formula: 'B3', result: true },
      { formula: '1/0' },
      { formula: 'SUM(B2:F2)' },
    ],
    [
      '共享公式',
      { formula: 'B2+1', result: 5.97, shared: { si: 0, ref: 'B6:D6' } },
      { formula: '', result: 0.5, shared: { si: 0 } },
      { formula: '', shared: { si: 0 } },
    ],
    [
      '富文本',
      { rich: [{ text: '危险化学品仓', bold: true }, { text: '库未设置防爆电气' }] },
      { inline: '内联字符串' },
      { number: 12.5, format: '0.00' },
    ],
    [],
    [null, null, '隔一行', null, null, null, null, null, '第九列'],
  ];
  return [
    { name: '隐藏', state: 'hidden', rows: [['x']] },
    { name: '各种单元格', rows, merges: ['A10:B11', 'D10:E10'] },
    { name: '很隐藏', state: 'veryHidden', rows: [['y']] },
  ];
}

describe('every kind of cell, as exceljs’ full reader reads it', () => {
  for (const date1904 of [false, true]) {
    it(`values, dates (${date1904 ? '1904' : '1900'} system), formulas, rich text, merges, hidden sheets`, async () => {
      const buf = xlsxBytes(kindsWorkbook(), { date1904, styledSlaves: true });
      const a = await readXlsxStream(buf, 'k.xlsx');
      const b = await readXlsxFull(buf, 'k.xlsx');
      expect(a).toStrictEqual(b);
      const s = a.sheets[1]!;
      expect(s.rows[0]).toEqual([
        '文本',
        '神垕镇 & <钧瓷> “引号”',
        '第一行\n第二行',
        ' 前后空格 ',
        'A\rB',
        '𠮷𡈼 四字节',
      ]);
      expect(s.rows[3]![1]).toEqual(new Date('2024-03-05T00:00:00Z'));
      expect(s.rows[4]).toEqual([
        '公式',
        9.94,
        '神垕镇',
        true,
        { error: NO_RESULT, formula: '1/0' },
        { error: NO_RESULT, formula: 'SUM(B2:F2)' },
      ]);
      expect(s.rows[5]).toEqual(['共享公式', 5.97, 0.5, { error: NO_RESULT, formula: 'B6' }]);
      expect(s.rows[6]).toEqual(['富文本', '危险化学品仓库未设置防爆电气', '内联字符串', 12.5]);
      expect(s.merges).toEqual([
        { top: 9, left: 0, bottom: 10, right: 1 },
        { top: 9, left: 3, bottom: 9, right: 4 },
      ]);
      expect(a.sheets.map((x) => x.hidden)).toEqual([true, false, true]);
      expect(a.date1904).toBe(date1904);
    });
  }

  it('cells without r="…" and elements with a namespace prefix (<x:c>) give the same grid', async () => {
    const plain = await readXlsxStream(xlsxBytes(kindsWorkbook(), { styledSlaves: true }), 'k.xlsx');
    expect(
      await readXlsxStream(xlsxBytes(kindsWorkbook(), { styledSlaves: true, omitCellRefs: true }), 'k.xlsx'),
    ).toStrictEqual(plain);
    expect(
      await readXlsxStream(xlsxBytes(kindsWorkbook(), { styledSlaves: true, prefix: 'x' }), 'k.xlsx'),
    ).toStrictEqual(plain);
  });

  it('a generated ledger in the layouts of the fixtures parses as its values say', async () => {
    const buf = xlsxBytes(ledgerSheets({ rows: 300, seed: 3 }).sheets);
    const p = parseWorkbook(await readReturnBuffer(buf, '禹州市_隐患台账.xlsx'));
    if (p.kind !== 'hazard') throw new Error('expected a hazard ledger');
    expect(p.sheet).toBe('隐患台账');
    expect(p.summary).toMatchObject({ rows: 300, importable: 300, errorRows: 0 });
    expect(p.header.rows).toEqual([3, 4]);
    expect(p.columns.find((c) => c.field === 'fundsFen')?.header).toBe('“五落实”情况/整改资金（万元）');
  });
});

describe('merges that overlap or repeat (hand-edited or broken exporters)', () => {
  // Excel refuses to save overlapping merges, but other tools write them: A3:A5 and A4:A6 overlap, B3:C4 is
  // declared twice, and D3:D3 merges a cell with itself.
  const sheets = (): WSheet[] => [
    {
      name: '台账',
      rows: [
        ['方山镇隐患台账'],
        ['企业名称', '隐患描述', '整改措施', '整改责任人', '整改状态'],
        ['方山镇第一砖厂', '配电箱无防护门', '加装防护门', '李强', '已整改'],
        [null, '灭火器过期', null, '王刚', '整改中'],
        [null, '安全出口堵塞', '清理通道', '王刚', '未整改'],
        ['方山镇鑫源商店', '电线私拉乱接', '重新布线', '赵敏', '已整改'],
      ],
      merges: ['A3:A5', 'A4:A6', 'B3:C4', 'B3:C4', 'D3:D3'],
    },
  ];

  it('keeps the first of overlapping merges (as Excel repairs them), so every row reads as it stands', async () => {
    const buf = xlsxBytes(sheets());
    const wb = await readReturnBuffer(buf, '方山镇_重叠合并.xlsx');
    // A4:A6 overlaps A3:A5 and is dropped; the repeated B3:C4 counts once; D3:D3 is no merge.
    expect(wb.sheets[0]!.merges).toEqual([
      { top: 2, left: 1, bottom: 3, right: 2 },
      { top: 2, left: 0, bottom: 4, right: 0 },
    ]);
    const p = parseWorkbook(wb);
    if (p.kind !== 'hazard') throw new Error('expected a hazard ledger');
    expect(p.rows).toHaveLength(4);
    // The enterprise merged down over its rows fills them; the last row keeps its own name.
    expect(p.rows.map((r) => r.values.enterpriseName)).toEqual([
      '方山镇第一砖厂',
      '方山镇第一砖厂',
      '方山镇第一砖厂',
      '方山镇鑫源商店',
    ]);
    expect(p.rows[3]!.values.description).toBe('电线私拉乱接');
    expect(p.rows.map((r) => r.values.status)).toEqual(['已整改', '整改中', '未整改', '已整改']);
  });
});

describe('the fallback to exceljs, and what is never retried', () => {
  const small = (): WSheet[] => [
    {
      name: '台账',
      rows: [
        ['企业名称', '隐患描述'],
        ['神垕镇中心加油站', '消防设施损坏，灭火器过期失效'],
      ],
      merges: ['A1:A1'],
    },
  ];

  it('a sheet with a DOCTYPE is left to exceljs’ full reader, with the same grid', async () => {
    const reasons: string[] = [];
    const buf = xlsxBytes(small(), { doctype: true });
    const wb = await readXlsxBuffer(buf, 'd.xlsx', { onFallback: (r) => reasons.push(r) });
    expect(reasons).toEqual([expect.stringContaining('DOCTYPE')]);
    expect(wb).toStrictEqual(await readXlsxFull(buf, 'd.xlsx'));
    expect(wb).toStrictEqual(await readXlsxStream(xlsxBytes(small()), 'd.xlsx'));
  });

  it('takes the fallback for XlsxUnsupported only: a damaged file is reported, not re-read', async () => {
    const buf = xlsxBytes(small());
    const reasons: string[] = [];
    const wb = await readXlsxBuffer(buf, 'u.xlsx', {
      stream: async () => {
        throw new XlsxUnsupported('test');
      },
      onFallback: (r) => reasons.push(r),
    });
    expect(reasons).toEqual(['xlsx: test']);
    expect(wb.sheets[0]!.rows[1]).toEqual(['神垕镇中心加油站', '消防设施损坏，灭火器过期失效']);
    const err = await appError(() =>
      readXlsxBuffer(buf, '坏.xlsx', {
        stream: async () => {
          throw fileErrors.damaged('坏.xlsx');
        },
        onFallback: (r) => reasons.push(r),
      }),
    );
    expect(err.message).toContain('已损坏');
    expect(reasons).toHaveLength(1);
  });
});

describe('zip parts checked while inflating', () => {
  /** The central directory record of a part. */
  function central(buf: Buffer, name: string): number {
    const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let i = buf.indexOf(sig); i >= 0; i = buf.indexOf(sig, i + 4)) {
      const len = buf.readUInt16LE(i + 28);
      if (buf.subarray(i + 46, i + 46 + len).toString() === name) return i;
    }
    throw new Error(`no ${name}`);
  }
  const ledger = () => xlsxBytes(ledgerSheets({ rows: 2000, seed: 5 }).sheets);

  it('a part that inflates beyond the size it declares is stopped there (a zip bomb that lies)', async () => {
    for (const part of ['xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']) {
      const buf = ledger();
      buf.writeUInt32LE(100, central(buf, part) + 24);
      const err = await appError(() => readReturnBuffer(buf, '炸弹.xlsx'));
      expect(err.message).toContain(`文件“炸弹.xlsx”中的“${part}”解压后超过声明的大小`);
    }
  });

  it('a part whose checksum does not match is reported as damaged', async () => {
    const buf = ledger();
    const at = central(buf, 'xl/sharedStrings.xml');
    buf.writeUInt32LE((buf.readUInt32LE(at + 16) ^ 0xffff) >>> 0, at + 16);
    const err = await appError(() => readReturnBuffer(buf, '坏了.xlsx'));
    expect(err.message).toContain('文件“坏了.xlsx”已损坏或不完整');
  });

  it('the grid of cells holds what the reader produced, nothing more (no spare capacity in rows)', async () => {
    const wb = await readXlsxStream(ledger(), 'l.xlsx');
    const row: Cell[] = wb.sheets[1]!.rows[10]!;
    expect(row.length).toBeLessThanOrEqual(17);
    expect(row.at(-1)).not.toBeNull();
  });
});
