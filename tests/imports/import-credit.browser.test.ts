/**
 * Imports book the return they are, and the wizard starts clean for each file (issue #16), in Chromium as a clerk
 * would: a ledger dated 2024-03-28 imported with 所属通知 left empty says 不计入任何通知的报送 and credits nothing;
 * named on the first step, the file's month is proposed and the summary says what is credited; 撤销 (in the wizard
 * or in 导入记录) leaves no 撤销 on offer; a new file carries over neither the notice nor the mapping.
 */
import dayjs from 'dayjs';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { returnBoard } from '../../core/returns/board';
import { listHazards } from '../../core/hazards/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { listReturns } from '../../core/returns/service';
import { createUnit } from '../../core/units/service';
import { chooseOption, ROOT, startHarness, type Harness, visible } from '../helpers/browser';

const PERIODS = path.join(ROOT, 'tests', 'fixtures', 'periods');
const DATED = path.join(PERIODS, '方山镇_隐患台账_填报时间.xlsx');
const UNDATED = path.join(PERIODS, '方山镇_隐患台账_无日期.xlsx');

let h: Harness;
let page: Page;
let monthly: number;
let once: number;
const ONCE_NO = `禹安办〔${dayjs().year()}〕2号`;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const fang = createUnit(h.ctx, { name: '方山镇', kind: '乡镇', aliases: ['方山镇人民政府'] }).id;
  monthly = createNotice(h.ctx, { docNo: '禹安办〔2024〕6号', title: '隐患排查治理月报', issuedOn: '2024-01-05' }).id;
  setRequirements(h.ctx, monthly, 'ledger', [{ unitId: fang, expectedCount: 1, period: 'monthly', dueDay: 25 }]);
  once = createNotice(h.ctx, {
    docNo: ONCE_NO,
    title: '重大事故隐患专项排查整治',
    issuedOn: dayjs().subtract(10, 'day').format('YYYY-MM-DD'),
  }).id;
  setRequirements(h.ctx, once, 'ledger', [{ unitId: fang, expectedCount: 1 }]);
});

afterAll(async () => {
  await h?.close();
});

const wizard = () => page.getByTestId('import-wizard');
const step = (n: number) => page.getByTestId(`import-step-${n}`);
const credit = () => page.getByTestId('import-credit');
const cells = () => {
  const b = returnBoard(h.ctx);
  return b.rows.map((r) => Object.values(r.cells).map((c) => [c.columnKey, c.status, c.missedPeriods]));
};

async function pickFile(file: string, opts: { repick?: boolean } = {}) {
  h.ports.queueFiles(file);
  if (opts.repick) await wizard().getByRole('button', { name: '重新选择文件…' }).click();
  else await page.getByTestId('import-pick').click();
}

async function settled() {
  await page.waitForFunction(() => !document.querySelector('.import-wizard [data-testid="import-progress"]'));
}

async function goToStep(n: number, name: string) {
  await wizard().locator('.import-steps .ant-steps-item').filter({ hasText: name }).first().click();
  await visible(step(n));
  await settled();
}

/** The 所属通知 select on the first step, as the clerk sees it. */
const firstStepNotice = () => page.locator('.import-pick-form .ant-form-item').filter({ hasText: '所属通知' });

