/**
 * 向左旋转/向右旋转 in the scan preview: the clerk turns page 2 of a PDF scan and an image; the turns are stored
 * with the attachments (files untouched) and the preview draws the pages turned.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attachmentPath, getAttachment, storeScan } from '../../core/attachments/service';
import { createPledge } from '../../core/pledges/editing';
import { createUnit } from '../../core/units/service';
import { SCANS, startHarness, type Harness } from '../helpers/browser';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

async function until(what: string, fn: () => Promise<boolean> | boolean, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('turns a PDF page and an image from the preview; stored with the attachment, the file untouched', async () => {
  const unit = createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' });
  const pdf = await storeScan(h.ctx, path.join(SCANS, 'zicha-baogao-3pages.pdf'));
  const jpg = await storeScan(h.ctx, path.join(SCANS, 'mingbaishu-scan.jpg'));
  const pdfSha = sha(attachmentPath(h.ctx, pdf));
  const common = {
    level: 1,
    talkerName: '王建国',
    talkerTitle: '党委书记',
    talkeeTitle: '镇长',
    talkeeUnitId: unit.id,
    talkDate: '2023-01-15',
    signed: true,
    signedDate: '2023-01-15',
  };
  createPledge(h.ctx, { ...common, talkeeName: '李明', attachmentIds: [pdf.id] });
  createPledge(h.ctx, { ...common, talkeeName: '赵刚', attachmentIds: [jpg.id] });

  await h.open('#/pledges');
  const page = h.page;
  await page
    .getByTestId('pledge-table')
    .locator('tbody tr.ant-table-row', { hasText: '李明' })
    .getByRole('button', { name: '查看' })
    .click();
  const canvas = page.getByTestId('scan-pdf-canvas');
  await canvas.waitFor();
  await until('PDF 第 1 页已绘制', async () => (await canvas.getAttribute('data-rendered')) === 'yes');
  const portrait = await canvas.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
  expect(portrait[1]).toBeGreaterThan(portrait[0]!);

  await page.getByRole('button', { name: '下一页' }).click();
  await until(
    '第 2 页已绘制',
    async () =>
      (await canvas.getAttribute('data-page')) === '2' && (await canvas.getAttribute('data-rendered')) === 'yes',
  );
  await page.getByRole('button', { name: '向右旋转' }).click();
  await until(
    '第 2 页已转为横向',
    async () =>
      (await canvas.getAttribute('data-rotation')) === '90' && (await canvas.getAttribute('data-rendered')) === 'yes',
  );
  const turned = await canvas.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
  expect(turned[0]).toBeGreaterThan(turned[1]!);
  expect(getAttachment(h.ctx, pdf.id).pageRotations).toBe('{"1":90}');
  await page.getByText('已顺时针旋转 90°').waitFor();
  await h.screenshot('scan-preview-rotated-pdf');

  // page 1 is not turned; two left turns on it make 180° (stored per page)
  await page.getByRole('button', { name: '上一页' }).click();
  await until(
    '回到第 1 页',
    async () =>
      (await canvas.getAttribute('data-page')) === '1' && (await canvas.getAttribute('data-rotation')) === '0',
  );
  await page.getByRole('button', { name: '向左旋转' }).click();
  await until('第 1 页向左', async () => (await canvas.getAttribute('data-rotation')) === '270');
  await page.getByRole('button', { name: '向左旋转' }).click();
  await until('第 1 页倒转', async () => (await canvas.getAttribute('data-rotation')) === '180');
  await until('已保存', () => getAttachment(h.ctx, pdf.id).pageRotations === '{"0":180,"1":90}');
  expect(sha(attachmentPath(h.ctx, pdf))).toBe(pdfSha);
  await page.locator('.ant-drawer-close').first().click();

  // an image: turned right, drawn turned (the shown box becomes wider than tall for this portrait scan)
  await page
    .getByTestId('pledge-table')
    .locator('tbody tr.ant-table-row', { hasText: '赵刚' })
    .getByRole('button', { name: '查看' })
    .click();
  const img = page.getByTestId('scan-image');
  await img.waitFor();
  await until('图片已显示', async () => (await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0);
  await page.getByRole('button', { name: '向右旋转' }).click();
  await until('图片已旋转', async () => (await page.getByTestId('scan-image').getAttribute('data-rotation')) === '90');
  expect(getAttachment(h.ctx, jpg.id).pageRotations).toBe('{"0":90}');
  await h.screenshot('scan-preview-rotated-image');
  expect(h.errors).toEqual([]);
});
