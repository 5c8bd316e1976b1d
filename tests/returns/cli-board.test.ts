/**
 * The CLI's board and 催报 exports: `board export` writes the board's workbook with the filter in its title;
 * `reminders export` writes the 催报通知 (PDF) or 催报清单 (xlsx) — the same items — and both refuse what the UI
 * refuses (an unknown notice, nothing to chase), writing nothing then.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-cli-board-'));
  data = path.join(dir, 'data');
  const r = cli(data, 'demo');
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!;
}
const column = (ws: ExcelJS.Worksheet, c: number) => {
  const last = Number(ws.pageSetup.printTitlesRow!.split(':')[1]);
  return Array.from({ length: ws.rowCount - last }, (_, i) => String(ws.getRow(last + 1 + i).getCell(c).value ?? ''));
};

describe('CLI board and 催报 exports', () => {
  it('board export: the whole board, then one notice and 只看逾期 named in the title row', async () => {
    const all = path.join(dir, '跟踪表.xlsx');
    const r = cli(data, 'board', 'export', '--out', all, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<{ file: string; title: string }>()).toEqual({ file: all, title: '筛选：无（全部）' });
    const ws = await sheet(all);
    expect(ws.getCell('A1').value).toBe('材料报送情况跟踪表（筛选：无（全部））');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    const units = column(ws, 2);
    expect(units.length).toBeGreaterThan(3);

    const notices = cli(data, 'notices', 'list', '--json').json<{ docNo: string }[]>();
    const docNo = notices[0]!.docNo;
    const one = path.join(dir, '跟踪表-一个通知');
    const r2 = cli(data, 'board', 'export', '--notice', docNo, '--only-late', '--out', one);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toContain(`${one}.xlsx`);
    const ws2 = await sheet(`${one}.xlsx`);
    expect(ws2.getCell('A1').value).toBe(`材料报送情况跟踪表（筛选：通知 ${docNo}；只看逾期和退回）`);
    expect(column(ws2, 2).length).toBeLessThanOrEqual(units.length);
  });

  it('reminders export: the PDF 催报通知 names every unit of the xlsx 催报清单', async () => {
    const xlsx = path.join(dir, '催报清单.xlsx');
    const r = cli(data, 'reminders', 'export', '--out', xlsx, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<{ file: string; format: string; items: number; units: number }>();
    expect(out).toMatchObject({ file: xlsx, format: 'xlsx' });
    const ws = await sheet(xlsx);
    expect(ws.getCell('A1').value).toBe('材料催报清单');
    const units = column(ws, 2);
    expect(units).toHaveLength(out.items);
    expect(new Set(units).size).toBe(out.units);

    const pdf = path.join(dir, '催报通知');
    const p = cli(data, 'reminders', 'export', '--format', 'pdf', '--out', pdf);
    expect(p.code, p.stderr).toBe(0);
    expect(fs.readFileSync(`${pdf}.pdf`).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(`${pdf}.pdf`).replace(/\s+/g, '');
    expect(text).toContain('关于报送有关材料的催报通知');
    for (const u of new Set(units)) expect(text).toContain(u.replace(/\s+/g, ''));
  });

  it('refusals: unknown notice, nothing to chase (exit 1, nothing written), a wrong --format (exit 2)', () => {
    const before = fs.readdirSync(dir).sort();
    const unknown = cli(data, 'board', 'export', '--notice', '不存在〔2026〕1号', '--out', path.join(dir, 'x.xlsx'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('文号“不存在〔2026〕1号”的通知未登记');
    const add = cli(data, 'notices', 'add', '--no', '禹安办〔2026〕99号', '--title', '无需报送的通知');
    expect(add.code, add.stderr).toBe(0);
    const none = cli(
      data,
      'reminders',
      'export',
      '--notice',
      '禹安办〔2026〕99号',
      '--out',
      path.join(dir, 'y.pdf'),
      '--json',
    );
    expect(none.code).toBe(1);
    expect(none.json<{ ok: boolean; error: { code: string; message: string } }>().error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('无需催报'),
    });
    const fmt = cli(data, 'reminders', 'export', '--format', 'doc', '--out', path.join(dir, 'z.doc'));
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format 只能是 pdf');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });
});
