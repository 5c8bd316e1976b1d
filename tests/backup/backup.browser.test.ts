/**
 * 数据安全 in Chromium against the real services: 备份到… writes a verified .tar to the folder chosen, 数据检查
 * passes, 从备份恢复… shows what the archive holds and stages the restore after a safety backup, the automatic
 * backup folder can be changed — and 操作日志 filters by record kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHazard } from '../../core/hazards/editing';
import { createUnit } from '../../core/units/service';
import { chooseOption, startHarness, type Harness, visible } from '../helpers/browser';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const town = createUnit(h.ctx, { name: '方山镇', kind: '乡镇' });
  createUnit(h.ctx, { name: '禹州市住房和城乡建设局', kind: '部门' });
  createHazard(h.ctx, {
    enterpriseName: '禹州市方山建材厂',
    townshipUnitId: town.id,
    description: '配电箱未设置漏电保护装置',
    level: '一般',
    foundDate: '2024-03-05',
  });
});

afterAll(async () => {
  await h?.close();
});

describe('数据安全', () => {
  let archive = '';

  test('备份到… writes a verified archive to the folder chosen', async () => {
    await h.open('#/backup');
    await visible(page.getByRole('button', { name: '备份到…' }));
    await h.screenshot('backup-page');

    const usb = path.join(h.tmp, 'U盘');
    fs.mkdirSync(usb);
    h.ports.folder = usb;
    await page.getByRole('button', { name: '备份到…' }).click();
    const result = await visible(page.getByTestId('backup-result'));
    const files = fs.readdirSync(usb);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^安委台账备份_\d{8}-\d{6}\.tar$/);
    archive = path.join(usb, files[0]!);
    const text = await result.innerText();
    expect(text).toContain(files[0]);
    expect(text).toContain('备份完成，已校验');
    expect(text).toMatch(/单位\s*2/);
    expect(text).toMatch(/隐患\s*1/);
    await h.screenshot('backup-done');
  });

  test('数据检查 passes', async () => {
    await page.getByTestId('backup-check').getByRole('button', { name: '开始检查' }).click();
    const report = await visible(page.getByTestId('check-report'));
    await visible(report.getByText('数据检查通过'));
    await expect(report.innerText()).resolves.toContain('1 条（已建索引 1 条）');

    // A write interrupted half-way leaves a temp file: the check says what to do, and 修复 clears it.
    const store = path.join(h.ctx.dataDir, 'attachments', 'ab');
    fs.mkdirSync(store, { recursive: true });
    fs.writeFileSync(path.join(store, 'x.pdf.tmp'), 'half');
    await page.getByTestId('backup-check').getByRole('button', { name: '重新检查' }).click();
    await visible(report.getByText('未写完的临时文件'));
    await expect(report.innerText()).resolves.toContain('处理办法');
    await h.screenshot('backup-check-warning');
    await page.getByTestId('backup-check').getByRole('button', { name: '修复' }).click();
    await visible(report.getByText('数据检查通过'));
    expect(fs.existsSync(path.join(store, 'x.pdf.tmp'))).toBe(false);
  });

  test('从备份恢复… shows the archive, warns, and stages the restore after a safety backup', async () => {
    h.ports.queueFiles(archive);
    await page.getByRole('button', { name: '选择备份文件…' }).click();
    const inspected = await visible(page.getByTestId('backup-inspected'));
    await expect(inspected.innerText()).resolves.toMatch(/单位\s*2/);
    await page.getByRole('button', { name: '恢复此备份…' }).click();
    const confirm = await visible(page.locator('.ant-modal-confirm'));
    await expect(confirm.innerText()).resolves.toContain('恢复前会先把当前数据另存一份安全备份，恢复后程序将重新启动');
    await h.screenshot('backup-restore-confirm');
    await confirm.getByRole('button', { name: '恢复并重新启动' }).click();
    await visible(page.getByText('正在恢复，程序将重新启动'));
    const backups = path.join(h.ctx.dataDir, 'backups');
    expect(fs.readdirSync(backups).some((f) => f.startsWith('恢复前的安全备份_'))).toBe(true);
    expect(fs.existsSync(path.join(h.ctx.dataDir, 'pending-restore.json'))).toBe(true);
  });

  test('the automatic backup folder can be changed; 操作日志 filters by record kind', async () => {
    const auto = path.join(h.tmp, '自动备份盘');
    h.ports.folder = auto;
    const dir = page.getByTestId('auto-backup-dir');
    await expect(dir.innerText()).resolves.toContain(path.join('backups', '自动备份'));
    await page.getByRole('button', { name: '更改文件夹…' }).click();
    await expect.poll(() => dir.innerText()).toBe(auto);
    await h.screenshot('backup-checked');

    await h.open('#/audit');
    const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await visible(rows);
    await chooseOption(page, page.getByLabel('对象类型'), '系统设置');
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('系统设置'))).toBe(true);
    await expect.poll(() => rows.count()).toBe(1);
    await chooseOption(page, page.getByLabel('对象类型'), '隐患');
    await expect.poll(async () => (await rows.allInnerTexts()).join('|')).toContain('方山建材厂');
    await h.screenshot('audit-filtered');
    expect(h.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
