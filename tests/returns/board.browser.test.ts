/**
 * 报送跟踪 in Chromium over the demo register: a notice's 逾期 cells, the “只看逾期/退回” switch, and the 催报
 * exports (Excel reopened with exceljs, PDF checked for its header). Data comes from fillDemo relative to today.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chaseList, returnBoard } from '../../core/returns/board';
import { fillDemo } from '../../core/demo/service';
import { listNotices } from '../../core/notices/service';
import { chooseOption, startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx, { hazards: 40 });
});

afterAll(async () => {
  await h?.close();
});

const rows = () => page.getByTestId('board-table').locator('tbody tr.ant-table-row');
const cells = (status: string): Locator =>
  page.getByTestId('board-table').locator(`.board-cell[data-status="${status}"]`);

describe('报送跟踪', () => {
  test('a notice shows its 逾期 cells; only-late narrows the rows; 催报 exports are written', async () => {
    const year = new Date().getFullYear();
    const selfcheck = listNotices(h.ctx).find((n) => n.docNo === `禹安办〔${year}〕9号`)!;
    const expected = returnBoard(h.ctx, { noticeId: selfcheck.id });
    expect(expected.totals['逾期']).toBeGreaterThan(0);

    await h.open('#/board');
    // All notices first: every requirement of the demo is on the board.
    const all = returnBoard(h.ctx);
    await until('全部通知的报送情况', async () => (await rows().count()) === all.rows.length);
    await h.screenshot('board-all');

    await chooseOption(page, page.getByTestId('board-notice-select'), selfcheck.docNo);
    await until('该通知的单位', async () => (await rows().count()) === expected.rows.length);
    expect(await cells('逾期').count()).toBe(expected.totals['逾期']);
    expect(await page.getByTestId('board-total-逾期').textContent()).toBe(String(expected.totals['逾期']));
    // The tooltip tells the deadline.
    await cells('逾期').first().hover();
    await page.locator('.ant-tooltip:visible').getByText(`截止：${selfcheck.deadline}`).waitFor();
    await h.screenshot('board-notice');

    // Only the late ones.
    const late = returnBoard(h.ctx, { noticeId: selfcheck.id, onlyLate: true });
    expect(late.rows.length).toBeLessThan(expected.rows.length);
    await page.getByTestId('board-only-late').click();
    await until('只看逾期/退回', async () => (await rows().count()) === late.rows.length);
    expect(await cells('已交').count()).toBe(0);
    await h.screenshot('board-only-late');

    // 催报清单 (Excel): saved where the dialog said, reopened, lists a late unit.
    const chase = chaseList(h.ctx, { noticeId: selfcheck.id, onlyLate: true });
    await page.getByRole('button', { name: '导出催报清单（Excel）' }).click();
    await until('Excel 已保存', () => h.ports.opened.length === 1);
    const xlsx = h.ports.opened[0]!;
    expect(xlsx.endsWith('.xlsx')).toBe(true);
    await page.locator('.ant-message').getByText(xlsx, { exact: false }).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => text.push(String(c.value ?? '')))));
    expect(text.join('\n')).toContain(chase[0]!.unitName);

    // 催报通知: the print preview, then 另存为… writes the PDF (not opened: it was already seen).
    await page.getByRole('button', { name: '打印催报通知' }).click();
    const preview = page.locator('.ant-modal').filter({ hasText: '打印预览 · 催报通知' });
    const canvas = preview.getByTestId('print-preview-canvas');
    await until('预览第 1 页已绘制', async () => (await canvas.getAttribute('data-rendered')) === 'yes', 90_000);
    const saved = h.ports.savedPaths.length;
    await preview.getByRole('button', { name: '另存为…' }).click();
    await until(
      'PDF 已保存',
      () => h.ports.savedPaths.length === saved + 1 && fs.existsSync(h.ports.savedPaths[saved]!),
    );
    const pdf = h.ports.savedPaths[saved]!;
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(h.errors).toEqual([]);
  });
});
