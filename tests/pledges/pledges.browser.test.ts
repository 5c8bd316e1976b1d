/**
 * The 明白书 register end to end in Chromium against the real services: add units, register a notice and what it
 * requires, register 明白书 with scans, find one by search, preview its scans, print the form, and watch the
 * coverage change. Screenshots of every page go to tests/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLEDGE_LEVELS } from '../../core/domain/pledgeLevels';
import { listPledges } from '../../core/pledges/service';
import { createUnit, listUnits } from '../../core/units/service';
import { chooseOption, fillDate, SCANS, startHarness, type Harness, visible, until } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
});

// ---- small helpers --------------------------------------------------------------------------------------------

/** Polls until `fn` returns true (for things that settle after a debounce or a reload). */

const menu = (name: string) => page.locator('.shell-sider').getByRole('menuitem', { name });
const dialog = (name: string) => page.getByRole('dialog', { name });
const tableRows = (testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

async function addUnit(name: string, kind: string, aliases: string[] = []) {
  await page.getByRole('button', { name: '新增单位' }).click();
  const dlg = await visible(dialog('新增单位'));
  await dlg.getByLabel('单位名称').fill(name);
  await chooseOption(page, dlg.getByLabel('类别'), kind);
  for (const a of aliases) {
    await dlg.getByLabel('别名').click();
    await page.keyboard.type(a);
    await page.keyboard.press('Enter');
  }
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await visible(tableRows('unit-table').filter({ hasText: name }));
}

interface PledgeEntry {
  notice?: string;
  level: number;
  talker: string;
  talkerTitle: string;
  talkee: string;
  talkeeTitle: string;
  unit?: string;
  talkDate: string;
  signedDate?: string;
  scan?: string;
}

/** Fills the 登记明白书 drawer; the unit is chosen by typing its first characters, as a clerk would. */
async function fillPledgeForm(d: Locator, e: PledgeEntry) {
  if (e.notice) await chooseOption(page, d.getByLabel('依据通知'), e.notice);
  await chooseOption(page, d.getByLabel('谈话层级'), PLEDGE_LEVELS[e.level - 1]!.name);
  await d.getByLabel('谈话人', { exact: true }).fill(e.talker);
  await d.getByLabel('谈话人职务').fill(e.talkerTitle);
  await d.getByLabel('谈话对象', { exact: true }).fill(e.talkee);
  await d.getByLabel('谈话对象职务').fill(e.talkeeTitle);
  if (e.unit) await chooseOption(page, d.getByLabel('谈话对象单位'), e.unit, { type: e.unit.slice(0, 2) });
  await fillDate(d.getByLabel('谈话日期'), e.talkDate);
  if (e.signedDate) await fillDate(d.getByLabel('签订日期'), e.signedDate);
  if (e.scan) {
    h.ports.queueFiles(path.join(SCANS, e.scan));
    await d.getByRole('button', { name: '添加扫描件…' }).click();
    await visible(d.getByTestId('scan-list').getByText(e.scan));
  }
}

async function openNewPledgeForm(): Promise<Locator> {
  await page.getByRole('button', { name: '登记明白书' }).click();
  return visible(dialog('登记明白书'));
}

async function savePledge(d: Locator) {
  await d.getByTestId('pledge-save').click();
  await d.waitFor({ state: 'hidden' });
}

async function search(text: string, expectedRows: number) {
  const box = page.getByLabel('搜索明白书');
  await box.fill(text);
  await until(`搜索“${text}”后出现 ${expectedRows} 行`, async () => {
    const texts = await tableRows('pledge-table').allTextContents();
    return texts.length === expectedRows && texts.every((t) => t.includes(text));
  });
}

/** Share of clearly non-white pixels in the canvas (a blank render is all white). */
async function inkRatio(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink / (data.length / 4);
  });
}

// ---- the scenario ---------------------------------------------------------------------------------------------

