/**
 * 隐患台账 in Chromium over a demo ledger of 300 hazards: the virtual table loads windows as it scrolls; filters,
 * search (FTS for 3+ characters, LIKE for shorter) and sorting agree with listHazards; a bulk status change lands
 * in the database with its history; a hazard created through the form keeps its money exact in 分.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { changeHazardStatus } from '../../core/hazards/closure';
import { getHazard, listHazards } from '../../core/hazards/service';
import { listUnits } from '../../core/units/service';
import path from 'node:path';
import { fillDate, SCANS, startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx, { hazards: 300 });
});

afterAll(async () => {
  await h?.close();
});

const table = () => page.getByTestId('hazard-table');
const rows = () => table().locator('.ant-table-row');
const totalText = () => page.getByTestId('hazard-total').textContent();
const total = async () => Number((await totalText())?.replace(/[^\d]/g, '') || -1);
const expectTotal = (n: number, what: string) => until(`${what}：共 ${n} 条`, async () => (await total()) === n);

/** Picks options of a multiple Select and closes its dropdown. */
async function pickMulti(testId: string, ...texts: string[]) {
  await page.getByTestId(testId).click();
  for (const t of texts) {
    await page.keyboard.type(t);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: t }).first().click();
  }
  await page.keyboard.press('Escape');
}

async function rowIds(): Promise<number[]> {
  const keys = await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key')));
  return keys.filter((k): k is string => !!k && /^\d+$/.test(k)).map(Number);
}

