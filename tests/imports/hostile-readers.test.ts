/**
 * Files crafted to exhaust memory, read where running out of memory cannot take the app down: the import
 * worker (core/imports/parse/isolated.ts). Each ends as a Chinese error or a correct import; the process, the
 * register and the attachment store are untouched. No timings are asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../core/platform/context';
import { AppError } from '../../core/platform/errors';
import { IMPORT_LIMITS } from '../../core/imports/parse/limits';
import { parseReturnBuffer, readReturnBuffer } from '../../core/imports/parse/readers';
import { WORKER_HEAP_MB } from '../../core/imports/parse/isolated';
import { importCancelled } from '../../core/imports/progress';
import ExcelJS from 'exceljs';
import { commitImport } from '../../core/imports/commit';
import { planImport } from '../../core/imports/preview';
import { hazardTemplate } from '../../core/imports/template';
import { createNotice } from '../../core/notices/service';
import { createUnit } from '../../core/units/service';
import { buildCli, cli } from '../helpers/cli';
import { FIXTURES, filesUnder, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { rawPackage, rowXml, sheetXml, XML_HEAD, zeroBomb } from '../helpers/packages';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

const HEADER = ['序号', '乡镇', '隐患单位', '隐患描述', '隐患等级', '整改状态', '发现日期'];
const HAZARDS = [
  [1, '神垕镇', '钧窑陶瓷厂', '窑炉燃气管道未设紧急切断阀', '一般', '未整改', '2024-03-05'],
  [2, '神垕镇', '钧窑陶瓷厂', '配电箱未接地', '一般', '已整改', '2024-03-06'],
  [3, '神垕镇', '荣昌瓷业', '有限空间作业无审批', '重大', '整改中', '2024-03-07'],
];
const ledgerRows = () => [rowXml(1, HEADER), ...HAZARDS.map((h, i) => rowXml(i + 2, h))].join('');

/** A refused import: a Chinese message, and nothing changed in the register or the attachment store. */
async function refused(file: string, message: RegExp): Promise<AppError> {
  const before = tableCounts(ctx);
  const files = filesUnder(dataPaths(ctx.dataDir).attachmentsDir);
  let err: unknown;
  try {
    await commitImport(ctx, file);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).message).toMatch(message);
  expect(tableCounts(ctx)).toEqual(before);
  expect(filesUnder(dataPaths(ctx.dataDir).attachmentsDir)).toEqual(files);
  return err as AppError;
}

function write(name: string, bytes: Buffer): string {
  const f = path.join(ctx.tmp, name);
  fs.writeFileSync(f, bytes);
  return f;
}

/** The process still imports a good file after a hostile one. */
async function stillWorks() {
  const f = write(
    '好的台账.xlsx',
    rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] }),
  );
  const r = await commitImport(ctx, f);
  expect(r).toMatchObject({ committed: true, rows: 3 });
  expect(tableCounts(ctx).hazards).toBe(3);
}

describe('a DOCTYPE in workbook.xml with a zip entry that lies about its size', () => {
  it('is refused before exceljs inflates the lying entry (4 GB declared as 1 KB)', async () => {
    const bomb = { bytes: zeroBomb(4096), declaredSize: 1024, crc: 0 };
    const f = write(
      '神垕镇_隐患台账_DOCTYPE.xlsx',
      rawPackage({
        sheets: [{ name: '台账', part: 0 }],
        parts: [sheetXml(ledgerRows())],
        workbookHead: `${XML_HEAD}<!DOCTYPE workbook>`,
        extra: [{ name: 'xl/media/image1.png', deflated: bomb }],
      }),
    );
    await refused(f, /神垕镇_隐患台账_DOCTYPE\.xlsx.*image1\.png.*超过声明的大小.*拒绝导入/);
    await stillWorks();
  });

  it('without the lying entry the same file still imports (exceljs’ reader, after the parts are checked)', async () => {
    const f = write(
      '神垕镇_隐患台账_DOCTYPE2.xlsx',
      rawPackage({
        sheets: [{ name: '台账', part: 0 }],
        parts: [sheetXml(ledgerRows())],
        workbookHead: `${XML_HEAD}<!DOCTYPE workbook>`,
      }),
    );
    const r = await commitImport(ctx, f);
    expect(r).toMatchObject({ committed: true, rows: 3 });
    expect(tableCounts(ctx).hazards).toBe(3);
  });
});