describe('明白书登记', () => {
  test('add units, register a 明白书 with a scan, find it, preview, print, and see the coverage change', async () => {
    // 1. 单位名录: three units through the UI, including the rare character 垕.
    await h.open('#/units');
    await addUnit('神垕镇', '乡镇', ['神垕镇人民政府']);
    await addUnit('方山镇', '乡镇');
    await addUnit('禹州市应急管理局', '部门', ['市应急管理局']);
    const unitRow = tableRows('unit-table').filter({ hasText: '神垕镇' }).first();
    expect(await unitRow.textContent()).toContain('神垕镇人民政府');
    // 垕 must render with a real glyph (not tofu): its width equals that of a common CJK character.
    const widths = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(document.body).font;
      return { rare: c.measureText('垕').width, common: c.measureText('镇').width };
    });
    expect(widths.rare).toBeCloseTo(widths.common, 0);
    await h.screenshot('units');

    // 2. 通知文件: the 文号 is checked as typed, then the notice is saved.
    await menu('通知文件').click();
    await page.getByRole('button', { name: '登记通知' }).click();
    const nd = await visible(dialog('登记通知文件'));
    await nd.getByLabel('文号').fill('禹安2023-1');
    await nd.getByLabel('标题').click();
    await visible(nd.getByText('格式不对'));
    await nd.getByLabel('文号').fill('禹安〔2023〕1号');
    await nd.getByLabel('标题').fill('关于开展安全生产“对话谈心”活动的通知');
    await fillDate(nd.getByLabel('发文日期'), '2023-01-10');
    await fillDate(nd.getByLabel('报送截止日期'), '2023-02-28');
    await nd.getByRole('button', { name: '保存' }).click();
    await nd.waitFor({ state: 'hidden' });
    await visible(tableRows('notice-table').filter({ hasText: '禹安〔2023〕1号' }));
    await h.screenshot('notices');

    // 3. 签订覆盖情况: 神垕镇 must sign 2.
    await menu('签订覆盖情况').click();
    await page.getByRole('button', { name: '设置应签单位…' }).click();
    const rd = await visible(dialog('设置应签单位 · 禹安〔2023〕1号'));
    await rd.getByRole('button', { name: '添加单位' }).click();
    await chooseOption(page, rd.locator('tbody tr.ant-table-row').last().locator('.ant-select'), '神垕镇', {
      type: '神垕',
    });
    await rd.getByLabel('应签份数').fill('2');
    await rd.getByRole('button', { name: '保存' }).click();
    await rd.waitFor({ state: 'hidden' });
    const shenhou = tableRows('coverage-table').filter({ hasText: '神垕镇' });
    await visible(shenhou.getByText('缺 2 份'));
    expect(await page.getByTestId('stat-missing').textContent()).toContain('2');

    // 4. 明白书登记: one with a JPEG scan under the notice …
    await menu('明白书登记').click();
    await visible(page.getByText('还没有登记明白书'));
    const d1 = await openNewPledgeForm();
    await fillPledgeForm(d1, {
      notice: '禹安〔2023〕1号',
      level: 1,
      talker: '王建国',
      talkerTitle: '神垕镇党委书记',
      talkee: '李明',
      talkeeTitle: '神垕镇镇长',
      unit: '神垕镇',
      talkDate: '2023-01-15',
      signedDate: '2023-01-15',
      scan: 'mingbaishu-scan.jpg',
    });
    // Choosing the level pre-filled 留存单位 from 附件2.
    expect(await d1.getByLabel('留存单位').inputValue()).toBe(PLEDGE_LEVELS[0]!.defaultCustody);
    await h.screenshot('pledge-form');
    await savePledge(d1);
    await visible(tableRows('pledge-table').filter({ hasText: '李明' }));

    // … and one with a PDF scan, for a company added from inside the form (新增单位).
    const d2 = await openNewPledgeForm();
    await chooseOption(page, d2.getByLabel('谈话层级'), PLEDGE_LEVELS[2]!.name);
    await d2.getByLabel('谈话人', { exact: true }).fill('赵刚');
    await d2.getByLabel('谈话人职务').fill('市应急管理局副局长');
    await d2.getByLabel('谈话对象', { exact: true }).fill('陈思远');
    await d2.getByLabel('谈话对象职务').fill('总经理');
    await d2.getByLabel('谈话对象单位').click();
    await page.keyboard.type('钧瓷');
    await page.getByRole('button', { name: '新增单位“钧瓷”' }).click();
    const qd = await visible(dialog('新增单位'));
    await qd.getByLabel('单位名称').fill('禹州市钧瓷实业有限公司');
    await chooseOption(page, qd.getByLabel('类别'), '企业');
    await qd.getByRole('button', { name: '添加并选用' }).click();
    await qd.waitFor({ state: 'hidden' });
    await visible(
      d2
        .locator('.ant-select-content', { hasText: '禹州市钧瓷实业有限公司' })
        .or(d2.getByTitle('禹州市钧瓷实业有限公司')),
    );
    await fillDate(d2.getByLabel('谈话日期'), '2023-02-20');
    // 已签订 needs its 签订日期 (issue 16).
    await fillDate(d2.getByLabel('签订日期'), '2023-02-20');
    h.ports.queueFiles(path.join(SCANS, 'zicha-baogao-3pages.pdf'));
    await d2.getByRole('button', { name: '添加扫描件…' }).click();
    await visible(d2.getByTestId('scan-list').getByText('zicha-baogao-3pages.pdf'));
    await savePledge(d2);
    await until('列表中有 2 份明白书', async () => (await tableRows('pledge-table').count()) === 2);
    await h.screenshot('pledges-list');

    // 5. Search by the talkee's name: exactly that row.
    await search('李明', 1);
    const row = tableRows('pledge-table').first();
    expect(await row.textContent()).toContain('李明');
    expect(await row.textContent()).toContain('神垕镇');
    expect(await row.textContent()).toContain('1 份');

    // 6. Detail with the image preview.
    await row.getByRole('button', { name: '查看' }).click();
    const dd = await visible(dialog('明白书 · 李明（一级）'));
    const img = await visible(dd.getByTestId('scan-image'));
    await until(
      '扫描件图片已显示',
      async () => (await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0,
    );
    await h.screenshot('pledge-detail-image');
    // 用系统程序打开: the stored copy in the attachment library goes to the system viewer.
    await dd.getByRole('button', { name: '用系统程序打开' }).click();
    await until('扫描件已用系统程序打开', async () => h.ports.opened.length === 1);
    expect(h.ports.opened[0]).toMatch(/attachments[\\/][0-9a-f]{2}[\\/][0-9a-f]{64}\.jpg$/);

    // 7. Print: the form opens in the print preview; 另存为… writes it where the (test) save dialog said.
    await dd.getByRole('button', { name: '打印明白书' }).click();
    const preview = await visible(
      page.locator('.ant-modal').filter({ hasText: '打印预览 · 安全生产责任明白书 · 李明' }),
    );
    const pvCanvas = preview.getByTestId('print-preview-canvas');
    await until('明白书预览已绘制', async () => (await pvCanvas.getAttribute('data-rendered')) === 'yes', 90_000);
    await preview.getByRole('button', { name: '另存为…' }).click();
    await until('明白书已另存', () => h.ports.savedPaths.length === 1 && fs.existsSync(h.ports.savedPaths[0]!));
    const printed = h.ports.savedPaths[0]!;
    await preview.getByRole('button', { name: 'Close' }).or(preview.locator('.ant-modal-close')).first().click();
    await preview.waitFor({ state: 'hidden' });
    const text = pdfText(printed).replace(/\s+/g, '');
    expect(text).toContain('安全生产责任明白书');
    expect(text).toContain('李明');
    await dd.getByRole('button', { name: 'Close' }).or(dd.locator('.ant-drawer-close')).first().click();
    await dd.waitFor({ state: 'hidden' });

    // 8. The PDF scan: first page drawn by pdf.js, not blank.
    await search('陈思远', 1);
    await tableRows('pledge-table').first().getByRole('button', { name: '查看' }).click();
    const pd = await visible(dialog('明白书 · 陈思远（三级）'));
    const canvas = pd.getByTestId('scan-pdf-canvas');
    await until('PDF 第一页已绘制', async () => (await canvas.getAttribute('data-rendered')) === 'yes', 90_000);
    expect(await inkRatio(canvas)).toBeGreaterThan(0.01);
    await visible(pd.getByText('共 3 页'));
    await h.screenshot('pledge-detail-pdf');

    // 9. Edit from the detail: add the 签订日期; the drawer and the list show it.
    await pd.getByRole('button', { name: '编辑' }).click();
    const ed = await visible(dialog('编辑明白书（陈思远）'));
    expect(await ed.getByLabel('谈话对象', { exact: true }).inputValue()).toBe('陈思远');
    await fillDate(ed.getByLabel('签订日期'), '2023-02-21');
    await savePledge(ed);
    await visible(pd.getByText('2023-02-21'));
    await pd.locator('.ant-drawer-close').first().click();
    await pd.waitFor({ state: 'hidden' });
    await visible(tableRows('pledge-table').first().getByText('2023-02-21'));
    await page.getByLabel('搜索明白书').fill('');

    // 10. Coverage now: 神垕镇 缺 1, 已签 1.
    await menu('签订覆盖情况').click();
    await visible(tableRows('coverage-table').filter({ hasText: '神垕镇' }).getByText('缺 1 份'));
    expect(await page.getByTestId('stat-missing').textContent()).toContain('1');
    expect(await page.getByTestId('stat-signed').textContent()).toContain('1');
    await h.screenshot('coverage');

    // 11. The database holds the rows.
    const all = listPledges(h.ctx, {});
    expect(all.total).toBe(2);
    const li = all.rows.find((p) => p.talkeeName === '李明')!;
    expect(li).toMatchObject({
      level: 1,
      talkerName: '王建国',
      talkeeUnitName: '神垕镇',
      noticeDocNo: '禹安〔2023〕1号',
      talkDate: '2023-01-15',
      signedDate: '2023-01-15',
      status: '已签订',
      custody: PLEDGE_LEVELS[0]!.defaultCustody,
    });
    expect(li.attachments.map((a) => a.originalName)).toEqual(['mingbaishu-scan.jpg']);
    const chen = all.rows.find((p) => p.talkeeName === '陈思远')!;
    expect(chen.talkeeUnitName).toBe('禹州市钧瓷实业有限公司');
    expect(chen.noticeId).toBeNull();
    expect(chen.attachments[0]).toMatchObject({ mime: 'application/pdf', pageCount: 3 });
    expect(chen).toMatchObject({ signedDate: '2023-02-21', version: 2 });

    // 12. The log shows what was done; expanding the edit shows what changed.
    await menu('操作日志').click();
    const auditRow = tableRows('audit-table').filter({ hasText: '修改明白书' }).filter({ hasText: '陈思远' });
    await visible(auditRow);
    await auditRow.locator('.ant-table-row-expand-icon').click();
    const diff = await visible(page.locator('.audit-diff'));
    expect(await diff.textContent()).toContain('修改了 1 项');
    expect(await diff.locator('tr', { hasText: '签订日期' }).textContent()).toContain('2023-02-21');
    await h.screenshot('audit');

    // 13. Settings: the office name shows in the header after saving.
    await menu('设置').click();
    const office = page.getByLabel('办公室名称');
    await visible(office);
    await until('设置已加载', async () => (await office.inputValue()) !== '');
    await office.fill('禹州市安全生产委员会办公室（测试）');
    await page.getByRole('button', { name: '保存设置' }).click();
    await visible(page.getByTestId('office-name').getByText('禹州市安全生产委员会办公室（测试）'));
    await visible(page.getByText(h.ctx.dataDir, { exact: true }));
    await page.getByRole('button', { name: '打开数据目录' }).click();
    await until('数据目录已在文件管理器中显示', async () => h.ports.shownInFolder.length === 1);
    expect(h.ports.shownInFolder[0]).toBe(path.join(h.ctx.dataDir, 'anwei.db'));
    // 更改数据目录…: cancelling the folder dialog changes nothing and says nothing.
    await page.getByRole('button', { name: '更改数据目录…' }).click();
    await page.getByRole('dialog', { name: '更改数据目录' }).getByRole('button', { name: '选择文件夹…' }).click();
    await page.getByRole('dialog', { name: '更改数据目录' }).waitFor({ state: 'hidden' });
    await h.screenshot('settings');

    expect(h.errors).toEqual([]);
  });

  test('a rejected 明白书 shows the server’s Chinese message and writes nothing', async () => {
    if (!listUnits(h.ctx, {}).some((u) => u.name === '方山镇')) createUnit(h.ctx, { name: '方山镇', kind: '乡镇' });
    const count = (table: string) =>
      (h.ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { pledges: count('pledges'), attachments: count('attachments'), links: count('pledge_attachments') };

    await h.open('#/pledges');
    const d = await openNewPledgeForm();
    // A damaged scan is refused by the main process with a message naming the file.
    h.ports.queueFiles(path.join(SCANS, 'damaged-scan.pdf'));
    await d.getByRole('button', { name: '添加扫描件…' }).click();
    const scanError = await visible(d.getByTestId('scan-error'));
    expect(await scanError.textContent()).toContain('文件“damaged-scan.pdf”已损坏');
    await scanError.scrollIntoViewIfNeeded();
    await h.screenshot('pledge-form-scan-error');
    await d.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));

    // 签订日期 before 谈话日期: the server refuses; the message shows at the top and on the field.
    await fillPledgeForm(d, {
      level: 2,
      talker: '孙立',
      talkerTitle: '副市长',
      talkee: '周涛',
      talkeeTitle: '镇长',
      unit: '方山镇',
      talkDate: '2024-03-10',
      signedDate: '2024-03-05',
    });
    await d.getByTestId('pledge-save').click();
    const formError = await visible(d.getByTestId('pledge-form-error'));
    expect(await formError.textContent()).toContain('签订日期不能早于谈话日期');
    await visible(d.locator('.ant-form-item-explain-error', { hasText: '签订日期不能早于谈话日期' }));
    await h.screenshot('pledge-form-errors');

    expect({
      pledges: count('pledges'),
      attachments: count('attachments'),
      links: count('pledge_attachments'),
    }).toEqual(before);
    expect(h.errors).toEqual([]);
  });
});
