/**
 * Forgiving date entry: every form's date field takes 2026/11/30, 2026.11.30 and 20261130 as a clerk types
 * them (then Tab), and a refused date (after today where that is forbidden, a day that does not exist) is
 * explained under the field instead of silently cleared. Dates are relative to today: no wall-clock assumptions.
 */
import dayjs from 'dayjs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUnit } from '../../core/units/service';
import { startHarness, type Harness, visible, until } from '../helpers/browser';

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

const past = dayjs().subtract(3, 'day');
const iso = past.format('YYYY-MM-DD');
const TYPED = [past.format('YYYY/MM/DD'), past.format('YYYY.MM.DD'), past.format('YYYYMMDD'), past.format('YYYY/M/D')];
const future = dayjs().add(10, 'day');
const todayIso = dayjs().format('YYYY-MM-DD');

/** Types `text` into the date input as a clerk would and leaves the field with Tab. */
async function typeDate(input: Locator, text: string) {
  await input.click();
  await input.fill('');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

const reasonOf = (input: Locator) =>
  input
    .locator('xpath=ancestor::div[contains(@class,"ant-form-item-control-input-content")][1]')
    .locator('.date-input-reason');

async function checkField(input: Locator, label: string, opts: { notFuture: boolean }) {
  for (const text of TYPED) {
    await typeDate(input, text);
    await until(`${label}：“${text}”记为 ${iso}`, async () => (await input.inputValue()) === iso);
    expect(await reasonOf(input).count()).toBe(0);
  }
  await typeDate(input, `${past.year()}-02-30`);
  const why = await visible(reasonOf(input));
  expect(await why.textContent()).toContain(`${past.year()}年2月没有 30 日`);
  // The day typed before stays; nothing is silently replaced.
  await until(`${label}：仍为 ${iso}`, async () => (await input.inputValue()) === iso, 15_000);
  if (opts.notFuture) {
    await typeDate(input, future.format('YYYY/MM/DD'));
    await until(`${label}：未来日期说明原因`, async () =>
      (
        (await reasonOf(input)
          .textContent()
          .catch(() => '')) ?? ''
      ).includes(`${label}不能晚于今天（${todayIso}）`),
    );
    await until(`${label}：仍为 ${iso}`, async () => (await input.inputValue()) === iso, 15_000);
  }
  // A good date typed afterwards clears the reason.
  await typeDate(input, past.format('YYYYMMDD'));
  await until(`${label}：原因消失`, async () => (await reasonOf(input).count()) === 0);
}

describe('typed dates in every form', () => {
  test('明白书: 谈话日期 and 签订日期', async () => {
    await h.open('#/pledges');
    await page.getByRole('button', { name: '登记明白书' }).click();
    const d = await visible(page.getByRole('dialog', { name: '登记明白书' }));
    await checkField(d.getByLabel('谈话日期'), '谈话日期', { notFuture: true });
    await h.screenshot('dates-pledge-form');
  });

  test('隐患: 发现日期', async () => {
    await h.open('#/hazards');
    await page.getByRole('button', { name: '新增隐患' }).click();
    const d = await visible(page.getByRole('dialog', { name: '新增隐患' }));
    await checkField(d.getByLabel('发现日期'), '发现日期', { notFuture: true });
    await typeDate(d.getByLabel('发现日期'), future.format('YYYY.MM.DD'));
    await visible(reasonOf(d.getByLabel('发现日期')));
    await h.screenshot('dates-hazard-future');
  });

  test('通知: 发文日期 and 报送截止日期 (a deadline may be in the future)', async () => {
    await h.open('#/notices');
    await page.getByRole('button', { name: '登记通知' }).click();
    const d = await visible(page.getByRole('dialog', { name: '登记通知文件' }));
    await checkField(d.getByLabel('发文日期'), '发文日期', { notFuture: false });
    const deadline = d.getByLabel('报送截止日期');
    await typeDate(deadline, future.format('YYYYMMDD'));
    await until('截止日期可以在今天之后', async () => (await deadline.inputValue()) === future.format('YYYY-MM-DD'));
  });

  test('登记报送: 收到日期', async () => {
    await h.open('#/returns');
    await page.getByRole('button', { name: '登记报送' }).click();
    const d = await visible(page.getByRole('dialog', { name: '登记报送' }));
    await checkField(d.getByLabel('收到日期'), '收到日期', { notFuture: true });
    expect(h.errors).toEqual([]);
  });
});
