import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { exportChase, exportStats } from '../../core/exports/service';
import { chaseList, type ChaseItem } from '../../core/returns/board';
import { chasePdf } from '../../core/returns/chase';
import { hazardStats } from '../../core/stats/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { pdfFonts, pdfPageCount, pdfText } from '../helpers/pdf';

let ctx: TestCtx;
beforeEach(() => {
  ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') });
  fillDemo(ctx, { hazards: 150 });
});
afterEach(() => ctx.close());

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('exports', () => {
  it('writes the 催报 list as a print-ready workbook and reopens it', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, '催报清单');
    const r = await exportChase(ctx, { format: 'xlsx' });
    expect(r?.file).toBe(path.join(ctx.tmp, '催报清单.xlsx'));
    expect(ctx.ports.opened).toEqual([r!.file]);
    const items = chaseList(ctx, {});
    expect(items.length).toBeGreaterThan(3);
    const ws = (await open(r!.file)).getWorksheet('催报清单')!;
    expect(ws.getCell('A1').value).toBe('材料催报清单');
    expect(ws.getRow(3).values).toEqual(
      expect.arrayContaining(['序号', '单位', '未交材料', '截止日期', '联系人', '联系电话']),
    );
    expect(ws.getCell('B4').value).toBe(items[0]!.unitName);
    expect(ws.rowCount).toBe(3 + items.length);
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      printTitlesRow: '3:3',
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('writes the 催报 notice as a PDF with Chinese text and embedded fonts', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, '催报通知.pdf');
    const r = await exportChase(ctx, { format: 'pdf', onlyLate: true });
    const text = pdfText(r!.file);
    expect(text).toContain('关于报送有关材料的催报通知');
    const first = chaseList(ctx, { onlyLate: true })[0]!;
    expect(text).toContain(first.unitName);
    expect(text).toContain('禹州市安全生产委员会办公室');
    expect(pdfFonts(r!.file).every((f) => f.embedded)).toBe(true);
  });

  it('writes the statistics table with a merged two-row header, and a cancelled dialog writes nothing', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, 'stats.xlsx');
    const q = { from: '2024-01-01', to: '2024-12-31' };
    const r = await exportStats(ctx, q);
    const wb = await open(r!.file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按乡镇', '按行业', '按类别', '按月份']);
    const ws = wb.getWorksheet('按乡镇')!;
    expect(ws.getCell('A3').value).toBe('乡镇（街道）');
    expect(ws.getCell('C3').value).toBe('排查隐患（处）');
    expect(ws.getCell('C4').value).toBe('合计');
    expect(ws.getCell('D4').value).toBe('其中重大');
    expect(ws.getCell('D3').isMerged).toBe(true);
    expect(ws.getCell('A4').isMerged).toBe(true);
    const s = hazardStats(ctx, q).hazards;
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(3).value).toBe(s.total);
    expect(last.getCell(4).value).toBe(s.major);
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    const before = fs.readdirSync(ctx.tmp).length;
    ctx.ports.savePath = null;
    expect(await exportStats(ctx, q)).toBeNull();
    expect(fs.readdirSync(ctx.tmp).length).toBe(before);
  });

  it('fills demo data only into an empty register', () => {
    const before = tableCounts(ctx);
    expect(before.hazards).toBe(150);
    expect(before.pledges).toBeGreaterThan(20);
    expect(before.return_submissions).toBeGreaterThan(20);
    expect(() => fillDemo(ctx)).toThrow('已有数据');
    expect(tableCounts(ctx)).toEqual(before);
  });
});

describe('催报通知 (PDF)', () => {
  /** Text in content-stream order: a wrapped cell's lines come one after another. */
  const rawText = (file: string) =>
    execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

  it('never cuts a cell: long 未交材料, unit names and 截止日期 wrap onto more lines, the rows grow', async () => {
    const items: ChaseItem[] = Array.from({ length: 30 }, (_, i) => ({
      unitName: i % 2 ? '禹州市鸿畅镇人民政府安全生产办公室' : '方山镇',
      contact: null,
      phone: null,
      docNo: `禹安办〔2026〕${i + 1}号`,
      noticeTitle: '关于开展安全生产治本攻坚三年行动“回头看”的通知',
      what: i % 3 ? `隐患台账（2026年${(i % 12) + 1}月）` : '隐患台账（2026年11月）及重大事故隐患整改销号佐证材料',
      deadline: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      status: i % 4 ? '逾期' : '退回修改',
      note: null,
    }));
    const file = path.join(ctx.tmp, '催报.pdf');
    fs.writeFileSync(file, await chasePdf(items, { office: '禹州市安全生产委员会办公室', today: '2026-12-02' }));
    expect(pdfPageCount(file)).toBeGreaterThan(1);
    const raw = rawText(file).replace(/\s+/g, '');
    expect(raw).not.toContain('…');
    for (const x of items) {
      const d = x.deadline!.replace(
        /^(\d{4})-(\d{2})-(\d{2})$/,
        (_, y, m, dd) => `${y}年${Number(m)}月${Number(dd)}日`,
      );
      expect(raw).toContain(d);
      expect(raw).toContain(x.what);
      expect(raw).toContain(x.unitName);
      expect(raw).toContain(x.docNo);
    }
    // the header row is repeated on the second page
    expect(pdfText(file, 2)).toContain('未交材料');
  });

  it('prints the demo 催报 list whole', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, '催报通知.pdf');
    const r = await exportChase(ctx, { format: 'pdf' });
    const raw = rawText(r!.file).replace(/\s+/g, '');
    expect(raw).not.toContain('…');
    for (const x of chaseList(ctx, {})) {
      expect(raw).toContain(x.what.replace(/\s+/g, ''));
      expect(raw).toContain(x.docNo);
    }
  });
});
