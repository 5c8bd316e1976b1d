/**
 * 报送跟踪's cells open the unit's returns for that notice (issue #16): a 未交 cell opens 登记报送 ready for that
 * unit, notice, material and period, and once registered the cell reads 已交; an 已交 cell opens the return.
 */
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { returnBoard } from '../../core/returns/board';
import { createNotice, setRequirements } from '../../core/notices/service';
import { listReturns, registerReturn } from '../../core/returns/service';
import { createUnit } from '../../core/units/service';
import { startHarness, type Harness, until, visible } from '../helpers/browser';

let h: Harness;
let page: Page;
let notice: number;
let fang: number;
let shen: number;
const today = dayjs().format('YYYY-MM-DD');

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  fang = createUnit(h.ctx, { name: '方山镇', kind: '乡镇' }).id;
  shen = createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' }).id;
  notice = createNotice(h.ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展安全生产“回头看”工作的通知',
    issuedOn: '2024-01-10',
  }).id;
  setRequirements(h.ctx, notice, 'report', [
    { unitId: fang, expectedCount: 1 },
    { unitId: shen, expectedCount: 1 },
  ]);
  setRequirements(h.ctx, notice, 'ledger', [{ unitId: fang, expectedCount: 1, period: 'monthly', dueDay: 28 }]);
  registerReturn(h.ctx, {
    noticeId: notice,
    unitId: shen,
    kind: 'report',
    title: '神垕镇“回头看”工作专题报告',
    receivedDate: today,
  });
});

afterAll(async () => {
  await h?.close();
});

const cell = (unitId: number, kind: string) => page.getByTestId(`board-cell-${unitId}-${notice}:${kind}`);
const statusOf = (unitId: number, kind: string) =>
  returnBoard(h.ctx, { noticeId: notice }).rows.find((r) => r.unitId === unitId)!.cells[`${notice}:${kind}`]!;

describe('报送跟踪的单元格', () => {
  test('a 未交 cell opens 登记报送 for that unit and notice; registered, the cell reads 已交', async () => {
    expect(statusOf(fang, 'report').status).toBe('未交');
    await h.open(`#/board?notice=${notice}`);
    await visible(cell(fang, 'report'));
    await expect(cell(fang, 'report').innerText()).resolves.toContain('未交');
    await cell(fang, 'report').click();

    const dlg = page.getByRole('dialog', { name: '登记报送' });
    await dlg.waitFor();
    expect(page.url()).toContain('#/returns');
    await expect(dlg.locator('.ant-form-item').filter({ hasText: '依据通知' }).innerText()).resolves.toContain(
      '禹安办〔2024〕1号',
    );
    await expect(dlg.locator('.ant-form-item').filter({ hasText: '报送单位' }).innerText()).resolves.toContain(
      '方山镇',
    );
    await expect(dlg.locator('.ant-form-item').filter({ hasText: '材料类别' }).innerText()).resolves.toContain(
      '专题报告',
    );
    await h.screenshot('board-cell-register');
    await dlg.getByLabel('标题').fill('方山镇“回头看”工作专题报告');
    await dlg.getByRole('button', { name: '登记' }).click();
    await dlg.waitFor({ state: 'hidden' });
    expect(listReturns(h.ctx, { noticeId: notice, unitId: fang }).map((r) => [r.kind, r.title])).toEqual([
      ['report', '方山镇“回头看”工作专题报告'],
    ]);
    // the register below is the unit's returns for that notice
    const rows = page.getByTestId('returns-table').locator('tr.ant-table-row');
    await until('方山镇的报送', async () => (await rows.count()) === 1);
    await expect(rows.first().innerText()).resolves.toContain('方山镇');

    await h.open(`#/board?notice=${notice}`);
    await visible(cell(fang, 'report'));
    await until('方山镇专题报告已交', async () => ((await cell(fang, 'report').innerText()) ?? '').includes('已交'));
    expect(statusOf(fang, 'report').status).toBe('已交');
    expect(h.errors).toEqual([]);
  });

  test('a monthly ledger cell opens 登记报送 with its period', async () => {
    const c = statusOf(fang, 'ledger');
    expect(c.submissionId).toBeNull();
    await cell(fang, 'ledger').click();
    const dlg = page.getByRole('dialog', { name: '登记报送' });
    await dlg.waitFor();
    await expect(dlg.locator('.ant-form-item').filter({ hasText: '材料类别' }).innerText()).resolves.toContain(
      '隐患台账',
    );
    await expect(
      dlg.locator('.ant-form-item').filter({ hasText: '报送期次' }).locator('input').inputValue(),
    ).resolves.toBe(dayjs(`${c.period}-01`).format('YYYY-MM'));
    await dlg.getByRole('button', { name: '取消' }).click();
    expect(h.errors).toEqual([]);
  });

  test('an 已交 cell opens the return', async () => {
    await h.open(`#/board?notice=${notice}`);
    await visible(cell(shen, 'report'));
    await expect(cell(shen, 'report').innerText()).resolves.toContain('已交');
    await cell(shen, 'report').click();
    const detail = await visible(page.getByTestId('return-detail'));
    await expect(detail.innerText()).resolves.toContain('神垕镇“回头看”工作专题报告');
    expect(page.url()).toContain('#/returns');
    await h.screenshot('board-cell-open');
    expect(h.errors).toEqual([]);
  });
});
