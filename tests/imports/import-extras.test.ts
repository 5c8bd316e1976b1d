import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { parseReturn } from '../../core/imports/parse';
import { returnBoard } from '../../core/returns/board';
import { listHazards } from '../../core/hazards/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { createUnit } from '../../core/units/service';
import { FIXTURES, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

const returns = (f: string) => path.join(FIXTURES, 'returns', f);
let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') })));
afterEach(() => ctx.close());

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as T;
}

async function badLedger(): Promise<{ file: string; row: number; column: string }> {
  const src = returns('神垕镇_重大事故隐患排查整治台账.xlsx');
  const parsed = await parseReturn(src);
  if (parsed.kind !== 'hazard') throw new Error('not a ledger');
  const col = parsed.columns.find((c) => c.field === 'foundDate')!;
  const row = parsed.rows[2]!.rowNumber;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  wb.getWorksheet(parsed.sheet)!.getCell(`${col.letter}${row}`).value = '2024.13.5';
  const file = path.join(ctx.tmp, '神垕镇_有误.xlsx');
  await wb.xlsx.writeFile(file);
  return { file, row, column: col.letter };
}

describe('the import wizard through IPC', () => {
  it('picks a file by dialog, previews, commits and lists the batch; undo through IPC', async () => {
    ctx.ports.queuedFiles = [returns('火龙镇_隐患排查治理台账_一季度.xlsx')];
    const picked = await ok<{ token: string; fileName: string }>('imports:pickFile', {});
    expect(picked.fileName).toBe('火龙镇_隐患排查治理台账_一季度.xlsx');
    const preview = await ok<{
      rows: number;
      new: number;
      sample: unknown[];
      sheets: { name: string; chosen: boolean }[];
    }>('imports:preview', { token: picked.token, options: {} });
    expect(preview).toMatchObject({ rows: 30, new: 30 });
    expect(preview.sample).toHaveLength(30);
    expect(tableCounts(ctx).hazards).toBe(0);
    const done = await ok<{ committed: boolean; batch: number }>('imports:commit', {
      token: picked.token,
      options: {},
    });
    expect(done.committed).toBe(true);
    expect((await ok<unknown[]>('imports:list', {})).length).toBe(1);
    await ok('imports:undo', { id: done.batch });
    expect(listHazards(ctx).total).toBe(0);
    const forged = await dispatch(ctx, 'imports:preview', { token: 'f'.repeat(32), options: {} });
    expect(forged).toMatchObject({ ok: false, error: { message: expect.stringContaining('重新选择') } });
    const traversal = await dispatch(ctx, 'imports:preview', { token: '../../etc/passwd', options: {} });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('return letter (退回修改)', () => {
  it('marks problem cells red with a comment, adds a summary sheet first, and marks nothing until the clerk sends back', async () => {
    const shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇', aliases: ['禹州市神垕镇人民政府'] });
    const n = createNotice(ctx, {
      docNo: '禹安办〔2024〕6号',
      title: '专项整治',
      issuedOn: '2024-03-01',
      deadline: '2024-06-30',
    });
    setRequirements(ctx, n.id, 'ledger', [{ unitId: shen.id, expectedCount: 1 }]);
    const bad = await badLedger();
    ctx.ports.queuedFiles = [bad.file];
    const { token } = await ok<{ token: string }>('imports:pickFile', {});
    ctx.ports.savePath = path.join(ctx.tmp, '退回.xlsx');
    const before = tableCounts(ctx).hazards;
    const r = await ok<{ file: string; errors: number }>('imports:returnLetter', {
      token,
      options: { unitId: shen.id, noticeId: n.id },
    });
    expect(r.errors).toBe(1);
    expect(tableCounts(ctx).hazards).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.file);
    expect(wb.worksheets[0]!.name).toBe('问题汇总');
    const summary = wb.getWorksheet('问题汇总')!;
    const rows = summary.getSheetValues().flat().map(String).join('\n');
    expect(rows).toContain('2024.13.5');
    const data = wb.worksheets.find(
      (w) =>
        w.name !== '问题汇总' && w.state === 'visible' && w.getCell(`${bad.column}${bad.row}`).value === '2024.13.5',
    )!;
    const cell = data.getCell(`${bad.column}${bad.row}`);
    expect(String(cell.note)).toContain('不是有效日期');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    // Making the letter is not marking the return: nothing registered, the board unchanged.
    expect(tableCounts(ctx).return_submissions).toBe(0);
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).not.toBe('退回修改');
    expect(r).toMatchObject({ returnId: null, unitName: '神垕镇' });

    // With the return registered, the letter names it; only returns:sendBack marks it.
    const reg = await ok<{ id: number }>('returns:register', {
      noticeId: n.id,
      unitId: shen.id,
      kind: 'ledger',
      receivedDate: '2024-03-10',
    });
    ctx.ports.queuedFiles = [bad.file];
    const again = await ok<{ token: string }>('imports:pickFile', {});
    const r2 = await ok<{ returnId: number | null; reason: string }>('imports:returnLetter', {
      token: again.token,
      options: { unitId: shen.id, noticeId: n.id },
    });
    expect(r2.returnId).toBe(reg.id);
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).not.toBe('退回修改');
    await ok('returns:sendBack', { id: reg.id, reason: r2.reason });
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).toBe('退回修改');
  });
});

