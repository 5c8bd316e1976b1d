/**
 * 报送登记 and the 报送要求 editor in Chromium over the demo register: register a 专题报告 with pasted text (live
 * 字数 against the 2000 limit), send it back, register the re-submission and see both in its history; then set
 * what a notice requires of the departments.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillDemo } from '../../core/demo/service';
import { listNotices, listRequirements } from '../../core/notices/service';
import { listReturns } from '../../core/returns/service';
import { listUnits } from '../../core/units/service';
import { chooseOption, startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fillDemo(h.ctx, { hazards: 20 });
});

afterAll(async () => {
  await h?.close();
});

describe('报送登记与报送要求', () => {
  test('register a return with a live 字数 check, send it back, re-submit, history; set requirements', async () => {
    const review = listNotices(h.ctx).find((n) => n.docNo === '禹安办〔2024〕1号')!;
    const unit = listUnits(h.ctx).find((u) => u.name === '神垕镇')!;
    expect(listReturns(h.ctx, { noticeId: review.id, unitId: unit.id, kind: 'report' })).toHaveLength(0);

    await h.open('#/returns');
    const latest = listReturns(h.ctx, { latestOnly: true });
    await page
      .getByTestId('returns-summary')
      .filter({ hasText: `共 ${latest.length} 份` })
      .waitFor();
    await h.screenshot('returns');

    // 登记报送 with 2100 characters pasted: over the 2000 limit, shown live.
    await page.getByRole('button', { name: '登记报送' }).click();
    const dlg = page.getByRole('dialog', { name: '登记报送' });
    await dlg.waitFor();
    await chooseOption(page, dlg.getByLabel('依据通知'), review.docNo);
    await chooseOption(page, dlg.getByLabel('报送单位'), unit.name, { type: unit.name });
    await chooseOption(page, dlg.getByLabel('材料类别'), '专题报告');
    await dlg.getByLabel('标题').fill('神垕镇安全生产“回头看”工作专题报告');
    await dlg.getByRole('textbox', { name: /正文/ }).fill('安全生产'.repeat(525));
    await dlg.getByTestId('live-count').filter({ hasText: '字数 2100 / 上限 2000，超出 100 字' }).waitFor();
    await h.screenshot('return-register');
    await dlg.getByRole('button', { name: '登记' }).click();
    await dlg.waitFor({ state: 'hidden' });
    const first = listReturns(h.ctx, { noticeId: review.id, unitId: unit.id, kind: 'report' });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      textLength: 2100,
      lengthLimit: 2000,
      overLimit: true,
      approved: true,
      sealed: true,
    });

    // 退回修改 with a reason.
    const row = page
      .getByTestId('returns-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: '神垕镇' })
      .filter({ hasText: '专题报告' });
    await row.getByRole('button', { name: '退回修改' }).click();
    const back = page.getByRole('dialog', { name: '退回修改' });
    await back.getByLabel('退回原因').fill('超出字数上限请精简至2000字以内');
    await back.getByRole('button', { name: '退回' }).click();
    await back.waitFor({ state: 'hidden' });
    expect(listReturns(h.ctx, { noticeId: review.id, unitId: unit.id, kind: 'report' })[0]).toMatchObject({
      status: '退回修改',
      returnReason: '超出字数上限请精简至2000字以内',
    });

    // 登记重报: the form comes pre-filled; 1500 characters this time.
    await row.getByRole('button', { name: '登记重报' }).click();
    await dlg.waitFor();
    await dlg.getByRole('textbox', { name: /正文/ }).fill('安全生产'.repeat(375));
    await dlg.getByTestId('live-count').filter({ hasText: '字数 1500 / 上限 2000' }).waitFor();
    await dlg.getByRole('button', { name: '登记' }).click();
    await dlg.waitFor({ state: 'hidden' });
    const both = listReturns(h.ctx, { noticeId: review.id, unitId: unit.id, kind: 'report' });
    expect(both).toHaveLength(2);
    expect(both[0]).toMatchObject({ textLength: 1500, overLimit: false, latest: true, previousId: both[1]!.id });

    // 历史: both submissions, the first with its reason.
    await until(
      '重报一行',
      async () => (await row.count()) === 1 && ((await row.textContent()) ?? '').includes('重新报送'),
    );
    await row.getByRole('button', { name: '历史' }).click();
    const hist = page.getByTestId('return-history');
    await hist.getByText('第 2 次报送').waitFor();
    expect(await hist.textContent()).toContain('退回原因：超出字数上限');
    await h.screenshot('return-history');
    await page
      .getByRole('dialog', { name: /报送历史/ })
      .locator('.ant-drawer-close')
      .click();

    // 报送要求: add every department to the 专题报告 of the notice.
    await page.locator('.shell-sider').getByRole('menuitem', { name: '通知文件' }).click();
    await page
      .getByTestId('notice-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: review.docNo })
      .getByRole('button', { name: '报送要求' })
      .click();
    const req = page.getByRole('dialog', { name: `报送要求 · ${review.docNo}` });
    await req.getByTestId('req-table-report').waitFor();
    const before = listRequirements(h.ctx, review.id, 'report').length;
    await req.getByRole('button', { name: '添加全部部门' }).click();
    const depts = listUnits(h.ctx).filter((u) => u.kind === '部门').length;
    const added =
      depts -
      listRequirements(h.ctx, review.id, 'report').filter(
        (r) => listUnits(h.ctx).find((u) => u.id === r.unitId)?.kind === '部门',
      ).length;
    await until(
      '新增的部门出现在表中',
      async () => (await req.getByTestId('req-table-report').locator('tr.ant-table-row').count()) === before + added,
    );
    await h.screenshot('notice-requirements');
    await req.getByRole('button', { name: /^保存/ }).click();
    await req.waitFor({ state: 'hidden' });
    const after = listRequirements(h.ctx, review.id, 'report');
    expect(after).toHaveLength(before + added);
    expect(after.every((r) => r.lengthLimit === 2000)).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
