import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHazard } from '../../core/hazards/editing';
import { setRequirements } from '../../core/notices/service';
import { registerReturn } from '../../core/returns/service';
import { dispatch } from '../../core/ipc/dispatch';
import { hazardLedgerBytes, pledgeSummaryBytes, writeWorkbook } from '../../core/exports/registers';
import { listExportBytes } from '../../core/exports/lists';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeAll(async () => {
  ctx = makeCtx();
  b = baseData(ctx);
  for (let i = 0; i < 5; i++) {
    createHazard(ctx, {
      enterpriseName: `禹州市神垕钧瓷厂${i}`,
      townshipUnitId: i < 3 ? b.shenhou.id : b.fangshan.id,
      industry: '工贸',
      description: '窑炉燃气管道阀门老化',
      foundDate: `2024-03-0${i + 1}`,
      level: i === 0 ? '重大' : '一般',
      responsibleUnit: '企业',
      responsiblePerson: '张三',
      measures: '更换阀门',
      fundsFen: 123456,
      deadlineText: '3月底前',
      emergencyPlan: '已制定',
      status: '整改中',
      noticeId: b.campaign.id,
    });
  }
  await addPledges(ctx, b, 3);
  setRequirements(ctx, b.campaign.id, 'report', [
    { unitId: b.shenhou.id, expectedCount: 1 },
    { unitId: b.fangshan.id, expectedCount: 1 },
  ]);
  setRequirements(ctx, b.campaign.id, 'worklist', [{ unitId: b.shenhou.id, expectedCount: 1 }]);
  registerReturn(ctx, { noticeId: b.campaign.id, unitId: b.shenhou.id, kind: 'report', receivedDate: '2024-01-20' });
});
afterAll(() => ctx.close());

async function openAll(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const open = async (buf: Buffer) => (await openAll(buf)).worksheets[0]!;

function merges(ws: ExcelJS.Worksheet): string[] {
  return (ws.model as unknown as { merges: string[] }).merges;
}

describe('Excel registers', () => {
  it('hazard ledger: the A4 sheet with 五落实 merged, the full A3 sheet, money and dates as numbers', async () => {
    const wb = await openAll(await hazardLedgerBytes(ctx, { townshipUnitIds: [b.shenhou.id] }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['隐患台账', '隐患台账（全部字段）']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('隐患排查治理台账');
    expect(String(ws.getCell('A2').value)).toContain('神垕镇');
    expect(merges(ws)).toEqual(expect.arrayContaining(['A1:N1', 'A2:N2', 'H3:L3', 'A3:A4', 'E3:E4', 'M3:M4']));
    expect(ws.getCell('H3').value).toBe('五落实');
    expect([8, 9, 10, 11, 12].map((c) => ws.getRow(4).getCell(c).value)).toEqual([
      '责任单位（责任人）',
      '整改措施',
      '整改资金（万元）',
      '整改时限',
      '应急预案',
    ]);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const rows = [5, 6, 7].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(3).value)).toEqual([
      '禹州市神垕钧瓷厂0',
      '禹州市神垕钧瓷厂1',
      '禹州市神垕钧瓷厂2',
    ]);
    expect(rows[0]!.getCell(6).value).toBe('重大');
    // 整改资金 1234.56 元 = 0.123456 万元, a number with a number format
    expect(rows[0]!.getCell(10).value).toBeCloseTo(0.123456, 9);
    expect(rows[0]!.getCell(10).numFmt).toBe('#,##0.00##');
    // 发现日期 a real date
    expect(rows[0]!.getCell(7).value).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(rows[0]!.getCell(7).numFmt).toBe('yyyy-mm-dd');
    expect(rows[0]!.getCell(11).value).toBe('3月底前');
    expect(ws.getRow(8).getCell(1).value).toMatch(/^填报人/);

    const full = wb.worksheets[1]!;
    expect(full.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '3:4',
    });
    expect(merges(full)).toEqual(expect.arrayContaining(['A1:U1', 'K3:O3', 'A3:A4', 'E3:E4', 'P3:P4']));
    expect([11, 12, 13, 14, 15].map((c) => full.getRow(4).getCell(c).value)).toEqual([
      '责任单位（责任人）',
      '整改措施',
      '整改资金（元）',
      '整改时限',
      '应急预案',
    ]);
    expect(full.getRow(5).getCell(13).value).toBe(1234.56);
    expect(full.getRow(5).getCell(13).numFmt).toBe('#,##0.00');
    expect(full.getRow(5).getCell(8).value).toEqual(new Date(Date.UTC(2024, 2, 1)));
  });

  it('明白书 summary: 谈话人 and 谈话对象 grouped in a two-row header', async () => {
    const ws = await open(await pledgeSummaryBytes(ctx, { noticeId: b.notice.id }));
    expect(ws.getCell('A1').value).toBe('安全生产责任明白书签订情况汇总表');
    expect(merges(ws)).toEqual(expect.arrayContaining(['C3:D3', 'E3:G3', 'A3:A4', 'H3:H4']));
    expect(ws.getRow(4).getCell(6).value).toBe('单位');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:4' });
    expect(ws.rowCount).toBe(4 + 3);
  });

  it('return board: the notice merged over its returns, a cell per unit and return', async () => {
    const file = await writeWorkbook(
      path.join(ctx.tmp, '跟踪表'),
      listExportBytes(ctx, { list: 'board', filter: { noticeId: b.campaign.id } }),
    );
    expect(file.endsWith('跟踪表.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('C3').value).toBe('禹安办〔2024〕1号');
    expect(merges(ws)).toEqual(expect.arrayContaining(['C3:D3', 'A3:A4', 'B3:B4']));
    const rows = [5, 6].map((r) => ws.getRow(r));
    const byUnit = Object.fromEntries(rows.map((r) => [r.getCell(2).value, [r.getCell(3).value, r.getCell(4).value]]));
    expect(String(byUnit['神垕镇']![0])).toContain('已交');
    expect(String(byUnit['方山镇']![0])).toContain('逾期');
    expect(byUnit['方山镇']![1]).toBe('—');
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '3:4',
    });
  });

  it('exports through IPC with the save dialog', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, '台账');
    const r = await dispatch(ctx, 'exports:ledger', { levels: ['重大'] });
    expect(r).toEqual({ ok: true, data: { file: path.join(ctx.tmp, '台账.xlsx') } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ctx.tmp, '台账.xlsx'));
    expect(wb.worksheets[0]!.rowCount).toBe(4 + 1 + 1);
    expect(wb.worksheets[1]!.rowCount).toBe(4 + 1 + 1);
  });
});
