/**
 * 四性检测 in Chromium: 案卷归档 → 检测电子档案… checks a chosen package folder and shows the report table (a failed
 * item's row red, with what to fix); the 工作台 shows a package changed after export, found by the start-up re-check.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recheckArchives } from '../../core/archivePackage/checkRecheck';
import { recordExportedPackage } from '../../core/archivePackage/checkRegistry';
import { createUnit } from '../../core/units/service';
import { buildPackage } from '../helpers/archivePackage';
import { startHarness, visible, type Harness } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' }); // not the first-run welcome
});

afterAll(async () => {
  await h?.close();
});

describe('电子档案四性检测', () => {
  test('checks a chosen folder: a page count edited fails 元数据与内容文件一致 in red, the rest pass', async () => {
    const parent = fs.mkdtempSync(path.join(h.tmp, 'pkg-'));
    const p = await buildPackage(parent);
    const xml = fs.readFileSync(p.items[1]!.xml, 'utf8');
    fs.writeFileSync(p.items[1]!.xml, xml.replace('<页数>2</页数>', '<页数>5</页数>'));
    h.ports.folder = p.dir;
    await h.open('#/volumes');
    await (await visible(page.getByTestId('package-check-open'))).click();
    await (await visible(page.getByTestId('package-check-pick'))).click();
    const verdict = await visible(page.getByTestId('package-check-verdict'));
    expect(await verdict.textContent()).toContain('检测结论：不通过');
    const rows = page.locator('[data-testid="package-check-table"] tbody tr');
    expect(await rows.count()).toBe(16);
    const red = page.locator('tr.package-check-failed');
    expect(await red.count()).toBe(2);
    const failedText = (await red.allTextContents()).join('\n');
    expect(failedText).toContain('ZS-04 元数据与内容文件一致');
    expect(failedText).toContain(`${p.items[1]!.no}.pdf”的页数为 2，元数据记为 5：请重新导出该件`);
    expect(failedText).toContain('ZS-02 文件清单摘要与文件一致');
    expect(fs.existsSync(path.join(p.dir, '检测', '检测报告.pdf'))).toBe(true);
    await h.screenshot('package-check-failed');
    await page.getByRole('button', { name: '打开检测报告 PDF' }).click();
    await expect.poll(() => h.ports.opened).toContain(path.join(p.dir, '检测', '检测报告.pdf'));
  });

  test('the 工作台 warns of a package changed after export, with the file and what to do', async () => {
    const parent = fs.mkdtempSync(path.join(h.tmp, 'pkg-'));
    const p = await buildPackage(parent);
    recordExportedPackage(h.ctx, p.dir, { mode: '按件' });
    fs.appendFileSync(p.items[0]!.pdf, '\n');
    await recheckArchives(h.ctx); // what the main process does at start-up
    await h.open('#/');
    const warn = await visible(page.getByTestId('home-archive-changes'));
    const t = (await warn.textContent()) ?? '';
    expect(t).toContain('已封卷的案卷或已导出的电子档案有改动（');
    expect(t).toContain(`电子档案信息包：${path.basename(p.dir)}`);
    expect(t).toContain(`文件/${p.items[0]!.no}/${p.items[0]!.no}.pdf”的大小为`);
    expect(t).toContain('SM3 与 SHA-256 摘要与清单不符：文件在生成信息包后被改动，请从原信息包恢复该文件');
    await h.screenshot('home-archive-changes');
  });
});
