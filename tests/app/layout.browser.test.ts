/**
 * The clerk's screens at 1366×768 and 1920×1080 with the demo data: every main page is photographed at both sizes
 * (tests/screenshots/1366x768/, tests/screenshots/1920x1080/) and measured — the whole menu inside the window,
 * 登记报送's buttons above the fold, no notice column under the board's fixed column, the industry ring's names
 * complete (read from what ECharts drew), every township in the stats table without an inner scroll box — and
 * read: no raw ids (#601, 单位 #81), no English words but the names of formats, one date-time format.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backupTo } from '../../core/backup/service';
import { fillDemo } from '../../core/demo/service';
import { hazardStats } from '../../core/stats/service';
import { createUnit, findUnitByName, mergeUnits } from '../../core/units/service';
import { SCREENSHOTS, startHarness, until, type Harness } from '../helpers/browser';

/** At most this many slices in the industry ring, the rest summed as 其他 (renderer/src/stats/statsCharts.ts). */
const PIE_MAX_SLICES = 10;

let h: Harness;
let page: Page;

/** The main pages, as the menu lists them (renderer/src/app/routes.tsx). */
const PAGES = [
  ['home', '工作台'],
  ['board', '报送跟踪'],
  ['hazards', '隐患台账'],
  ['returns', '报送登记'],
  ['imports', '导入报表'],
  ['pledges', '明白书登记'],
  ['coverage', '签订覆盖情况'],
  ['stats', '统计分析'],
  ['volumes', '案卷归档'],
  ['notices', '通知文件'],
  ['units', '单位名录'],
  ['audit', '操作日志'],
  ['backup', '数据安全'],
  ['trash', '回收站'],
  ['settings', '设置'],
] as const;

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Words that may stay in Latin letters: names of file formats and standards. */
const ALLOWED_WORDS = new Set([
  'PDF',
  'Excel',
  'Word',
  'WPS',
  'OFD',
  'SM3',
  'CSV',
  'OpenDocument',
  'JPEG',
  'CMYK',
  'docx',
  'xlsx',
  'xls',
  'tar',
]);

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx);
  // What reached the 操作日志 as "backup", "单位 #81": a backup, and a mistyped unit merged into the right one.
  const typo = createUnit(h.ctx, { name: '方山镇人民政府', kind: '乡镇' });
  mergeUnits(h.ctx, typo.id, findUnitByName(h.ctx, '方山镇')!.id);
  h.ports.folder = path.join(h.tmp, 'out');
  await backupTo(h.ctx);
  for (const s of SIZES) fs.mkdirSync(path.join(SCREENSHOTS, `${s.width}x${s.height}`), { recursive: true });
});

afterAll(async () => {
  await h?.close();
});

/** Opens a page and waits until its data is in: no spinner, no skeleton, the header drawn. */
async function openPage(key: string) {
  await h.open(`#/${key}`);
  await page.locator('.page-header').first().waitFor();
  await until(
    `${key} 页面加载完成`,
    async () => (await page.locator('.ant-spin-spinning, .ant-skeleton').count()) === 0,
  );
  // Charts and lazy tables render a frame later.
  await page.waitForTimeout(400);
}

/** The visible text, with file system paths (data directory, backup folder) taken out: they are the clerk's. */
async function visibleText(): Promise<string> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.replace(/(?:[A-Za-z]:)?[/\\][^\s，。；：“”（）()]+/g, ' ');
}

function foreignWords(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z]{4,}/g) ?? [])].filter((w) => !ALLOWED_WORDS.has(w));
}