describe('导入计入哪份报送', () => {
  test('所属通知 left empty: the summary says 不计入任何通知的报送 and nothing is credited; 撤销 then 已撤销', async () => {
    const board = cells();
    await h.open('#/imports');
    await pickFile(DATED);
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(page.getByTestId('import-file-period').innerText()).resolves.toBe(
      '表中填报时间 2024-03-28 → 2024年3月',
    );
    await expect(credit().innerText()).resolves.toContain('报送登记：不计入任何通知的报送');
    // the candidates: the monthly notice fits the file's month, the recent once-only one does not
    await page.getByTestId('import-credit-notice').click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await visible(options.filter({ hasText: '禹安办〔2024〕6号' }));
    await expect(options.allInnerTexts()).resolves.toEqual([
      '不计入任何通知',
      expect.stringMatching(/^禹安办〔2024〕6号\s*期次相符 · 2024年3月/),
      expect.stringMatching(new RegExp(`^${ONCE_NO}\\s*期次不符`)),
    ]);
    await h.screenshot('import-credit-none');
    await page.keyboard.press('Escape');

    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    await expect(page.getByTestId('import-done-credit').innerText()).resolves.toBe('不计入任何通知的报送');
    expect(listHazards(h.ctx, {}).total).toBe(3);
    expect(listReturns(h.ctx)).toEqual([]);
    expect(cells()).toEqual(board);

    // 撤销本次导入 in the wizard: it says 已撤销 and offers no 撤销 any more
    await page.getByRole('button', { name: '撤销本次导入' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销导入' }).click();
    await visible(page.getByTestId('import-undone'));
    await expect(page.getByTestId('import-undone').innerText()).resolves.toContain('已撤销本次导入');
    await expect(page.getByRole('button', { name: '撤销本次导入' }).count()).resolves.toBe(0);
    expect(listHazards(h.ctx, {}).total).toBe(0);
  });

  test('named on the first step: the file’s month is proposed and credited as shown; undone in 导入记录', async () => {
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await visible(page.getByTestId('import-pick'));
    await expect(firstStepNotice().locator('.ant-select-selection-item').count()).resolves.toBe(0);
    await chooseOption(page, firstStepNotice().locator('.ant-select'), '禹安办〔2024〕6号');
    await pickFile(DATED);
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(page.getByTestId('import-credit-period').innerText()).resolves.toContain('2024年3月');
    await expect(credit().innerText()).resolves.toContain(
      '报送登记：计入 禹安办〔2024〕6号 的隐患台账报送（2024年3月）',
    );

    // the clerk changes the period: the summary follows and the difference from the file is flagged
    await chooseOption(page, page.getByTestId('import-credit-period'), '2024年4月');
    await settled();
    await expect(credit().innerText()).resolves.toContain('（2024年4月）');
    await visible(page.getByText('所选期次 2024年4月 与表中的不一致'));
    await chooseOption(page, page.getByTestId('import-credit-period'), '2024年3月');
    await settled();
    await expect(credit().innerText()).resolves.toContain('隐患台账报送（2024年3月）');
    await h.screenshot('import-credit-month');

    const missed = returnBoard(h.ctx).rows[0]!.cells[`${monthly}:ledger`]!.missedPeriods;
    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    await expect(page.getByTestId('import-done-credit').innerText()).resolves.toBe(
      '计入 禹安办〔2024〕6号 的隐患台账报送（2024年3月）',
    );
    expect(listReturns(h.ctx).map((r) => [r.docNo, r.kind, r.period, r.unitName])).toEqual([
      ['禹安办〔2024〕6号', 'ledger', '2024-03', '方山镇'],
    ]);
    expect(returnBoard(h.ctx).rows[0]!.cells[`${monthly}:ledger`]!.missedPeriods).toBe(missed - 1);
    expect(returnBoard(h.ctx).rows[0]!.cells[`${once}:ledger`]!.status).toBe('未交');

    // undone in 导入记录 meanwhile: back in the wizard there is no 撤销 on offer, it says 已撤销
    await page.getByRole('tab', { name: /导入记录/ }).click();
    const batches = page.getByTestId('import-batches').locator('tbody tr.ant-table-row');
    const latest = batches.filter({ hasText: '已导入' });
    await latest.getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销导入' }).click();
    await expect.poll(() => batches.filter({ hasText: '已导入' }).count()).toBe(0);
    await page.getByRole('tab', { name: /导入报表/ }).click();
    await visible(page.getByTestId('import-undone'));
    await expect(page.getByTestId('import-undone').innerText()).resolves.toContain('已在“导入记录”中撤销');
    await expect(page.getByRole('button', { name: '撤销本次导入' }).count()).resolves.toBe(0);
    expect(listReturns(h.ctx)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  test('a new file starts clean: neither the notice nor the column mapping of the previous file', async () => {
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await visible(page.getByTestId('import-pick'));
    // the notice chosen for the previous file is not carried over
    await expect(firstStepNotice().locator('.ant-select-selection-item').count()).resolves.toBe(0);
    await pickFile(UNDATED);
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(page.getByTestId('import-file-period').innerText()).resolves.toContain('发现日期均在 2024年3月');
    await expect(credit().innerText()).resolves.toContain('不计入任何通知的报送');
    // the clerk names the once-only notice and leaves a column out …
    await chooseOption(page, page.getByTestId('import-credit-notice'), ONCE_NO);
    await settled();
    await expect(credit().innerText()).resolves.toContain(`计入 ${ONCE_NO} 的隐患台账报送`);
    await goToStep(2, '列对应');
    await chooseOption(page, page.getByTestId('mapping-L'), '不导入', { type: '不导入' });
    await settled();
    await expect(
      page.getByTestId('mapping-table').locator('tr').filter({ hasText: '完成日期' }).innerText(),
    ).resolves.toContain('手动指定');
    // … then picks another file instead: it starts clean
    await pickFile(DATED, { repick: true });
    await settled();
    await visible(step(1));
    await expect(
      page.getByTestId('import-filebar').locator('.import-filebar-field').filter({ hasText: '所属通知' }).innerText(),
    ).resolves.not.toContain(ONCE_NO);
    await goToStep(2, '列对应');
    await expect(
      page.getByTestId('mapping-table').locator('tr').filter({ hasText: '完成日期' }).innerText(),
    ).resolves.not.toContain('手动指定');
    await goToStep(3, '预览与核对');
    await expect(credit().innerText()).resolves.toContain('不计入任何通知的报送');
    expect(h.errors).toEqual([]);
  });

  test('the dates the form refuses are cell errors in the wizard: a future 发现日期, a 完成日期 before it', async () => {
    const future = dayjs().add(3, 'day').format('YYYY-MM-DD');
    const file = path.join(h.tmp, '方山镇_隐患台账_日期.csv');
    fs.writeFileSync(
      file,
      [
        '方山镇隐患排查治理台账',
        '隐患编号,隐患单位,隐患描述,隐患等级,发现日期,整改责任人,整改措施,整改状态,完成日期',
        `FS-6,方山建材厂,配电箱未接地,一般,${future},张三,重新接地,未整改,`,
        'FS-7,方山饭店,液化气钢瓶未固定,一般,2024-03-02,王五,加装固定架,已整改,2024-03-01',
        'FS-9,方山砖厂,皮带机无防护罩,一般,2024-03-05,周八,加装防护罩,整改中,',
      ].join('\r\n'),
    );
    const before = listHazards(h.ctx, {}).total;
    await pickFile(file, { repick: true });
    await settled();
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(page.getByTestId('count-errors').locator('.import-count-value').innerText()).resolves.toBe('2');
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    const foundCell = page.locator('[data-cell="E3"]');
    await expect(foundCell.getAttribute('class')).resolves.toContain('cell-problem-error');
    await page.getByRole('tab', { name: /问题清单/ }).click();
    const problems = page.getByTestId('import-problems');
    await visible(problems.getByText(`第3行 E列 “${future}” 发现日期晚于今天`));
    await visible(problems.getByText('第4行 I列 “2024-03-01” 完成日期早于发现日期（2024-03-02），请核对'));
    await h.screenshot('import-date-refusals');
    expect(listHazards(h.ctx, {}).total).toBe(before);
    expect(h.errors).toEqual([]);
  });
});
