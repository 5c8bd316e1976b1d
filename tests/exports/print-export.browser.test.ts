/**
 * As a clerk: 导出 on the 隐患台账 page downloads exactly the filtered rows with the filter in the title row;
 * 导出台账 Excel on the 案卷归档 page writes the three registers;
 * 打印 on a 明白书 opens the print preview (page 1 drawn by pdf.js, not blank), 打印 sends that PDF to the
 * printer channel and 另存为… writes it; the hazard form refuses a duplicate as 疑似重复 and 仍然保存 stores it.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { createHazard } from '../../core/hazards/editing';
import { listHazards } from '../../core/hazards/service';
import { listPledges } from '../../core/pledges/service';
import { requireUnitByName } from '../../core/units/service';
import { createVolume } from '../../core/volumes';
import { pdfText } from '../helpers/pdf';
import { fillDate, startHarness, until, visible, type Harness } from '../helpers/browser';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  fillDemo(h.ctx, { hazards: 120 });
});
afterAll(async () => {
  await h?.close();
});

const count = (table: string) =>
  (h.ctx.sqlite.prepare(`select count(*) as n from ${table} where deleted_at is null`).get() as { n: number }).n;

/** Share of clearly non-white pixels in the canvas (a blank render is all white). */
async function inkRatio(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink / (data.length / 4);
  });
}