describe('a workbook listing 300 sheets that all point at one part', () => {
  it('reads a 32 MB part once: 300 sheets sharing one grid', async () => {
    // ~140,000 rows of ten numbers: one grid of it is ~25 MB of heap, 300 of them would be 7 GB.
    const rows: string[] = [];
    let size = 0;
    for (let r = 1; size < 32 * 1024 * 1024; r++) {
      const x = rowXml(
        r,
        Array.from({ length: 10 }, (_, c) => r * 10 + c),
      );
      rows.push(x);
      size += x.length;
    }
    const xml = sheetXml(rows.join(''));
    const buf = rawPackage({
      sheets: Array.from({ length: 300 }, (_, i) => ({ name: `第${i + 1}张`, part: 0 })),
      parts: [xml],
    });
    let total = 0;
    const wb = await readReturnBuffer(buf, '三百张表.xlsx', IMPORT_LIMITS, (_d, t) => (total = Math.max(total, t)));
    expect(total).toBe(Buffer.byteLength(xml)); // progress counts the part once
    expect(wb.sheets).toHaveLength(300);
    expect(wb.sheets[299]!.name).toBe('第300张');
    expect(wb.sheets[0]!.rows.length).toBe(rows.length);
    expect(wb.sheets[299]!.rows).toBe(wb.sheets[0]!.rows); // still one grid after crossing from the worker
    expect(wb.sheets[150]!.rows[rows.length - 1]![9]).toBe(rows.length * 10 + 9);
  }, 180_000);

  it('imports through the service: the first sheet, its rows once', async () => {
    const f = write(
      '方山镇_三百张表.xlsx',
      rawPackage({
        sheets: Array.from({ length: 300 }, (_, i) => ({ name: `台账${i + 1}`, part: 0 })),
        parts: [sheetXml(ledgerRows())],
      }),
    );
    const r = await commitImport(ctx, f);
    expect(r).toMatchObject({ committed: true, rows: 3 });
    expect(tableCounts(ctx).hazards).toBe(3);
  });
});

describe('parsing in the worker', () => {
  it('asks the app once for the layout’s mapping, with the template found, and returns parsed rows only', async () => {
    const buf = rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] });
    const calls: string[] = [];
    const parsed = await parseReturnBuffer(
      buf,
      '台账.xlsx',
      IMPORT_LIMITS,
      {},
      {
        template: (t) => calls.push(`template ${JSON.stringify(t)}`),
        remap: (layout) => {
          calls.push(`remap ${layout.kind} ${layout.sheet}`);
          return { 2: 'description', 3: 'enterpriseName' }; // C and D swapped by the clerk
        },
      },
    );
    expect(calls).toEqual(['template null', 'remap hazard 台账']);
    expect(parsed.kind).toBe('hazard');
    expect(parsed.rows.map((r) => (r.values as { enterpriseName: string }).enterpriseName)).toEqual(
      HAZARDS.map((h) => h[3]),
    );
    expect('sheets' in parsed && !('rows' in (parsed.sheets[0] as object))).toBe(true);
  });

  it('a return made from our template still names its notice and unit (read in the worker, decided here)', async () => {
    const unit = createUnit(ctx, { name: '方山镇', kind: '乡镇' });
    const notice = createNotice(ctx, { docNo: '禹安办〔2024〕9号', title: '关于开展隐患排查整治的通知' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await hazardTemplate(ctx, notice.id, unit.id)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('隐患台账')!;
    ws.getRow(5).values = [
      1,
      '',
      '方山镇',
      '',
      '方山镇鑫源加油站',
      '',
      '卸油区静电接地装置损坏',
      '',
      '',
      '2024-05-06',
      '',
      '一般',
    ];
    const f = write('方山镇_隐患台账_模板.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const plan = await planImport(ctx, f);
    expect(plan.unit?.name).toBe('方山镇');
    expect(plan.noticeId).toBe(notice.id);
    expect(plan.rowsTaken).toBe(1);
  });

  it('the app’s own refusal while the worker waits (a unit not in the register) fails the import as it is', async () => {
    const f = write(
      '好的台账.xlsx',
      rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] }),
    );
    const before = tableCounts(ctx);
    const err = await commitImport(ctx, f, { unitName: '不存在的单位' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/不存在的单位/);
    expect(tableCounts(ctx)).toEqual(before);
    await stillWorks();
  });
});