describe.each(SIZES)('$width×$height', (size) => {
  beforeAll(async () => {
    await page.setViewportSize(size);
  });
  const dir = `${size.width}x${size.height}`;

  test('every main page: screenshot, whole menu, header buttons on screen, no ids or English, one time format', async () => {
    for (const [key, label] of PAGES) {
      await openPage(key);
      await h.screenshot(`${dir}/${key}`);
      expect(await page.locator('.shell-sider .ant-menu-item-selected').textContent()).toBe(label);

      // The menu's last item (设置) whole inside the window, every item inside the sider.
      const items = await page.locator('.shell-sider .ant-menu-item').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, top: r.top, bottom: r.bottom };
        }),
      );
      expect(items.map((i) => i.text)).toEqual(PAGES.map((p) => p[1]));
      for (const i of items) expect(i.bottom, `${key}：菜单“${i.text}”`).toBeLessThanOrEqual(size.height);

      // The page's own buttons (登记报送, 导出…) inside the window.
      for (const b of await page.locator('.page-header-extra button').all()) {
        const r = (await b.boundingBox())!;
        expect(r.x + r.width, `${key}：${await b.textContent()}`).toBeLessThanOrEqual(size.width);
        expect(r.y + r.height, `${key}：${await b.textContent()}`).toBeLessThanOrEqual(size.height);
      }

      const text = await visibleText();
      expect(text.match(/#\d+/g), `${key}：原始编号`).toBeNull();
      expect(foreignWords(text), `${key}：英文`).toEqual([]);
      // One date-time format (2026-12-02 16:06): never 2026/12/2, never seconds.
      expect(text.match(/\d{4}\/\d{1,2}\/\d{1,2}/g), `${key}：斜杠日期`).toBeNull();
      expect(text.match(/\d{1,2}:\d{2}:\d{2}/g), `${key}：带秒的时间`).toBeNull();
    }
    expect(h.errors).toEqual([]);
  });

  test('操作日志 names the backup and the merge in Chinese, with no ids, and its details too', async () => {
    await openPage('audit');
    const table = page.getByTestId('audit-table');
    await table.getByText('数据备份').first().waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/备份为“安委台账备份_[^”]+\.tar”/);
    expect(text).toContain('合并单位：“方山镇人民政府”并入“方山镇”');
    expect(text).not.toMatch(/#\d+/);
    // The backup's details: 文件 and 内容 (单位 …、隐患 …), not file / counts / {"units":…}.
    const row = table.locator('tr.ant-table-row').filter({ hasText: '数据备份' }).first();
    await row.locator('.ant-table-row-expand-icon').click();
    const details = page.locator('.audit-diff').first();
    await details.waitFor();
    const d = await details.innerText();
    expect(d).toContain('文件');
    expect(d).toMatch(/内容\s+单位 \d+、/);
    expect(foreignWords(d.replace(/(?:[A-Za-z]:)?[/\\][^\s，。；：“”（）()]+/g, ' '))).toEqual([]);
    await h.screenshot(`${dir}/audit-backup-details`);
  });

  test('detail drawers (隐患, 明白书, 报送): no ids, no English, one time format', async () => {
    const drawers = [
      { key: 'hazards', open: () => page.locator('.ant-table-row .hazard-no').first().click(), title: /隐患详情/ },
      {
        key: 'pledges',
        open: () => page.locator('.ant-table-row').first().getByRole('button', { name: '查看' }).click(),
        title: /明白书 ·/,
      },
      {
        key: 'returns',
        open: () => page.locator('.ant-table-row').first().getByRole('button', { name: '查看' }).click(),
        title: /报送记录/,
      },
    ];
    for (const d of drawers) {
      await openPage(d.key);
      await d.open();
      const drawer = page.getByRole('dialog', { name: d.title });
      await drawer.locator('.ant-drawer-body').waitFor();
      await until(`${d.key} 详情加载完成`, async () => (await drawer.locator('.ant-spin-spinning').count()) === 0);
      await page.waitForTimeout(300);
      await h.screenshot(`${dir}/${d.key}-detail`);
      const text = (await drawer.innerText()).replace(/(?:[A-Za-z]:)?[/\\][^\s，。；：“”（）()]+/g, ' ');
      expect(text.match(/#\d+/g), `${d.key}：原始编号`).toBeNull();
      expect(foreignWords(text), `${d.key}：英文`).toEqual([]);
      expect(text.match(/\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}:\d{2}:\d{2}/g), `${d.key}：时间格式`).toBeNull();
    }
  });

  test('登记报送: the dialog and its buttons fit the window', async () => {
    await openPage('returns');
    await page.locator('.page-header-extra').getByRole('button', { name: '登记报送' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记报送' });
    await dialog.locator('.ant-modal-footer').waitFor();
    await page.waitForTimeout(300);
    for (const name of ['登 记', '取 消']) {
      const b = (await dialog.getByRole('button', { name: new RegExp(name.replace(' ', '\\s*')) }).boundingBox())!;
      expect(b.y, name).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, name).toBeLessThanOrEqual(size.height);
    }
    const title = (await dialog.locator('.ant-modal-title').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(0);
    await h.screenshot(`${dir}/returns-register`);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  test('报送跟踪: no notice column under the fixed 逾期/退回 column', async () => {
    await openPage('board');
    const heads = async () =>
      page
        .getByTestId('board-table')
        .locator('.ant-table-thead th')
        .evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { text: e.textContent ?? '', left: r.left, right: r.right };
          }),
        );
    const cols = await heads();
    const late = cols.find((c) => c.text === '逾期/退回')!;
    const notices = cols.filter((c) => /明白书|专题报告|工作清单|自查报告|隐患台账/.test(c.text));
    expect(notices.length).toBe(6);
    // The demo campaign's six columns fit beside the fixed ones: nothing to scroll, nothing hidden.
    for (const c of notices) expect(c.right, c.text).toBeLessThanOrEqual(late.left + 0.5);
    const scroll = await page
      .getByTestId('board-table')
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth }));
    expect(scroll.sw).toBeLessThanOrEqual(scroll.cw + 1);
    // The 文号 under each kind breaks after 〕 only (never "1" / "号" apart).
    const lines = await page
      .getByTestId('board-table')
      .locator('.board-docno')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.split('\n')));
    for (const l of lines) for (const part of l) expect(part).toMatch(/^(.*〕|\d+号|.*〕\d+号)$/);
  });

  test('统计分析: the ring names every industry in full; every township row, no inner scroll', async () => {
    await openPage('stats');
    const chart = page.getByTestId('chart-industry');
    await chart.scrollIntoViewIfNeeded();
    await until('行业图已绘制', async () =>
      chart.evaluate((el) => !!(el as HTMLElement & { echart?: unknown }).echart),
    );
    await page.waitForTimeout(600);
    // What ECharts drew: every text element, its string and its box in the chart's pixels.
    const drawn = await chart.evaluate((el) => {
      type Rect = { x: number; y: number; width: number; height: number; applyTransform(m: number[]): void };
      type Elem = {
        style?: { text?: unknown };
        ignore?: boolean;
        invisible?: boolean;
        transform?: number[];
        getBoundingRect(): Rect & { clone(): Rect };
      };
      const c = (el as HTMLElement & { echart: { getZr(): { storage: { getDisplayList(u: boolean): Elem[] } } } })
        .echart;
      return {
        width: el.clientWidth,
        height: el.clientHeight,
        texts: c
          .getZr()
          .storage.getDisplayList(true)
          .filter((e) => typeof e.style?.text === 'string' && e.style.text !== '' && !e.ignore && !e.invisible)
          .map((e) => {
            const r = e.getBoundingRect().clone();
            if (e.transform) r.applyTransform(e.transform);
            return { text: String(e.style!.text), x: r.x, y: r.y, w: r.width, h: r.height };
          }),
      };
    });
    await chart.screenshot({ path: path.join(SCREENSHOTS, dir, 'stats-industry.png') });
    const year = new Date().getFullYear();
    const s = hazardStats(h.ctx, { from: `${year}-01-01`, to: `${year}-12-31` }).hazards;
    const ranked = [...s.byIndustry].filter((r) => r.total > 0).sort((a, b) => b.total - a.total);
    expect(ranked.length).toBeGreaterThan(PIE_MAX_SLICES); // the demo has more industries than slices
    const shown = ranked.slice(0, PIE_MAX_SLICES - 1).map((r) => `${r.key}  ${r.total} 处`);
    const rest = ranked.slice(PIE_MAX_SLICES - 1).reduce((n, r) => n + r.total, 0);
    const texts = drawn.texts.map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining([...shown, `其他  ${rest} 处`]));
    for (const t of drawn.texts) {
      expect(t.text, '截断的标签').not.toMatch(/\.\.\.|…/);
      expect(t.x, t.text).toBeGreaterThanOrEqual(0);
      expect(t.y, t.text).toBeGreaterThanOrEqual(0);
      expect(t.x + t.w, t.text).toBeLessThanOrEqual(drawn.width + 0.5);
      expect(t.y + t.h, t.text).toBeLessThanOrEqual(drawn.height + 0.5);
    }

    // 按乡镇（街道）: one row per township, the table as tall as its rows.
    const grid = page.locator('.ant-tabs .ant-table >> visible=true').first();
    await grid.scrollIntoViewIfNeeded();
    const rows = grid.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(s.byTownship.length);
    expect(s.byTownship.length).toBeGreaterThan(9);
    const inner = await grid.evaluate((t) =>
      Array.from(t.querySelectorAll('.ant-table-body, .ant-table-content')).map((e) => e.scrollHeight - e.clientHeight),
    );
    for (const d of inner) expect(d, '表格内的滚动条').toBeLessThanOrEqual(1);
    expect(await grid.locator('.stats-total-row').innerText()).toContain(String(s.total));
    await h.screenshot(`${dir}/stats-table`);
  });
});
