/**
 * 按件归档 in the UI: 设置 chooses the mode and sets the 机构（问题）代码; the archive page then speaks in boxes
 * (档案盒, 装盒, 盒号) and the 件 show their 档号 after the first export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../core/settings/service';
import { createVolume, exportVolume } from '../../core/volumes';
import { addPledges, baseData } from './seed';
import { formItem, startHarness, type Harness } from '../helpers/browser';
import path from 'node:path';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('按件归档 in the UI', () => {
  it('设置 sets 归档方式 and 机构代码; the archive page then lists 档案盒 with 盒号 and each 件 its 档号', async () => {
    const b = baseData(h.ctx);
    await addPledges(h.ctx, b, 2);
    const page = h.page;
    await h.open('#/settings');
    await formItem(page, '归档方式').getByText('按件归档（DA/T 22）').click();
    await formItem(page, '机构代码').locator('input').fill('aw');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => getSettings(h.ctx).archiveMode).toBe('piece');
    expect(getSettings(h.ctx).orgCode).toBe('AW');
    await h.screenshot('archive/settings-archive-mode');

    const v = createVolume(h.ctx, { selection: { kinds: ['pledge'] }, title: '2024年度明白书', checker: '周检查' });
    await exportVolume(h.ctx, v.id, path.join(h.tmp, 'box.pdf'));
    await h.open('#/volumes');
    await page.getByText('档案归档（按件归档）').waitFor();
    await page.getByRole('button', { name: /新建档案盒/ }).waitFor();
    await page.getByText(`盒号 ${String(v.volumeNo).padStart(4, '0')}`).waitFor();
    await page.getByRole('button', { name: /装盒/ }).first().waitFor();
    await h.screenshot('archive/volumes-list-piece');

    await h.open(`#/volumes?id=${v.id}`);
    await page.locator('.volume-page').waitFor();
    // the 件号 column: the registered 4-digit 件号, the full 档号 on hover
    await page.locator('.volume-main [title="A012-WS·2024-D30-AW-0001"]').waitFor();
    await page.locator('.volume-main [title="A012-WS·2024-D30-AW-0002"]').waitFor();
    await h.screenshot('archive/box-items');
  });
});
