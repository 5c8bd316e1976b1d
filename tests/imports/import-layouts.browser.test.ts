/**
 * The wizard with the layouts real offices send (issue #13): a ledger whose only unit column is 责任单位 (a note
 * on the column and in the problems), a status conflict between two columns (a yellow cell, 导入 still allowed),
 * and the reporting unit chosen in the wizard as the 乡镇 of a ledger without a 乡镇 column.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listHazards } from '../../core/hazards/service';
import { createUnit } from '../../core/units/service';
import { chooseOption, ROOT, startHarness, type Harness } from '../helpers/browser';

const RETURNS = path.join(ROOT, 'tests', 'fixtures', 'returns');

let h: Harness;
let page: Page;
let townId: number;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  // Before the page loads the unit list.
  townId = createUnit(h.ctx, { name: '测试镇', kind: '乡镇' }).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function visible(l: Locator, timeout = 20_000): Promise<Locator> {
  await l.first().waitFor({ state: 'visible', timeout });
  return l;
}

const wizard = () => page.getByTestId('import-wizard');
const step = (n: number) => page.getByTestId(`import-step-${n}`);
const count = (key: string) => page.getByTestId(`count-${key}`).locator('.import-count-value');
const all = () => listHazards(h.ctx, { limit: 1000 }).rows;

async function settled() {
  await page.waitForFunction(() => !document.querySelector('.import-wizard [data-testid="import-progress"]'));
}

async function pick(file: string, how: 'first' | 'again' | 'repick' = 'first') {
  h.ports.queueFiles(file);
  if (how === 'repick') await wizard().getByRole('button', { name: '重新选择文件…' }).click();
  else {
    if (how === 'again') await page.getByRole('button', { name: '再导入一个文件' }).click();
    await page.getByTestId('import-pick').click();
  }
  await visible(step(1));
  await settled();
}

async function goToStep(n: number, name: string) {
  await wizard().locator('.import-steps .ant-steps-item').filter({ hasText: name }).first().click();
  await visible(step(n));
  await settled();
}

async function ledger(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  rows.forEach((r, i) =>
    r.forEach((v, j) => v !== null && v !== '' && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)),
  );
  const p = path.join(h.tmp, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('导入报表: layouts of real offices', () => {
  test('责任单位 as the only unit column: a note on the column and in the problems; 12 rows, 7 rectified', async () => {
    await h.open('#/imports');
    await pick(path.join(RETURNS, '浅井镇_建筑施工隐患排查台账_责任单位.xlsx'));
    await goToStep(2, '列对应');
    const row = page.getByTestId('mapping-table').locator('tr').filter({ hasText: '责任单位' }).first();
    await expect(row.innerText()).resolves.toContain('表中没有“隐患单位”列');
    await h.screenshot('import-layouts-1-mapping');
    await goToStep(3, '预览与核对');
    await expect(count('rows').innerText()).resolves.toBe('12');
    await expect(count('new').innerText()).resolves.toBe('12');
    await expect(count('major').innerText()).resolves.toBe('3');
    await page.getByRole('tab', { name: /问题清单/ }).click();
    await visible(page.getByTestId('import-problems').getByText('按“责任单位”列作为隐患单位').first());
    await page.getByRole('tab', { name: /数据预览/ }).click();
    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    const rows = all();
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.status === '已整改' || r.status === '已验收销号')).toHaveLength(7);
    expect(rows.every((r) => r.category)).toBe(true);
  });

  test('a status conflict is a yellow cell and does not block the import', async () => {
    const file = await ledger('郭连镇_隐患台账.xlsx', [
      ['郭连镇隐患台账'],
      ['隐患单位', '隐患描述', '隐患等级', '整改情况', '是否整改完成'],
      ['郭连镇华安砖厂', '窑顶无护栏', '一般', '已销号', '否'],
      ['郭连镇华安砖厂', '配电柜无门', '一般', '正在整改', '否'],
    ]);
    await pick(file, 'again');
    await goToStep(3, '预览与核对');
    const cell = page.locator('[data-cell="E3"]');
    await visible(cell);
    await expect(cell.getAttribute('class')).resolves.toContain('cell-problem-warning');
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(false);
    await h.screenshot('import-layouts-2-conflict');
  });

  test('the unit chosen in the wizard is the 乡镇 when it is a township', async () => {
    const file = await ledger('排查台账.xlsx', [
      ['隐患排查台账'],
      ['隐患单位', '隐患描述', '隐患等级', '事故类型'],
      ['某某建材厂', '行车钢丝绳断丝', '一般', '起重伤害'],
    ]);
    await pick(file, 'repick');
    await chooseOption(page, page.getByTestId('import-filebar').locator('.ant-select').first(), '测试镇', {
      type: '测试镇',
    });
    await settled();
    await goToStep(3, '预览与核对');
    await page.getByRole('tab', { name: /问题清单/ }).click();
    await expect(page.getByTestId('import-problems').innerText()).resolves.not.toContain('没有乡镇列');
    await page.getByRole('tab', { name: /数据预览/ }).click();
    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    const rows = all().filter((r) => r.enterpriseName === '某某建材厂');
    expect(rows.map((r) => [r.townshipName, r.category])).toEqual([['测试镇', '起重伤害']]);
    expect(
      h.ctx.sqlite.prepare("select township_unit_id from hazards where enterprise_name = '某某建材厂'").get(),
    ).toEqual({ township_unit_id: townId });
  });
});
