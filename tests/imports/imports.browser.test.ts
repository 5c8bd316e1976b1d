/**
 * 导入报表 end to end in Chromium against the real services: walk the wizard with the 神垕镇 ledger (screenshots of
 * every step), a re-sent ledger with one status changed (对账, then undo from 导入记录), a ledger with an invalid
 * date (error on its row and cell, 导入 disabled, 退回修改表 written) and the damaged file (a Chinese error, nothing
 * written).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { parseReturn } from '../../core/imports/parse';
import { getHazard, listHazards } from '../../core/hazards/service';
import { createNotice } from '../../core/notices/service';
import { createUnit } from '../../core/units/service';
import { TOWNSHIPS, writeLedger } from '../../bench/generate';
import { tableCounts } from '../helpers/ctx';
import { chooseOption, ROOT, startHarness, type Harness, visible } from '../helpers/browser';

const RETURNS = path.join(ROOT, 'tests', 'fixtures', 'returns');
const LEDGER = path.join(RETURNS, '神垕镇_重大事故隐患排查整治台账.xlsx');
const DAMAGED = path.join(RETURNS, '损坏的文件.xlsx');

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
});

const wizard = () => page.getByTestId('import-wizard');
const step = (n: number) => page.getByTestId(`import-step-${n}`);
const count = (key: string) => page.getByTestId(`count-${key}`).locator('.import-count-value');
const allHazards = () => listHazards(h.ctx, { limit: 1000 }).rows;

/** Queues the file in the dialog port and picks it on the first step (or with 重新选择文件…). */
async function pickFile(file: string, opts: { repick?: boolean } = {}) {
  h.ports.queueFiles(file);
  if (opts.repick) await wizard().getByRole('button', { name: '重新选择文件…' }).click();
  else await page.getByTestId('import-pick').click();
}

/** Waits until no preview is running (its progress over the step is gone). */
async function settled() {
  await page.waitForFunction(() => !document.querySelector('.import-wizard [data-testid="import-progress"]'));
}

async function goToStep(n: number, name: string) {
  await wizard().locator('.import-steps .ant-steps-item').filter({ hasText: name }).first().click();
  await visible(step(n));
  await settled();
}

/** A copy of the ledger with one cell changed, saved to a temp file. */
async function editedLedger(name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const parsed = await parseReturn(LEDGER);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(LEDGER);
  edit(wb.getWorksheet(parsed.sheet)!);
  const out = path.join(h.tmp, name);
  await wb.xlsx.writeFile(out);
  return out;
}