describe('return templates', () => {
  it('makes a blank ledger that imports with no mapping, already tied to its notice and unit', async () => {
    const shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
    const n = createNotice(ctx, {
      docNo: '禹安办〔2024〕6号',
      title: '专项整治',
      issuedOn: '2024-03-01',
      deadline: '2024-06-30',
    });
    setRequirements(ctx, n.id, 'ledger', [{ unitId: shen.id, expectedCount: 1 }]);
    ctx.ports.savePath = path.join(ctx.tmp, 'tpl.xlsx');
    const { file } = await ok<{ file: string }>('imports:template', { noticeId: n.id, unitId: shen.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('隐患台账')!;
    expect(ws.getCell('L5').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('M3').value).toBe('五落实');
    expect(ws.getCell('M3').isMerged).toBe(true);
    // a unit fills in two hazards
    const fill = (r: number, v: (string | number | Date)[]) => v.forEach((x, i) => (ws.getCell(r, i + 1).value = x));
    fill(5, [
      1,
      'S-001',
      '神垕镇',
      '老街村',
      '神垕镇钧窑瓷厂',
      '工贸',
      '窑炉燃气管道锈蚀',
      '窑炉车间',
      '自查',
      new Date(Date.UTC(2024, 4, 6)),
      '张三',
      '一般',
      '钧窑瓷厂',
      '李四',
      '更换管道',
      3000,
      '2024-06-30',
      '有',
      '整改中',
    ]);
    fill(6, [
      2,
      'S-002',
      '神垕镇',
      '老街村',
      '神垕镇钧窑瓷厂',
      '消防',
      '消防通道堵塞',
      '仓库',
      '自查',
      new Date(Date.UTC(2024, 4, 7)),
      '张三',
      '重大',
      '钧窑瓷厂',
      '李四',
      '清理通道',
      0,
      '立即整改',
      '有',
      '已整改',
      new Date(Date.UTC(2024, 4, 8)),
    ]);
    const filled = path.join(ctx.tmp, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const parsed = await parseReturn(filled);
    expect(parsed.columns.filter((c) => c.field).every((c) => c.confidence === 'synonym')).toBe(true);
    ctx.ports.queuedFiles = [filled];
    const { token } = await ok<{ token: string }>('imports:pickFile', {});
    // the template names its notice: proposed, credited once the clerk keeps it (issue #16)
    const p = await ok<{ proposedNoticeId: number | null; credit: unknown }>('imports:preview', { token, options: {} });
    expect(p).toMatchObject({ proposedNoticeId: n.id, credit: null });
    const r = await ok<{ committed: boolean; new: number; unit: { id: number } | null; errors: unknown[] }>(
      'imports:commit',
      { token, options: { noticeId: p.proposedNoticeId! } },
    );
    expect(r).toMatchObject({ committed: true, new: 2, unit: { id: shen.id }, errors: [] });
    const list = listHazards(ctx, { sortField: 'id', sortOrder: 'asc' }).rows;
    expect(list.map((h) => [h.hazardNo, h.level, h.status, h.deadlineDate ?? h.deadlineText])).toEqual([
      ['S-001', '一般', '整改中', '2024-06-30'],
      ['S-002', '重大', '已整改', '立即整改'],
    ]);
    expect(returnBoard(ctx).rows[0]!.cells[`${n.id}:ledger`]!.status).toBe('已交');
    expect(fs.existsSync(file)).toBe(true);
  });
});
