import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { updatePledge } from '../../core/pledges/editing';
import { getVolume, listVolumes } from '../../core/volumes';
import { scan } from '../helpers/ctx';
import { addPledges, baseData, TALKEES } from './seed';
import { chooseOption, formItem, startHarness, type Harness } from '../helpers/browser';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('案卷归档', () => {
  it('creates a volume of 明白书, reorders it, exports the PDF and seals it', async () => {
    const b = baseData(h.ctx);
    await addPledges(h.ctx, b, 3);
    // a fourth 明白书 without its scan: the completeness check lists it
    const [bare] = await addPledges(h.ctx, b, 1, { start: 3, scans: [[]] });

    await h.open('#/volumes');
    const page = h.page;
    await page.getByText('还没有案卷').waitFor();
    await page
      .getByRole('button', { name: /新建案卷/ })
      .first()
      .click();

    // step 1: what goes in
    const drawer = page.getByRole('dialog', { name: '新建案卷' });
    await drawer.getByText('装入哪些材料').waitFor();
    await chooseOption(page, formItem(page, '通知文件').locator('.ant-select'), '禹安〔2024〕1号');
    await h.screenshot('volumes-create-1-selection');
    await drawer.getByRole('button', { name: /下一步：预览卷内文件/ }).click();

    // step 2: the 件 the selection finds
    await drawer.getByText('共 4 件将装入本卷').waitFor();
    await expect.poll(() => drawer.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(4);
    await h.screenshot('volumes-create-2-preview');
    await drawer.getByRole('button', { name: /下一步：填写案卷信息/ }).click();

    // step 3: cover data, prefilled from the settings and a suggested title
    const title = formItem(page, '案卷题名').locator('textarea');
    expect(await title.inputValue()).toBe('禹安〔2024〕1号安全生产对话谈心明白书');
    expect(await formItem(page, '全宗号').locator('input').inputValue()).toBe('A012');
    expect(await formItem(page, '立卷人').locator('input').inputValue()).toBe('孙立卷');
    await formItem(page, '检查人').locator('input').fill('李检查');
    await h.screenshot('volumes-create-3-form');
    await drawer.getByRole('button', { name: /建立案卷/ }).click();

    // the volume page: items and the completeness check
    await page.locator('.volume-page').waitFor();
    const rows = page.locator('.volume-main .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    const check = page.locator('.check-card');
    await check.getByText('明白书缺扫描件').waitFor();
    await check.getByText('问题', { exact: true }).first().waitFor();
    await h.screenshot('volumes-detail-check');

    // reorder: drag the first row onto the second, then move the (new) third up with 上移
    const id = listVolumes(h.ctx)[0]!.id;
    const before = getVolume(h.ctx, id).items.map((i) => i.recordId);
    await rows.nth(0).dragTo(rows.nth(1));
    await page.getByText('顺序已调整，尚未保存').waitFor();
    await page.getByRole('button', { name: /保存顺序/ }).click();
    await page.getByText('卷内顺序已保存').waitFor();
    const after = getVolume(h.ctx, id).items.map((i) => i.recordId);
    expect(after).toEqual([before[1], before[0], before[2], before[3]]);
    await rows.nth(3).getByRole('button', { name: '上移' }).click();
    await page.getByRole('button', { name: /保存顺序/ }).click();
    await expect
      .poll(() => getVolume(h.ctx, id).items.map((i) => i.recordId))
      .toEqual([before[1], before[0], before[3], before[2]]);

    // export the PDF (the test's save dialog answers with a path in the temp folder)
    await page
      .locator('.page-header-extra')
      .getByRole('button', { name: /导出 PDF/ })
      .click();
    await page.getByTestId('export-result').waitFor({ timeout: 90_000 });
    const pdf = h.ports.savedPaths[0]!;
    expect(fs.existsSync(pdf)).toBe(true);
    const text = squash(execFileSync('pdftotext', [pdf, '-']).toString());
    expect(text).toContain('禹安〔2024〕1号安全生产对话谈心明白书');
    expect(text).toContain(TALKEES[0]);
    await expect.poll(() => page.locator('.history-card .ant-table-tbody tr.ant-table-row').count()).toBe(1);

    // seal: the dialog runs the check; the 缺漏 (no scan) blocks sealing, listed
    await page.locator('.page-header-extra').getByRole('button', { name: /封卷/ }).click();
    const dlg = page.getByRole('dialog', { name: '封卷' });
    await dlg.getByText(/组卷检查还有 1 个缺漏，不能封卷/).waitFor({ timeout: 60_000 });
    await dlg.getByText(/没有明白书扫描件/).waitFor();
    expect(await dlg.getByRole('button', { name: /封\s*卷/ }).isDisabled()).toBe(true);
    await h.screenshot('volumes-seal-refused');
    await dlg.getByRole('button', { name: /取\s*消/ }).click();
    expect(getVolume(h.ctx, id).status).toBe('draft');
    // the scan added: sealing goes ahead (any 提示 confirmed one by one with the checkbox)
    const jpg = await storeScan(h.ctx, scan('mingbaishu-scan.jpg'));
    updatePledge(h.ctx, bare!.id, { attachmentIds: [jpg.id] });
    await page.locator('.page-header-extra').getByRole('button', { name: /封卷/ }).click();
    await dlg.locator('.ant-alert-success, .ant-checkbox-input').first().waitFor({ timeout: 60_000 });
    expect(await dlg.getByText(/缺漏/).count()).toBe(0);
    if (await dlg.locator('.ant-checkbox-input').count()) await dlg.locator('.ant-checkbox-input').check();
    await dlg.getByRole('button', { name: /封\s*卷/ }).click();
    const sha = page.getByTestId('seal-sha');
    await sha.waitFor({ timeout: 90_000 });
    const sealed = getVolume(h.ctx, id);
    expect(sealed.status).toBe('sealed');
    expect(await sha.textContent()).toContain(sealed.sha256!);
    await page.locator('.page-header').getByText('已封卷').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '上移' }).count()).toBe(0);
    await h.screenshot('volumes-sealed');
    // 核对封卷: checked now, nothing changed
    await page.getByRole('button', { name: /核对封卷/ }).click();
    await page
      .getByTestId('seal-verify')
      .getByText('封卷时的 PDF 和装订的全部文件、记录均未改动')
      .waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: /案卷列表/ }).click();
    const row = page.getByRole('row', { name: /禹安〔2024〕1号安全生产对话谈心明白书/ });
    await row.getByText('已封卷').waitFor();
    await h.screenshot('volumes-list');
    expect(h.errors).toEqual([]);
  }, 300_000);
});
