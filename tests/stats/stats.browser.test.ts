/**
 * 统计分析 in Chromium over the demo ledger: the cards show what hazardStats computes for the period and filters,
 * the charts are drawn, the Excel export reopens, and the draft 简报 sentence is the service's.
 */
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { hazardStats, statsParagraph, type StatsQuery } from '../../core/stats/service';
import { listUnits } from '../../core/units/service';
import { startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx, { hazards: 250 });
});

afterAll(async () => {
  await h?.close();
});

const card = (key: string) => page.getByTestId(`stat-${key}`).locator('.stat-card-number');

async function cardsShow(q: StatsQuery, what: string) {
  const s = hazardStats(h.ctx, q).hazards;
  const want: Record<string, string> = {
    checked: String(s.checked),
    total: String(s.total),
    major: String(s.major),
    rectified: String(s.rectified),
    rate: s.rate.toFixed(1),
    overdue: String(s.overdue),
    majorRectified: String(s.majorRectified),
  };
  await until(`${what}的统计数字`, async () => {
    for (const [k, v] of Object.entries(want)) if ((await card(k).textContent()) !== v) return false;
    return true;
  });
  return s;
}

/** Share of clearly non-white pixels in a canvas. */
async function inkRatio(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) ink++;
    return ink / (data.length / 4);
  });
}

/** Ticks one option of a multiple Select (its list stays open until Escape). */
async function pickMany(label: string, text: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

describe('统计分析', () => {
  test('cards match hazardStats, charts are drawn, Excel export, 简报 paragraph', async () => {
    const year = new Date().getFullYear();
    const thisYear: StatsQuery = { from: `${year}-01-01`, to: `${year}-12-31` };
    await h.open('#/stats');
    const s = await cardsShow(thisYear, '本年');
    expect(s.total).toBeGreaterThan(0);

    // The charts: canvases with ink on them (wait for the short animation).
    for (const id of ['chart-township', 'chart-industry', 'chart-month']) {
      const canvas = page.getByTestId(id).locator('canvas').first();
      await canvas.waitFor();
      await until(`${id} 已绘制`, async () => (await inkRatio(canvas)) > 0.01);
    }
    expect(await page.getByTestId('stats-paragraph').textContent()).toBe(statsParagraph(hazardStats(h.ctx, thisYear)));
    await h.screenshot('stats');
    await page.locator('.shell-content').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await h.screenshot('stats-lower');
    await page.locator('.shell-content').evaluate((el) => (el.scrollTop = 0));

    // Only 重大 hazards.
    await page.getByLabel('等级').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '重大隐患' }).click();
    const major = await cardsShow({ ...thisYear, levels: ['重大'] }, '本年重大');
    expect(major.total).toBe(s.major);

    // 上年 from the presets.
    await page.getByTestId('stats-level').hover();
    await page.getByTestId('stats-level').locator('.ant-select-clear').click();
    await cardsShow(thisYear, '清除等级后');
    await page.locator('.ant-picker-range').first().click();
    await page.locator('.ant-picker-presets li').filter({ hasText: '上年' }).click();
    await cardsShow({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }, '上年');

    // Excel.
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await until('统计表已保存', () => h.ports.opened.length === 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(h.ports.opened[0]!);
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => text.push(String(c.value ?? '')))));
    const last = hazardStats(h.ctx, { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }).hazards;
    if (last.byTownship.length) expect(text.join('\n')).toContain(last.byTownship[0]!.key);

    // 复制 puts the paragraph on the clipboard (or says it could not).
    await page.getByRole('button', { name: '复制' }).click();
    await page
      .locator('.ant-message')
      .getByText(/已复制|复制失败/)
      .waitFor();
    expect(h.errors).toEqual([]);
  });

  test('the 简报 speaks of the township and industry filtered, and its period stops at today', async () => {
    const now = new Date();
    const year = now.getFullYear();
    const todayWords = `${year}年${now.getMonth() + 1}月${now.getDate()}日`;
    const fang = listUnits(h.ctx).find((u) => u.name === '方山镇')!;
    await h.open('#/stats');
    const paragraph = page.getByTestId('stats-paragraph');
    await until('全市简报', async () => ((await paragraph.textContent()) ?? '').includes('全市共检查'));
    expect(await paragraph.textContent()).toContain(`${year}年1月1日至${todayWords}，`);

    await pickMany('乡镇', '方山镇');
    const q: StatsQuery = { from: `${year}-01-01`, to: `${year}-12-31`, townshipUnitIds: [fang.id] };
    await until('方山镇简报', async () => (await paragraph.textContent()) === statsParagraph(hazardStats(h.ctx, q)));
    const text = (await paragraph.textContent())!;
    expect(text.startsWith(`${year}年1月1日至${todayWords}，方山镇共检查生产经营单位`)).toBe(true);
    expect(text).not.toContain('全市');

    await pickMany('行业', '燃气');
    const q2: StatsQuery = { ...q, industries: ['燃气'] };
    await until(
      '方山镇燃气简报',
      async () => (await paragraph.textContent()) === statsParagraph(hazardStats(h.ctx, q2)),
    );
    expect(await paragraph.textContent()).toContain('，方山镇燃气行业领域共检查生产经营单位');
    await h.screenshot('stats-brief-filtered');
    expect(h.errors).toEqual([]);
  });
});
