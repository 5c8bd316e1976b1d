/**
 * 隐患台账 at the size of a county after a few years: 100 000 hazards. The page shows the total and its first rows,
 * jumps to the middle of the ledger and to its end by loading only the windows on screen, and filters and
 * full-text search work at that size. How fast: bench/browser.ts (`npm run bench -- --only=browser`), not here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { rebuildHazardIndex } from '../../core/hazards/searchIndex';
import { handlers } from '../../core/ipc/handlers';
import { listHazards } from '../../core/hazards/service';
import { startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;
let page: Page;
const N = 100_000;

const COLS =
  'enterprise_name, township_unit_id, industry, description, location, source, found_date, found_by, level, responsible_unit, responsible_person, measures, funds_fen, deadline_date, deadline_text, emergency_plan, status, completed_date, accepted_by, accepted_date, supervised, reporting_unit_id';

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx, { hazards: 400 });
  // Multiply the demo ledger to N rows in one statement, then index it.
  h.ctx.sqlite.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO hazards (hazard_no, ${COLS})
    SELECT substr(hazard_no, 1, 3) || printf('%06d', n.i * 1000 + (id % 1000)), ${COLS} FROM hazards, n
    LIMIT ${N - 400}`);
  rebuildHazardIndex(h.ctx);
});

afterAll(async () => {
  await h?.close();
});

const table = () => page.getByTestId('hazard-table');
const holder = () => table().locator('.ant-table-body');
const total = async () => Number((await page.getByTestId('hazard-total').textContent())?.replace(/[^\d]/g, '') || -1);
const loadedIds = () =>
  table()
    .locator('.ant-table-row')
    .evaluateAll((els) =>
      els
        .map((e) => e.getAttribute('data-row-key'))
        .filter((k) => k && /^\d+$/.test(k))
        .map(Number),
    );

/** The hazards:list calls the page makes, seen at the dispatcher. */
const calls: { offset?: number; limit?: number }[] = [];
function countCalls() {
  const orig = handlers['hazards:list'];
  calls.length = 0;
  (handlers as Record<string, unknown>)['hazards:list'] = (
    ctx: Parameters<typeof orig>[0],
    i: Parameters<typeof orig>[1],
  ) => {
    calls.push(i);
    return orig(ctx, i);
  };
}
const listCalls = () => calls;

describe('隐患台账 · 十万条', () => {
  test('first rows, the middle and the end load by windows; filters and search stay quick', async () => {
    expect(listHazards(h.ctx, { limit: 1 }).total).toBe(N);
    await h.open('#/hazards');
    await until('共 100,000 条', async () => (await total()) === N);
    await until('首屏行', async () => (await loadedIds()).length > 5);
    // Only the rows on screen (and a few around them) are in the page.
    expect((await table().locator('.ant-table-row').count()) < 60).toBe(true);
    countCalls();

    // Jump to the middle: the rows there are fetched by their window (offset ≈ 50 000), nothing before it.
    await holder().evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    const mid = listHazards(h.ctx, { sortField: 'id', sortOrder: 'desc', offset: N / 2, limit: 1 }).rows[0]!;
    await until('中部的行已加载', async () => {
      const ids = await loadedIds();
      return ids.length > 5 && Math.abs(ids[0]! - mid.id) < 200;
    });
    await h.screenshot('hazards-100k-middle');

    // And the end.
    const last = listHazards(h.ctx, { sortField: 'id', sortOrder: 'desc', offset: N - 1, limit: 1 }).rows[0]!;
    await holder().evaluate((el) => (el.scrollTop = el.scrollHeight));
    await until('末尾的行已加载', async () => (await loadedIds()).includes(last.id));
    const seen = listCalls().length;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(8);
    expect(listCalls().every((c) => (c.limit ?? 0) <= 200)).toBe(true);

    // A filter and a full-text search over the 100 000: the first rows are the query's.
    await page.getByLabel('只看逾期').check();
    const overdue = listHazards(h.ctx, { overdue: true, sortField: 'id', sortOrder: 'desc', limit: 1 });
    await until(
      '只看逾期',
      async () => (await total()) === overdue.total && (await loadedIds())[0] === overdue.rows[0]!.id,
    );
    await page.getByLabel('只看逾期').uncheck();
    await page.getByLabel('搜索隐患').fill('泄爆');
    const found = listHazards(h.ctx, { search: '泄爆', sortField: 'id', sortOrder: 'desc', limit: 1 });
    await until(
      '搜索“泄爆”',
      async () => (await total()) === found.total && (await loadedIds())[0] === found.rows[0]!.id,
    );
    expect(h.errors).toEqual([]);
  });
});