describe('隐患台账', () => {
  test('windows, filters, search, sorting, bulk status change, history and the form', async () => {
    const all = listHazards(h.ctx, { limit: 1 }).total;
    expect(all).toBe(300);
    await h.open('#/hazards');
    await expectTotal(all, '全部隐患');
    await until('首屏行', async () => (await rowIds()).length > 10);
    await h.screenshot('hazards');

    // The full description shows in a tooltip when the pointer rests on the cell.
    const firstId = (await rowIds())[0]!;
    const description = listHazards(h.ctx, { sortField: 'id', sortOrder: 'desc', limit: 1 }).rows[0]!.description;
    const cellText = table()
      .locator(`.ant-table-row[data-row-key="${firstId}"] td`)
      .filter({ hasText: description.slice(0, 6) })
      .first()
      .locator('span')
      .first();
    await cellText.hover();
    await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: description }).waitFor();
    await page.mouse.move(5, 5);
    await page
      .locator('.ant-tooltip:not(.ant-tooltip-hidden)')
      .filter({ hasText: description })
      .waitFor({ state: 'hidden' });

    // Windows: only what is on screen is loaded; scrolling to the end loads the last window.
    const last = listHazards(h.ctx, { sortField: 'id', sortOrder: 'desc', offset: all - 1, limit: 1 }).rows[0]!;
    await table()
      .locator('.ant-table-body')
      .evaluate((el) => (el.scrollTop = el.scrollHeight));
    await until('滚动到底后加载最后一页', async () => (await rowIds()).includes(last.id));
    await table()
      .locator('.ant-table-body')
      .evaluate((el) => (el.scrollTop = 0));

    // 乡镇 + 等级.
    const towns = listUnits(h.ctx).filter((u) => u.kind === '乡镇' || u.kind === '街道');
    const busiest = towns
      .map((u) => ({ u, n: listHazards(h.ctx, { townshipUnitIds: [u.id], levels: ['一般'], limit: 1 }).total }))
      .sort((a, b) => b.n - a.n)[0]!;
    await pickMulti('filter-township', busiest.u.name);
    await expectTotal(
      listHazards(h.ctx, { townshipUnitIds: [busiest.u.id], limit: 1 }).total,
      `乡镇 ${busiest.u.name}`,
    );
    await page.getByTestId('filter-level').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '一般隐患' }).click();
    await expectTotal(busiest.n, '乡镇 + 一般');
    expect(busiest.n).toBeLessThan(all);
    const shown = await rows().allTextContents();
    expect(shown.every((t) => t.includes(busiest.u.name))).toBe(true);
    await page.getByRole('button', { name: '重置筛选' }).click();
    await expectTotal(all, '重置后');

    // Search: 3+ characters go to the full-text index, shorter ones to LIKE; the counts agree with the service.
    const search = page.getByLabel('搜索隐患');
    for (const term of ['防倾倒链', '灭火']) {
      const n = listHazards(h.ctx, { search: term, limit: 1 }).total;
      expect(n).toBeGreaterThan(0);
      await search.fill(term);
      await expectTotal(n, `搜索“${term}”`);
    }
    await search.fill('');
    await expectTotal(all, '清空搜索');

    // Sorting by 发现日期 (ascending on the first click).
    await table().locator('.ant-table-thead th').filter({ hasText: '发现日期' }).click();
    const oldest = listHazards(h.ctx, { sortField: 'foundDate', sortOrder: 'asc', limit: 1 }).rows[0]!;
    await until('按发现日期升序', async () => (await rowIds())[0] === oldest.id);

    // Bulk change: three 未整改 hazards → 整改中 with a note.
    await page.getByLabel('状态筛选').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '未整改' }).click();
    await page.keyboard.press('Escape');
    await expectTotal(listHazards(h.ctx, { statuses: ['未整改'], limit: 1 }).total, '未整改');
    const ids = (await rowIds()).slice(0, 3);
    for (const id of ids) await table().locator(`.ant-table-row[data-row-key="${id}"] .ant-checkbox-input`).check();
    await page.getByRole('button', { name: /批量修改状态/ }).click();
    const dlg = page.getByRole('dialog', { name: /修改整改状态/ });
    await dlg.waitFor();
    await dlg.getByText('整改中', { exact: true }).click();
    await dlg.getByLabel('说明').fill('已督促企业落实整改措施');
    await h.screenshot('hazards-bulk-status');
    await dlg.getByRole('button', { name: '确定修改' }).click();
    await dlg.waitFor({ state: 'hidden' });
    for (const id of ids) {
      const v = getHazard(h.ctx, id);
      expect(v.status).toBe('整改中');
      expect(v.events.at(-1)).toMatchObject({
        fromStatus: '未整改',
        toStatus: '整改中',
        note: '已督促企业落实整改措施',
        source: 'bulk',
      });
    }
    await until('修改后的行已不在“未整改”筛选中', async () => !(await rowIds()).includes(ids[0]!));

    // Blocked (the case): 未整改 → 已验收销号 with a 验收人 skips the path. The dialog says so before saving;
    // the server refuses all of them, naming each, and nothing changes.
    const two = (await rowIds()).slice(0, 2);
    for (const id of two) await table().locator(`.ant-table-row[data-row-key="${id}"] .ant-checkbox-input`).check();
    await page.getByRole('button', { name: /批量修改状态/ }).click();
    await dlg.waitFor();
    await dlg.getByText('已验收销号', { exact: true }).click();
    expect(await dlg.getByTestId('status-change-skip').textContent()).toBe(
      '所选隐患中有 2 条须先经过“整改中”“已整改”，不能直接改为“已验收销号”（须逐级修改，全部成功或全部不改）',
    );
    await dlg.getByLabel('验收人').fill('应急管理局 张伟');
    await dlg.getByRole('button', { name: '确定修改' }).click();
    const blocked = dlg.getByTestId('status-change-error');
    await blocked.waitFor();
    const refusal = await blocked.textContent();
    expect(refusal).toMatch(/有 2 条隐患不能改为“已验收销号”，全部未修改/);
    for (const id of two) expect(refusal).toContain(`${getHazard(h.ctx, id).enterpriseName}：`);
    expect(refusal).toContain('不能直接改为“已验收销号”：须先经过“整改中”“已整改”');
    for (const id of two) expect(getHazard(h.ctx, id).status).toBe('未整改');
    await h.screenshot('hazards-bulk-blocked');
    await dlg.getByRole('button', { name: '取消' }).click();
    await dlg.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '重置筛选' }).click();
    await expectTotal(all, '重置后');

    // History: open one of them and see the note in its timeline.
    // (The search covers description, unit, measures and location — not the 编号 — so search by the unit.)
    await search.fill(getHazard(h.ctx, ids[0]!).enterpriseName);
    await until('找到该隐患', async () => (await rowIds()).includes(ids[0]!));
    await table().locator(`.ant-table-row[data-row-key="${ids[0]}"] .hazard-no`).click();
    const drawer = page.getByRole('dialog', { name: /隐患详情/ });
    const history = drawer.getByTestId('hazard-history');
    await history.getByText('已督促企业落实整改措施').waitFor();
    expect(await history.textContent()).toContain('批量修改');
    await h.screenshot('hazard-detail');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await search.fill('');

    // The form: 12000.5 元 is stored as exactly 1200050 分.
    await page.getByRole('button', { name: '新增隐患' }).click();
    const form = page.getByRole('dialog', { name: '新增隐患' });
    await form.getByLabel('隐患单位').fill('禹州市测试陶瓷有限公司');
    await form.getByLabel('隐患描述').fill('窑炉燃气管道阀门锈蚀，存在泄漏风险');
    await form.locator('.ant-form-item').filter({ hasText: '乡镇（街道）' }).locator('.ant-select').first().click();
    await page.keyboard.type(busiest.u.name);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: busiest.u.name })
      .first()
      .click();
    await form.getByText('重大', { exact: true }).click();
    await form.getByLabel('整改责任人').fill('李志强');
    await form.getByLabel('整改措施').fill('更换阀门并做气密性试验');
    await form.getByLabel('整改资金（元）').fill('12000.5');
    await fillDate(form.getByLabel('整改时限'), '2026-12-31');
    // 整改前照片 through the file dialog.
    h.ports.queueFiles(path.join(SCANS, 'mingbaishu-scan.jpg'));
    await form.getByRole('button', { name: '添加整改前照片…' }).click();
    await form.getByText('mingbaishu-scan.jpg').waitFor();
    await h.screenshot('hazard-form');
    await form.getByTestId('hazard-save').click();
    await form.waitFor({ state: 'hidden' });
    await expectTotal(all + 1, '新增后');
    const created = listHazards(h.ctx, { search: '测试陶瓷', limit: 5 }).rows;
    expect(created).toHaveLength(1);
    const v = getHazard(h.ctx, created[0]!.id);
    expect(v.fundsFen).toBe(1200050);
    expect(v.level).toBe('重大');
    expect(v.townshipUnitId).toBe(busiest.u.id);
    expect(v.five.missing).toEqual(['预案']);
    expect(v.attachments).toMatchObject([{ originalName: 'mingbaishu-scan.jpg', role: 'before' }]);

    // The closure rules in the form: the 重大 hazard, once 已整改, cannot be 销号 without its 预案 and a report;
    // the form says what is missing and nothing is saved.
    changeHazardStatus(h.ctx, { ids: [v.id], to: '整改中' });
    changeHazardStatus(h.ctx, { ids: [v.id], to: '已整改' });
    await search.fill('测试陶瓷');
    await until('找到新增的隐患', async () => (await rowIds()).includes(v.id));
    await table().locator(`.ant-table-row[data-row-key="${v.id}"] .hazard-no`).click();
    const detail = page.getByRole('dialog', { name: /隐患详情/ });
    await detail.getByRole('button', { name: /编辑/ }).click();
    const edit = page.getByRole('dialog', { name: /编辑隐患/ });
    await edit.waitFor();
    await edit.locator('.ant-form-item').filter({ hasText: '整改状态' }).locator('.ant-select').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '已验收销号' })
      .click();
    await edit.getByLabel('验收人').fill('应急管理局 张伟');
    await fillDate(edit.getByLabel('验收日期'), getHazard(h.ctx, v.id).completedDate!);
    await edit.getByTestId('hazard-save').click();
    const refused = edit.getByTestId('hazard-form-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(
      '未保存：重大隐患销号前须补齐五落实：应急预案；并上传整改报告或验收材料',
    );
    expect(getHazard(h.ctx, v.id)).toMatchObject({ status: '已整改', acceptedBy: null });
    await h.screenshot('hazard-form-closure-refused');
    expect(h.errors).toEqual([]);
  });
});