describe('a grid beyond the import limits', () => {
  it('is refused in the worker, before it crosses to the app (rows counted when they hold a value)', async () => {
    const rows = Array.from({ length: 300_001 }, (_, i) => `${i + 1},神垕镇,某厂,隐患${i + 1}`);
    const csv = Buffer.from(
      ['序号,乡镇,隐患单位,隐患描述', ...rows, ...Array.from({ length: 50_000 }, () => ',,,')].join('\n'),
    );
    const err = await readReturnBuffer(csv, '全县汇总.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      '文件“全县汇总.csv”的工作表“全县汇总”有 300002 行，超过一次导入的上限 300000 行。请按乡镇或月份拆分后分别导入',
    );
  });
});

describe('a byte-mutated .xls that makes SheetJS grow without bound', () => {
  it('ends as “文件过大或已损坏”; the process and the register are untouched', async () => {
    // One byte: the length of the MMS record (0x00C1) near the start of the Workbook stream, 2 → 255.
    const xls = Buffer.from(fs.readFileSync(path.join(FIXTURES, 'returns', '火龙镇_隐患排查治理台账_一季度.xls')));
    expect(xls.readUInt16LE(1562)).toBe(0xc1);
    expect(xls.readUInt16LE(1564)).toBe(2);
    xls[1564] = 0xff;
    const f = write('浅井镇_隐患台账_变异.xls', xls);
    // At the app's own cap.
    await refused(
      f,
      new RegExp(
        `^文件过大或已损坏：读取“浅井镇_隐患台账_变异\\.xls”需要的内存超过了导入时允许的 ${WORKER_HEAP_MB} MB`,
      ),
    );
    await stillWorks();
  }, 300_000);
});

describe('a reader that allocates past the worker’s memory cap', () => {
  it('ends as “文件过大或已损坏” (test hook, 128 MB cap); the process and the register are untouched', async () => {
    const f = write(
      '火龙镇_隐患台账.xlsx',
      rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] }),
    );
    process.env.ANWEI_IMPORT_TEST_HOOK = 'exhaust-heap';
    process.env.ANWEI_IMPORT_TEST_HEAP_MB = '128';
    try {
      await refused(
        f,
        /^文件过大或已损坏：读取“火龙镇_隐患台账\.xlsx”需要的内存超过了导入时允许的 128 MB.*台账数据没有任何改动/,
      );
    } finally {
      delete process.env.ANWEI_IMPORT_TEST_HOOK;
      delete process.env.ANWEI_IMPORT_TEST_HEAP_MB;
    }
    await stillWorks();
  }, 300_000);

  it('a bug in a reader is reported as such, not as a damaged file', async () => {
    const buf = rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] });
    await expect(
      readReturnBuffer(buf, 'x.xlsx', IMPORT_LIMITS, undefined, { testHook: 'throw-internal' }),
    ).rejects.toThrow(/test: a bug in a reader/);
  });

  it('cancelling stops the worker at once', async () => {
    const buf = rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] });
    const err = await readReturnBuffer(
      buf,
      'x.xlsx',
      IMPORT_LIMITS,
      () => {
        throw importCancelled();
      },
      { testHook: 'exhaust-heap', heapMb: 4096 },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
  });
});

describe('the CLI reads through the worker bundle (dist/workers/importParse.cjs)', () => {
  beforeAll(() => buildCli(), 120_000);

  it('imports a ledger, and refuses a file that exhausts the worker with exit 1 and nothing imported', () => {
    const good = write(
      '好的台账.xlsx',
      rawPackage({ sheets: [{ name: '台账', part: 0 }], parts: [sheetXml(ledgerRows())] }),
    );
    expect(cli(ctx.dataDir, 'init').code).toBe(0);
    process.env.ANWEI_IMPORT_TEST_HOOK = 'exhaust-heap';
    process.env.ANWEI_IMPORT_TEST_HEAP_MB = '96';
    let bad;
    try {
      bad = cli(ctx.dataDir, 'import', good);
    } finally {
      delete process.env.ANWEI_IMPORT_TEST_HOOK;
      delete process.env.ANWEI_IMPORT_TEST_HEAP_MB;
    }
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/文件过大或已损坏：读取“好的台账\.xlsx”需要的内存超过了导入时允许的 96 MB/);
    expect(cli(ctx.dataDir, 'imports', 'list', '--json').json()).toEqual([]);
    const ok = cli(ctx.dataDir, 'import', good, '--json');
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ committed: true, rows: 3 });
  }, 120_000);
});
