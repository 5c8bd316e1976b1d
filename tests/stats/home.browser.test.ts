/**
 * 工作台 in Chromium: on an empty register the first-run panel offers the demo data; after loading it, the
 * figures on the cards are those of homeSummary.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { homeSummary } from '../../core/stats/home';
import { startHarness, type Harness } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
});

const text = (id: string) => page.getByTestId(id).textContent();

describe('工作台', () => {
  test('first run offers the demo data; the cards then match homeSummary', async () => {
    await h.open('#/');
    const welcome = page.getByTestId('welcome-panel');
    await welcome.waitFor();
    expect(await page.locator('.shell-sider .ant-menu-item-selected').textContent()).toBe('工作台');
    await h.screenshot('home-welcome');

    await welcome.getByRole('button', { name: '填入演示数据' }).click();
    await page.getByTestId('home-due').waitFor({ timeout: 90_000 });
    const s = homeSummary(h.ctx);
    expect(s.openMajorCount).toBeGreaterThan(0);
    expect(await text('home-due')).toBe(String(s.dueThisWeekCount));
    expect(await text('home-late')).toBe(String(s.lateCount));
    expect(await text('home-major')).toBe(String(s.openMajorCount));
    expect(await text('home-year-total')).toBe(String(s.yearStats.total));
    expect(await text('home-year-major')).toBe(String(s.yearStats.major));
    expect(await text('home-year-rectified')).toBe(String(s.yearStats.rectified));
    expect(await text('home-year-rate')).toBe(s.yearStats.rate.toFixed(1));
    expect(await text('home-year-overdue')).toBe(String(s.yearStats.overdue));
    expect(await text('home-pledges-total')).toBe(String(s.pledges.total));
    expect(await text('home-pledges-signed')).toBe(String(s.pledges.signed));
    // The lists show the first entries of each.
    const late = page.getByTestId('home-panel-late').locator('li');
    expect(await late.count()).toBe(Math.min(7, s.late.length));
    expect(await late.first().textContent()).toContain(s.late[0]!.unitName);
    expect(await page.getByTestId('home-panel-major').textContent()).toContain(s.openMajor[0]!.enterpriseName);
    expect(await page.getByTestId('home-panel-returns').textContent()).toContain(s.latestReturns[0]!.unitName);
    await h.screenshot('home');

    // A card leads to its page with the filter applied.
    await page.getByTestId('home-major').click();
    await page
      .getByTestId('hazard-total')
      .filter({ hasText: `共 ${s.openMajorCount} 条` })
      .waitFor();
    expect(h.errors).toEqual([]);
  });
});