describe('导入报表', () => {
  test('the wizard imports the 神垕镇 ledger step by step', async () => {
    await h.open('#/imports');
    await visible(page.getByText('选择单位报送的表格'));
    await expect(page.locator('.shell-sider').getByRole('menuitem', { name: '导入报表' }).count()).resolves.toBe(1);
    await h.screenshot('imports-1-pick');

    await pickFile(LEDGER);
    await visible(step(1));
    await settled();
    const sheets = page.getByTestId('import-sheets');
    await expect(sheets.locator('.import-sheet.is-chosen').innerText()).resolves.toContain('Sheet1');
    await expect(sheets.locator('.import-sheet').filter({ hasText: '填表说明' }).innerText()).resolves.toContain(
      '跳过：填表说明',
    );
    const meta = page.getByTestId('import-meta');
    await expect(meta.innerText()).resolves.toContain('神垕镇人民政府');
    await expect(meta.innerText()).resolves.toContain('42');
    await h.screenshot('imports-2-sheet');

    await wizard()
      .getByRole('button', { name: /下一步/ })
      .click();
    await visible(step(2));
    const mapping = page.getByTestId('mapping-table');
    await expect(mapping.locator('tr').filter({ hasText: '排查时间' }).innerText()).resolves.toContain('发现日期');
    await h.screenshot('imports-3-mapping');
    // The clerk leaves 备注 out: the preview re-runs, and the choice is remembered for this layout on commit.
    await chooseOption(page, page.getByTestId('mapping-N'), '不导入', { type: '不导入' });
    await settled();
    await visible(wizard().getByText('已按您的调整'));
    await expect(mapping.locator('tr').filter({ hasText: '备注' }).innerText()).resolves.toContain('手动指定');

    await wizard()
      .getByRole('button', { name: /下一步/ })
      .click();
    await visible(step(3));
    await settled();
    await expect(count('rows').innerText()).resolves.toBe('42');
    await expect(count('new').innerText()).resolves.toBe('42');
    await expect(count('major').innerText()).resolves.toBe('9');
    await visible(page.getByTestId('import-sample').locator('.ant-table-row').first());
    await h.screenshot('imports-4-preview');

    await page.getByRole('tab', { name: /问题清单/ }).click();
    await visible(page.getByTestId('import-problems').getByText('“立即整改” 不是日期').first());
    await h.screenshot('imports-4-problems');
    await page.getByRole('tab', { name: /数据预览/ }).click();

    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    await expect(page.getByTestId('import-done').innerText()).resolves.toContain('批次 1');
    await h.screenshot('imports-5-done');

    const rows = allHazards();
    expect(rows).toHaveLength(42);
    expect(rows.filter((r) => r.level === '重大')).toHaveLength(9);
  });

  test('a re-sent ledger shows the one changed status in 对账; undo from 导入记录 puts it back', async () => {
    const parsed = await parseReturn(LEDGER);
    if (parsed.kind !== 'hazard') throw new Error('not a ledger');
    const statusCol = parsed.columns.find((c) => c.field === 'status')!;
    const row = parsed.rows.find((r) => r.values.status === '整改中')!;
    const changed = await editedLedger('神垕镇_隐患台账_二次报送.xlsx', (ws) => {
      ws.getCell(`${statusCol.letter}${row.rowNumber}`).value = '已整改';
    });
    const target = allHazards().find(
      (x) => x.description === row.values.description && x.enterpriseName === row.values.enterpriseName,
    )!;
    expect(target.status).toBe('整改中');

    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await pickFile(changed);
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await visible(page.getByTestId('mapping-remembered'));
    await expect(count('changed').innerText()).resolves.toBe('1');
    await expect(count('unchanged').innerText()).resolves.toBe('41');
    await expect(count('new').innerText()).resolves.toBe('0');
    await page.getByRole('tab', { name: /对账/ }).click();
    const changes = await visible(page.getByTestId('import-changes'));
    const text = await changes.innerText();
    expect(text).toMatch(/整改状态\s*整改中\s*已整改/);
    expect(text).toContain(row.values.enterpriseName);
    await h.screenshot('imports-6-reconcile');

    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-done'));
    expect(getHazard(h.ctx, target.id).status).toBe('已整改');

    await page.getByRole('tab', { name: /导入记录/ }).click();
    const batches = page.getByTestId('import-batches').locator('tbody tr.ant-table-row');
    await expect.poll(() => batches.count()).toBe(2);
    // The first batch cannot be undone while the second one changed its rows: the server says so.
    await batches
      .filter({ hasText: '神垕镇_重大事故隐患排查整治台账.xlsx' })
      .getByRole('button', { name: '撤销' })
      .click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销导入' }).click();
    const refusal = await visible(page.getByRole('dialog').filter({ hasText: '不能撤销批次 1' }));
    await expect(refusal.innerText()).resolves.toContain('请先撤销批次 2');
    await refusal.getByRole('button', { name: '知道了' }).click();

    await batches.filter({ hasText: '二次报送' }).getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销导入' }).click();
    await visible(batches.filter({ hasText: '二次报送' }).filter({ hasText: '已撤销' }));
    await h.screenshot('imports-7-history');
    expect(getHazard(h.ctx, target.id).status).toBe('整改中');
    expect(allHazards()).toHaveLength(42);
  });

  test('an invalid date is an error on its row and cell; 导入 is disabled; 退回修改表 is written', async () => {
    const parsed = await parseReturn(LEDGER);
    const dateCol = parsed.columns.find((c) => c.field === 'foundDate')!;
    const row = parsed.rows[6]!;
    const bad = await editedLedger('神垕镇_隐患台账_日期有误.xlsx', (ws) => {
      ws.getCell(`${dateCol.letter}${row.rowNumber}`).value = '2024.13.5';
    });

    await page.getByRole('tab', { name: /导入报表/ }).click();
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await pickFile(bad);
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(count('errors').innerText()).resolves.toBe('1');
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);

    const cell = page.locator(`[data-cell="${dateCol.letter}${row.rowNumber}"]`);
    await visible(cell);
    await expect(cell.getAttribute('class')).resolves.toContain('cell-problem-error');
    await expect(cell.innerText()).resolves.toContain('2024.13.5');
    const badRow = page.getByTestId('import-sample').locator('.ant-table-row').filter({ has: cell });
    await expect(badRow.innerText()).resolves.toContain('不能导入');
    await cell.locator('.cell-problem-content').hover();
    await visible(page.locator('.ant-tooltip').getByText('不是有效日期'));
    await h.screenshot('imports-8-error-cell');
    await page.mouse.move(0, 0);

    await page.getByRole('tab', { name: /问题清单/ }).click();
    const problems = page.getByTestId('import-problems');
    await visible(problems.getByText(`“2024.13.5” 不是有效日期`));
    await expect(problems.innerText()).resolves.toContain(`第${row.rowNumber}行 ${dateCol.letter}列`);
    await h.screenshot('imports-9-problems');

    // 跳过有错误的行 makes the rest importable.
    await page.getByTestId('skip-errors').click();
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(false);
    await page.getByTestId('skip-errors').click();

    const saved = h.ports.savedPaths.length;
    await wizard().getByRole('button', { name: '生成退回修改表…' }).click();
    const done = await visible(page.getByTestId('return-letter-done'));
    await h.screenshot('imports-10-letter');
    const file = h.ports.savedPaths[saved]!;
    await expect(done.innerText()).resolves.toContain(path.basename(file));
    expect(fs.existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const summary = wb.getWorksheet('问题汇总');
    expect(summary).toBeDefined();
    expect(JSON.stringify(summary!.getSheetValues())).toContain('2024.13.5');
    await page.getByRole('button', { name: '知道了' }).click();
  });

  test('a 明白书 summary and a 工作清单 preview with their own fields', async () => {
    await pickFile(path.join(RETURNS, '住建局_明白书签订情况汇总表.xlsx'), { repick: true });
    await visible(step(1));
    await expect(page.getByTestId('import-filebar').innerText()).resolves.toContain('明白书汇总表');
    await goToStep(3, '预览与核对');
    await expect(count('rows').innerText()).resolves.toBe('24');
    await expect(count('signed').innerText()).resolves.toBe('20');
    await expect(page.getByTestId('import-sample').locator('.ant-table-thead').innerText()).resolves.toContain(
      '谈话对象',
    );
    await h.screenshot('imports-12-pledge');

    await pickFile(path.join(RETURNS, '交通运输局_回头看工作清单.xlsx'), { repick: true });
    await visible(step(1));
    await goToStep(3, '预览与核对');
    await expect(count('rows').innerText()).resolves.toBe('4');
    await expect(page.getByTestId('import-counts-extra').innerText()).resolves.toContain('第 2 条');
    await h.screenshot('imports-13-worklist');
  });

  test('下载报送模板 saves a ledger template for a notice', async () => {
    createNotice(h.ctx, {
      docNo: '禹安办〔2024〕5号',
      title: '关于开展重大事故隐患专项排查整治的通知',
      issuedOn: '2024-03-01',
    });
    await h.open('#/imports');
    await page.getByRole('button', { name: '下载报送模板…' }).click();
    const dlg = await visible(page.getByRole('dialog', { name: '下载报送模板' }));
    await chooseOption(page, dlg.locator('.ant-select').first(), '禹安办〔2024〕5号');
    await h.screenshot('imports-14-template');
    const saved = h.ports.savedPaths.length;
    await dlg.getByRole('button', { name: '保存模板…' }).click();
    await dlg.waitFor({ state: 'hidden' });
    const file = h.ports.savedPaths[saved]!;
    expect(path.basename(file)).toContain('隐患台账报送模板');
    expect(fs.existsSync(file)).toBe(true);
  });

  test('the damaged file gives a Chinese error naming it, and nothing is written', async () => {
    const before = tableCounts(h.ctx);
    await pickFile(DAMAGED);
    const err = await visible(page.getByTestId('import-file-error'));
    await expect(err.innerText()).resolves.toMatch(/损坏的文件\.xlsx.*另存为/s);
    await h.screenshot('imports-11-damaged');
    expect(tableCounts(h.ctx)).toEqual(before);
    expect(h.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  test('a large ledger shows a progress bar while it is read and parsed, can be cancelled, and imports with progress', async () => {
    createUnit(h.ctx, { name: '应急管理局', kind: '部门', aliases: ['禹州市应急管理局'] });
    for (const t of TOWNSHIPS)
      if (!h.ctx.sqlite.prepare('select 1 from units where name = ?').get(t))
        createUnit(h.ctx, { name: t, kind: t.endsWith('街道') ? '街道' : '乡镇' });
    const big = path.join(h.tmp, '全市隐患台账_3万行.xlsx');
    writeLedger(big, { rows: 30_000, changedShare: 0, seed: 11 });
    const before = tableCounts(h.ctx);
    // Each chunk of 4,000 rows waits a little, so the bar can be watched and cancelled mid-parse.
    process.env.ANWEI_SLOW_STEP_MS = '400';
    onTestFinished(() => void delete process.env.ANWEI_SLOW_STEP_MS);

    await h.open('#/imports');
    await pickFile(big);
    // The bar moves through the parse, row count by row count.
    const progress = page.getByTestId('import-progress');
    await visible(progress.getByText(/正在逐行解析数据…（[\d,]+ \/ 30,000 行）/), 90_000);
    await expect(progress.locator('.ant-progress').count()).resolves.toBe(1);
    await h.screenshot('imports-15-progress');
    await progress.getByTestId('import-progress-cancel').click();
    // Cancelled: back to choosing a file, no error, nothing written.
    await progress.waitFor({ state: 'detached', timeout: 90_000 });
    await visible(page.getByTestId('import-pick'));
    await expect(page.getByTestId('import-file-error').count()).resolves.toBe(0);
    expect(tableCounts(h.ctx)).toEqual(before);

    await pickFile(big);
    await visible(step(1), 60_000);
    await settled();
    // A choice that re-reads the table shows the same bar over the step; cancelling keeps what was shown.
    const year = page.getByRole('spinbutton', { name: '年份' });
    await expect(year.inputValue()).resolves.toBe('2025');
    await year.fill('2024');
    const over = page.locator('.import-busy');
    await visible(over.getByText(/正在逐行解析数据/), 90_000);
    await h.screenshot('imports-15b-progress-over-step');
    await over.getByTestId('import-progress-cancel').click();
    await over.waitFor({ state: 'detached', timeout: 90_000 });
    await expect(page.getByRole('spinbutton', { name: '年份' }).inputValue()).resolves.toBe('2025');
    await expect(page.getByTestId('import-meta').innerText()).resolves.toContain('30000 行');
    await goToStep(3, '预览与核对');
    await expect(count('rows').innerText()).resolves.toBe('30000');
    await page.getByTestId('import-commit').click();
    const committing = page.getByTestId('import-commit-progress');
    await visible(committing);
    await h.screenshot('imports-16-commit-progress');
    await visible(page.getByTestId('import-done'), 120_000);
    expect(
      (h.ctx.sqlite.prepare('select count(*) n from hazards where deleted_at is null').get() as { n: number }).n,
    ).toBe(before.hazards! + 30_000);
  }, 600_000);
});
