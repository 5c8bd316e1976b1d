/**
 * Form drawers keep the clerk's input: Esc, the close button or 取消 on a half-filled drawer ask
 * 放弃未保存的修改？ (继续填写 keeps everything), an untouched drawer just closes; Ctrl+S and Enter save.
 */
import dayjs from 'dayjs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listPledges } from '../../core/pledges/service';
import { createUnit } from '../../core/units/service';
import { PLEDGE_LEVELS } from '../../core/domain/pledgeLevels';
import { chooseOption, fillDate, startHarness, type Harness, visible, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  createUnit(h.ctx, { name: '方山镇', kind: '乡镇', aliases: [] });
});

afterAll(async () => {
  await h?.close();
});

const drawer = () => page.getByRole('dialog', { name: '登记明白书' });
const confirm = () => page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改？' });

async function openForm(): Promise<Locator> {
  await page.getByRole('button', { name: '登记明白书' }).click();
  return visible(drawer());
}

async function fillRequired(d: Locator, talkee: string) {
  await chooseOption(page, d.getByLabel('谈话层级'), PLEDGE_LEVELS[1]!.name);
  await d.getByLabel('谈话人', { exact: true }).fill('王建国');
  await d.getByLabel('谈话人职务').fill('市长');
  await d.getByLabel('谈话对象', { exact: true }).fill(talkee);
  await chooseOption(page, d.getByLabel('谈话对象单位'), '方山镇', { type: '方山' });
  await fillDate(d.getByLabel('谈话日期'), dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
  // 已签订 (the default) needs its 签订日期
  await fillDate(d.getByLabel('签订日期'), dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
  await d.getByLabel('谈话对象职务').fill('镇长');
}

describe('form drawers guard unsaved input', () => {
  test('an untouched drawer closes on Esc without asking', async () => {
    await h.open('#/pledges');
    const d = await openForm();
    await d.getByLabel('谈话人', { exact: true }).focus();
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'hidden' });
    expect(await confirm().count()).toBe(0);
  });

  test('Esc, the close button and 取消 on a half-filled drawer ask first', async () => {
    const d = await openForm();
    await d.getByLabel('谈话人', { exact: true }).fill('李志强');
    await page.keyboard.press('Escape');
    await visible(confirm());
    await h.screenshot('drawer-guard-confirm');
    await confirm().getByRole('button', { name: '继续填写' }).click();
    await confirm().waitFor({ state: 'hidden' });
    expect(await d.getByLabel('谈话人', { exact: true }).inputValue()).toBe('李志强');

    await d.locator('.ant-drawer-close').first().click();
    await visible(confirm());
    await confirm().getByRole('button', { name: '继续填写' }).click();
    await confirm().waitFor({ state: 'hidden' });
    await d.getByRole('button', { name: '取消' }).click();
    await visible(confirm());
    await confirm().getByRole('button', { name: '放弃修改' }).click();
    await drawer().waitFor({ state: 'hidden' });
    expect(listPledges(h.ctx, {}).total).toBe(0);
  });

  test('Ctrl+S saves', async () => {
    const d = await openForm();
    await fillRequired(d, '张海涛');
    await page.keyboard.press('Control+s');
    await drawer().waitFor({ state: 'hidden' });
    await until('明白书已保存', () => listPledges(h.ctx, {}).total === 1);
  });

  test('Enter in a text field saves', async () => {
    const d = await openForm();
    await fillRequired(d, '刘丽娟');
    await d.getByLabel('谈话对象职务').press('Enter');
    await drawer().waitFor({ state: 'hidden' });
    await until('第二份明白书已保存', () => listPledges(h.ctx, {}).total === 2);
    expect(h.errors).toEqual([]);
  });
});
