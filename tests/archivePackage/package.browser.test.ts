/** 案卷归档 → 导出电子档案: the modal, the folder dialog, progress, and the result with the 四性检测 verdict. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, sealVolume } from '../../core/volumes';
import { addPledges, baseData } from '../volumes/seed';
import { startHarness, visible, type Harness } from '../helpers/browser';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('导出电子档案', () => {
  it('exports the year chosen as a folder and a .zip, and shows what was made and the check verdict', async () => {
    const b = baseData(h.ctx);
    await addPledges(h.ctx, b, 3);
    const v = createVolume(h.ctx, {
      selection: { kinds: ['pledge'], noticeId: b.notice.id },
      creator: '孙立卷',
      checker: '周检查',
    });
    await sealVolume(h.ctx, v.id, path.join(h.tmp, 'sealed.pdf'), { confirmWarnings: true });
    const dest = path.join(h.tmp, 'U盘');
    fs.mkdirSync(dest);

    await h.open('#/volumes');
    const page = h.page;
    await page.getByRole('button', { name: /导出电子档案/ }).click();
    const modal = page.getByRole('dialog', { name: '导出电子档案（归档信息包）' });
    await visible(modal.getByText(`1 卷，3 件`));
    await modal.getByText('同时生成一个 .zip 压缩文件').click();
    await h.screenshot('package-1-modal');

    // the folder dialog cancelled: nothing happens, the modal stays
    h.ports.folder = null;
    await modal.getByTestId('package-start').click();
    await expect.poll(() => h.ports.folderRequests.length).toBe(1);
    await visible(modal.getByTestId('package-start'));
    expect(fs.readdirSync(dest)).toEqual([]);

    h.ports.folder = dest;
    await modal.getByTestId('package-start').click();
    const result = await visible(modal.getByTestId('package-result'));
    await visible(result.getByText('归档信息包已生成，四性检测通过'));
    const made = fs.readdirSync(dest).sort();
    expect(made).toHaveLength(2);
    const dir = path.join(
      dest,
      made.find((f) => !f.endsWith('.zip'))!,
    );
    expect(made.find((f) => f.endsWith('.zip'))).toBe(`${path.basename(dir)}.zip`);
    expect(fs.existsSync(path.join(dir, 'manifest.xml'))).toBe(true);
    const text = (await result.innerText()).replace(/\s+/g, '');
    expect(text).toContain(dir.replace(/\s+/g, ''));
    expect(text).toContain('3件（1卷）');
    const sm3 = fs.readFileSync(path.join(dir, 'manifest.sm3'), 'utf8').split(/\s+/)[0]!;
    expect(text).toContain(sm3);
    expect(h.ports.shownInFolder).toEqual([dir]);
    await h.screenshot('package-2-result');
    await modal.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => modal.count()).toBe(0);
    expect(h.errors).toEqual([]);
  });
});
