import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReturn } from '../../core/imports/parse';
import { commitImport, listBatches, undoImport } from '../../core/imports/commit';
import { getHazard, listHazards } from '../../core/hazards/service';
import { listPledges } from '../../core/pledges/service';
import { listReturns } from '../../core/returns/service';
import { createUnit, updateUnit } from '../../core/units/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { returnBoard } from '../../core/returns/board';
import { FIXTURES, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

const returns = (f: string) => path.join(FIXTURES, 'returns', f);
const manifest = JSON.parse(fs.readFileSync(returns('manifest.json'), 'utf8')) as Record<
  string,
  { kind: string; rows?: number; major?: number; done?: number; signed?: number; overLimitRows?: number[] }
>;

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') })));
afterEach(() => ctx.close());

const allHazards = () => listHazards(ctx, { limit: 1000 }).rows;

describe('importing the township returns', () => {
  it.each(Object.entries(manifest).filter(([, m]) => m.kind === 'hazard'))(
    '%s imports to its manifest counts',
    async (file, m) => {
      const r = await commitImport(ctx, returns(file));
      expect(r).toMatchObject({ committed: true, kind: 'hazard', rows: m.rows, new: m.rows, errors: [] });
      const rows = allHazards();
      expect(rows).toHaveLength(m.rows!);
      if (m.major !== undefined) expect(rows.filter((h) => h.level === '重大')).toHaveLength(m.major);
      if (m.done !== undefined)
        expect(rows.filter((h) => h.status === '已整改' || h.status === '已验收销号')).toHaveLength(m.done);
      const text = JSON.stringify(rows);
      expect(text).not.toContain('\ufffd');
      expect(rows.every((h) => h.townshipName)).toBe(true);
    },
  );

  it('reads the GBK CSV as Chinese', async () => {
    await commitImport(ctx, returns('古城镇_隐患台账_GBK.csv'));
    const rows = allHazards();
    expect(rows.every((h) => h.townshipName === '古城镇')).toBe(true);
    expect(rows.every((h) => /[\u4e00-\u9fff]/.test(h.description))).toBe(true);
  });

  it('gives the same rows from the .xls as from the .xlsx, and the second is a no-op', async () => {
    await commitImport(ctx, returns('火龙镇_隐患排查治理台账_一季度.xlsx'));
    const before = tableCounts(ctx);
    const r = await commitImport(ctx, returns('火龙镇_隐患排查治理台账_一季度.xls'));
    expect(r).toMatchObject({ committed: false, new: 0, changed: 0, unchanged: 30 });
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('imports the 明白书 summary (unsigned when 否) and links the talkee units once known', async () => {
    const r = await commitImport(ctx, returns('住建局_明白书签订情况汇总表.xlsx'));
    expect(r).toMatchObject({ committed: true, kind: 'pledge', rows: 24, new: 24 });
    const list = listPledges(ctx, { pageSize: 100 }).rows;
    expect(list).toHaveLength(24);
    expect(list.filter((p) => p.status === '已签订')).toHaveLength(
      manifest['住建局_明白书签订情况汇总表.xlsx']!.signed!,
    );
    expect(list.every((p) => p.talkeeUnitName)).toBe(true);
    const someUnit = list.find((p) => p.talkeeUnitId === null)!.talkeeUnitName;
    createUnit(ctx, { name: someUnit, kind: '企业' });
    expect(
      listPledges(ctx, { pageSize: 100 })
        .rows.filter((p) => p.talkeeUnitName === someUnit)
        .every((p) => p.talkeeUnitId !== null),
    ).toBe(true);
  });

  it('imports the 工作清单 with its over-limit item flagged', async () => {
    const r = await commitImport(ctx, returns('交通运输局_回头看工作清单.xlsx'));
    expect(r).toMatchObject({ committed: true, kind: 'worklist', rows: 4 });
    expect(r.summary.overLimitRows).toEqual(manifest['交通运输局_回头看工作清单.xlsx']!.overLimitRows);
    const [ret] = listReturns(ctx);
    expect(ret).toMatchObject({ kind: 'worklist', overLimit: true });
    expect(ret!.notes).toContain('第 2 条');
  });

  it('refuses the damaged file in Chinese, naming it, with the database unchanged', async () => {
    const before = tableCounts(ctx);
    await expect(commitImport(ctx, returns('损坏的文件.xlsx'))).rejects.toThrow(/损坏的文件\.xlsx.*另存为/);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('is a no-op the second time (same file, recognised by its content hash)', async () => {
    const first = await commitImport(ctx, returns('神垕镇_重大事故隐患排查整治台账.xlsx'));
    const before = tableCounts(ctx);
    const again = await commitImport(ctx, returns('神垕镇_重大事故隐患排查整治台账.xlsx'));
    expect(again).toMatchObject({ committed: false, duplicateOf: first.batch, new: 0, changed: 0 });
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('shows and applies exactly the changes of a re-sent ledger, and undo restores the previous state', async () => {
    const src = returns('神垕镇_重大事故隐患排查整治台账.xlsx');
    const first = await commitImport(ctx, src);
    const parsed = await parseReturn(src);
    if (parsed.kind !== 'hazard') throw new Error('not a ledger');
    const statusCol = parsed.columns.find((c) => c.field === 'status')!;
    const row = parsed.rows.find((r) => r.values.status === '整改中' || r.values.status === '未整改')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(src);
    const ws = wb.getWorksheet(parsed.sheet)!;
    ws.getCell(`${statusCol.letter}${row.rowNumber}`).value = '已整改';
    const changedFile = path.join(ctx.tmp, '神垕镇_隐患台账_二次报送.xlsx');
    await wb.xlsx.writeFile(changedFile);

    const target = allHazards().find(
      (h) => h.description === row.values.description && h.enterpriseName === row.values.enterpriseName,
    )!;
    const oldStatus = target.status;
    const plan = await commitImport(ctx, changedFile, { dryRun: true });
    expect(plan).toMatchObject({ committed: false, new: 0, changed: 1, unchanged: 41 });
    expect(plan.changes).toEqual([
      {
        row: row.rowNumber,
        hazardId: target.id,
        diffs: [expect.objectContaining({ field: 'status', before: oldStatus, after: '已整改' })],
      },
    ]);

    const second = await commitImport(ctx, changedFile);
    expect(second).toMatchObject({ committed: true, changed: 1 });
    const h = getHazard(ctx, target.id);
    expect(h.status).toBe('已整改');
    expect(h.events.at(-1)).toMatchObject({ fromStatus: oldStatus, toStatus: '已整改', source: 'import' });
    expect(allHazards()).toHaveLength(42);

    expect(() => undoImport(ctx, first.batch!)).toThrow(/请先撤销批次/);
    undoImport(ctx, second.batch!);
    expect(getHazard(ctx, target.id).status).toBe(oldStatus);
    expect(getHazard(ctx, target.id).events.at(-1)).toMatchObject({ source: 'undo', toStatus: oldStatus });
    undoImport(ctx, first.batch!);
    expect(allHazards()).toHaveLength(0);
    expect(listBatches(ctx).map((b) => b.status)).toEqual(['undone', 'undone']);
    // after undo the same file can be imported again
    expect(await commitImport(ctx, src)).toMatchObject({ committed: true, new: 42 });
  });

  it('refuses a return with errors unless told to skip them, writing nothing', async () => {
    const src = returns('神垕镇_重大事故隐患排查整治台账.xlsx');
    const parsed = await parseReturn(src);
    if (parsed.kind !== 'hazard') throw new Error('not a ledger');
    const dateCol = parsed.columns.find((c) => c.field === 'foundDate')!;
    const row = parsed.rows[3]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(src);
    wb.getWorksheet(parsed.sheet)!.getCell(`${dateCol.letter}${row.rowNumber}`).value = '2024.13.5';
    const bad = path.join(ctx.tmp, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const before = tableCounts(ctx);
    const r = await commitImport(ctx, bad);
    expect(r.committed).toBe(false);
    expect(r.disappeared).toBe(0);
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: row.rowNumber,
        column: dateCol.letter,
        value: '2024.13.5',
        message: expect.stringContaining(`第${row.rowNumber}行 ${dateCol.letter}列 “2024.13.5”`),
      }),
    ]);
    expect(tableCounts(ctx)).toEqual(before);
    const skipped = await commitImport(ctx, bad, { skipErrors: true });
    expect(skipped).toMatchObject({ committed: true });
    expect(allHazards()).toHaveLength(41);
    // the same ledger, corrected and re-sent: the row with the error is not counted as disappeared meanwhile
    const again = await commitImport(ctx, bad, { dryRun: true, skipErrors: true });
    expect(again).toMatchObject({ disappeared: 0, erroredExisting: 0, unchanged: 41 });
    const fixed = await commitImport(ctx, src, { dryRun: true });
    expect(fixed).toMatchObject({ new: 1, unchanged: 41, disappeared: 0 });
  });

  it('links the township once known and marks the unit’s ledger return as received on the board', async () => {
    const shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
    const n = createNotice(ctx, {
      docNo: '禹安办〔2024〕6号',
      title: '重大事故隐患专项排查整治',
      issuedOn: '2024-03-01',
      deadline: '2024-05-31',
    });
    setRequirements(ctx, n.id, 'ledger', [{ unitId: shen.id, expectedCount: 1 }]);
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).toBe('逾期');
    // without a notice named the ledger credits no return (issue #16)
    const plain = await commitImport(ctx, returns('神垕镇_重大事故隐患排查整治台账.xlsx'), {
      unitId: shen.id,
      dryRun: true,
    });
    expect(plain).toMatchObject({ credit: null, creditText: '不计入任何通知的报送' });
    const r = await commitImport(ctx, returns('神垕镇_重大事故隐患排查整治台账.xlsx'), {
      unitId: shen.id,
      noticeId: n.id,
    });
    expect(r.committed).toBe(true);
    expect(allHazards().every((h) => h.townshipName === '神垕镇')).toBe(true);
    expect(listHazards(ctx, { townshipUnitIds: [shen.id] }).total).toBe(42);
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).toBe('逾期补交');
    updateUnit(ctx, shen.id, { aliases: ['禹州市神垕镇人民政府'] });
  });
});