describe('export as shown, print preview, 仍然保存', () => {
  it('隐患台账 导出: the filtered rows only, the filter named in the title row', async () => {
    const town = requireUnitByName(h.ctx, '方山镇');
    const filter = { townshipUnitIds: [town.id], levels: ['一般' as const], statuses: ['未整改' as const] };
    const expected = listHazards(h.ctx, { ...filter, limit: 1000 });
    expect(expected.total).toBeGreaterThan(0);
    await h.open(`#/hazards?township=${town.id}&level=一般&status=未整改`);
    const page = h.page;
    await until(
      '筛选后的条数',
      async () => (await page.getByTestId('hazard-total').textContent()) === `共 ${expected.total} 条`,
    );
    const before = h.ports.savedPaths.length;
    await page.getByTestId('list-export').click();
    await until('已导出', () => h.ports.savedPaths.length === before + 1 && h.ports.opened.length > 0);
    const file = h.ports.savedPaths[before]!;
    expect(file).toMatch(/隐患台账_方山镇_一般_未整改_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.locator('.ant-message').getByText('已导出', { exact: false }).waitFor();
    await h.screenshot('hazards-exported');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('隐患台账')!;
    expect(ws.getCell('A1').value).toBe('隐患排查治理台账（筛选：方山镇；一般；未整改）');
    const rows: string[] = [];
    for (let r = 5; r < ws.rowCount; r++)
      rows.push(`${String(ws.getCell(r, 3).value)}|${String(ws.getCell(r, 5).value)}`);
    expect(rows.sort()).toEqual(expected.rows.map((x) => `${x.enterpriseName}|${x.description}`).sort());
    expect(h.errors).toEqual([]);
  });

  it('案卷归档 导出台账 Excel: the three registers (exports:ledger, exports:pledgeSummary, board:export)', async () => {
    await h.open('#/volumes');
    const page = h.page;
    const registers = [
      ['隐患排查治理台账', /隐患排查治理台账_\d{4}-\d{2}-\d{2}\.xlsx$/, '隐患排查治理台账'],
      ['明白书签订情况汇总表', /明白书签订情况汇总表_\d{4}-\d{2}-\d{2}\.xlsx$/, '安全生产责任明白书签订情况汇总表'],
      ['材料报送情况跟踪表', /材料报送情况跟踪表_\d{4}-\d{2}-\d{2}\.xlsx$/, '材料报送情况跟踪表（筛选：无（全部））'],
    ] as const;
    for (const [item, name, title] of registers) {
      const before = h.ports.savedPaths.length;
      await page.getByRole('button', { name: /导出台账 Excel/ }).click();
      await page.getByRole('menuitem', { name: item }).click();
      await until(
        `已导出${item}`,
        () => h.ports.savedPaths.length === before + 1 && fs.existsSync(h.ports.savedPaths[before]!),
      );
      const file = h.ports.savedPaths[before]!;
      expect(file).toMatch(name);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets[0]!.getCell('A1').value).toBe(title);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(5);
    }
    expect(h.errors).toEqual([]);
  });

  it('明白书 打印: preview shows page 1, 打印 goes to the printer channel, 另存为… writes the file', async () => {
    const p = listPledges(h.ctx, { pageSize: 1, sortField: 'createdAt', sortOrder: 'desc' }).rows[0]!;
    await h.open('#/pledges');
    const page = h.page;
    const row = page.getByTestId('pledge-table').locator(`tbody tr[data-row-key="${p.id}"]`);
    await visible(row);
    await row.getByRole('button', { name: '打印' }).click();
    const preview = await visible(page.locator('.ant-modal').filter({ hasText: '打印预览' }));
    await visible(preview.getByText(`安全生产责任明白书 · ${p.talkeeName}`));
    const canvas = preview.getByTestId('print-preview-canvas');
    await until('预览第 1 页已绘制', async () => (await canvas.getAttribute('data-rendered')) === 'yes', 90_000);
    expect(await canvas.getAttribute('data-page')).toBe('1');
    expect(await inkRatio(canvas)).toBeGreaterThan(0.005);
    await visible(preview.getByTestId('print-preview-pages').getByText('共 1 页'));
    expect(h.ports.printed).toEqual([]); // nothing printed or saved before the clerk chooses
    const saved = h.ports.savedPaths.length;
    await h.screenshot('print-preview');

    await preview.getByRole('button', { name: '打印' }).click();
    await until('已发送到打印机', () => h.ports.printed.length === 1);
    expect(h.ports.printed[0]!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(h.ports.printed[0]!.title).toBe(`安全生产责任明白书 · ${p.talkeeName}`);
    await page.locator('.ant-message').getByText('已发送到打印机').waitFor();
    expect(h.ports.savedPaths.length).toBe(saved);

    await preview.getByRole('button', { name: '另存为…' }).click();
    await until('已另存', () => h.ports.savedPaths.length === saved + 1 && fs.existsSync(h.ports.savedPaths[saved]!));
    const file = h.ports.savedPaths[saved]!;
    expect(file.endsWith(`安全生产责任明白书_${p.talkeeName}.pdf`)).toBe(true);
    expect(fs.readFileSync(file).equals(h.ports.printed[0]!.bytes)).toBe(true); // what was printed is what was saved
    expect(pdfText(file).replace(/\s+/g, '')).toContain(p.talkeeName);
    await preview.locator('.ant-modal-close').click();
    await preview.waitFor({ state: 'hidden' });
    expect(h.errors).toEqual([]);
  });

  it('hazard form: a duplicate is refused as 疑似重复 (nothing stored), 仍然保存 stores it', async () => {
    const town = requireUnitByName(h.ctx, '神垕镇');
    const found = '2026-11-20';
    const first = createHazard(h.ctx, {
      enterpriseName: '禹州市重复测试陶瓷厂',
      townshipUnitId: town.id,
      description: '配电箱未接地，箱门缺失',
      foundDate: found,
      level: '一般',
    });
    const before = count('hazards');
    await h.open('#/hazards');
    const page = h.page;
    await page.getByRole('button', { name: '新增隐患' }).click();
    const form = await visible(page.getByRole('dialog', { name: '新增隐患' }));
    await form.getByLabel('隐患单位').fill('禹州市重复测试陶瓷厂');
    await form.getByLabel('隐患描述').fill('配电箱未接地，箱门缺失');
    await form.locator('.ant-form-item').filter({ hasText: '乡镇（街道）' }).locator('.ant-select').first().click();
    await page.keyboard.type('神垕');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '神垕镇' })
      .first()
      .click();
    await fillDate(form.getByLabel('发现日期'), found);
    await form.getByTestId('hazard-save').click();
    const err = await visible(form.getByTestId('hazard-form-error'));
    const text = (await err.textContent()) ?? '';
    expect(text).toContain('疑似重复');
    expect(text).toContain(`编号 ${first.id}`);
    expect(count('hazards')).toBe(before);
    await h.screenshot('hazard-duplicate');

    await form.getByTestId('hazard-save-duplicate').click();
    await form.waitFor({ state: 'hidden' });
    expect(count('hazards')).toBe(before + 1);
    const same = listHazards(h.ctx, { search: '重复测试陶瓷', limit: 10 }).rows;
    expect(same).toHaveLength(2);
    expect(same.every((x) => x.description === '配电箱未接地，箱门缺失' && x.foundDate === found)).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('a draft volume 打印: the whole volume in the preview, pages turned, 打印 reaches the printer channel', async () => {
    const v = createVolume(h.ctx, { title: '打印预览测试卷', selection: { kinds: ['pledge'], year: 2026 } });
    await h.open('#/volumes');
    const page = h.page;
    const row = page.locator('.ant-table-row').filter({ hasText: '打印预览测试卷' });
    await visible(row);
    await row.getByRole('button', { name: '打印' }).click();
    const preview = await visible(page.locator('.ant-modal').filter({ hasText: '打印预览 · 案卷' }), 120_000);
    const canvas = preview.getByTestId('print-preview-canvas');
    await until('案卷第 1 页已绘制', async () => (await canvas.getAttribute('data-rendered')) === 'yes', 120_000);
    expect(await inkRatio(canvas)).toBeGreaterThan(0.003);
    const pages = preview.getByTestId('print-preview-pages');
    await until('页数', async () => /共 \d+ 页/.test((await pages.textContent()) ?? ''));
    const n = Number(/共 (\d+) 页/.exec((await pages.textContent())!)![1]);
    expect(n).toBeGreaterThan(2);
    await h.screenshot('print-preview-volume'); // the cover
    await preview.getByRole('button', { name: /下一页/ }).click();
    await until(
      '第 2 页已绘制',
      async () =>
        (await canvas.getAttribute('data-page')) === '2' && (await canvas.getAttribute('data-rendered')) === 'yes',
    );
    const printed = h.ports.printed.length;
    await preview.getByRole('button', { name: '打印' }).click();
    await until('案卷已发送到打印机', () => h.ports.printed.length === printed + 1);
    expect(h.ports.printed.at(-1)!.title).toBe(`案卷 · ${v.title}`);
    await preview.locator('.ant-modal-close').click();
    await preview.waitFor({ state: 'hidden' });
    expect(h.errors).toEqual([]);
  });
});
